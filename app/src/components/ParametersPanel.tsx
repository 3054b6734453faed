// The pool's rules for new requests: the tracks by amount (each with its voting period, timelock
// and thresholds), the general track above them, and how late changes of the outcome extend voting.
import { generalTrack, trackData, trackName } from '../chain/tracks';
import type { Track, TrackIndex } from '../chain/types';
import { formatPerbill } from '../chain/units';
import { useReady } from '../state/context';
import { Amount } from './Amount';
import { Blocks } from './TrackView';

function Row({ index, track, amounts }: { index: TrackIndex; track: Track; amounts: preact.ComponentChildren }) {
  return (
    <tr data-track={trackData(index)}>
      <th scope="row">{trackName(index)}</th>
      <td>{amounts}</td>
      <td><Blocks count={track.votingPeriod} /></td>
      <td><Blocks count={track.timelock} /></td>
      <td>≥ {formatPerbill(track.minTurnout)}</td>
      <td>&gt; {formatPerbill(track.approval)}</td>
    </tr>
  );
}

export function ParametersPanel() {
  const { snapshot } = useReady();
  const { parameters } = snapshot;
  const { tracks, confirmPeriod, maxExtensions } = parameters;
  const top = tracks.at(-1);
  return (
    <section aria-labelledby="rules-heading" id="parameters">
      <h2 id="rules-heading">Rules for new requests</h2>
      <table class="tracks" id="tracks">
        <caption>Tracks: a request takes the first whose maximum covers its amount, else the general track</caption>
        <thead>
          <tr><th scope="col">Track</th><th scope="col">Amounts</th><th scope="col">Voting period</th><th scope="col">Timelock</th><th scope="col">Min. turnout</th><th scope="col">Approval</th></tr>
        </thead>
        <tbody>
          {tracks.map((track, i) => (
            <Row index={i} track={track} amounts={<>up to <Amount value={track.maxAmount} /></>} />
          ))}
          <Row index={null} track={generalTrack(parameters)} amounts={top ? <>above <Amount value={top.maxAmount} /></> : 'any amount'} />
        </tbody>
      </table>
      {confirmPeriod !== undefined && (
        <p id="confirmation" data-confirm-period={confirmPeriod} data-max-extensions={maxExtensions}>
          Confirmation: a vote (or its removal) that turns a referendum from passing to failing or back within its last{' '}
          <Blocks count={confirmPeriod} /> moves its end to {confirmPeriod} blocks after that vote, at most {maxExtensions} time{maxExtensions === 1 ? '' : 's'}.
        </p>
      )}
    </section>
  );
}
