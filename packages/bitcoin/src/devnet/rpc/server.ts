import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { RpcDispatcher } from './dispatch.js';
import { RPC_ERROR } from './errors.js';
import { writeJson } from './json.js';

/**
 * bitcoind's HTTP front (src/httprpc.cpp) on loopback: POST only, HTTP basic auth answered
 * with a bare 401, one request object or a batch, and bitcoind's HTTP statuses for errors.
 * Written on node:http rather than fastify because bitcoind's answers to malformed bodies and
 * bad credentials must come out byte for byte, which a schema-validating framework would change.
 */

export interface RpcServerOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Further accepted "user:password" pairs (the cookie). */
  readonly extraCredentials?: readonly string[];
  /** Largest request body accepted (bitcoind: MAX_SIZE, 32 MiB). */
  readonly maxBodyBytes?: number;
}

export interface RpcServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** HTTP status of a legacy (1.0) error reply (JSONErrorReply). */
function errorStatus(code: number): number {
  if (code === RPC_ERROR.INVALID_REQUEST) return 400;
  if (code === RPC_ERROR.METHOD_NOT_FOUND) return 404;
  return 500;
}

function authorized(header: string | undefined, accepted: readonly Buffer[]): boolean {
  if (!header || !header.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(header.slice(6).trim(), 'base64').toString('utf8'));
  return accepted.some((expected) => given.length === expected.length && timingSafeEqual(given, expected));
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = JSON_HEADERS): void {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function handleJsonRpcBody(dispatcher: RpcDispatcher, body: string): { status: number; text: string } {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    const error = { code: RPC_ERROR.PARSE_ERROR, message: 'Parse error' };
    return { status: 500, text: `${writeJson({ result: null, error, id: null })}\n` };
  }
  if (Array.isArray(request)) {
    const replies = request.map((item) => dispatcher.execute(item, true).body).filter((b) => b !== undefined);
    return { status: 200, text: `${writeJson(replies)}\n` };
  }
  if (typeof request !== 'object' || request === null) {
    const error = { code: RPC_ERROR.PARSE_ERROR, message: 'Top-level object parse error' };
    return { status: 500, text: `${writeJson({ result: null, error, id: null })}\n` };
  }
  const reply = dispatcher.execute(request);
  if (!reply.body) return { status: 204, text: '' };
  const status = reply.error && reply.legacy ? errorStatus(reply.error.code) : 200;
  return { status, text: `${writeJson(reply.body)}\n` };
}

export function startRpcServer(dispatcher: RpcDispatcher, options: RpcServerOptions): Promise<RpcServer> {
  const credentials = [`${options.user}:${options.password}`, ...(options.extraCredentials ?? [])].map((c) => Buffer.from(c));
  const limit = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path !== '/' && !path.startsWith('/wallet/')) return send(res, 404, '', {});
      if (req.method !== 'POST') return send(res, 405, 'JSONRPC server handles only POST requests', {});
      if (!authorized(req.headers.authorization, credentials)) {
        return send(res, 401, '', { 'WWW-Authenticate': 'Basic realm="jsonrpc"' });
      }
      const body = await readBody(req, limit);
      if (body === null) return send(res, 413, '', {});
      const { status, text } = handleJsonRpcBody(dispatcher, body);
      if (status === 204) {
        res.writeHead(204);
        return res.end();
      }
      send(res, status, text);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, '', {});
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
