// Sealed boxes in the format of libsodium's `crypto_box_seal`, the format of a disclosure's
// encrypted report: an ephemeral X25519 public key, then `crypto_box` (XSalsa20-Poly1305) of the
// message from the ephemeral key to the recipient's, under the nonce
// `blake2b-192(ephemeral public key ++ recipient public key)`.
import nacl from 'tweetnacl';
import { u8aConcat, u8aToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** Bytes a sealed box adds to its message: the ephemeral public key and the MAC. */
export const SEAL_OVERHEAD = nacl.box.publicKeyLength + nacl.box.overheadLength;

const nonce = (ephemeralPublicKey, recipientPublicKey) =>
  blake2AsU8a(u8aConcat(ephemeralPublicKey, recipientPublicKey), 8 * nacl.box.nonceLength);

/**
 * An X25519 key pair `{ publicKey, secretKey }` for sealed boxes, such as the council's triage
 * key: from a 32-byte `secretKey` if given, else random.
 */
export const councilKeyPair = (secretKey) =>
  (secretKey ? nacl.box.keyPair.fromSecretKey(u8aToU8a(secretKey)) : nacl.box.keyPair());

/** Seals `message` (bytes) to `recipientPublicKey`: only the recipient's secret key opens it. */
export function seal(message, recipientPublicKey) {
  const recipient = u8aToU8a(recipientPublicKey);
  const ephemeral = nacl.box.keyPair();
  const box = nacl.box(u8aToU8a(message), nonce(ephemeral.publicKey, recipient), recipient, ephemeral.secretKey);
  ephemeral.secretKey.fill(0);
  return u8aConcat(ephemeral.publicKey, box);
}

/**
 * Opens a sealed box (bytes or hex, e.g. an `encryptedReports` entry) with the recipient's key
 * pair; throws if it is malformed, tampered with or sealed to another key.
 */
export function open(sealed, recipientPublicKey, recipientSecretKey) {
  const bytes = Uint8Array.from(u8aToU8a(sealed));
  if (bytes.length < SEAL_OVERHEAD) throw new Error(`sealed box: ${bytes.length} bytes, at least ${SEAL_OVERHEAD} needed`);
  const ephemeralPublicKey = bytes.subarray(0, nacl.box.publicKeyLength);
  const message = nacl.box.open(
    bytes.subarray(nacl.box.publicKeyLength),
    nonce(ephemeralPublicKey, u8aToU8a(recipientPublicKey)),
    ephemeralPublicKey,
    u8aToU8a(recipientSecretKey),
  );
  if (!message) throw new Error('sealed box: cannot be opened with this key');
  return message;
}

/** Bytes of the salt that leads a sealed finding. */
const SALT_LENGTH = 32;

/**
 * A disclosure's finding sealed to the council's key, as `submitDisclosure` carries it: the
 * 32-byte salt, then the report, so that the council can check both against the commitment.
 */
export const sealFinding = (report, salt, councilPublicKey) =>
  seal(u8aConcat(salt, report), councilPublicKey);

/** Opens a sealed finding with the council's key pair: `{ salt, report }`; throws as `open` does. */
export function openFinding(sealed, councilPublicKey, councilSecretKey) {
  const opened = open(sealed, councilPublicKey, councilSecretKey);
  if (opened.length < SALT_LENGTH) throw new Error('sealed finding: shorter than its salt');
  return { salt: opened.subarray(0, SALT_LENGTH), report: opened.subarray(SALT_LENGTH) };
}
