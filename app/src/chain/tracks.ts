// Tracks: smaller amounts take faster, lighter rules, as the pallet picks them (`track_for`).
import type { Parameters, Track, TrackIndex } from './types';

/** The general track: the top-level parameters, for amounts above every track's `maxAmount`. */
export const generalTrack = (parameters: Parameters): Track => ({
  maxAmount: 0n,
  votingPeriod: parameters.votingPeriod,
  timelock: parameters.timelock,
  minTurnout: parameters.minTurnout,
  approval: parameters.approval,
});

/** The track a request for `amount` takes: the first with `amount <= maxAmount`, else the general one. */
export function trackFor(parameters: Parameters, amount: bigint): { index: TrackIndex; track: Track } {
  const index = parameters.tracks.findIndex((track) => amount <= track.maxAmount);
  return index >= 0 ? { index, track: parameters.tracks[index] } : { index: null, track: generalTrack(parameters) };
}

/** A track's name as shown: `track 0` … (its index in the parameters) or `general`. */
export const trackName = (index: TrackIndex) => (index === null ? 'general' : `track ${index}`);

/** The value of `data-track`: the index, or `general`. */
export const trackData = (index: TrackIndex) => (index === null ? 'general' : String(index));
