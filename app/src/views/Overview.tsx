// The pool: what it holds, owes and risks, its history, and what just happened.
import { Amount } from '../components/Amount';
import { EventLine } from '../components/EventLine';
import { FeeShareView } from '../components/FeeShareView';
import { HistoryNote } from '../components/HistoryNote';
import { ParametersPanel } from '../components/ParametersPanel';
import { PoolChart } from '../components/PoolChart';
import { formatPerbill } from '@security-pool/client/rules';
import { useReady } from '../state/context';
import { useFirstRender } from './firstRender';

const RECENT = 15;

export function Overview() {
  const { snapshot, history, historyLoaded } = useReady();
  const { pool, parameters } = snapshot;
  useFirstRender('overview', historyLoaded);
  const events = history.flatMap((r) => r.events);
  const eventCount = events.length;
  const recent = events.slice(-RECENT).reverse();
  const figures: [string, preact.ComponentChildren, string][] = [
    ['Balance', <Amount value={pool.balance} />, 'The pool account\'s free balance.'],
    ['Available', <Amount value={pool.available} />, 'What new requests are capped against: balance − existential deposit − committed.'],
    ['Committed', <Amount value={pool.committed} />, 'Unpaid amounts of approved requests.'],
    ['Owed', <Amount value={pool.owed} />, 'The part of committed that is due but could not yet be paid.'],
    ['Exposure', <Amount value={pool.exposure} />, `What all open requests ask for; at most ${formatPerbill(parameters.max_exposure)} of the balance.`],
    ['Open requests', pool.open_requests, 'Voting, approved or owed.'],
    ['Lifetime inflow', <Amount value={pool.lifetime_inflow} />, 'Fee shares, contributions and forfeited deposits.'],
    ['Lifetime payouts', <Amount value={pool.lifetime_outflow} />, 'Everything ever paid out.'],
  ];
  return (
    <>
      <h1>The pool</h1>
      <dl class="figures" id="pool-status">
        {figures.map(([name, value, help]) => (
          <div title={help} data-figure={name.toLowerCase()}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <FeeShareView feeShare={snapshot.feeShare} />
      <h2>Reserve and flows</h2>
      {historyLoaded ? <PoolChart history={history} /> : <p role="status">Reading the pool's history…</p>}
      {historyLoaded && history.length > 0 && (
        <p class="hint" id="history-span" data-events={eventCount}>
          History read: blocks #{history[0].number}–#{history[history.length - 1].number}, {eventCount} pool events.
        </p>
      )}
      <HistoryNote />
      <h2>Latest events</h2>
      {recent.length ? <ul class="events">{recent.map((e) => <EventLine event={e} withRequest />)}</ul> : <p>No pool events yet.</p>}
      <ParametersPanel />
    </>
  );
}
