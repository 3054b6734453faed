// The app's Merkle module (src/chain/merkle.ts) for Node, bundled with esbuild (Vite's own) so that
// the tests run the very code the browser does, and published loss lists made with it.
import { build } from 'esbuild';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { OUTPUT } from './harness.js';

export async function appMerkle() {
  const outfile = join(OUTPUT, 'merkle.mjs');
  await build({
    entryPoints: [new URL('../src/chain/merkle.ts', import.meta.url).pathname],
    bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile,
  });
  return import(outfile);
}

/** The published list (`{ version: 1, ss58Prefix: 42, root, total, victims, leaves }`) of `[account, amount]` pairs. */
export function publishedList({ MerkleTree, leafBytes }, entries) {
  const leaves = entries.map(([account, amount], index) => ({ index, account, amount: String(amount) }));
  const tree = new MerkleTree(leaves.map(({ index, account, amount }) => leafBytes(index, decodeAddress(account), BigInt(amount))));
  const total = entries.reduce((sum, [, amount]) => sum + BigInt(amount), 0n);
  return { version: 1, ss58Prefix: 42, root: u8aToHex(tree.root), total: String(total), victims: leaves.length, leaves };
}
