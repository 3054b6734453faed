/** The largest amount of a leaf (a u128). */
export declare const MAX_AMOUNT: bigint;

/** A leaf's 52 bytes: `index` u32 LE ++ the account's 32 bytes (bytes, or an address) ++ `amount` u128 LE. */
export declare function leafBytes(index: number, account: Uint8Array | string, amount: bigint): Uint8Array;

/** A loss list's Merkle tree, built once level by level: O(n) to build, then O(log n) for a proof. */
export declare class MerkleTree {
  constructor(leaves: readonly Uint8Array[]);
  /** Each level's 32-byte nodes in one array, the leaves' hashes first, the root last. */
  readonly levels: Uint8Array[];
  /** The number of leaves. */
  readonly width: number;
  /** The root: the single top node; 32 zero bytes for no leaves. */
  get root(): Uint8Array;
  /** The siblings from leaf `index` up; a promoted node adds none at its level. */
  proof(index: number): Uint8Array[];
}

/** Whether `leaf` is leaf `index` of the `width`-leaf tree with `root`, by `proof`, as the pallet checks it. */
export declare function verifyProof(root: Uint8Array | string, width: number, index: number, leaf: Uint8Array, proof: readonly (Uint8Array | string)[]): boolean;
