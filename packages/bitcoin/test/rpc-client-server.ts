import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the replaying node answers to one call: a result, or an RPC error `{code, message}`. */
export type Answer = { result: unknown } | { error: { code: number; message: string } };

export type Responder = (method: string, params: unknown[]) => Answer | undefined;

/** Lets a test take over a whole HTTP exchange (drop the connection, stall, answer 503, …). */
export type Interceptor = (request: IncomingMessage, response: ServerResponse, body: string) => boolean;

export interface ReplayNode {
  readonly url: string;
  /** Every JSON body received, parsed, in order (objects for single calls, arrays for batches). */
  readonly received: unknown[];
  intercept(interceptor: Interceptor | null): void;
  setPassword(password: string): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that answers like bitcoind's HTTP-RPC front end (src/httprpc.cpp):
 * basic auth with a 401 and an empty body on failure, -32700 for bad JSON, -32601 with HTTP 404
 * for unknown methods, other errors with HTTP 500, and batches answered with HTTP 200 and an array.
 * Answers come from recorded replies (`respond`).
 */
export async function startReplayNode(respond: Responder, user = 'bsk', password = 'secret'): Promise<ReplayNode> {
  let interceptor: Interceptor | null = null;
  let expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const received: unknown[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (interceptor?.(request, response, body)) return;
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="jsonrpc"' }).end();
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        reply(response, 500, { result: null, error: { code: -32700, message: 'Parse error' }, id: null });
        return;
      }
      received.push(payload);
      if (Array.isArray(payload)) {
        reply(response, 200, payload.map((call) => answer(respond, call).reply));
        return;
      }
      const { status, reply: one } = answer(respond, payload);
      reply(response, status, one);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    intercept(next) {
      interceptor = next;
    },
    setPassword(next) {
      expected = `Basic ${Buffer.from(`${user}:${next}`).toString('base64')}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(respond: Responder, call: unknown): { status: number; reply: unknown } {
  const { method, params, id } = (call ?? {}) as { method?: unknown; params?: unknown; id?: unknown };
  if (typeof method !== 'string') return { status: 400, reply: { result: null, error: { code: -32600, message: 'Method must be a string' }, id: id ?? null } };
  const found = respond(method, Array.isArray(params) ? params : []);
  if (found === undefined) return { status: 404, reply: { result: null, error: { code: -32601, message: 'Method not found' }, id } };
  if ('error' in found) return { status: 500, reply: { result: null, error: found.error, id } };
  return { status: 200, reply: { result: found.result, error: null, id } };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}
