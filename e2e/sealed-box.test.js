// Sealed boxes without a node: our helper and libsodium open each other's boxes, a hunter's
// report sealed to the council opens to the bytes it committed to, and a tampered box or a wrong
// key does not open.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import sodium from 'libsodium-wrappers';
import { stringToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import {
  SEAL_OVERHEAD, commitment, councilKeyPair, devAccounts, open, openFinding, seal, sealFinding,
} from '@security-pool/client';

let dev;

before(async () => {
  dev = await devAccounts();
  await sodium.ready;
});

/** Messages of the lengths that matter: empty, short, and the largest report (`MaxReportLen`). */
const messages = [new Uint8Array(0), stringToU8a('a report'), new Uint8Array(4096).map((_, i) => i % 251)];

test('libsodium opens our sealed boxes and we open libsodium\'s', () => {
  const council = councilKeyPair();
  const theirs = sodium.crypto_box_keypair();
  for (const message of messages) {
    const ours = seal(message, theirs.publicKey);
    assert.equal(ours.length, message.length + SEAL_OVERHEAD);
    assert.deepEqual(sodium.crypto_box_seal_open(ours, theirs.publicKey, theirs.privateKey), message);
    const sealed = sodium.crypto_box_seal(message, council.publicKey);
    assert.deepEqual(open(sealed, council), message);
  }
  // The same key pair in both libraries.
  const fromSecret = councilKeyPair(theirs.privateKey);
  assert.deepEqual(fromSecret.publicKey, theirs.publicKey);
});

test('a report sealed to the council opens to the bytes that hash to the commitment', () => {
  const council = councilKeyPair();
  const report = stringToU8a('Reentrancy in the vault\'s withdraw drains the pool.');
  const salt = blake2AsU8a(stringToU8a('the hunter\'s salt'));
  const committed = commitment(dev.bob.address, report, salt);

  const sealed = sealFinding(report, salt, council.publicKey);
  // Sealing is randomized: the same report never gives the same ciphertext twice.
  assert.notDeepEqual(sealFinding(report, salt, council.publicKey), sealed);
  const opened = openFinding(sealed, council);
  assert.deepEqual(opened.report, report);
  assert.deepEqual(opened.salt, salt);
  // The council's check: the opened finding hashes with the submitter to the commitment. The
  // same sealed bytes filed by a copier (Charlie) prove nothing for Charlie's filing.
  assert.equal(commitment(dev.bob.address, opened.report, opened.salt), committed);
  assert.notEqual(commitment(dev.charlie.address, opened.report, opened.salt), committed);
});

test('a tampered box, a short one or a wrong key does not open', () => {
  const council = councilKeyPair();
  const sealed = seal(messages[1], council.publicKey);
  // A flipped bit in the ephemeral key, the MAC or the ciphertext.
  for (const at of [0, 40, sealed.length - 1]) {
    const tampered = sealed.slice();
    tampered[at] ^= 1;
    assert.throws(() => open(tampered, council), /cannot be opened/);
  }
  assert.throws(() => open(sealed.subarray(0, SEAL_OVERHEAD - 1), council), /at least 48/);
  const other = councilKeyPair();
  assert.throws(() => open(sealed, other), /cannot be opened/);
  // The right secret key with another public key derives another nonce.
  assert.throws(() => open(sealed, { publicKey: other.publicKey, secretKey: council.secretKey }), /cannot be opened/);
});
