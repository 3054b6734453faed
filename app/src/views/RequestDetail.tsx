// One request: what it asks, where it stands, its evidence or report, the council's verdict, an
// incident's terms and the check of a victim's compensation, the vote, and the timeline of its events.
import { useEffect, useState } from 'preact/hooks';
import { Address } from '../components/Address';
import { Amount } from '../components/Amount';
import { Bytes } from '../components/Bytes';
import { Countdown } from '../components/Countdown';
import { EventLine } from '../components/EventLine';
import { IncidentFacts } from '../components/IncidentFacts';
import { StatusView } from '../components/StatusView';
import { TallyView } from '../components/TallyView';
import { TrackLabel } from '../components/TrackView';
import { TriageView } from '../components/TriageView';
import { extensionsOf, votingEnd } from '../chain/referendum';
import { readReports } from '../chain/snapshot';
import type { Report } from '../chain/pool';
import { formatPerbill } from '@security-pool/client/rules';
import { useReady, useRequests } from '../state/context';
import { isOpen, kindName } from '../state/requests';
import { CheckCompensation } from './CheckCompensation';
import { VotePanel } from './VotePanel';

function useReports(id: number) {
  const { chain, head } = useReady();
  const [reports, setReports] = useState<{ report?: Report; encrypted?: Uint8Array }>({});
  useEffect(() => {
    void readReports(chain, id).then(setReports);
  }, [chain, id, head.number]);
  return reports;
}

export function RequestDetail({ id }: { id: number }) {
  const { byId, events } = useRequests();
  const { selected } = useReady();
  const { report, encrypted } = useReports(id);
  const request = byId.get(id);
  if (!request) return <><h1>Request {id}</h1><p>No request {id} is open or in the history this app has read.</p></>;
  const { kind, status, terms } = request;
  const timeline = events.get(id) ?? [];
  const endsAt = votingEnd(request);
  const extensions = extensionsOf(request);
  return (
    <>
      <h1>{kind.type === 'Incident' ? `Incident ${id}` : `Request ${id}: ${kindName(request)}`}</h1>
      <p id="request-status"><StatusView request={request} /></p>
      <dl class="facts">
        {kind.type === 'Incident' ? <><dt>Declared by</dt><dd><Address address={request.submitter} /></dd></> : (
          <>
            <dt>Amount</dt><dd><Amount value={request.amount} /></dd>
            <dt>Submitter</dt><dd><Address address={request.submitter} /></dd>
            <dt>Beneficiary</dt><dd><Address address={request.beneficiary} /></dd>
            {request.payee !== request.beneficiary && <><dt>Payee</dt><dd><Address address={request.payee} /></dd></>}
          </>
        )}
        <dt>Deposit</dt><dd><Amount value={request.deposit} /></dd>
        {request.filedAt !== undefined && <><dt>Filed</dt><dd>block #{request.filedAt}</dd></>}
        {terms && <><dt>Track</dt><dd id="request-track"><TrackLabel index={terms.track} /></dd></>}
        {terms && (
          <>
            <dt>Terms</dt>
            <dd id="request-terms" data-min-support={terms.min_support} data-approval={terms.approval} data-confirm-period={terms.confirm_period} data-veto-window={terms.veto_window}>
              support (ayes and abstentions) ≥ {formatPerbill(terms.min_support)} of the active issuance, approval &gt; {formatPerbill(terms.approval)},
              timelock {terms.timelock} blocks, vote lock {terms.vote_locking_period} blocks per conviction level
              {`, triage within ${terms.triage_period} blocks, report revealed within ${terms.reveal_period} blocks of payout`}
              {kind.type === 'Disclosure' && `, paid no sooner than ${terms.veto_window} whole blocks after its reveal (the veto window)`}
              {`; a change of the outcome in the last ${terms.confirm_period} blocks of voting moves the end so that ${terms.confirm_period} whole blocks follow it`}
            </dd>
          </>
        )}
        {endsAt !== undefined && <><dt>Voting ends</dt><dd id="voting-end" data-ends-at={endsAt} data-extensions={extensions}><Countdown to={endsAt} />{extensions > 0 ? `, extended ${extensions}×` : ', not extended'}</dd></>}
      </dl>
      {kind.type === 'Claim' && <section><h2>Evidence</h2><Bytes value={kind.value.evidence} /></section>}
      {kind.type === 'Incident' && (
        <section aria-labelledby="incident-heading">
          <h2 id="incident-heading">Incident</h2>
          <IncidentFacts request={request} incident={kind.value} status={false} />
        </section>
      )}
      {kind.type === 'Disclosure' && (
        <section>
          <h2>Disclosure</h2>
          <dl class="facts">
            <dt>Commitment</dt><dd><code>{kind.value.commitment}</code></dd>
            <dt>Triage</dt><dd id="triage"><TriageView triage={kind.value.triage} /></dd>
            {encrypted && <><dt>Report to the council</dt><dd>{encrypted.length} bytes, encrypted to the council's key</dd></>}
          </dl>
          <h3>Revealed report</h3>
          {report ? <Bytes id="revealed-report" value={report.text} /> : <p>Not revealed yet.</p>}
        </section>
      )}
      {status.type === 'Voting' && terms && (
        <>
          <section id="tally"><h2>Tally</h2><TallyView tally={status.value.tally} terms={terms} referendum={request.referendum} /></section>
          <VotePanel key={selected} request={request} endsAt={endsAt ?? status.value.ends_at} />
        </>
      )}
      {kind.type === 'Incident' && isOpen(request) && <CheckCompensation request={request} incident={kind.value} />}
      <section>
        <h2>Timeline</h2>
        {timeline.length ? <ol class="events">{timeline.map((e) => <EventLine event={e} />)}</ol> : <p>No events in the history read.</p>}
      </section>
    </>
  );
}
