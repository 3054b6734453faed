// Sealed boxes in the format of libsodium's `crypto_box_seal`, the format of a disclosure's
// encrypted report: an ephemeral X25519 public key, then `crypto_box` (XSalsa20-Poly1305) of the
// message from the ephemeral key to the recipient's, under the nonce
// `blake2b-192(ephemeral public key ++ recipient public key)`.
import nacl from 'tweetnacl';
import { blake2, concatBytes, toBytes } from './bytes.js';

/** Bytes a sealed box adds to its message: the ephemeral public key and the MAC. */
export const SEAL_OVERHEAD = nacl.box.publicKeyLength + nacl.box.overheadLength;

/** libsodium's `crypto_generichash(24)` of the two public keys. */
const nonce = (ephemeralPublicKey, recipientPublicKey) =>
  blake2(concatBytes(ephemeralPublicKey, recipientPublicKey), nacl.box.nonceLength);

/**
 * An X25519 key pair `{ publicKey, secretKey }` for sealed boxes, such as the council's triage
 * key: that of a 32-byte `secretKey` (bytes or hex) if given, else a fresh random one.
 */
export const councilKeyPair = (secretKey) =>
  (secretKey ? nacl.box.keyPair.fromSecretKey(toBytes(secretKey)) : nacl.box.keyPair());

/** Seals `message` (bytes) to `recipientPublicKey`: only the recipient's secret key opens it. */
export function seal(message, recipientPublicKey) {
  const recipient = toBytes(recipientPublicKey);
  const ephemeral = nacl.box.keyPair();
  const box = nacl.box(toBytes(message), nonce(ephemeral.publicKey, recipient), recipient, ephemeral.secretKey);
  ephemeral.secretKey.fill(0);
  return concatBytes(ephemeral.publicKey, box);
}

/**
 * Opens a sealed box (bytes or hex, e.g. an `encryptedReports` entry) with the recipient's key
 * pair; throws if it is malformed, tampered with or sealed to another key.
 */
export function open(sealed, { publicKey, secretKey }) {
  // A plain copy: a codec (e.g. `Bytes`) is a Uint8Array whose `subarray` would make codecs.
  const bytes = Uint8Array.from(toBytes(sealed));
  if (bytes.length < SEAL_OVERHEAD) throw new Error(`sealed box: ${bytes.length} bytes, at least ${SEAL_OVERHEAD} needed`);
  const ephemeralPublicKey = bytes.subarray(0, nacl.box.publicKeyLength);
  const message = nacl.box.open(
    bytes.subarray(nacl.box.publicKeyLength),
    nonce(ephemeralPublicKey, toBytes(publicKey)),
    ephemeralPublicKey,
    toBytes(secretKey),
  );
  if (!message) throw new Error('sealed box: cannot be opened with this key');
  return message;
}
