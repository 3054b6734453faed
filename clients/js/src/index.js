// @security-pool/client: every rule a client of the Security Pool needs, written once, for the
// browser and Node. The dev-node harness, Node only, is `@security-pool/client/node`; the pure
// rules alone, without Polkadot.js (for a browser bundle), are `@security-pool/client/rules`.
export * from './accounts.js';
export { decodeAccount } from './bytes.js';
export * from './council.js';
export * from './disclosure.js';
export * from './merkle.js';
export * from './runtime.js';
export * from './sealed-box.js';
export * from './send.js';
export * from './units.js';
export * from './within.js';
