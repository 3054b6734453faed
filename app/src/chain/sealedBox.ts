// libsodium's crypto_box_seal / crypto_box_seal_open with TweetNaCl: an ephemeral X25519 key
// pair, nonce = blake2b-192(ephemeral pk ++ recipient pk), output = ephemeral pk ++ crypto_box.
import nacl from 'tweetnacl';
import { u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

// BLAKE2b with a 24-byte digest (libsodium's crypto_generichash(24)); the typings list only the
// common lengths, the function takes any multiple of 8 bits.
const sealNonce = (ephemeralPk: Uint8Array, recipientPk: Uint8Array) =>
  blake2AsU8a(u8aConcat(ephemeralPk, recipientPk), 192 as 256);

/** How much longer a sealed box is than its message: the ephemeral key and the MAC. */
export const SEAL_OVERHEAD = 32 + nacl.box.overheadLength;

/** `message` sealed to `recipientPk` (32 bytes); 48 bytes longer than the message. */
export function seal(message: Uint8Array, recipientPk: Uint8Array): Uint8Array {
  const ephemeral = nacl.box.keyPair();
  const box = nacl.box(message, sealNonce(ephemeral.publicKey, recipientPk), recipientPk, ephemeral.secretKey);
  ephemeral.secretKey.fill(0);
  return u8aConcat(ephemeral.publicKey, box);
}

/** Opens a sealed box with the recipient's key pair; undefined if it is malformed, tampered with or sealed to another key. */
export function open(sealed: Uint8Array, recipient: { publicKey: Uint8Array; secretKey: Uint8Array }): Uint8Array | undefined {
  if (sealed.length < SEAL_OVERHEAD) return undefined;
  const ephemeralPk = sealed.subarray(0, 32);
  const nonce = sealNonce(ephemeralPk, recipient.publicKey);
  return nacl.box.open(sealed.subarray(32), nonce, ephemeralPk, recipient.secretKey) ?? undefined;
}

/** A fresh X25519 key pair (the council's, generated in the browser on a dev chain). */
export const councilKeyPair = () => nacl.box.keyPair();

/** The key pair of a 32-byte X25519 secret key. */
export const keyPairFromSecret = (secretKey: Uint8Array) => nacl.box.keyPair.fromSecretKey(secretKey);
