// The BNS state machine (bns.md §1.3, §4): scanning, rules, collisions, block application and undo.
export * from './types.js';
export * from './outcome.js';
export * from './expiry.js';
export * from './consensus-window.js';
export * from './quota.js';
export * from './payment.js';
export * from './import-keychain.js';
export * from './check/index.js';
export * from './collisions.js';
export * from './scan.js';
export * from './journal.js';
export * from './apply-block.js';
export * from './undo.js';
export * from './lookup.js';
