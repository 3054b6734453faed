// One request: what it asks, where it stands, its evidence or report, the council's verdict, an
// incident's terms and the check of a victim's compensation, the vote, and the timeline of its events.
import { hexToU8a } from '@polkadot/util';
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
import type { Report } from '../chain/types';
import { formatPerbill } from '@security-pool/client';
import { useReady, useRequests } from '../state/context';
import { isOpen, kindName } from '../state/requests';
import { CheckCompensation } from './CheckCompensation';
import { VotePanel } from './VotePanel';

function useReports(id: number) {
  const { chain, head } = useReady();
  const [reports, setReports] = useState<{ report?: Report; encrypted?: string }>({});
  useEffect(() => {
    void readReports(chain, id).then(setReports);
  }, [chain, id, head.number]);
  return reports;
}

export function RequestDetail({ id }: { id: number }) {
  const { byId, events } = useRequests();
  const { chain, selected } = useReady();
  const { report, encrypted } = useReports(id);
  const request = byId.get(id);
  if (!request) return <><h1>Request {id}</h1><p>No request {id} is open or in the history this app has read.</p></>;
  const { what, status, terms } = request;
  const timeline = events.get(id) ?? [];
  const endsAt = votingEnd(request);
  const extensions = extensionsOf(request);
  return (
    <>
      <h1>{what.kind === 'Incident' ? `Incident ${id}` : `Request ${id}: ${kindName(request)}`}</h1>
      <p id="request-status"><StatusView request={request} /></p>
      <dl class="facts">
        {what.kind === 'Incident' ? <><dt>Declared by</dt><dd><Address address={request.submitter} /></dd></> : (
          <>
            <dt>Amount</dt><dd><Amount value={request.amount} /></dd>
            <dt>Submitter</dt><dd><Address address={request.submitter} /></dd>
            <dt>Beneficiary</dt><dd><Address address={request.beneficiary} /></dd>
            {request.payee !== request.beneficiary && <><dt>Payee</dt><dd><Address address={request.payee} /></dd></>}
          </>
        )}
        <dt>Deposit</dt><dd><Amount value={request.deposit} /></dd>
        {request.filedAt !== undefined && <><dt>Filed</dt><dd>block #{request.filedAt}</dd></>}
        {terms?.track !== undefined && <><dt>Track</dt><dd id="request-track"><TrackLabel index={terms.track} /></dd></>}
        {terms && (
          <>
            <dt>Terms</dt>
            <dd id="request-terms" data-min-support={terms.minSupport} data-approval={terms.approval} data-confirm-period={terms.confirmPeriod} data-veto-window={terms.vetoWindow}>
              support (ayes and abstentions) ≥ {formatPerbill(terms.minSupport)} of the active issuance, approval &gt; {formatPerbill(terms.approval)},
              timelock {terms.timelock} blocks, vote lock {terms.voteLockingPeriod} blocks per conviction level
              {terms.triagePeriod !== undefined && `, triage within ${terms.triagePeriod} blocks, report revealed within ${terms.revealPeriod} blocks of payout`}
              {what.kind === 'Disclosure' && `, paid no sooner than ${terms.vetoWindow} whole blocks after its reveal (the veto window)`}
              {terms.confirmPeriod !== undefined && `; a change of the outcome in the last ${terms.confirmPeriod} blocks of voting moves the end so that ${terms.confirmPeriod} whole blocks follow it`}
            </dd>
          </>
        )}
        {endsAt !== undefined && <><dt>Voting ends</dt><dd id="voting-end" data-ends-at={endsAt} data-extensions={extensions}><Countdown to={endsAt} />{extensions > 0 ? `, extended ${extensions}×` : terms?.confirmPeriod !== undefined ? ', not extended' : ''}</dd></>}
      </dl>
      {what.kind === 'Claim' && <section><h2>Evidence</h2><Bytes value={what.evidence} /></section>}
      {what.kind === 'Incident' && (
        <section aria-labelledby="incident-heading">
          <h2 id="incident-heading">Incident</h2>
          <IncidentFacts request={request} incident={what} status={false} />
        </section>
      )}
      {what.kind === 'Disclosure' && (
        <section>
          <h2>Disclosure</h2>
          <dl class="facts">
            <dt>Commitment</dt><dd><code>{what.commitment}</code></dd>
            <dt>Triage</dt><dd id="triage"><TriageView triage={what.triage} /></dd>
            {encrypted && <><dt>Report to the council</dt><dd>{hexToU8a(encrypted).length} bytes, encrypted to the council's key</dd></>}
          </dl>
          <h3>Revealed report</h3>
          {report ? <Bytes id="revealed-report" value={report.text} /> : <p>Not revealed yet.</p>}
        </section>
      )}
      {status.kind === 'Voting' && terms && (
        <>
          <section id="tally"><h2>Tally</h2><TallyView tally={status.tally} terms={terms} referendum={request.referendum} /></section>
          <VotePanel key={selected} request={request} endsAt={endsAt ?? status.endsAt} />
        </>
      )}
      {what.kind === 'Incident' && chain.features.incidents && isOpen(request) && <CheckCompensation request={request} incident={what} />}
      <section>
        <h2>Timeline</h2>
        {timeline.length ? <ol class="events">{timeline.map((e) => <EventLine event={e} />)}</ol> : <p>No events in the history read.</p>}
      </section>
    </>
  );
}
