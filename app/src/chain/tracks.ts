// Tracks: smaller amounts take faster, lighter rules, as the pallet picks them (`track_for`).
import type { Parameters, Track, TrackIndex } from './types';

/** The general track: the top-level parameters, for amounts above every track's `maxAmount` (bounded by `maxExposure`, not `maxOpen`). */
export const generalTrack = (parameters: Parameters): Track => ({
  maxAmount: 0n,
  maxOpen: 0n,
  votingPeriod: parameters.votingPeriod,
  timelock: parameters.timelock,
  minSupport: parameters.minSupport,
  approval: parameters.approval,
});

/**
 * The track a request for `amount` takes while the tracks' open requests ask for `open` (by
 * track): the first that covers the amount and has room for it under its `maxOpen`, else the
 * general one.
 */
export function trackFor(parameters: Parameters, amount: bigint, open: readonly bigint[]): { index: TrackIndex; track: Track } {
  const index = parameters.tracks.findIndex((track, i) => amount <= track.maxAmount && (open[i] ?? 0n) + amount <= track.maxOpen);
  return index >= 0 ? { index, track: parameters.tracks[index] } : { index: null, track: generalTrack(parameters) };
}

/** A track's name as shown: `track 0` … (its index in the parameters) or `general`. */
export const trackName = (index: TrackIndex) => (index === null ? 'general' : `track ${index}`);

/** The value of `data-track`: the index, or `general`. */
export const trackData = (index: TrackIndex) => (index === null ? 'general' : String(index));
