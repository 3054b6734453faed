import { isUtf8, u8aToHex, u8aToString } from '@polkadot/util';

/** Bytes as text when they are UTF-8, else as hex. */
export function Bytes({ value, id }: { value: Uint8Array; id?: string }) {
  if (!value.length) return <em>none</em>;
  return isUtf8(value) ? <pre id={id} class="text">{u8aToString(value)}</pre> : <code id={id}>{u8aToHex(value)}</code>;
}
