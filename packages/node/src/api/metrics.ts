import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
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

/** Upper bounds of the request-time histogram's buckets, in seconds. */
export const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * Requests and their times by route, tallied in plain maps as each answer is sent and handed to
 * prom-client only when /metrics is scraped: counting through prom-client's labelled metrics on
 * every request cost a few microseconds each (label hashing, bucket search), a few percent of a
 * cached GET /v1/names/{name} (bench/README.md "api").
 */
export class RequestTallies {
  /** By `route method status`. */
  readonly requests = new Map<string, { readonly route: string; readonly method: string; readonly status: string; count: number }>();
  /** By route: requests per bucket (not cumulative; the last one is +Inf), the sum of times and their number. */
  readonly durations = new Map<string, { readonly buckets: number[]; sum: number; count: number }>();

  record(route: string, method: string, statusCode: number, seconds: number): void {
    const key = `${route} ${method} ${statusCode}`;
    let tally = this.requests.get(key);
    if (tally === undefined) this.requests.set(key, (tally = { route, method, status: String(statusCode), count: 0 }));
    tally.count++;
    let times = this.durations.get(route);
    if (times === undefined) this.durations.set(route, (times = { buckets: new Array<number>(DURATION_BUCKETS.length + 1).fill(0), sum: 0, count: 0 }));
    let bucket = 0;
    while (bucket < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[bucket]!) bucket++;
    times.buckets[bucket]!++;
    times.sum += seconds;
    times.count++;
  }

  /** The request-time histogram as prom-client's registry prints a metric (cumulative buckets, `le` labels, `_sum`, `_count`). */
  histogramValues(name: string): { metricName: string; labels: Record<string, string | number>; value: number }[] {
    const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
    for (const [route, times] of this.durations) {
      let cumulative = 0;
      times.buckets.forEach((count, index) => {
        cumulative += count;
        values.push({ metricName: `${name}_bucket`, labels: { le: index < DURATION_BUCKETS.length ? DURATION_BUCKETS[index]! : '+Inf', route }, value: cumulative });
      });
      values.push({ metricName: `${name}_sum`, labels: { route }, value: times.sum });
      values.push({ metricName: `${name}_count`, labels: { route }, value: times.count });
    }
    return values;
  }
}

/**
 * The request counter and request-time histogram, in `registry`, fed by the tallies returned:
 * prom-client prints them as it would its own Counter and Histogram fed the same answers.
 */
export function registerRequestMetrics(registry: Registry): RequestTallies {
  const tallies = new RequestTallies();
  new Counter({
    name: 'bsk_node_http_requests_total',
    help: 'HTTP requests answered, by route, method and status.',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { route, method, status, count } of tallies.requests.values()) this.inc({ route, method, status }, count);
    },
  });
  // A histogram prom-client's registry prints from the tallies (its own Histogram can only be fed one observation at a time).
  const name = 'bsk_node_http_request_duration_seconds';
  const help = 'Time to answer, by route.';
  registry.registerMetric({
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    get: async () => ({ name, help, type: 'histogram', aggregator: 'sum', values: tallies.histogramValues(name) }),
    reset: () => tallies.durations.clear(),
  } as unknown as Parameters<Registry['registerMetric']>[0]);
  return tallies;
}

export function registerNodeMetrics(app: FastifyInstance, sources: NodeMetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bsk_node_' });
  const tallies = registerRequestMetrics(registry);
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
  // A callback hook rather than an async one: no promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    tallies.record(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return registry;
}
