// Bytes for the client's pure rules without Polkadot.js (whose util-crypto brings a wasm blob into
// a browser bundle): hex, concatenation, equality, BLAKE2b and SS58 addresses of 32-byte accounts.
import { blake2b } from '@noble/hashes/blake2.js';
import { base58 } from '@scure/base';

const HEX = /^0x(?:[\da-fA-F]{2})*$/;

/** `bytes` as `0x`-prefixed lower-case hex. */
export const bytesToHex = (bytes) => `0x${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

/** The bytes of `0x`-prefixed hex (an even number of digits); throws otherwise. */
export function hexToBytes(hex) {
  if (!HEX.test(hex)) throw new Error(`not 0x-prefixed hex of whole bytes: ${String(hex).slice(0, 20)}`);
  const bytes = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16);
  return bytes;
}

/**
 * Bytes as Polkadot.js's `u8aToU8a` takes them: a Uint8Array as it is, `0x` hex decoded, other
 * text as UTF-8, an array or ArrayBuffer as its bytes, nothing as no bytes.
 */
export function toBytes(value) {
  if (value === undefined || value === null) return new Uint8Array();
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return HEX.test(value) ? hexToBytes(value) : new TextEncoder().encode(value);
  return new Uint8Array(value);
}

/** BLAKE2b of `data` (as `toBytes` takes it) with a `bytes`-byte digest: `blake2_256` for 32. */
export const blake2 = (data, bytes) => blake2b(toBytes(data), { dkLen: bytes });

/** The concatenation of `parts` (each as `toBytes` takes it), in a new array. */
export function concatBytes(...parts) {
  const arrays = parts.map(toBytes);
  const all = new Uint8Array(arrays.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of arrays) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** Whether `a` and `b` (each as `toBytes` takes it) are the same bytes. */
export function equalBytes(a, b) {
  const [x, y] = [toBytes(a), toBytes(b)];
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

const SS58_PRE = new TextEncoder().encode('SS58PRE');
const ACCOUNT = 32;

/**
 * The 32 bytes of an account: an SS58 address of any network prefix (its checksum checked), `0x`
 * hex of 32 bytes, or 32 bytes. Throws, saying why, for anything else (e.g. a mistyped address).
 */
export function decodeAccount(address) {
  if (address instanceof Uint8Array) {
    if (address.length !== ACCOUNT) throw new Error(`${address.length} bytes, not a 32-byte account`);
    return address;
  }
  if (typeof address !== 'string' || !address) throw new Error('no address');
  if (address.startsWith('0x')) {
    const key = hexToBytes(address);
    if (key.length !== ACCOUNT) throw new Error(`${key.length} bytes of hex, not a 32-byte account`);
    return key;
  }
  let decoded;
  try {
    decoded = base58.decode(address);
  } catch {
    throw new Error('not base58 (it has 0, O, I, l or a character outside 1-9, A-Z and a-z)');
  }
  // The network prefix: one byte below 64, else two (the first 0b01……); 46, 47 and 128+ reserved.
  const prefix = decoded[0] & 0b0100_0000 ? 2 : 1;
  if (decoded.length !== prefix + ACCOUNT + 2) throw new Error('not the SS58 address of a 32-byte account: wrong length');
  if (decoded[0] & 0b1000_0000 || decoded[0] === 46 || decoded[0] === 47) throw new Error('not an SS58 address: a reserved prefix');
  // The checksum: the first two bytes of BLAKE2b-512("SS58PRE" ++ prefix ++ account).
  const body = decoded.subarray(0, prefix + ACCOUNT);
  const checksum = blake2(concatBytes(SS58_PRE, body), 64);
  if (checksum[0] !== decoded[prefix + ACCOUNT] || checksum[1] !== decoded[prefix + ACCOUNT + 1]) {
    throw new Error('wrong SS58 checksum: a mistyped address');
  }
  return decoded.slice(prefix, prefix + ACCOUNT);
}
