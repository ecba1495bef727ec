// Consensus hashes (bns.md §6): serialization of accepted operations and the Merkle skip-list hash.
export * from './records.js';
export * from './fields.js';
export * from './python-float.js';
export * from './serialize-op.js';
export * from './merkle.js';
export * from './ops-hash.js';
export * from './skip-list.js';
export * from './consensus-hash.js';
export * from './genesis.js';
export * from './transfer-consensus-hash.js';
export { pythonIntList } from './python-str.js';
