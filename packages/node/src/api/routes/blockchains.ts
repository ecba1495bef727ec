import type { FastifyInstance } from 'fastify';
import { countNames } from '@bsk/bns';
import type { ApiContext } from '../context.js';
import { ApiError, badRequest, notFound, unsupportedBlockchain } from '../errors.js';
import { nameStanding, zonefileBytes, zonefileView } from '../name-status.js';
import { chainParam, flagQuery, nameParam, paramsSchema, querySchema } from '../schemas.js';
import { flagSet, isOnChainName, requireNameOrSubdomain } from '../validate.js';

/*
 * Blockchain routes (bns.md §9.5; rpc.py GET_blockchain_*): consensus hashes, name counts and the
 * raw name record. Only the chain `bitcoin` is served; any other answers 404.
 */

/** How far back GET …/consensus-block/{hash} searches (the store has no index by consensus hash). */
const CONSENSUS_SEARCH_DEPTH = 10_000;

function requireBitcoin(chain: string): void {
  if (chain !== 'bitcoin') throw unsupportedBlockchain();
}

function rawNameRecord(context: ApiContext, name: string): Record<string, unknown> {
  if (!isOnChainName(name)) throw notFound('Not found.');
  const standing = nameStanding(context, name);
  if (standing === null) throw notFound('Not found.');
  const bytes = zonefileBytes(context, standing.record.value_hash);
  const tip = context.engine.tip() ?? 0;
  return {
    ...standing.record,
    expire_block: standing.expireBlock,
    renewal_deadline: standing.renewalDeadline,
    expired: standing.expireBlock > 0 && standing.expireBlock <= tip,
    ...(bytes === null ? {} : { zonefile: Buffer.from(bytes).toString('base64') }),
    resolver: zonefileView(context, standing.record.value_hash)?.resolver ?? null,
    ...(context.nameDid(name) === null ? {} : { did: context.nameDid(name) }),
  };
}

export function registerBlockchainRoutes(app: FastifyInstance, context: ApiContext): void {
  const chainOnly = paramsSchema({ blockchain: chainParam });

  app.get<{ Params: { blockchain: string } }>('/v1/blockchains/:blockchain/consensus', { schema: { summary: 'The consensus hash at the last block', params: chainOnly } }, async (request) => {
    requireBitcoin(request.params.blockchain);
    const tip = context.engine.tip();
    return { consensus_hash: tip === null ? null : context.engine.consensusHashAt(tip) };
  });

  app.get<{ Params: { blockchain: string; height: string } }>(
    '/v1/blockchains/:blockchain/consensus/:height',
    { schema: { summary: 'The consensus hash at a block', params: paramsSchema({ blockchain: chainParam, height: { type: 'string', pattern: '^[0-9]{1,10}$' } }) } },
    async (request) => {
      requireBitcoin(request.params.blockchain);
      const height = Number(request.params.height);
      if (height < context.params.firstBlock) throw badRequest('Invalid block');
      const tip = context.engine.tip();
      if (tip === null || height > tip) throw new ApiError(503, { error: `The node has not processed block ${height}` });
      return { consensus_hash: context.engine.consensusHashAt(height) };
    },
  );

  app.get<{ Params: { blockchain: string; consensusHash: string } }>(
    '/v1/blockchains/:blockchain/consensus-block/:consensusHash',
    { schema: { summary: 'The block a consensus hash belongs to', params: paramsSchema({ blockchain: chainParam, consensusHash: { type: 'string', pattern: '^[0-9a-f]{32}$' } }) } },
    async (request) => {
      requireBitcoin(request.params.blockchain);
      const tip = context.engine.tip();
      if (tip !== null) {
        const lowest = Math.max(context.params.firstBlock, tip - CONSENSUS_SEARCH_DEPTH);
        for (let height = tip; height >= lowest; height--) if (context.engine.consensusHashAt(height) === request.params.consensusHash) return { block_height: height };
      }
      throw notFound('No block for this consensus hash');
    },
  );

  app.get<{ Params: { blockchain: string }; Querystring: { all?: string } }>(
    '/v1/blockchains/:blockchain/name_count',
    { schema: { summary: 'How many names exist (or ever existed, with all=true)', params: chainOnly, querystring: querySchema({ all: flagQuery }) } },
    async (request) => {
      requireBitcoin(request.params.blockchain);
      return { names_count: countNames(context.params, context.store, { includeExpired: flagSet(request.query.all) }) };
    },
  );

  app.get<{ Params: { blockchain: string; name: string } }>(
    '/v1/blockchains/:blockchain/names/:name',
    { schema: { summary: 'A name\'s full database record', params: paramsSchema({ blockchain: chainParam, name: nameParam }) } },
    async (request) => {
      requireNameOrSubdomain(request.params.name);
      requireBitcoin(request.params.blockchain);
      return rawNameRecord(context, request.params.name);
    },
  );
}
