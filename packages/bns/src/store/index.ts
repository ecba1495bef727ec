// The name database: the store interface and its SQLite implementation.
export * from './store.js';
export * from './sqlite-store.js';
