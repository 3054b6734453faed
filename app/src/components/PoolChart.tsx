// The reserve against exposure over time (lines), with inflows above and payouts below the axis
// (bars), from the history's block records. Hand-made SVG.
import { formatAmount } from '@security-pool/client/rules';
import type { BlockRecord } from '../chain/history';
import { useReady } from '../state/context';

const WIDTH = 720;
const HEIGHT = 240;
const FLOWS = 60;
const PAD = { left: 8, right: 8, top: 12, bottom: 70 };
const BUCKETS = 60;

interface Bucket {
  from: number;
  to: number;
  reserve: bigint;
  exposure: bigint;
  inflow: bigint;
  payout: bigint;
}

/** The history in at most `BUCKETS` spans: the reserve and exposure at each span's end, its flows summed. */
export function buckets(history: BlockRecord[]): Bucket[] {
  const size = Math.max(1, Math.ceil(history.length / BUCKETS));
  const result: Bucket[] = [];
  for (let i = 0; i < history.length; i += size) {
    const span = history.slice(i, i + size);
    const last = span[span.length - 1];
    const bucket: Bucket = { from: span[0].number, to: last.number, reserve: last.reserve, exposure: last.exposure, inflow: 0n, payout: 0n };
    for (const event of span.flatMap((r) => r.events)) {
      switch (event.type) {
        case 'FeeShareReceived': case 'Contributed': case 'DepositForfeited': bucket.inflow += event.value.amount; break;
        case 'Paid': case 'Compensated': bucket.payout += event.value.amount; break;
      }
    }
    result.push(bucket);
  }
  return result;
}

const max = (values: bigint[]) => values.reduce((a, b) => (b > a ? b : a), 1n);
const scale = (value: bigint, top: bigint, pixels: number) => Number((value * BigInt(Math.round(pixels * 1000))) / top) / 1000;

export function PoolChart({ history }: { history: BlockRecord[] }) {
  const { chain } = useReady();
  const data = buckets(history);
  if (data.length < 2) return <p>The chart appears after a few blocks.</p>;
  const levels = HEIGHT - PAD.top - PAD.bottom;
  const top = max(data.flatMap((b) => [b.reserve, b.exposure]));
  const flowTop = max(data.flatMap((b) => [b.inflow, b.payout]));
  const step = (WIDTH - PAD.left - PAD.right) / (data.length - 1);
  const x = (i: number) => PAD.left + i * step;
  const y = (v: bigint) => PAD.top + levels - scale(v, top, levels);
  const line = (pick: (b: Bucket) => bigint) => data.map((b, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(pick(b)).toFixed(1)}`).join('');
  const axis = HEIGHT - PAD.bottom + FLOWS / 2 + 4;
  const bar = Math.max(1, step * 0.6);
  const fmt = (v: bigint) => formatAmount(chain.units, v, 0);
  const first = data[0];
  const last = data[data.length - 1];
  const summary = `Reserve from ${fmt(first.reserve)} at block ${first.from} to ${fmt(last.reserve)} at block ${last.to}; exposure now ${fmt(last.exposure)}.`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        <path d={line((b) => b.reserve)} class="reserve" />
        <path d={line((b) => b.exposure)} class="exposure" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={axis} y2={axis} class="axis" />
        {data.map((b, i) => (
          <g>
            <rect class="inflow" x={x(i) - bar / 2} width={bar} y={axis - scale(b.inflow, flowTop, FLOWS / 2)} height={scale(b.inflow, flowTop, FLOWS / 2)} />
            <rect class="payout" x={x(i) - bar / 2} width={bar} y={axis} height={scale(b.payout, flowTop, FLOWS / 2)} />
          </g>
        ))}
        <text x={PAD.left} y={HEIGHT - 2}>#{first.from}</text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 2} text-anchor="end">#{last.to}</text>
        <text x={PAD.left} y={PAD.top + 10}>{fmt(top)}</text>
      </svg>
      <figcaption>
        <span class="key reserve">reserve</span> <span class="key exposure">exposure</span>{' '}
        <span class="key inflow">inflows</span> <span class="key payout">payouts</span> per span of blocks (largest span: {formatAmount(chain.units, flowTop, 2)})
      </figcaption>
    </figure>
  );
}
