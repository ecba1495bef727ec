export { mayCarrySubdomains, openSubdomainIndex } from './subdomain-index.js';
export type { SubdomainIndex, SubdomainIndexOptions } from './subdomain-index.js';
export type { SubdomainOperationJson } from './rows.js';
export { SUBDOMAIN_DB_FILE } from './schema.js';
export { DEFAULT_SUBDOMAIN_BATCH_BYTES, makeSubdomainOperation, packSubdomainBatch } from './batch.js';
export type { NewSubdomainOperation, SubdomainBatch, SubdomainBatchOptions } from './batch.js';
export { walkSubdomainHistory } from './acceptance.js';
