// @bsk/devnet: the local network's public entry point. Modules append their exports below.
export * from './options.js';
export * from './keys.js';
export * from './namespaces.js';
export * from './ports.js';
export * from './local-network.js';
export * from './endpoints-table.js';
