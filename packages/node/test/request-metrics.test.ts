import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS, registerRequestMetrics } from '../src/api/metrics.js';

/*
 * The request metrics are tallied in plain maps and printed at scrape time (api/metrics.ts). What
 * /metrics shows must be what prom-client's own Counter and Histogram show for the same answers.
 */

const answer = fc.record({
  route: fc.constantFrom('/v1/names/:name', '/v1/namespaces', 'unmatched', '/v1/names/:name/history'),
  method: fc.constantFrom('GET', 'POST', 'OPTIONS'),
  status: fc.constantFrom(200, 301, 400, 404, 500),
  // Bucket bounds themselves included: a time equal to a bound falls in that bucket.
  seconds: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(...DURATION_BUCKETS)),
});

describe('request metrics tallied per answer', () => {
  it('print exactly as prom-client Counter and Histogram fed the same answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { maxLength: 60 }), async (answers) => {
        const ours = new Registry();
        const tallies = registerRequestMetrics(ours);
        const reference = new Registry();
        const requests = new Counter({ name: 'bsk_node_http_requests_total', help: 'HTTP requests answered, by route, method and status.', labelNames: ['route', 'method', 'status'], registers: [reference] });
        const duration = new Histogram({ name: 'bsk_node_http_request_duration_seconds', help: 'Time to answer, by route.', labelNames: ['route'], buckets: DURATION_BUCKETS, registers: [reference] });
        for (const { route, method, status, seconds } of answers) {
          tallies.record(route, method, status, seconds);
          requests.inc({ route, method, status: String(status) });
          duration.observe({ route }, seconds);
        }
        expect(await ours.metrics()).toBe(await reference.metrics());
        // Twice: a scrape does not change what the next one prints.
        expect(await ours.metrics()).toBe(await reference.metrics());
      }),
      { numRuns: 200 },
    );
  });
});
