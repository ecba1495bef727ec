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

/** Counted on every request, so the key is plain; labels are escaped only when rendered. */
interface RequestCount {
  readonly route: string;
  readonly method: string;
  readonly status: number;
  count: number;
}

export class HubMetrics {
  private readonly requests = new Map<string, RequestCount>();
  private readonly timings = new Map<string, Timing>();

  record(route: string, method: string, status: number, seconds: number): void {
    const key = `${route}\0${method}\0${status}`;
    const counted = this.requests.get(key);
    if (counted) counted.count += 1;
    else this.requests.set(key, { route, method, status, count: 1 });
    const timing = this.timings.get(route);
    if (timing) {
      timing.sum += seconds;
      timing.count += 1;
    } else {
      this.timings.set(route, { sum: seconds, count: 1 });
    }
  }

  render(): string {
    const lines = ['# HELP gaia_http_requests_total HTTP requests answered, by route, method and status.', '# TYPE gaia_http_requests_total counter'];
    for (const { route, method, status, count } of this.requests.values()) {
      lines.push(`gaia_http_requests_total{route="${label(route)}",method="${label(method)}",status="${status}"} ${count}`);
    }
    lines.push('# HELP gaia_http_request_duration_seconds Time to answer, by route.', '# TYPE gaia_http_request_duration_seconds summary');
    for (const [route, { sum, count }] of this.timings) {
      const labels = `route="${label(route)}"`;
      lines.push(`gaia_http_request_duration_seconds_sum{${labels}} ${sum}`, `gaia_http_request_duration_seconds_count{${labels}} ${count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

export function registerMetrics(app: FastifyInstance, metrics: HubMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.record(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render()));
}
