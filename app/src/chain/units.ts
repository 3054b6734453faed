// Amounts in the chain's token (SPT), with the decimals from the chain's properties.

export interface Units {
  decimals: number;
  symbol: string;
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `planck` as e.g. `1,234.5 SPT`, at most `fraction` decimals (rounded down), no trailing zeros. */
export function formatAmount({ decimals, symbol }: Units, planck: bigint, fraction = 4): string {
  const negative = planck < 0n;
  const abs = negative ? -planck : planck;
  const scale = 10n ** BigInt(decimals);
  const whole = group((abs / scale).toString());
  const part = (abs % scale).toString().padStart(decimals, '0').slice(0, fraction).replace(/0+$/, '');
  return `${negative ? '−' : ''}${whole}${part ? `.${part}` : ''} ${symbol}`;
}

/** `planck` as plain decimal text for an input field, e.g. `1250.5`. */
export const decimalText = (units: Units, planck: bigint) =>
  formatAmount({ ...units, symbol: '' }, planck, units.decimals).replace(/,/g, '').trim();

/** Parses a decimal amount of tokens (`12.5`, `1,000`) to planck; throws with a reason. */
export function parseAmount({ decimals, symbol }: Units, text: string): bigint {
  const clean = text.replace(/[,_\s]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!match) throw new Error(`Enter an amount of ${symbol}, e.g. 12.5`);
  const [, whole, part = ''] = match;
  if (part.length > decimals) throw new Error(`At most ${decimals} decimals`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(part.padEnd(decimals, '0') || '0');
}

/** A Perbill (parts per billion) as a percentage, e.g. `50%`. */
export const formatPerbill = (parts: number) => `${+(parts / 1e7).toFixed(2)}%`;

/** `parseAmount`, or undefined while the text is not an amount (for previews as the user types). */
export function tryParseAmount(units: Units, text: string): bigint | undefined {
  try {
    return parseAmount(units, text);
  } catch {
    return undefined;
  }
}
