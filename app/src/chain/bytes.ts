// Bytes as the app shows and sends them: hex, UTF-8 text, comparison.
import { fromHex, toHex } from 'polkadot-api/utils';

export { fromHex, toHex };

/** Whether `value` is `0x` hex, of exactly `bytes` bytes when given. */
export const isHex = (value: unknown, bytes?: number): value is string =>
  typeof value === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(value) && (bytes === undefined || value.length === 2 + 2 * bytes);

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `bytes` as UTF-8 text; undefined when they are not valid UTF-8. */
export function textOf(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);
