// The pure rules without a node: SS58 addresses, hex and BLAKE2b decoded as Polkadot.js decodes
// them (byte for byte, every network prefix, a mistyped address refused), the commitment as
// Polkadot.js would compute it, and the `/rules` entry free of Polkadot.js, module by module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { blake2, bytesToHex, decodeAccount, equalBytes, hexToBytes, toBytes } from '../src/bytes.js';
import { commitment, leafBytes } from '../src/rules.js';

await cryptoWaitReady();

/** `0x` hex the way Node writes it, independently of the module under test. */
const hex = (bytes) => `0x${Buffer.from(bytes).toString('hex')}`;
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const random = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

test('an SS58 address of any prefix decodes to its account, as Polkadot.js decodes it; a changed character does not', () => {
  for (const prefix of [0, 2, 42, 63, 64, 255, 4096, 16383]) {
    for (let i = 0; i < 20; i++) {
      const key = random(32);
      const address = encodeAddress(key, prefix);
      assert.deepEqual(decodeAccount(address), key, address);
      assert.deepEqual(decodeAccount(address), decodeAddress(address));
      const at = (7 * i) % address.length;
      const typo = address.slice(0, at) + BASE58[(BASE58.indexOf(address[at]) + 1) % 58] + address.slice(at + 1);
      assert.throws(() => decodeAccount(typo), /SS58|length|reserved/, typo);
      assert.throws(() => decodeAddress(typo), undefined, `Polkadot.js refuses ${typo} too`);
    }
  }
});

test('anything but a 32-byte account is refused, saying why', () => {
  const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  assert.equal(hex(decodeAccount(alice)), '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');
  assert.throws(() => decodeAccount(`${alice.slice(0, -1)}Z`), /wrong SS58 checksum/);
  assert.throws(() => decodeAccount(alice.slice(0, -2)), /wrong length/);
  assert.throws(() => decodeAccount('5Grwva0F5zXb'), /not base58/);
  assert.throws(() => decodeAccount(encodeAddress(random(33), 42)), /wrong length/);
  assert.throws(() => decodeAccount(''), /no address/);
  assert.throws(() => decodeAccount('0x1234'), /2 bytes of hex/);
  assert.throws(() => decodeAccount('0x12z4'), /not 0x-prefixed hex/);
  const key = random(32);
  assert.deepEqual(decodeAccount(hex(key)), key);
  assert.equal(decodeAccount(key), key);
});

test('hex, bytes (as Polkadot.js\'s `u8aToU8a` takes them) and BLAKE2b as Polkadot.js hashes', () => {
  const bytes = random(100);
  assert.equal(bytesToHex(bytes), hex(bytes));
  assert.deepEqual(hexToBytes(hex(bytes).toUpperCase().replace('0X', '0x')), bytes);
  const asBytes = [['', []], ['0x', []], ['0x00fF', [0, 255]], ['0x123', [48, 120, 49, 50, 51]], ['é', [0xc3, 0xa9]], [[1, 2, 3], [1, 2, 3]], [null, []], [undefined, []]];
  for (const [value, bytes] of asBytes) assert.deepEqual(toBytes(value), Uint8Array.from(bytes), JSON.stringify(value));
  assert.equal(toBytes(random(3).buffer).length, 3);
  for (const length of [24, 32, 64]) assert.deepEqual(blake2(bytes, length), blake2AsU8a(bytes, 8 * length));
  assert.ok(equalBytes(bytes, hex(bytes)));
  assert.ok(!equalBytes(bytes, bytes.subarray(1)));
});

test('the commitment and a leaf take an address as Polkadot.js decodes it', () => {
  const submitter = encodeAddress(random(32), 42);
  const [report, salt] = [random(50), random(32)];
  assert.equal(commitment(submitter, report, salt), blake2AsHex(Buffer.concat([decodeAddress(submitter), report, salt]), 256));
  assert.deepEqual(leafBytes(3, submitter, 5n), leafBytes(3, decodeAddress(submitter), 5n));
});

test('the rules entry imports no Polkadot.js, through none of its modules', () => {
  const seen = new Set();
  const walk = (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    // Every module it names: `… from '…'`, a bare `import '…'` and a dynamic `import('…')`, either quotes.
    for (const [, , from] of readFileSync(url, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g)) {
      assert.ok(!from.startsWith('@polkadot/'), `${url.pathname.split('/').pop()} imports ${from}`);
      if (from.startsWith('.')) walk(new URL(from, url));
    }
  };
  walk(new URL('../src/rules.js', import.meta.url));
  assert.ok(seen.size > 5);
});
