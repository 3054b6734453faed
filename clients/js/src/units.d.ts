/** The chain's token: its decimals and symbol (from the chain's properties). */
export interface Units {
  decimals: number;
  symbol: string;
}

/** One token of the dev chain (12 decimals), in planck. */
export declare const UNIT: bigint;

/** `planck` as e.g. `1,234.5 SPT`, at most `fraction` decimals (default 4, rounded down), no trailing zeros. */
export declare function formatAmount(units: Units, planck: bigint, fraction?: number): string;

/** `planck` as plain decimal text for an input field, e.g. `1250.5`. */
export declare function decimalText(units: Units, planck: bigint): string;

/** Parses a decimal amount of tokens (`12.5`, `1,000`) to planck; throws with a reason. */
export declare function parseAmount(units: Units, text: string): bigint;

/** `parseAmount`, or undefined while the text is not an amount. */
export declare function tryParseAmount(units: Units, text: string): bigint | undefined;

/** A Perbill (parts per billion) as a percentage, e.g. `50%`. */
export declare function formatPerbill(parts: number): string;
