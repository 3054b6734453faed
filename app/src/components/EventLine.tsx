// One pool event in words, for the overview's feed and a request's timeline.
import { adaptiveFeeShare, big, choice as decodeChoice, tally as decodeTally, verdict as decodeVerdict } from '../chain/decode';
import type { PoolEvent } from '../chain/types';
import { href } from '../state/route';
import { Address } from './Address';
import { Amount } from './Amount';
import { AdaptiveRule } from './FeeShareView';

type Data = Record<string, unknown>;

const amount = (d: Data, field = 'amount') => <Amount value={big(d[field])} />;
const who = (d: Data, field: string) => <Address address={d[field] as string} />;

const DESCRIBE: Record<string, (d: Data) => preact.ComponentChildren> = {
  FeeShareReceived: (d) => <>Fee share {amount(d)} came in</>,
  Contributed: (d) => <>{who(d, 'who')} contributed {amount(d)}</>,
  DepositForfeited: (d) => <>Deposit {amount(d)} of {who(d, 'who')} forfeited to the pool</>,
  ClaimSubmitted: (d) => <>{who(d, 'submitter')} filed a claim for {amount(d)}; voting ends at #{String(d.votingEndsAt)}</>,
  DisclosureSubmitted: (d) => <>{who(d, 'submitter')} filed a {String(d.severity)} disclosure for {amount(d)}</>,
  DisclosureRevealed: (d) => <>Report revealed ({String(d.reportLen)} bytes)</>,
  Voted: (d) => {
    const vote = d.vote as Data;
    const choice = decodeChoice(vote);
    return choice === 'Abstain'
      ? <>{who(d, 'voter')} abstained with {amount(vote, 'balance')} (support only)</>
      : <>{who(d, 'voter')} voted {choice.toLowerCase()} with {amount(vote, 'balance')} at {String(vote.conviction)}</>;
  },
  VoteRemoved: (d) => <>{who(d, 'voter')} removed their vote</>,
  Unlocked: (d) => <>{who(d, 'who')} unlocked; {amount(d, 'frozen')} stays frozen</>,
  Approved: (d) => <>Approved (ayes <Amount value={decodeTally(d.tally as Data).ayes} />); payable at #{String(d.payableAt)}</>,
  Rejected: () => <>Rejected by the referendum</>,
  Vetoed: () => <>Vetoed by the council</>,
  Cancelled: () => <>Cancelled by the council</>,
  PayeeSet: (d) => <>Payee set to {who(d, 'payee')}</>,
  Paid: (d) => <>Paid {amount(d)} to {who(d, 'payee')}{big(d.remaining) > 0n && <>; <Amount value={big(d.remaining)} /> still owed</>}</>,
  PayoutOwed: (d) => <>Pool short: {amount(d, 'remaining')} owed</>,
  PaymentRefused: (d) => <>{who(d, 'payee')} could not receive {amount(d)}</>,
  ParametersSet: () => <>Parameters changed</>,
  FeeShareSet: (d) => {
    const adaptive = adaptiveFeeShare(d.adaptive as Data | null);
    return adaptive ? <>Fee share made adaptive: <AdaptiveRule adaptive={adaptive} /></> : <>Fee share back to the runtime's fixed share</>;
  },
  TriageKeySet: () => <>The council published a new triage key</>,
  Triaged: (d) => <>Council verdict: {verdictText(d.verdict)}; amount now {amount(d)}</>,
  FastTracked: (d) => <>Fast-tracked: voting ends at #{String(d.votingEndsAt)}</>,
  TriageMissed: () => <>The council missed its triage deadline</>,
  AwaitingReveal: (d) => <>Awaiting the report's reveal until #{String(d.revealBy)}</>,
  RevealMissed: () => <>The report was not revealed in time</>,
  VotingExtended: (d) => <>A change of the outcome in the confirmation window moved the end of voting to #{String(d.endsAt)} (extended {String(d.extensions)}×)</>,
  IncidentDeclared: (d) => <>{who(d, 'submitter')} declared an incident: {String(d.victims)} victims lost {amount(d, 'total')}; the pool reserves {amount(d, 'budget')}; voting ends at #{String(d.votingEndsAt)}</>,
  IncidentBudgeted: (d) => <>Budget fixed at {amount(d, 'budget')} for losses of {amount(d, 'total')}</>,
  CompensationOpened: (d) => <>Claims open: a budget of {amount(d, 'budget')} until #{String(d.closesAt)}</>,
  Compensated: (d) => <>Leaf {String(d.index)} paid {amount(d)} to {who(d, 'account')}</>,
  IncidentClosed: (d) => <>Claims closed: {amount(d, 'paid')} paid, {amount(d, 'returned')} back to the pool</>,
  TimelockRestarted: (d) => <>Revealed after waiting unproven or late in its timelock: payable at #{String(d.payableAt)} unless vetoed</>,
};

export function verdictText(json: unknown): string {
  const verdict = decodeVerdict(json);
  return verdict.kind === 'Downgraded' ? `downgraded to ${verdict.severity}` : verdict.kind.toLowerCase();
}

export function EventLine({ event, withRequest }: { event: PoolEvent; withRequest?: boolean }) {
  const request = event.data.request ?? event.data.incident;
  return (
    <li class="event" data-event={event.name}>
      <span class="block">#{event.block}</span>{' '}
      {withRequest && typeof request === 'number' && <><a href={href('requests', request)}>Request {request}</a>: </>}
      {DESCRIBE[event.name]?.(event.data) ?? event.name}
    </li>
  );
}
