// Which track a new request for `amount` takes (the runtime's `track_for`: the first that covers it
// and has room for it), and what that means for its vote and timelock.
import { trackData } from '../chain/tracks';
import { useReady } from '../state/context';
import { useTrack } from '../state/rules';
import { Amount } from './Amount';
import { Countdown } from './Countdown';
import { TrackLabel, TrackRules } from './TrackView';

export function TrackPreview({ id, amount }: { id: string; amount?: bigint }) {
  const { snapshot, head } = useReady();
  const { parameters } = snapshot;
  const choice = useTrack(amount);
  if (amount === undefined || amount === 0n) {
    return <p id={id} class="track-preview">Enter an amount to see its track{parameters.tracks.length > 0 && ' (smaller amounts take faster tracks)'}.</p>;
  }
  if (!choice) return <p id={id} class="track-preview" aria-busy="true">Track: asking the chain…</p>;
  const { index, track } = choice;
  // Why a smaller track that covers the amount was passed over: its open requests leave no room under its `max_open`.
  const first = parameters.tracks.findIndex((t) => amount <= t.max_amount);
  const skipped = first >= 0 && first !== index ? parameters.tracks[first] : undefined;
  // Filed in the next block, the request votes until that block + its voting period.
  const endsAt = head.number + 1 + track.voting_period;
  return (
    <p id={id} class="track-preview" data-track={trackData(index)} data-voting-period={track.voting_period} data-timelock={track.timelock}>
      Track: <TrackLabel index={index} />: <TrackRules track={track} />.
      {skipped && <> (<TrackLabel index={first} /> has no room: its open requests ask for <Amount value={snapshot.openByTrack[first]} /> of its <Amount value={skipped.max_open} />.)</>}
      {' '}Filed in the next block, its voting would end at about <Countdown to={endsAt} />.
    </p>
  );
}
