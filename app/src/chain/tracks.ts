// Tracks as the app names them; which track a request takes is the runtime's (`trackFor`).
import type { TrackIndex } from './types';

/** A track's name as shown: `track 0` … (its index in the parameters) or `general`. */
export const trackName = (index: TrackIndex) => (index === null ? 'general' : `track ${index}`);

/** The value of `data-track`: the index, or `general`. */
export const trackData = (index: TrackIndex) => (index === null ? 'general' : String(index));
