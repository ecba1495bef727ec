export { DEFAULT_SEARCH_LIMIT, openSearchIndex, searchUsername } from './search-index.js';
export type { SearchIndex, SearchIndexOptions, SearchResult } from './search-index.js';
export { profileSearchFields } from './profile-fields.js';
export type { ProfileSearchFields } from './profile-fields.js';
export { MAX_SEARCH_QUERY_LENGTH, searchRoutes } from './routes.js';
export type { SearchRoutesOptions } from './routes.js';
export { SEARCH_DB_FILE } from './schema.js';
export { followSubdomainsInSearch } from './follow-subdomains.js';
export type { SubdomainChangeSource } from './follow-subdomains.js';
