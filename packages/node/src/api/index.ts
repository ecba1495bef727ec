// The REST API v1 (fastify): routes, error mapping, OpenAPI document, metrics.
export { SERVER_VERSION, type ApiContext } from './context.js';
export { createApi, type ApiOptions } from './create-api.js';
export { NAME_ANSWER_CACHE_BYTES, StateCache, answerBytes, type NameAnswer } from './state-cache.js';
