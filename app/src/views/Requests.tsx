// Every request: the open ones with their tallies and countdowns, then the finished ones.
import { Address } from '../components/Address';
import { Amount } from '../components/Amount';
import { HistoryNote } from '../components/HistoryNote';
import { StatusView } from '../components/StatusView';
import { TallyView } from '../components/TallyView';
import { TrackLabel } from '../components/TrackView';
import type { PayoutRequest } from '../chain/snapshot';
import { useReady, useRequests } from '../state/context';
import { isOpen, kindName } from '../state/requests';
import { href } from '../state/route';
import { useFirstRender } from './firstRender';

function Row({ request, tracks }: { request: PayoutRequest; tracks: boolean }) {
  const { kind, status, terms } = request;
  return (
    <tr data-request={request.id} data-status={status.type}>
      <td><a href={href('requests', request.id)}>#{request.id}</a></td>
      <td class="kind">{kindName(request)}</td>
      <td><Amount value={request.amount} /></td>
      {tracks && <td>{terms ? <TrackLabel index={terms.track} /> : '—'}</td>}
      <td>{kind.type === 'Incident' ? <a href={href('incidents', request.id)}>{kind.value.victims} victims</a> : <Address address={request.beneficiary} />}</td>
      <td><StatusView request={request} /></td>
      <td>{status.type === 'Voting' && terms ? <TallyView tally={status.value.tally} terms={terms} referendum={request.referendum} compact /> : '—'}</td>
    </tr>
  );
}

function Table({ caption, requests, tracks }: { caption: string; requests: PayoutRequest[]; tracks: boolean }) {
  return (
    <table class="requests">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Id</th><th scope="col">Kind</th><th scope="col">Amount</th>{tracks && <th scope="col">Track</th>}
          <th scope="col">Beneficiary</th><th scope="col">Status</th><th scope="col">Tally (own thresholds)</th>
        </tr>
      </thead>
      <tbody>{requests.map((r) => <Row key={r.id} request={r} tracks={tracks} />)}</tbody>
    </table>
  );
}

export function Requests() {
  const { historyLoaded, snapshot } = useReady();
  const { all } = useRequests();
  // Every open request has its track in its terms (none: the general track).
  const tracks = all.some((r) => r.terms !== undefined) || snapshot.parameters.tracks.length > 0;
  useFirstRender('requests', historyLoaded);
  const open = all.filter(isOpen);
  const finished = all.filter((r) => !isOpen(r));
  return (
    <>
      <h1>Requests</h1>
      <HistoryNote />
      {open.length ? <Table caption={`Open (${open.length})`} requests={open} tracks={tracks} /> : <p>No request is open.</p>}
      {finished.length > 0 && <Table caption={`Finished (${finished.length})`} requests={finished} tracks={tracks} />}
    </>
  );
}
