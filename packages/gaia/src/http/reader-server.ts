import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { GaiaDriver } from '../driver.js';
import { HubError } from '../errors.js';
import { CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS, READER_CORS_ALLOW_METHODS } from './cors.js';
import { answerRead } from './read-response.js';
import type { ReadAnswer } from './read-response.js';

/*
 * The read endpoint as its own server (auth-and-storage.md §4.1, §4.11: the original's `reader`,
 * default port 8008): `GET|HEAD /<bucket>/<path>` (read-response.ts, the same answers as on the hub's
 * port) and CORS preflight (§4.9 "Reader / storage"), over the driver the hub writes through. It is the
 * hot path of every app's getFile, and one route needs no framework, so it is plain node:http.
 * `createHub` starts one when `readerPort` is set; it can also run alone over a storage root.
 */

export interface ReaderServerOptions {
  readonly driver: GaiaDriver;
  readonly host: string;
  readonly port: number;
  readonly cacheControl: string;
  readonly logger: FastifyBaseLogger;
}

export interface ReaderServer {
  readonly server: Server;
  /** Starts listening; resolves to the reader's base URL, e.g. `http://127.0.0.1:8008`. */
  listen(): Promise<string>;
  /** The base URL (the bound one once listening). */
  url(): string;
  close(): Promise<void>;
}

export function httpUrlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Sent with every answer: any origin may read, and may read the ETag (§4.9). */
const CORS_HEADERS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': CORS_EXPOSE_HEADERS };

function send(response: ServerResponse, answer: ReadAnswer): void {
  response.writeHead(answer.status, { ...CORS_HEADERS, ...answer.headers });
  if (answer.body === null || typeof answer.body === 'string') {
    response.end(answer.body ?? undefined);
    return;
  }
  const body = answer.body;
  // A failed read ends the connection (the status line is gone); a client that goes away mid-file
  // gets the stream destroyed, which closes the file.
  body.once('error', () => response.destroy());
  response.once('close', () => {
    if (!body.readableEnded) body.destroy();
  });
  body.pipe(response);
}

function json(status: number, body: object): ReadAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function preflight(request: IncomingMessage): ReadAnswer {
  const headers: Record<string, string> = {
    'access-control-allow-methods': READER_CORS_ALLOW_METHODS,
    'access-control-max-age': CORS_MAX_AGE_SECONDS,
    vary: 'Access-Control-Request-Headers',
  };
  const requested = request.headers['access-control-request-headers'];
  if (typeof requested === 'string') headers['access-control-allow-headers'] = requested;
  return { status: 204, headers, body: null };
}

/** `/<bucket>/<path>?query` → the decoded bucket and path; null when the URL has no path part. */
function readTarget(url: string): { bucket: string; path: string } | 'malformed' | null {
  const query = url.indexOf('?');
  const pathname = query === -1 ? url : url.slice(0, query);
  const slash = pathname.indexOf('/', 1);
  if (!pathname.startsWith('/') || slash === -1) return null;
  try {
    return { bucket: decodeURIComponent(pathname.slice(1, slash)), path: decodeURIComponent(pathname.slice(slash + 1)) };
  } catch {
    return 'malformed';
  }
}

async function answer(options: ReaderServerOptions, request: IncomingMessage): Promise<ReadAnswer> {
  const method = request.method ?? 'GET';
  if (method === 'OPTIONS') return preflight(request);
  const target = readTarget(request.url ?? '/');
  if ((method !== 'GET' && method !== 'HEAD') || target === null) return json(404, { message: 'Not Found' });
  if (target === 'malformed') return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Could not return file' };
  return answerRead(options.driver, options.cacheControl, { method, bucket: target.bucket, path: target.path, headers: request.headers });
}

function failure(options: ReaderServerOptions, error: unknown): ReadAnswer {
  // One mapping of errors, as the hub's error handler (§4.12): a HubError keeps its status; the rest is 500.
  if (error instanceof HubError) {
    if (error.status >= 500) options.logger.error({ err: error }, error.message);
    return json(error.status, error.named ? { message: error.message, error: error.name } : { message: error.message });
  }
  options.logger.error({ err: error }, 'unexpected error in the read endpoint');
  return json(500, { message: 'Server Error' });
}

export function createReaderServer(options: ReaderServerOptions): ReaderServer {
  const server = createServer((request, response) => {
    answer(options, request).then(
      (result) => send(response, result),
      (error: unknown) => send(response, failure(options, error)),
    );
  });
  let boundUrl = httpUrlOf(options.host, options.port);
  return {
    server,
    url: () => boundUrl,
    listen: () => new Promise<string>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        boundUrl = httpUrlOf(options.host, (server.address() as AddressInfo).port);
        resolve(boundUrl);
      });
    }),
    close: () => new Promise<void>((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
