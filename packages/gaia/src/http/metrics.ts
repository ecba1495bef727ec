import type { FastifyInstance } from 'fastify';

/*
 * Prometheus metrics at `GET /metrics` (text exposition format 0.0.4): requests by route, method and
 * status, and request time by route. Counted in memory by this process; no label holds a bucket
 * address or path, so the series stay few.
 */

interface Timing {
  sum: number;
  count: number;
}

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export class HubMetrics {
  private readonly requests = new Map<string, number>();
  private readonly timings = new Map<string, Timing>();

  record(route: string, method: string, status: number, seconds: number): void {
    const key = `route="${label(route)}",method="${label(method)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const timingKey = `route="${label(route)}"`;
    const timing = this.timings.get(timingKey) ?? { sum: 0, count: 0 };
    timing.sum += seconds;
    timing.count += 1;
    this.timings.set(timingKey, timing);
  }

  render(): string {
    const lines = ['# HELP gaia_http_requests_total HTTP requests answered, by route, method and status.', '# TYPE gaia_http_requests_total counter'];
    for (const [labels, count] of this.requests) lines.push(`gaia_http_requests_total{${labels}} ${count}`);
    lines.push('# HELP gaia_http_request_duration_seconds Time to answer, by route.', '# TYPE gaia_http_request_duration_seconds summary');
    for (const [labels, { sum, count }] of this.timings) {
      lines.push(`gaia_http_request_duration_seconds_sum{${labels}} ${sum}`, `gaia_http_request_duration_seconds_count{${labels}} ${count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

export function registerMetrics(app: FastifyInstance, metrics: HubMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.record(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render()));
}
