// Where a request is in its life, in words, with the countdown to its next step (for a running
// referendum, to its end after extensions, as the runtime API tells it; for an incident, to its
// claims' opening and closing).
import { extensionsOf, votingEnd } from '../chain/referendum';
import type { PayoutRequest } from '../chain/snapshot';
import { Amount } from './Amount';
import { Countdown } from './Countdown';

export function StatusView({ request }: { request: PayoutRequest }) {
  const { status } = request;
  switch (status.type) {
    case 'Voting': {
      const extensions = extensionsOf(request);
      return (
        <span class="status voting">
          Voting, ends <Countdown to={votingEnd(request)!} />
          {extensions > 0 && <> <span class="extended" data-extensions={extensions}>extended {extensions}×</span></>}
        </span>
      );
    }
    case 'Approved': {
      const what = request.kind.type === 'Incident' ? 'its victims may claim' : 'payable';
      return <span class="status approved">Approved, {what} <Countdown to={status.value.payable_at} /></span>;
    }
    case 'Owed': return <span class="status owed">Owed: <Amount value={status.value.remaining} /></span>;
    case 'Unproven': return <span class="status unproven">Passed, unproven: paid once revealed; closes unpaid <Countdown to={status.value.reveal_by} /></span>;
    case 'Paid': return <span class="status paid">Paid; report due <Countdown to={status.value.reveal_by} /></span>;
    case 'Compensating': return (
      <span class="status compensating">
        Compensating: <Amount value={status.value.paid} /> of <Amount value={request.amount} /> paid; claims close <Countdown to={status.value.closes_at} />
      </span>
    );
    case 'Settled': return <span class="status settled">Paid (#{status.value.at})</span>;
    default: return <span class={`status ${status.type.toLowerCase()}`}>{status.type} (#{status.value.at})</span>;
  }
}
