import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { badRequest, notFound, unsupportedBlockchain } from '../errors.js';
import { chainParam, pageQuery, paramsSchema, querySchema } from '../schemas.js';
import { requirePage } from '../validate.js';

/*
 * Subdomain listings (bns.md §9.5–9.6; rpc.py GET_subdomains, GET_subdomain_ops,
 * GET_blockchain_num_subdomains), served from the subdomain index.
 */

export function registerSubdomainRoutes(app: FastifyInstance, context: ApiContext): void {
  const index = context.subdomains;

  app.get<{ Querystring: { page?: string } }>('/v1/subdomains', { schema: { summary: 'Subdomains, 100 per page, sorted', querystring: querySchema({ page: pageQuery }) } }, async (request) => {
    const page = requirePage(request.query.page);
    return index?.list?.(page * 100, 100) ?? [];
  });

  app.get<{ Params: { txid: string } }>(
    '/v1/subdomains/:txid',
    { schema: { summary: 'Subdomain operations a transaction\'s zone file carried', params: paramsSchema({ txid: { type: 'string', maxLength: 128 } }) } },
    async (request) => {
      if (!/^[0-9a-fA-F]{64}$/.test(request.params.txid)) throw badRequest('Invalid argument: not a well-formed txid');
      return index?.operationsAtTxid?.(request.params.txid.toLowerCase()) ?? [];
    },
  );

  app.get<{ Params: { blockchain: string } }>(
    '/v1/blockchains/:blockchain/subdomains_count',
    { schema: { summary: 'How many subdomains exist', params: paramsSchema({ blockchain: chainParam }) } },
    async (request) => {
      if (request.params.blockchain !== 'bitcoin') throw unsupportedBlockchain();
      if (index?.count === undefined) throw notFound('No subdomain index');
      return { names_count: index.count() };
    },
  );
}
