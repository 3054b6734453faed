// The council's key file (src/chain/keyFile.ts) in Node's WebCrypto: its format, a round trip,
// and the refusals: a wrong password, a changed ciphertext, a swapped public key, a file that asks
// for too few or too many PBKDF2 iterations, and files that are not key files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { councilKeyPair, open, seal } from '@security-pool/client';
import { appModule } from './app-module.js';

const keyFile = await appModule('chain/keyFile.ts');
const PASSWORD = 'a long enough password';

/** A key pair and its file locked under `PASSWORD`, as text (as downloaded). */
async function locked() {
  const pair = councilKeyPair();
  const file = await keyFile.lockKeyPair(pair, PASSWORD);
  return { pair, file, text: JSON.stringify(file) };
}

/** `file` with `field` changed (a copy). */
const changed = (file, change) => JSON.stringify(change(structuredClone(file)));

/** Asserts that `promise` rejects with the wrong-password error. */
async function refused(promise) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof keyFile.KeyFileError, String(error));
    assert.equal(error.reason, 'wrong-password');
    assert.equal(error.message, 'Wrong password: the key file did not open.');
    return true;
  });
}

test('a key file has the documented format, and opens with its password to the same key pair', async () => {
  const { pair, file, text } = await locked();
  assert.deepEqual(Object.keys(file).sort(), ['cipher', 'ciphertext', 'kdf', 'kind', 'publicKey', 'version']);
  assert.equal(file.kind, 'security-pool-council-key');
  assert.equal(file.version, 1);
  assert.equal(file.publicKey, u8aToHex(pair.publicKey));
  assert.deepEqual({ ...file.kdf, salt: undefined }, { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: undefined });
  assert.ok(file.kdf.iterations >= 600_000);
  assert.equal(hexToU8a(file.kdf.salt).length, 16);
  assert.equal(file.cipher.name, 'AES-GCM');
  assert.equal(hexToU8a(file.cipher.iv).length, 12);
  assert.equal(hexToU8a(file.ciphertext).length, 32 + 16, 'the secret and GCM\'s tag');
  assert.ok(!text.includes(u8aToHex(pair.secretKey).slice(2)), 'the secret is not in the file');

  const opened = await keyFile.unlockKeyFile(keyFile.parseKeyFile(text), PASSWORD);
  assert.deepEqual(opened.secretKey, pair.secretKey);
  assert.deepEqual(opened.publicKey, pair.publicKey);
  // The opened key reads what was sealed to the public key.
  const message = new TextEncoder().encode('a sealed report');
  assert.deepEqual(open(seal(message, file.publicKey), opened), message);

  // The same key locked again: a fresh salt and IV, so another ciphertext.
  const again = await keyFile.lockKeyPair(pair, PASSWORD);
  assert.notEqual(again.kdf.salt, file.kdf.salt);
  assert.notEqual(again.cipher.iv, file.cipher.iv);
  assert.notEqual(again.ciphertext, file.ciphertext);
});

test('a wrong password is refused', async () => {
  const { text } = await locked();
  await refused(keyFile.unlockKeyFile(keyFile.parseKeyFile(text), `${PASSWORD}!`));
  await refused(keyFile.unlockKeyFile(keyFile.parseKeyFile(text), ''));
});

test('a changed ciphertext, IV or salt is refused', async () => {
  const { file } = await locked();
  const flip = (hex, at) => {
    const bytes = hexToU8a(hex);
    bytes[at] ^= 1;
    return u8aToHex(bytes);
  };
  for (const at of [0, 31, 47]) {
    await refused(keyFile.unlockKeyFile(keyFile.parseKeyFile(changed(file, (f) => ({ ...f, ciphertext: flip(f.ciphertext, at) }))), PASSWORD));
  }
  await refused(keyFile.unlockKeyFile(keyFile.parseKeyFile(changed(file, (f) => ({ ...f, cipher: { ...f.cipher, iv: flip(f.cipher.iv, 0) } }))), PASSWORD));
  await refused(keyFile.unlockKeyFile(keyFile.parseKeyFile(changed(file, (f) => ({ ...f, kdf: { ...f.kdf, salt: flip(f.kdf.salt, 0) } }))), PASSWORD));
});

test('a swapped public key is refused: it is the cipher\'s additional data', async () => {
  const { file } = await locked();
  const other = councilKeyPair();
  const swapped = keyFile.parseKeyFile(changed(file, (f) => ({ ...f, publicKey: u8aToHex(other.publicKey) })));
  await refused(keyFile.unlockKeyFile(swapped, PASSWORD));
});

test('files that are not key files, or ask for too few or too many iterations, are refused before any decryption', async () => {
  const { file } = await locked();
  const format = (text, pattern) => assert.throws(() => keyFile.parseKeyFile(text), (error) => {
    assert.ok(error instanceof keyFile.KeyFileError);
    assert.equal(error.reason, 'format');
    assert.match(error.message, pattern);
    return true;
  });
  format('not json', /not a council key file/);
  format(JSON.stringify({ kind: 'disclosure-receipt' }), /not a council key file/);
  format(changed(file, (f) => ({ ...f, version: 2 })), /version 2/);
  format(changed(file, (f) => ({ ...f, kdf: { ...f.kdf, iterations: 1000 } })), /1000 PBKDF2 iterations, fewer than the 600000/);
  // A file asking for a trillion iterations would keep the page busy: refused too.
  format(changed(file, (f) => ({ ...f, kdf: { ...f.kdf, iterations: 1e12 } })), /1000000000000 PBKDF2 iterations, more than the 10000000/);
  format(changed(file, (f) => ({ ...f, kdf: { ...f.kdf, hash: 'SHA-1' } })), /damaged/);
  format(changed(file, (f) => ({ ...f, ciphertext: f.ciphertext.slice(0, -2) })), /damaged/);
  format(changed(file, (f) => ({ ...f, publicKey: undefined })), /damaged/);
  await assert.rejects(keyFile.lockKeyPair(councilKeyPair(), PASSWORD, { iterations: 100_000 }), /600000 to 10000000 iterations/);
});

test('a new password needs 12 characters, typed the same twice', () => {
  assert.match(keyFile.passwordProblem('short', 'short'), /at least 12 characters/);
  assert.match(keyFile.passwordProblem('twelve chars', 'twelve charz'), /differ/);
  assert.equal(keyFile.passwordProblem('twelve chars', 'twelve chars'), undefined);
});
