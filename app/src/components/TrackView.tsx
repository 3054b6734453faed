// A request's track (an index into the parameters' tracks, or the general track) and a track's rules.
import { trackData, trackName } from '../chain/tracks';
import { formatPerbill } from '@security-pool/client/rules';
import type { Track } from '../chain/pool';
import { useReady } from '../state/context';
import { Amount } from './Amount';
import { duration } from './Countdown';

/** `track 0 (up to 10 SPT)` or `general`. */
export function TrackLabel({ index }: { index: number | undefined }) {
  const { snapshot } = useReady();
  const track = index === undefined ? undefined : snapshot.parameters.tracks[index];
  return (
    <span class="track" data-track={trackData(index)}>
      {trackName(index)}{track && <> (up to <Amount value={track.max_amount} />)</>}
    </span>
  );
}

/** `5 blocks (~15 s)`. */
export function Blocks({ count }: { count: number }) {
  const { chain } = useReady();
  return <span class="blocks" data-blocks={count}>{count} block{count === 1 ? '' : 's'} (~{duration(count * chain.blockTime)})</span>;
}

/** A track's rules in words: voting period, timelock, thresholds. */
export function TrackRules({ track }: { track: Track }) {
  return (
    <>
      voting <Blocks count={track.voting_period} />, then a timelock of <Blocks count={track.timelock} /> if approved;
      passes with support (ayes and abstentions) ≥ {formatPerbill(track.min_support)} of the active issuance and approval &gt;{' '}
      {formatPerbill(track.approval)}
    </>
  );
}
