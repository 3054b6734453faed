// One pool event in words, for the overview's feed and a request's timeline.
import type { ComponentChildren } from 'preact';
import type { PoolEvent } from '../chain/history';
import type { EventData, PoolEventName, Verdict } from '../chain/pool';
import { requestOf } from '../state/requests';
import { href } from '../state/route';
import { Address } from './Address';
import { Amount } from './Amount';
import { AdaptiveRule } from './FeeShareView';

const who = (address: string) => <Address address={address} />;
const amount = (value: bigint) => <Amount value={value} />;

/** Each event's data in words. */
const DESCRIBE: { [K in PoolEventName]?: (d: EventData<K>) => ComponentChildren } = {
  FeeShareReceived: (d) => <>Fee share {amount(d.amount)} came in</>,
  Contributed: (d) => <>{who(d.who)} contributed {amount(d.amount)}</>,
  DepositForfeited: (d) => <>Deposit {amount(d.amount)} of {who(d.who)} forfeited to the pool</>,
  ClaimSubmitted: (d) => <>{who(d.submitter)} filed a claim for {amount(d.amount)}; voting ends at #{d.voting_ends_at}</>,
  DisclosureSubmitted: (d) => <>{who(d.submitter)} filed a {d.severity.type} disclosure for {amount(d.amount)}</>,
  DisclosureRevealed: (d) => <>Report revealed ({d.report_len} bytes)</>,
  Voted: ({ voter, vote }) => (vote.choice.type === 'Abstain'
    ? <>{who(voter)} abstained with {amount(vote.balance)} (support only)</>
    : <>{who(voter)} voted {vote.choice.type.toLowerCase()} with {amount(vote.balance)} at {vote.conviction.type}</>),
  VoteRemoved: (d) => <>{who(d.voter)} removed their vote</>,
  Unlocked: (d) => <>{who(d.who)} unlocked; {amount(d.frozen)} stays frozen</>,
  Approved: (d) => <>Approved (ayes {amount(d.tally.ayes)}); payable at #{d.payable_at}</>,
  Rejected: () => <>Rejected by the referendum</>,
  Vetoed: () => <>Vetoed by the council</>,
  Cancelled: () => <>Cancelled by the council</>,
  PayeeSet: (d) => <>Payee set to {who(d.payee)}</>,
  Paid: (d) => <>Paid {amount(d.amount)} to {who(d.payee)}{d.remaining > 0n && <>; {amount(d.remaining)} still owed</>}</>,
  PayoutOwed: (d) => <>Pool short: {amount(d.remaining)} owed</>,
  PaymentRefused: (d) => <>{who(d.payee)} could not receive {amount(d.amount)}</>,
  ParametersSet: () => <>Parameters changed</>,
  FeeShareSet: ({ adaptive }) => (adaptive
    ? <>Fee share made adaptive: <AdaptiveRule adaptive={adaptive} /></>
    : <>Fee share back to the runtime's fixed share</>),
  TriageKeySet: () => <>The council published a new triage key</>,
  Triaged: (d) => <>Council verdict: {verdictText(d.verdict)}; amount now {amount(d.amount)}</>,
  FastTracked: (d) => <>Fast-tracked: voting ends at #{d.voting_ends_at}</>,
  TriageMissed: () => <>The council missed its triage deadline</>,
  AwaitingReveal: (d) => <>Awaiting the report's reveal until #{d.reveal_by}</>,
  RevealMissed: () => <>The report was not revealed in time</>,
  VotingExtended: (d) => <>A change of the outcome in the confirmation window moved the end of voting to #{d.ends_at} (extended {d.extensions}×)</>,
  IncidentDeclared: (d) => <>{who(d.submitter)} declared an incident: {d.victims} victims lost {amount(d.total)}; the pool reserves {amount(d.budget)}; voting ends at #{d.voting_ends_at}</>,
  IncidentBudgeted: (d) => <>Budget fixed at {amount(d.budget)} for losses of {amount(d.total)}</>,
  CompensationOpened: (d) => <>Claims open: a budget of {amount(d.budget)} until #{d.closes_at}</>,
  Compensated: (d) => <>Leaf {d.index} paid {amount(d.amount)} to {who(d.account)}</>,
  IncidentClosed: (d) => <>Claims closed: {amount(d.paid)} paid, {amount(d.returned)} back to the pool</>,
  TimelockRestarted: (d) => <>Revealed after waiting unproven or late in its timelock: payable at #{d.payable_at} unless vetoed</>,
};

/** The words of event `type` with its data `data`; undefined for an event not described. */
const describe = <K extends PoolEventName>(type: K, data: EventData<K>) => DESCRIBE[type]?.(data);

export function verdictText(verdict: Verdict): string {
  return verdict.type === 'Downgraded' ? `downgraded to ${verdict.value.type}` : verdict.type.toLowerCase();
}

export function EventLine({ event, withRequest }: { event: PoolEvent; withRequest?: boolean }) {
  const request = requestOf(event);
  return (
    <li class="event" data-event={event.type}>
      <span class="block">#{event.block}</span>{' '}
      {withRequest && request !== undefined && <><a href={href('requests', request)}>Request {request}</a>: </>}
      {describe(event.type, event.value) ?? event.type}
    </li>
  );
}
