// @security-pool/client/rules: the client's pure rules alone, for a browser bundle without
// Polkadot.js: the disclosure commitment and the sealed box, the loss list's Merkle tree, units,
// the council's shares and the severities. They bring only @noble/hashes, @scure/base and TweetNaCl.
export { decodeAccount } from './bytes.js';
export { COUNCIL_SHARES, ayesFor, closeOutcome } from './council.js';
export * from './disclosure.js';
export * from './merkle.js';
export { SEVERITIES } from './runtime.js';
export * from './sealed-box.js';
export * from './units.js';
