// The council's key file: its X25519 secret (the triage key's, which opens sealed reports),
// encrypted under a password with WebCrypto: PBKDF2-SHA-256 derives an AES-256-GCM key from the
// password and a random salt; the secret is encrypted with a random IV and the public key as
// additional data, so a file whose public key was swapped does not open.
import { councilKeyPair, type BoxKeyPair } from '@security-pool/client/rules';
import { equalBytes, fromHex, isHex, toHex } from './bytes';

export const KEY_FILE_KIND = 'security-pool-council-key';
export const KEY_FILE_VERSION = 1;
/** PBKDF2's work factor: OWASP's figure for SHA-256; a file asking for less is refused. */
export const MIN_ITERATIONS = 600_000;
/** A file asking for more is refused: it would keep the page busy for minutes. */
export const MAX_ITERATIONS = 10_000_000;
export const MIN_PASSWORD_LENGTH = 12;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/** X25519 keys; the secret is encrypted with GCM's 16-byte tag appended. */
const KEY_BYTES = 32;
const TAG_BYTES = 16;

/** The file as downloaded (JSON). */
export interface KeyFile {
  kind: typeof KEY_FILE_KIND;
  version: typeof KEY_FILE_VERSION;
  /** The X25519 public key (hex): the triage key to publish. */
  publicKey: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  /** The encrypted secret key and GCM's tag (hex). */
  ciphertext: string;
}

export const WRONG_PASSWORD = 'Wrong password: the key file did not open.';

/** Why a key file did not open: not a key file (`format`), or the password or the file is wrong (`wrong-password`). */
export class KeyFileError extends Error {
  constructor(message: string, readonly reason: 'format' | 'wrong-password') {
    super(message);
  }
}

/** A new password's problem in words, or undefined when it will do. */
export function passwordProblem(password: string, repeated: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password !== repeated) return 'The two passwords differ.';
  return undefined;
}

/** WebCrypto takes bytes over an `ArrayBuffer` of their own. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);
const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

/** The AES-256-GCM key PBKDF2-SHA-256 derives from `password` and `salt`. */
async function deriveKey(password: string, salt: Uint8Array, iterations: number, usage: KeyUsage): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: own(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/**
 * `pair`'s secret key locked under `password`: a key file. The salt and IV are fresh random bytes
 * unless given (tests); `iterations` is at least `MIN_ITERATIONS`.
 */
export async function lockKeyPair(
  pair: BoxKeyPair,
  password: string,
  { iterations = MIN_ITERATIONS, salt = random(SALT_BYTES), iv = random(IV_BYTES) }: { iterations?: number; salt?: Uint8Array; iv?: Uint8Array } = {},
): Promise<KeyFile> {
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) throw new Error(`PBKDF2 takes ${MIN_ITERATIONS} to ${MAX_ITERATIONS} iterations here.`);
  const key = await deriveKey(password, salt, iterations, 'encrypt');
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: own(iv), additionalData: own(pair.publicKey) }, key, own(pair.secretKey));
  return {
    kind: KEY_FILE_KIND,
    version: KEY_FILE_VERSION,
    publicKey: toHex(pair.publicKey),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toHex(salt) },
    cipher: { name: 'AES-GCM', iv: toHex(iv) },
    ciphertext: toHex(new Uint8Array(ciphertext)),
  };
}

const NOT_A_KEY_FILE = 'This is not a council key file: choose the JSON file downloaded when the key was created.';

/** Checks `text` is a key file of this format (version 1, PBKDF2-SHA-256 with enough iterations, AES-GCM); throws `KeyFileError` (`format`) otherwise. */
export function parseKeyFile(text: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyFileError(NOT_A_KEY_FILE, 'format');
  }
  const file = json as Partial<KeyFile> | null;
  const hex = (value: unknown, bytes: number) => isHex(value, bytes);
  if (file?.kind !== KEY_FILE_KIND) throw new KeyFileError(NOT_A_KEY_FILE, 'format');
  if (file.version !== KEY_FILE_VERSION) throw new KeyFileError(`This key file has version ${String(file.version)}; this app reads version ${KEY_FILE_VERSION}.`, 'format');
  const { kdf, cipher } = file;
  const valid = hex(file.publicKey, KEY_BYTES)
    && kdf?.name === 'PBKDF2' && kdf.hash === 'SHA-256' && Number.isSafeInteger(kdf.iterations) && hex(kdf.salt, SALT_BYTES)
    && cipher?.name === 'AES-GCM' && hex(cipher.iv, IV_BYTES)
    && hex(file.ciphertext, KEY_BYTES + TAG_BYTES);
  if (!valid) throw new KeyFileError('This key file is damaged: a field is missing or malformed.', 'format');
  const { iterations } = (file as KeyFile).kdf;
  if (iterations < MIN_ITERATIONS) throw new KeyFileError(`This key file asks for ${iterations} PBKDF2 iterations, fewer than the ${MIN_ITERATIONS} this app accepts.`, 'format');
  if (iterations > MAX_ITERATIONS) throw new KeyFileError(`This key file asks for ${iterations} PBKDF2 iterations, more than the ${MAX_ITERATIONS} this app accepts.`, 'format');
  return file as KeyFile;
}

/**
 * The key pair in `file`, opened with `password`; throws `KeyFileError` (`wrong-password`) when it
 * does not decrypt: a wrong password, or a changed file (its ciphertext, IV, salt or public key).
 */
export async function unlockKeyFile(file: KeyFile, password: string): Promise<BoxKeyPair> {
  const publicKey = fromHex(file.publicKey);
  const key = await deriveKey(password, fromHex(file.kdf.salt), file.kdf.iterations, 'decrypt');
  let secret: Uint8Array;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: own(fromHex(file.cipher.iv)), additionalData: own(publicKey) },
      key,
      own(fromHex(file.ciphertext)),
    );
    secret = new Uint8Array(plain);
  } catch {
    throw new KeyFileError(WRONG_PASSWORD, 'wrong-password');
  }
  const pair = councilKeyPair(secret);
  // Unreachable with GCM's tag over the public key, unless the file was made wrongly.
  if (!equalBytes(pair.publicKey, publicKey)) throw new KeyFileError('This key file\'s secret does not belong to its public key.', 'format');
  return pair;
}

/** A file name for `file`: the start of its public key. */
export const keyFileName = (file: KeyFile) => `council-key-${file.publicKey.slice(2, 10)}.json`;

/** Offers `file` as a download. */
export function downloadKeyFile(file: KeyFile) {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = keyFileName(file);
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
