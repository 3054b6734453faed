export { decodeAccount } from './bytes.js';
export { COUNCIL_SHARES, ayesFor, closeOutcome } from './council.js';
export * from './disclosure.js';
export * from './merkle.js';
export { SEVERITIES } from './runtime.js';
export type { PoolStatus, Referendum, RequestLimits, Severity, Track, TrackChoice, TrackIndex } from './runtime.js';
export * from './sealed-box.js';
export * from './units.js';
