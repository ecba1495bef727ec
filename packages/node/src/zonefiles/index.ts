export * from './inventory.js';
export * from './sqlite-zonefile-store.js';
