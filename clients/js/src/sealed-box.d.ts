/** An X25519 key pair for sealed boxes. */
export interface BoxKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/** Bytes a sealed box adds to its message: the ephemeral public key and the MAC (48). */
export declare const SEAL_OVERHEAD: number;

/** The key pair of a 32-byte X25519 `secretKey` (bytes or hex) if given, else a fresh random one. */
export declare function councilKeyPair(secretKey?: Uint8Array | string): BoxKeyPair;

/** Seals `message` to `recipientPublicKey` (libsodium's `crypto_box_seal`): `SEAL_OVERHEAD` bytes longer. */
export declare function seal(message: Uint8Array, recipientPublicKey: Uint8Array | string): Uint8Array;

/** Opens a sealed box (bytes or hex) with the recipient's key pair; throws if it is malformed, tampered with or sealed to another key. */
export declare function open(sealed: Uint8Array | string, recipient: { publicKey: Uint8Array | string; secretKey: Uint8Array | string }): Uint8Array;
