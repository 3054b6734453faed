// The pool's rules for new requests: the tracks by amount (each with what its open requests may ask
// for together, its voting period, timelock and thresholds), the general track above them, the
// confirmation window at the end of voting, and the veto window after a disclosure's reveal.
import { trackData, trackName } from '../chain/tracks';
import { formatPerbill } from '@security-pool/client/rules';
import type { Track } from '../chain/pool';
import { useReady } from '../state/context';
import { Amount } from './Amount';
import { Blocks } from './TrackView';

/** A track's rules; the general track's are the parameters' own (its requests bounded by `max_exposure`, not a `max_open`). */
type Rules = Pick<Track, 'voting_period' | 'timelock' | 'min_support' | 'approval'> & { max_open?: bigint };

function Row({ index, track, amounts, open }: { index: number | undefined; track: Rules; amounts: preact.ComponentChildren; open: preact.ComponentChildren }) {
  return (
    <tr data-track={trackData(index)} data-max-open={track.max_open?.toString()}>
      <th scope="row">{trackName(index)}</th>
      <td>{amounts}</td>
      <td>{open}</td>
      <td><Blocks count={track.voting_period} /></td>
      <td><Blocks count={track.timelock} /></td>
      <td>≥ {formatPerbill(track.min_support)}</td>
      <td>&gt; {formatPerbill(track.approval)}</td>
    </tr>
  );
}

export function ParametersPanel() {
  const { snapshot } = useReady();
  const { parameters } = snapshot;
  const { tracks, confirm_period: confirmPeriod, veto_window: vetoWindow } = parameters;
  const top = tracks.at(-1);
  return (
    <section aria-labelledby="rules-heading" id="parameters">
      <h2 id="rules-heading">Rules for new requests</h2>
      <table class="tracks" id="tracks">
        <caption>
          Tracks: a request takes the first whose maximum covers its amount and whose open requests leave room for it, else the
          general track. Support: the balance of ayes and abstentions (nays never count), as a share of the active issuance.
        </caption>
        <thead>
          <tr>
            <th scope="col">Track</th><th scope="col">Amounts</th><th scope="col">Open at most (voting, approved, owed)</th>
            <th scope="col">Voting period</th><th scope="col">Timelock</th><th scope="col">Min. support</th><th scope="col">Approval</th>
          </tr>
        </thead>
        <tbody>
          {tracks.map((track, i) => (
            <Row index={i} track={track} amounts={<>up to <Amount value={track.max_amount} /></>} open={<Amount value={track.max_open} />} />
          ))}
          <Row
            index={undefined} track={parameters} amounts={top ? <>above <Amount value={top.max_amount} /></> : 'any amount'}
            open={`all open requests together: ${formatPerbill(parameters.max_exposure)} of the pool's balance`}
          />
        </tbody>
      </table>
      <p id="confirmation" data-confirm-period={confirmPeriod}>
        Confirmation window: a vote (or its removal) that turns a referendum from passing to failing or back within its last{' '}
        <Blocks count={confirmPeriod} /> moves its end so that {confirmPeriod} whole blocks follow that vote, however often; a vote
        cast, changed or removed in the window stays frozen until the vote-locking period after the end, whichever side wins.
      </p>
      <p id="veto-window" data-veto-window={vetoWindow}>
        Veto window: a disclosure is paid no sooner than <Blocks count={vetoWindow} /> after its report is revealed, the veto
        origin's time to read the report.
      </p>
    </section>
  );
}
