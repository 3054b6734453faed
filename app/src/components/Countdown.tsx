import { useReady } from '../state/context';

/** A duration in words, e.g. `2 min 30 s`, `3 h 5 min`. */
export function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.round(h / 24)} days`;
}

/** How far block `to` is from the head, in blocks and in time: `in 7 blocks (~21 s)`. */
export function Countdown({ to }: { to: number }) {
  const { head, chain } = useReady();
  const blocks = to - head.number;
  const time = duration(blocks * chain.blockTime);
  const text = blocks > 0
    ? `in ${blocks} block${blocks === 1 ? '' : 's'} (~${time})`
    : blocks === 0 ? 'now' : `${-blocks} block${blocks === -1 ? '' : 's'} ago`;
  return <span class="countdown" data-blocks={blocks} title={`block #${to}`}>#{to}, {text}</span>;
}
