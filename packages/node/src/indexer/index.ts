// The indexer: follows the chain backend and applies blocks to the BNS engine.
export * from './indexer-db.js';
export * from './derived-data.js';
export * from './indexer.js';
