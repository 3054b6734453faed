// An incident's terms, its budget, the share of its loss every victim gets, and where it stands.
import { shareOfLoss } from '../chain/incidents';
import type { Incident } from '../chain/pool';
import type { PayoutRequest } from '../chain/snapshot';
import { Amount } from './Amount';
import { Bytes } from './Bytes';
import { StatusView } from './StatusView';
import { Blocks } from './TrackView';

/** `62.5% of its loss (exactly 5/8 = budget ÷ total; …)`; each victim's share is rounded down. */
export function ShareOfLoss({ budget, total, current }: { budget: bigint; total: bigint; current?: boolean }) {
  const { numerator, denominator, percent, exact } = shareOfLoss(budget, total);
  const fraction = `${numerator}/${denominator}`;
  return (
    <span class="share-of-loss" data-numerator={numerator.toString()} data-denominator={denominator.toString()}>
      {exact ? '' : '≈ '}{percent} of its loss{current && ' at the current budget'} (exactly {fraction} = budget ÷ total; a share is the loss × {fraction}, rounded down)
    </span>
  );
}

export function IncidentFacts({ request, incident, status = true }: { request: PayoutRequest; incident: Incident; status?: boolean }) {
  const voting = request.status.type === 'Voting';
  return (
    <dl
      class="facts incident-facts" data-incident={request.id} data-status={request.status.type} data-budget={request.amount.toString()}
      data-total={incident.total.toString()} data-victims={incident.victims} data-root={incident.root}
    >
      <dt>Evidence</dt><dd><Bytes value={incident.evidence} /></dd>
      <dt>Total asked</dt><dd><Amount value={incident.total} /></dd>
      <dt>Victims</dt><dd>{incident.victims.toLocaleString('en')}</dd>
      <dt>Loss list root</dt><dd><code>{incident.root}</code></dd>
      <dt>Claim period</dt><dd><Blocks count={incident.claim_period} /> from the end of the timelock</dd>
      <dt>Budget</dt>
      <dd class="budget">
        <Amount value={request.amount} />
        {voting
          ? ': what the pool reserves now. The budget is fixed at approval, recomputed then the same way (at most the total, and what the pool can pay then).'
          : ', fixed at approval.'}
      </dd>
      <dt>Every victim gets</dt><dd><ShareOfLoss budget={request.amount} total={incident.total} current={voting} /></dd>
      {status && <><dt>Status</dt><dd class="incident-status"><StatusView request={request} /></dd></>}
    </dl>
  );
}
