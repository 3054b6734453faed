// An incident's loss list and its Merkle tree, as the pallet and the incident CLI build them:
// leaf `i` = SCALE((i: u32, account: AccountId32, amount: u128)), BLAKE2b-256 hashes, nodes paired
// left to right (parent = hash(left ++ right)) and an odd last node promoted unchanged.
import { u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

const HASH = 32;
const LEAF = 4 + 32 + 16;
const U64 = (1n << 64n) - 1n;
export const MAX_AMOUNT = (1n << 128n) - 1n;

const hash = (data: Uint8Array) => blake2AsU8a(data, 256);

/** A leaf's 52 bytes: `index` u32 LE ++ the 32-byte account ++ `amount` u128 LE. */
export function leafBytes(index: number, account: Uint8Array, amount: bigint): Uint8Array {
  const leaf = new Uint8Array(LEAF);
  const view = new DataView(leaf.buffer);
  view.setUint32(0, index, true);
  leaf.set(account, 4);
  view.setBigUint64(36, amount & U64, true);
  view.setBigUint64(44, amount >> 64n, true);
  return leaf;
}

/**
 * The tree over some leaves, built once level by level (each level's 32-byte nodes in one array,
 * leaf hashes first, the root last): O(n) to build, then O(log n) for a proof.
 */
export class MerkleTree {
  readonly levels: Uint8Array[];
  readonly width: number;

  constructor(leaves: readonly Uint8Array[]) {
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
  get root(): Uint8Array {
    return this.width ? this.levels[this.levels.length - 1] : new Uint8Array(HASH);
  }

  /** The siblings from leaf `index` up; a promoted node adds none at its level. */
  proof(index: number): Uint8Array[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.width) throw new Error(`No leaf ${index} among ${this.width}`);
    const proof: Uint8Array[] = [];
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

/** Whether `leaf` is leaf `index` of the `width`-leaf tree with `root`, as the pallet checks it. */
export function verifyProof(root: Uint8Array, width: number, index: number, leaf: Uint8Array, proof: Uint8Array[]): boolean {
  if (index >= width) return false;
  let node = hash(leaf);
  let position = index;
  let nodes = width;
  for (const sibling of proof) {
    const pair = new Uint8Array(2 * HASH);
    const right = position % 2 === 1 || position + 1 === nodes;
    pair.set(right ? sibling : node, 0);
    pair.set(right ? node : sibling, HASH);
    node = hash(pair);
    position = Math.floor(position / 2);
    nodes = Math.floor((nodes - 1) / 2) + 1;
  }
  return u8aEq(node, root);
}

export interface LossLeaf {
  index: number;
  /** As the list writes it (SS58). */
  account: string;
  publicKey: Uint8Array;
  amount: bigint;
}

/** A published loss list, rebuilt: its tree and the root, total and victims its leaves make. */
export interface LossList {
  ss58Prefix: number;
  /** Hex, as the leaves hash to (checked against the list's own `root`, or the one the caller expects). */
  root: string;
  total: bigint;
  victims: number;
  leaves: LossLeaf[];
  tree: MerkleTree;
}

interface Published {
  version?: unknown;
  ss58Prefix?: unknown;
  root?: unknown;
  total?: unknown;
  victims?: unknown;
  leaves?: { index?: unknown; account?: unknown; amount?: unknown }[];
}

/** A decimal amount string of a list (planck), below 2^128. */
function amountOf(value: unknown, where: string): bigint {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new Error(`${where}: the amount must be a decimal string`);
  const amount = BigInt(value);
  if (amount > MAX_AMOUNT) throw new Error(`${where}: the amount exceeds a u128`);
  return amount;
}

/** The root a list must hash to, other than its own `root`: e.g. an incident's, named `incident 3's root`. */
export interface ExpectedRoot {
  root: string;
  name: string;
}

/** The leaves hash to another root than the expected one. */
export class RootMismatch extends Error {}

/**
 * Reads a published loss list (`{ version: 1, ss58Prefix, root, total, victims, leaves: [{ index,
 * account, amount }] }`) and rebuilds its tree. Throws with what is wrong: first a root other than
 * `expected`'s (a `RootMismatch`), then a root, total or count of victims other than the list's own.
 */
export function parseLossList(text: string, expected?: ExpectedRoot): LossList {
  let json: Published;
  try {
    json = JSON.parse(text) as Published;
  } catch {
    throw new Error('This is not JSON: choose the published loss list of the incident.');
  }
  if (json?.version !== 1 || !Array.isArray(json.leaves)) throw new Error('This is not a published loss list (version 1 with its leaves).');
  const leaves = json.leaves.map(({ index, account, amount }, i): LossLeaf => {
    const where = `Leaf ${i}`;
    if (index !== i) throw new Error(`${where}: its index is ${String(index)}; the leaves must be in order from 0`);
    if (typeof account !== 'string') throw new Error(`${where}: no account`);
    let publicKey: Uint8Array;
    try {
      publicKey = decodeAddress(account);
    } catch (error) {
      throw new Error(`${where}: ${account} is not an address (${(error as Error).message})`);
    }
    if (publicKey.length !== 32) throw new Error(`${where}: ${account} is not a 32-byte account`);
    return { index: i, account, publicKey, amount: amountOf(amount, where) };
  });
  const tree = new MerkleTree(leaves.map((l) => leafBytes(l.index, l.publicKey, l.amount)));
  const root = u8aToHex(tree.root);
  if (expected && !sameHex(root, expected.root)) {
    throw new RootMismatch(`This list does not match ${expected.name}: its leaves hash to ${root}, not to ${expected.root}. It is not that list, or it was changed: do not rely on it.`);
  }
  if (typeof json.root !== 'string' || !sameHex(root, json.root)) {
    throw new Error(`The leaves hash to ${root}, not to the list's root ${String(json.root)}: the file was changed.`);
  }
  const total = leaves.reduce((sum, leaf) => sum + leaf.amount, 0n);
  if (amountOf(json.total, 'The list\'s total') !== total) throw new Error(`The leaves add up to ${total}, not to the list's total ${String(json.total)}.`);
  if (json.victims !== leaves.length) throw new Error(`The list says ${String(json.victims)} victims but has ${leaves.length} leaves.`);
  return { ss58Prefix: Number(json.ss58Prefix ?? 42), root, total, victims: leaves.length, leaves, tree };
}

const sameHex = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The leaves of `address` (any SS58 prefix) in `list`; throws if it is not an address. */
export function leavesOf(list: LossList, address: string): LossLeaf[] {
  const key = decodeAddress(address.trim());
  return list.leaves.filter((leaf) => u8aEq(leaf.publicKey, key));
}

/** Leaf `leaf`'s proof as hex hashes (the call's `Vec<H256>`). */
export const proofOf = (list: LossList, leaf: LossLeaf): string[] => list.tree.proof(leaf.index).map((node) => u8aToHex(node));
