// Incidents: the open ones, each with its terms, budget, the share of its loss every victim gets and
// where it stands (its page has the vote and the check of a victim's compensation); and the form to
// declare one.
import { IncidentFacts } from '../components/IncidentFacts';
import { TallyView } from '../components/TallyView';
import type { Incident } from '../chain/pool';
import type { PayoutRequest } from '../chain/snapshot';
import { useReady, useRequests } from '../state/context';
import { isOpen } from '../state/requests';
import { href } from '../state/route';
import { DeclareIncident } from './DeclareIncident';

function IncidentCard({ request, incident }: { request: PayoutRequest; incident: Incident }) {
  const { status, terms } = request;
  const heading = `incident-${request.id}-heading`;
  return (
    <article class="incident" aria-labelledby={heading} data-incident={request.id}>
      <h3 id={heading}><a href={href('incidents', request.id)}>Incident {request.id}</a></h3>
      <IncidentFacts request={request} incident={incident} />
      {status.type === 'Voting' && terms && <TallyView tally={status.value.tally} terms={terms} referendum={request.referendum} compact />}
      <p>
        <a href={href('incidents', request.id)}>
          {status.type === 'Voting' ? 'Vote on it' : 'Check your compensation and claim it'}
        </a>{status.type === 'Voting' && ', or check your compensation in advance'} on its page.
      </p>
    </article>
  );
}

export function Incidents() {
  const { chain } = useReady();
  const { all } = useRequests();
  const open = all.flatMap((request) => (request.kind.type === 'Incident' && isOpen(request) ? [{ request, incident: request.kind.value }] : []));
  return (
    <>
      <h1>Incidents</h1>
      <p>
        One referendum compensates every victim of a hack: each victim claims the same share of its loss, budget ÷ total, with a
        proof that its loss is in the incident's published list; a claim needs no wallet and costs nothing.
      </p>
      <section aria-labelledby="open-incidents-heading">
        <h2 id="open-incidents-heading">Open incidents ({open.length})</h2>
        {open.length
          ? open.map(({ request, incident }) => <IncidentCard key={request.id} request={request} incident={incident} />)
          : <p>No incident is open.</p>}
      </section>
      <DeclareIncident limits={chain.incidentLimits} />
    </>
  );
}
