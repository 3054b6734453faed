// An incident's loss list as a Merkle tree, as the pallet and the incident CLI build it
// (polkadot-sdk's `binary-merkle-tree`): leaf `i` = SCALE((i: u32, account: AccountId32, amount:
// u128)), BLAKE2b-256 hashes, nodes paired left to right (parent = hash(left ++ right)) and an odd
// last node promoted unchanged.
import { blake2, decodeAccount, equalBytes, toBytes } from './bytes.js';

const HASH = 32;
const LEAF = 4 + 32 + 16;
const U64 = (1n << 64n) - 1n;
/** The largest amount of a leaf (a u128). */
export const MAX_AMOUNT = (1n << 128n) - 1n;

const hash = (data) => blake2(data, HASH);

/** A leaf's 52 bytes: `index` u32 LE ++ the account's 32 bytes (bytes, or an address) ++ `amount` u128 LE. */
export function leafBytes(index, account, amount) {
  const leaf = new Uint8Array(LEAF);
  const view = new DataView(leaf.buffer);
  view.setUint32(0, index, true);
  leaf.set(typeof account === 'string' ? decodeAccount(account) : account, 4);
  view.setBigUint64(36, amount & U64, true);
  view.setBigUint64(44, amount >> 64n, true);
  return leaf;
}

/**
 * The tree over some leaves, built once level by level (each level's 32-byte nodes in one array,
 * leaf hashes first, the root last): O(n) to build, then O(log n) for a proof.
 */
export class MerkleTree {
  constructor(leaves) {
    const width = leaves.length;
    this.width = width;
    const level = new Uint8Array(width * HASH);
    leaves.forEach((leaf, i) => level.set(hash(leaf), HASH * i));
    this.levels = [level];
    for (let nodes = width; nodes > 1; nodes = Math.ceil(nodes / 2)) {
      const below = this.levels[this.levels.length - 1];
      const above = new Uint8Array(Math.ceil(nodes / 2) * HASH);
      // A pair is 64 adjacent bytes of the level below: hashed in place.
      for (let pair = 0; 2 * pair + 1 < nodes; pair++) above.set(hash(below.subarray(2 * pair * HASH, (2 * pair + 2) * HASH)), pair * HASH);
      if (nodes % 2) above.set(below.subarray((nodes - 1) * HASH), above.length - HASH);
      this.levels.push(above);
    }
  }

  /** The root: the single top node; 32 zero bytes for no leaves. */
  get root() {
    return this.width ? this.levels[this.levels.length - 1] : new Uint8Array(HASH);
  }

  /** The siblings from leaf `index` up; a promoted node adds none at its level. */
  proof(index) {
    if (!Number.isInteger(index) || index < 0 || index >= this.width) throw new Error(`No leaf ${index} among ${this.width}`);
    const proof = [];
    let position = index;
    for (const level of this.levels.slice(0, -1)) {
      const nodes = level.length / HASH;
      const sibling = position % 2 ? position - 1 : position + 1 < nodes ? position + 1 : undefined;
      if (sibling !== undefined) proof.push(level.slice(sibling * HASH, (sibling + 1) * HASH));
      position = Math.floor(position / 2);
    }
    return proof;
  }
}

/** Whether `leaf` is leaf `index` of the `width`-leaf tree with `root`, by `proof`, as the pallet checks it (hashes as bytes or hex). */
export function verifyProof(root, width, index, leaf, proof) {
  if (index >= width) return false;
  let node = hash(leaf);
  let position = index;
  let nodes = width;
  for (const sibling of proof) {
    const pair = new Uint8Array(2 * HASH);
    const right = position % 2 === 1 || position + 1 === nodes;
    pair.set(right ? toBytes(sibling) : node, 0);
    pair.set(right ? node : toBytes(sibling), HASH);
    node = hash(pair);
    position = Math.floor(position / 2);
    nodes = Math.floor((nodes - 1) / 2) + 1;
  }
  return equalBytes(node, root);
}
