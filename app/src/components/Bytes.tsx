import { textOf, toHex } from '../chain/bytes';

/** Bytes as text when they are UTF-8, else as hex. */
export function Bytes({ value, id }: { value: Uint8Array; id?: string }) {
  if (!value.length) return <em>none</em>;
  const text = textOf(value);
  return text === undefined ? <code id={id}>{toHex(value)}</code> : <pre id={id} class="text">{text}</pre>;
}
