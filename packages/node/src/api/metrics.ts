import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IndexerStatus } from '../indexer/indexer.js';

/*
 * Prometheus metrics at GET /metrics (prom-client, one registry per node so several nodes can share
 * a process in tests): requests by route and status, request time by route, the indexer's height and
 * lag, and the zone-file inventory's length. Labels never carry names or addresses.
 */

export interface NodeMetricsSources {
  readonly indexerStatus: () => IndexerStatus;
  readonly zonefileEntries: () => number;
}

export function registerNodeMetrics(app: FastifyInstance, sources: NodeMetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bsk_node_' });
  const requests = new Counter({ name: 'bsk_node_http_requests_total', help: 'HTTP requests answered, by route, method and status.', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'bsk_node_http_request_duration_seconds',
    help: 'Time to answer, by route.',
    labelNames: ['route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'bsk_node_indexer_height',
    help: 'Last block applied to the name database.',
    registers: [registry],
    collect() {
      this.set(sources.indexerStatus().lastBlockProcessed ?? -1);
    },
  });
  new Gauge({
    name: 'bsk_node_indexer_behind_blocks',
    help: 'Blocks between the chain tip last seen and the last block applied.',
    registers: [registry],
    collect() {
      const status = sources.indexerStatus();
      this.set(status.lastBlockSeen === null || status.lastBlockProcessed === null ? 0 : Math.max(0, status.lastBlockSeen - status.lastBlockProcessed));
    },
  });
  new Gauge({
    name: 'bsk_node_zonefile_inventory_entries',
    help: 'Zone-file hashes put on chain (inventory rows).',
    registers: [registry],
    collect() {
      this.set(sources.zonefileEntries());
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    duration.observe({ route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return registry;
}
