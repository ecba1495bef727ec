import type { FastifyInstance } from 'fastify';
import { SERVER_VERSION, type ApiContext } from '../context.js';

/*
 * Node status (bns.md §9.1; rpc.py GET_ping, GET_getinfo; blockstackd.py rpc_getinfo).
 */

export function nodeInfo(context: ApiContext): Record<string, unknown> {
  const status = context.indexerStatus();
  const tip = context.engine.tip();
  const count = context.zonefiles.entryCount();
  return {
    consensus: tip === null ? null : context.engine.consensusHashAt(tip),
    first_block: context.params.firstBlock,
    indexing: status.indexing,
    last_block_processed: tip ?? context.params.firstBlock - 1,
    last_block_seen: status.lastBlockSeen ?? tip ?? context.params.firstBlock - 1,
    server_alive: true,
    server_version: SERVER_VERSION,
    testnet: context.params.id !== 'mainnet',
    // MAX(inv_index) + 1 when the inventory has rows (the original's off-by-one, bns.md §7.2).
    zonefile_count: count === 0 ? 0 : count + 1,
  };
}

export function registerNodeRoutes(app: FastifyInstance, context: ApiContext): void {
  const ping = async () => ({ status: 'alive', version: SERVER_VERSION });
  app.get('/v1/ping', { schema: { summary: 'Liveness' } }, ping);
  app.get('/v1/node/ping', { schema: { summary: 'Liveness' } }, ping);
  app.get('/v1/info', { schema: { summary: 'Indexer progress, consensus hash, zone-file count' } }, async () => nodeInfo(context));
  app.get('/v1/node/info', { schema: { summary: 'Same as /v1/info' } }, async () => nodeInfo(context));
}
