import type { FastifyPluginAsync } from 'fastify';
import { DEFAULT_SEARCH_LIMIT, searchWords } from './search-index.js';
import type { SearchIndex } from './search-index.js';

/*
 * `GET /v1/search?query=…` (bns.md §9.6; the original's api/search/server.py): `{"results":
 * [{fullyQualifiedName, username, profile, openbazaar}, …]}`, at most 50 unless `limit_results`
 * says fewer (up to 100). The original answered 200 with an error body for a missing query and `{}`
 * for an empty one; here a missing, empty, wordless or oversized query is a 400
 * `{"error": "Invalid request: …"}`, the node's error shape. Register with
 * `app.register(searchRoutes, { search })`.
 */

export interface SearchRoutesOptions {
  readonly search: SearchIndex;
  /** Whether a name or subdomain may be shown (e.g. its on-chain name has not expired); default: all. */
  readonly isLive?: (fqn: string) => boolean;
}

export const MAX_SEARCH_QUERY_LENGTH = 256;

const querystring = {
  type: 'object',
  required: ['query'],
  properties: {
    query: { type: 'string', minLength: 1, maxLength: MAX_SEARCH_QUERY_LENGTH },
    limit_results: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

const result = {
  type: 'object',
  required: ['fullyQualifiedName', 'username', 'profile', 'openbazaar'],
  properties: {
    fullyQualifiedName: { type: 'string' },
    username: { type: 'string' },
    profile: { type: 'object', additionalProperties: true },
    openbazaar: { type: ['string', 'null'] },
  },
} as const;

const schema = {
  summary: 'Search names, subdomains and profiles',
  querystring,
  response: {
    200: { type: 'object', required: ['results'], properties: { results: { type: 'array', items: result } } },
    400: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
  },
} as const;

export const searchRoutes: FastifyPluginAsync<SearchRoutesOptions> = async (app, { search, isLive }) => {
  app.get<{ Querystring: { query: string; limit_results?: number } }>('/v1/search', { schema, attachValidation: true }, async (request, reply) => {
    if (request.validationError !== undefined) return reply.code(400).send({ error: `Invalid request: ${request.validationError.message}` });
    const { query, limit_results: limit = DEFAULT_SEARCH_LIMIT } = request.query;
    if (searchWords(query).length === 0) return reply.code(400).send({ error: 'Invalid request: the query has no letters or digits to search for' });
    return { results: search.search(query, limit, isLive) };
  });
};
