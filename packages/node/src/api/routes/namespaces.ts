import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { notFound } from '../errors.js';
import { namesPage, namespaceNameCount } from '../name-listing.js';
import { namespaceParam, pageQuery, paramsSchema, querySchema } from '../schemas.js';
import { requireNamespaceId, requirePage } from '../validate.js';

/*
 * Namespaces (bns.md §9.3; rpc.py GET_namespaces, GET_namespace_info, GET_namespace_names,
 * GET_namespace_num_names). v21 answers the list as a bare array of ready namespace ids.
 */

function namespaceRecord(context: ApiContext, namespaceId: string): Record<string, unknown> {
  const row = context.store.getRow('namespace', namespaceId);
  if (row === null) throw notFound('No such namespace');
  const history: Record<string, unknown[]> = {};
  for (const entry of context.store.history(namespaceId)) (history[String(entry.block_id)] ??= []).push({ ...entry.history_data, opcode: entry.opcode });
  return { ...row, token_fee: String(row.token_fee), ready: row.op === '!', history };
}

function requireNamespace(context: ApiContext, namespaceId: string): void {
  requireNamespaceId(namespaceId);
  if (context.store.getRow('namespace', namespaceId) === null) throw notFound('No such namespace');
}

export function registerNamespaceRoutes(app: FastifyInstance, context: ApiContext): void {
  app.get('/v1/namespaces', { schema: { summary: 'Ready namespace ids' } }, async () =>
    context.store.namespaceIds().filter((id) => context.store.getRow('namespace', id)?.op === '!'),
  );

  app.get<{ Params: { namespaceId: string } }>(
    '/v1/namespaces/:namespaceId',
    { schema: { summary: 'A namespace\'s record (price curve, lifetime, reveal and ready blocks)', params: paramsSchema({ namespaceId: namespaceParam }) } },
    async (request) => {
      requireNamespaceId(request.params.namespaceId);
      return namespaceRecord(context, request.params.namespaceId);
    },
  );

  app.get<{ Params: { namespaceId: string }; Querystring: { page?: string } }>(
    '/v1/namespaces/:namespaceId/names',
    { schema: { summary: 'Names of a namespace, 100 per page', params: paramsSchema({ namespaceId: namespaceParam }), querystring: querySchema({ page: pageQuery }) } },
    async (request) => {
      const { namespaceId } = request.params;
      requireNamespaceId(namespaceId);
      const page = requirePage(request.query.page);
      requireNamespace(context, namespaceId);
      return namesPage(context, { page, namespaceId });
    },
  );

  app.get<{ Params: { namespaceId: string } }>(
    '/v1/namespaces/:namespaceId/name_count',
    { schema: { summary: 'How many names of the namespace exist', params: paramsSchema({ namespaceId: namespaceParam }) } },
    async (request) => {
      const { namespaceId } = request.params;
      requireNamespaceId(namespaceId);
      if (context.store.getRow('namespace', namespaceId) === null) throw notFound('Failed to load namespace count: No such namespace');
      return { names_count: namespaceNameCount(context, namespaceId) };
    },
  );
}
