// Amounts in the chain's token (SPT), with the decimals from the chain's properties.

/** One token of the dev chain (12 decimals), in planck. */
export const UNIT = 10n ** 12n;

const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `planck` as e.g. `1,234.5 SPT`, at most `fraction` decimals (rounded down), no trailing zeros. */
export function formatAmount({ decimals, symbol }, planck, fraction = 4) {
  const negative = planck < 0n;
  const abs = negative ? -planck : planck;
  const scale = 10n ** BigInt(decimals);
  const whole = group((abs / scale).toString());
  const part = (abs % scale).toString().padStart(decimals, '0').slice(0, fraction).replace(/0+$/, '');
  return `${negative ? '−' : ''}${whole}${part ? `.${part}` : ''} ${symbol}`;
}

/** `planck` as plain decimal text for an input field, e.g. `1250.5`. */
export const decimalText = (units, planck) =>
  formatAmount({ ...units, symbol: '' }, planck, units.decimals).replace(/,/g, '').trim();

/** Parses a decimal amount of tokens (`12.5`, `1,000`) to planck; throws with a reason. */
export function parseAmount({ decimals, symbol }, text) {
  const clean = text.replace(/[,_\s]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!match) throw new Error(`Enter an amount of ${symbol}, e.g. 12.5`);
  const [, whole, part = ''] = match;
  if (part.length > decimals) throw new Error(`At most ${decimals} decimals`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(part.padEnd(decimals, '0') || '0');
}

/** `parseAmount`, or undefined while the text is not an amount (for previews as the user types). */
export function tryParseAmount(units, text) {
  try {
    return parseAmount(units, text);
  } catch {
    return undefined;
  }
}

/** A Perbill (parts per billion) as a percentage, e.g. `50%`. */
export const formatPerbill = (parts) => `${+(parts / 1e7).toFixed(2)}%`;
