// @bsk/node: the core node's public entry point. Modules append their exports below.
export * from './contracts.js';
export * from './zonefiles/index.js';
export * from './subdomains/index.js';
export * from './atlas/index.js';
export * from './dns/index.js';
export * from './search/index.js';
export * from './config/index.js';
export * from './indexer/index.js';
export * from './api/index.js';
export * from './broadcast/index.js';
export * from './profiles/index.js';
export * from './create-node.js';
