import type { BoxKeyPair } from './sealed-box.js';

/** Bytes of a commitment's salt (32). */
export declare const SALT_LENGTH: number;

/** `blake2_256(SCALE(submitter) ++ report ++ salt)` as hex: the commitment of `submitter` (an address) to `report`. */
export declare function commitment(submitter: string, report: Uint8Array, salt: Uint8Array): string;

/** A fresh random 32-byte salt. */
export declare function freshSalt(): Uint8Array;

/** What a hunter seals to the council: the salt, then the report. */
export declare function findingBytes(salt: Uint8Array, report: Uint8Array): Uint8Array;

/** A finding sealed to the council's key, as `submitDisclosure` carries it. */
export declare function sealFinding(report: Uint8Array, salt: Uint8Array, councilPublicKey: Uint8Array | string): Uint8Array;

/** The salt and report of an opened finding; throws if it is shorter than its salt. */
export declare function splitFinding(bytes: Uint8Array): { salt: Uint8Array; report: Uint8Array };

/** Opens a sealed finding (bytes or hex) with the council's key pair; throws if it does not open. */
export declare function openFinding(sealed: Uint8Array | string, council: BoxKeyPair): { salt: Uint8Array; report: Uint8Array };

/** An opened finding checked against a disclosure's submitter and commitment. */
export declare function checkFinding(bytes: Uint8Array, submitter: string, committed: string): { report: Uint8Array; matches: boolean };
