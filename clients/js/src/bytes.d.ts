/** `bytes` as `0x`-prefixed lower-case hex. */
export declare function bytesToHex(bytes: Uint8Array): string;
/** The bytes of `0x`-prefixed hex (an even number of digits); throws otherwise. */
export declare function hexToBytes(hex: string): Uint8Array;
/** Bytes as Polkadot.js's `u8aToU8a` takes them: a Uint8Array as it is, `0x` hex decoded, other text as UTF-8. */
export declare function toBytes(value: Uint8Array | string | ArrayBuffer | readonly number[] | null | undefined): Uint8Array;
/** BLAKE2b of `data` with a `bytes`-byte digest: `blake2_256` for 32. */
export declare function blake2(data: Uint8Array | string, bytes: number): Uint8Array;
/** The concatenation of `parts`, in a new array. */
export declare function concatBytes(...parts: (Uint8Array | string)[]): Uint8Array;
/** Whether `a` and `b` are the same bytes. */
export declare function equalBytes(a: Uint8Array | string, b: Uint8Array | string): boolean;
/**
 * The 32 bytes of an account: an SS58 address of any network prefix (its checksum checked), `0x`
 * hex of 32 bytes, or 32 bytes. Throws, saying why, for anything else (e.g. a mistyped address).
 */
export declare function decodeAccount(address: string | Uint8Array): Uint8Array;
