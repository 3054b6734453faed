// The app's loss-list Merkle tree (src/chain/merkle.ts): the shape the pallet verifies (proofs of
// every leaf of every small tree), the root and every proof of the incident CLI's fixture byte for
// byte, and the checks of a published list (a changed amount, another list, a wrong total).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { appMerkle, publishedList } from './loss-list.js';

const FIXTURES = new URL('../../tools/incident/fixtures/', import.meta.url).pathname;
const merkle = await appMerkle();
await cryptoWaitReady();

/** `n` distinct accounts, made from their index. */
const accounts = (n) => Array.from({ length: n }, (_, i) => encodeAddress(blake2AsU8a(new Uint8Array(new Uint32Array([i]).buffer), 256), 42));

test('a leaf is index u32 LE ++ account ++ amount u128 LE', () => {
  const account = decodeAddress(accounts(1)[0]);
  const leaf = merkle.leafBytes(0x01020304, account, (1n << 100n) + 5n);
  assert.equal(leaf.length, 52);
  assert.deepEqual([...leaf.subarray(0, 4)], [4, 3, 2, 1]);
  assert.deepEqual(leaf.subarray(4, 36), account);
  assert.equal(u8aToHex(leaf.subarray(36)), '0x05000000000000000000000010000000');
});

test('roots of no leaf and one leaf; every proof of every tree up to 70 leaves verifies, and only for its own leaf', () => {
  assert.equal(u8aToHex(new merkle.MerkleTree([]).root), `0x${'00'.repeat(32)}`);
  const one = merkle.leafBytes(0, decodeAddress(accounts(1)[0]), 7n);
  assert.deepEqual(new merkle.MerkleTree([one]).root, blake2AsU8a(one, 256));
  const all = accounts(70).map((a, i) => merkle.leafBytes(i, decodeAddress(a), BigInt(1000 + i)));
  for (let n = 1; n <= 70; n++) {
    const leaves = all.slice(0, n);
    const tree = new merkle.MerkleTree(leaves);
    for (let i = 0; i < n; i++) {
      const proof = tree.proof(i);
      assert.ok(proof.length <= Math.ceil(Math.log2(n)), `${n} leaves: proof of ${i} has ${proof.length} hashes`);
      assert.ok(merkle.verifyProof(tree.root, n, i, leaves[i], proof), `${n} leaves: proof of ${i}`);
      assert.ok(!merkle.verifyProof(tree.root, n, i, leaves[(i + 1) % n], proof) || n === 1, `${n} leaves: another leaf with the proof of ${i}`);
    }
    assert.ok(!merkle.verifyProof(tree.root, n, n, leaves[0], tree.proof(0)), 'an index beyond the victims');
  }
});

test("the incident CLI's fixture: the same root and, byte for byte, the same proof of every leaf", () => {
  assert.ok(existsSync(`${FIXTURES}list.json`), `the CLI's fixture is in ${FIXTURES}`);
  const text = readFileSync(`${FIXTURES}list.json`, 'utf8');
  const published = JSON.parse(text);
  const list = merkle.parseLossList(text);
  assert.equal(list.root, published.root);
  assert.equal(list.victims, published.victims);
  assert.equal(list.total.toString(), published.total);
  const proofs = JSON.parse(readFileSync(`${FIXTURES}proofs.json`, 'utf8'));
  assert.equal(proofs.length, list.victims, 'a proof for every leaf');
  for (const expected of proofs) {
    const [leaf] = merkle.leavesOf(list, expected.account).filter((l) => l.index === expected.index);
    assert.ok(leaf, `leaf ${expected.index} of ${expected.account}`);
    assert.equal(leaf.amount.toString(), String(expected.amount));
    assert.deepEqual(merkle.proofOf(list, leaf), expected.proof, `proof of leaf ${expected.index}`);
    const leafBytes = merkle.leafBytes(leaf.index, leaf.publicKey, leaf.amount);
    assert.ok(merkle.verifyProof(list.tree.root, list.victims, leaf.index, leafBytes, list.tree.proof(leaf.index)));
  }
  console.log(`fixture: ${list.victims} leaves, root ${list.root}, ${proofs.length} proofs equal`);
});

test('a published list is checked: its own root, the expected root, its total, its order', () => {
  const entries = accounts(5).map((a, i) => [a, 10n ** 12n * BigInt(i + 1)]);
  const published = publishedList(merkle, entries);
  const text = JSON.stringify(published);
  const list = merkle.parseLossList(text, { root: published.root, name: "incident 0's root" });
  assert.equal(list.root, published.root);
  assert.deepEqual(merkle.leavesOf(list, entries[3][0]).map((l) => l.index), [3]);
  assert.deepEqual(merkle.leavesOf(list, encodeAddress(decodeAddress(entries[3][0]), 0)).map((l) => l.index), [3], 'any SS58 prefix');
  assert.deepEqual(merkle.leavesOf(list, accounts(6)[5]), []);

  const changed = structuredClone(published);
  changed.leaves[2].amount = String(BigInt(changed.leaves[2].amount) + 1n);
  assert.throws(() => merkle.parseLossList(JSON.stringify(changed)), /not to the list's root .*: the file was changed/);
  const expected = { root: published.root, name: "incident 0's root" };
  assert.throws(() => merkle.parseLossList(JSON.stringify(changed), expected), (error) => error instanceof merkle.RootMismatch && /does not match incident 0's root/.test(error.message));
  const other = publishedList(merkle, entries.slice(1));
  assert.throws(() => merkle.parseLossList(JSON.stringify(other), expected), /does not match incident 0's root/);
  assert.throws(() => merkle.parseLossList(JSON.stringify({ ...published, total: '1' })), /add up to .*, not to the list's total 1/);
  assert.throws(() => merkle.parseLossList(JSON.stringify({ ...published, victims: 4 })), /says 4 victims but has 5 leaves/);
  const swapped = structuredClone(published);
  swapped.leaves[0].index = 1;
  assert.throws(() => merkle.parseLossList(JSON.stringify(swapped)), /Leaf 0: its index is 1/);
  assert.throws(() => merkle.parseLossList('{'), /not JSON/);
});

test('a 100,000-leaf list: parse, root check and the last proof (time printed, not asserted)', () => {
  const n = 100_000;
  const published = publishedList(merkle, accounts(n).map((a, i) => [a, 1_000_000n + BigInt(i)]));
  const text = JSON.stringify(published);
  const started = performance.now();
  const list = merkle.parseLossList(text, { root: published.root, name: 'the root' });
  const [last] = merkle.leavesOf(list, published.leaves[n - 1].account);
  const proof = merkle.proofOf(list, last);
  const seconds = (performance.now() - started) / 1000;
  assert.equal(last.index, n - 1);
  assert.ok(merkle.verifyProof(list.tree.root, n, last.index, merkle.leafBytes(last.index, last.publicKey, last.amount), list.tree.proof(last.index)));
  assert.equal(proof.length, 10, 'the last of 100,000 leaves is promoted at 7 of its 17 levels');
  console.log(`100,000 leaves (${(text.length / 1e6).toFixed(1)} MB) in Node: parse + root check + last proof in ${seconds.toFixed(2)} s`);
});
