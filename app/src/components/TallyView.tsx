// A referendum's tally against its request's own thresholds: support and approval, as bars with
// the threshold marked, the exact ayes, nays and support against the support needed, and the
// confirmation window when voting is in it.
import { standing, supportNeeded } from '../chain/referendum';
import { formatPerbill } from '@security-pool/client/rules';
import type { Referendum, Tally, Terms } from '../chain/pool';
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

/** What the confirmation window means for the outcome and for votes cast or removed in it. */
function Confirming({ terms }: { terms: Terms }) {
  return (
    <p class="confirming" role="status">
      <strong>Confirming.</strong> In its confirmation window: a change of the outcome now moves the end so that{' '}
      {terms.confirm_period} whole block{terms.confirm_period === 1 ? '' : 's'} follow it, and a vote cast, changed or removed now
      stays frozen until the vote-locking period ({terms.vote_locking_period} blocks) after the end, whichever side wins.
    </p>
  );
}

/**
 * The tally against the request's own terms; passing or failing now, the support needed and the
 * confirmation window as the runtime API's `referendum` tells them (else as `standing` works
 * them out, outside any window).
 */
export function TallyView({ tally, terms, referendum, compact }: { tally: Tally; terms: Terms; referendum?: Referendum; compact?: boolean }) {
  const { snapshot } = useReady();
  const s = standing(tally, terms, snapshot.electorate);
  const passing = referendum?.passing ?? s.passing;
  const needed = referendum?.support_needed ?? supportNeeded(terms, snapshot.electorate);
  const confirming = referendum?.confirming ?? false;
  const verdict = <strong class={`standing ${passing ? 'passing' : 'failing'}`}>{passing ? 'Passing' : 'Failing'}</strong>;
  return (
    <div
      class="tally" data-ayes={tally.ayes.toString()} data-nays={tally.nays.toString()} data-support={tally.support.toString()}
      data-support-needed={needed.toString()} data-votes={tally.votes} data-passing={String(passing)} data-confirming={String(confirming)}
    >
      {compact ? (
        <p class="standing-line">
          {verdict} now; support <Amount value={tally.support} /> of <Amount value={needed} />
          {confirming && <>; <strong class="confirming" title={`In its confirmation window: a change of the outcome moves the end so that ${terms.confirm_period} whole blocks follow it`}>confirming</strong></>}
        </p>
      ) : (
        <>
          <p>
            Ayes <Amount value={tally.ayes} />, nays <Amount value={tally.nays} /> (weighted); support <Amount value={tally.support} /> of{' '}
            <Amount value={needed} /> needed (ayes and abstentions; nays never count); {tally.votes} vote{tally.votes === 1 ? '' : 's'}.{' '}
            {verdict} as it stands.
          </p>
          {confirming && <Confirming terms={terms} />}
        </>
      )}
      <Meter label="Support" share={s.supportShare} threshold={terms.min_support} needs="≥" met={s.supportMet} />
      <Meter label="Approval" share={s.approvalShare} threshold={terms.approval} needs=">" met={s.approvalMet} />
    </div>
  );
}
