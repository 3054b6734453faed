// Tracks as the app names them; which track a request takes is the runtime's (`track_for`).

/** A track's name as shown: `track 0` … (its index in the parameters) or `general` (no index). */
export const trackName = (index: number | undefined) => (index === undefined ? 'general' : `track ${index}`);

/** The value of `data-track`: the index, or `general`. */
export const trackData = (index: number | undefined) => (index === undefined ? 'general' : String(index));
