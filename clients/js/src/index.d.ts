export * from './accounts.js';
export * from './disclosure.js';
export * from './merkle.js';
export * from './runtime.js';
export * from './sealed-box.js';
export * from './send.js';
export * from './units.js';
export * from './within.js';
