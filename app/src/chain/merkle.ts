// An incident's published loss list, read and checked against its root; the tree itself (leaves,
// root, proofs, as the pallet and the incident CLI build them) is the client's.
import { decodeAccount, leafBytes, MAX_AMOUNT, MerkleTree } from '@security-pool/client/rules';
import { equalBytes, toHex } from './bytes';

export { leafBytes, MAX_AMOUNT, MerkleTree, verifyProof } from '@security-pool/client/rules';

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
      publicKey = decodeAccount(account);
    } catch (error) {
      throw new Error(`${where}: ${account} is not an address (${(error as Error).message})`);
    }
    return { index: i, account, publicKey, amount: amountOf(amount, where) };
  });
  const tree = new MerkleTree(leaves.map((l) => leafBytes(l.index, l.publicKey, l.amount)));
  const root = toHex(tree.root);
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
  const key = decodeAccount(address.trim());
  return list.leaves.filter((leaf) => equalBytes(leaf.publicKey, key));
}

/** Leaf `leaf`'s proof as hex hashes (the call's `Vec<H256>`). */
export const proofOf = (list: LossList, leaf: LossLeaf): string[] => list.tree.proof(leaf.index).map((node) => toHex(node));
