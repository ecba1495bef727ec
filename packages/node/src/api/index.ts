// The REST API v1 (fastify): routes, error mapping, OpenAPI document, metrics.
export { SERVER_VERSION, type ApiContext } from './context.js';
export { createApi, type ApiOptions } from './create-api.js';
export { NAME_INFO_CACHE_SIZE, StateCache } from './state-cache.js';
