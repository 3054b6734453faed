// A referendum's tally against its request's own thresholds: turnout and approval, as bars with
// the threshold marked, and the exact ayes, nays and turnout.
import { standing } from '../chain/referendum';
import type { Referendum, Tally, Terms } from '../chain/types';
import { formatPerbill } from '../chain/units';
import { useReady } from '../state/context';
import { Amount } from './Amount';

function Meter({ label, share, threshold, needs, met }: { label: string; share: number; threshold: number; needs: '≥' | '>'; met: boolean }) {
  const percent = `${(share * 100).toFixed(2)}%`;
  return (
    <div class={`meter ${met ? 'met' : 'unmet'}`}>
      <span class="meter-label">{label} {percent} (needs {needs} {formatPerbill(threshold)}) {met ? '✓' : '✗'}</span>
      <span class="meter-track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Number((share * 100).toFixed(2))}>
        <span class="meter-fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
        <span class="meter-threshold" style={{ left: `${threshold / 1e7}%` }} />
      </span>
    </div>
  );
}

/**
 * The tally against the request's own terms; passing or failing now as the runtime API's
 * `referendum` tells it (else as `standing` works it out).
 */
export function TallyView({ tally, terms, referendum, compact }: { tally: Tally; terms: Terms; referendum?: Referendum; compact?: boolean }) {
  const { snapshot } = useReady();
  const s = standing(tally, terms, snapshot.electorate);
  const passing = referendum?.passing ?? s.passing;
  const verdict = <strong class={`standing ${passing ? 'passing' : 'failing'}`}>{passing ? 'Passing' : 'Failing'}</strong>;
  return (
    <div class="tally" data-ayes={tally.ayes.toString()} data-nays={tally.nays.toString()} data-turnout={tally.turnout.toString()} data-votes={tally.votes} data-passing={String(passing)}>
      {compact ? <p class="standing-line">{verdict} now</p> : (
        <p>
          Ayes <Amount value={tally.ayes} />, nays <Amount value={tally.nays} /> (weighted), turnout <Amount value={tally.turnout} /> (abstentions included), {tally.votes} vote{tally.votes === 1 ? '' : 's'}.{' '}
          {verdict} as it stands.
        </p>
      )}
      <Meter label="Turnout" share={s.turnoutShare} threshold={terms.minTurnout} needs="≥" met={s.turnoutMet} />
      <Meter label="Approval" share={s.approvalShare} threshold={terms.approval} needs=">" met={s.approvalMet} />
    </div>
  );
}
