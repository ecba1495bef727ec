// Building naming transactions (bns.md §3.14): each operation's plan, fees, signing.
export * from './wallet.js';
export * from './plan.js';
export * from './fee.js';
export * from './namespace-preorder.js';
export * from './namespace-reveal.js';
export * from './namespace-ready.js';
export * from './name-preorder.js';
export * from './name-registration.js';
export * from './name-renewal.js';
export * from './name-update.js';
export * from './name-transfer.js';
export * from './name-revoke.js';
export * from './name-import.js';
export * from './announce.js';
export * from './import-keys.js';
