import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { GaiaDriver } from '../driver.js';
import { registerErrorHandler } from './error-handler.js';
import { registerReaderCors } from './cors.js';
import { registerReaderRoutes } from './reader-routes.js';

/*
 * The read endpoint as its own server (auth-and-storage.md §4.1, §4.11: the original's `reader`,
 * default port 8008): only `GET|HEAD /<bucket>/<path>` and CORS preflight, over the same driver the hub
 * writes through. `createHub` starts one when `readerPort` is set; it can also run alone over a
 * storage root another process writes.
 */

export interface ReaderServerOptions {
  readonly driver: GaiaDriver;
  readonly host: string;
  readonly port: number;
  readonly cacheControl: string;
  readonly logger: FastifyBaseLogger;
}

export interface ReaderServer {
  readonly app: FastifyInstance;
  /** Starts listening; resolves to the reader's base URL, e.g. `http://127.0.0.1:8008`. */
  listen(): Promise<string>;
  /** The base URL (the bound one once listening). */
  url(): string;
  close(): Promise<void>;
}

export function httpUrlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function createReaderServer(options: ReaderServerOptions): ReaderServer {
  const app: FastifyInstance = Fastify({ loggerInstance: options.logger, forceCloseConnections: true, return503OnClosing: true });
  registerErrorHandler(app);
  registerReaderCors(app);
  registerReaderRoutes(app, { driver: options.driver, cacheControl: options.cacheControl });
  let boundUrl = httpUrlOf(options.host, options.port);
  return {
    app,
    url: () => boundUrl,
    async listen() {
      await app.listen({ host: options.host, port: options.port });
      const address = app.server.address();
      if (address && typeof address === 'object') boundUrl = httpUrlOf(options.host, address.port);
      return boundUrl;
    },
    close: () => app.close(),
  };
}
