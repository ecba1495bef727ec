import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { getGaiaChallengeTexts } from '@bsk/crypto';
import { pino } from 'pino';
import { Authenticator } from './authenticator.js';
import { resolveHubConfig } from './config.js';
import type { HubConfig } from './config.js';
import { createGaiaDriver } from './drivers/index.js';
import type { GaiaDriver } from './driver.js';
import { FirstSightLedger } from './first-sight.js';
import { HubService } from './hub-service.js';
import { registerCors } from './http/cors.js';
import { registerErrorHandler } from './http/error-handler.js';
import { makeHubInfo, registerHubRoutes } from './http/hub-routes.js';
import { HubMetrics, registerMetrics } from './http/metrics.js';
import { registerReaderRoutes } from './http/reader-routes.js';
import { createReaderServer, httpUrlOf } from './http/reader-server.js';
import type { ReaderServer } from './http/reader-server.js';
import { PathMutex } from './path-mutex.js';
import { RevocationStore } from './revocations.js';

/*
 * The composition root of the Gaia hub (auth-and-storage.md §4): config → driver → revocations and
 * first sight → authenticator → service → HTTP routes (write side, CORS, and for the disk driver the
 * read endpoint on the same port; with `readerPort` also a reader-only server there, the local network's
 * 8008, and `read_url_prefix` defaults to the reader's URL, else to the hub's own).
 */

export interface HubDependencies {
  /** Another backend instead of the configured one (tests, embedding). */
  readonly driver?: GaiaDriver;
  readonly logger?: FastifyBaseLogger;
  readonly now?: () => number;
}

export interface Hub {
  readonly app: FastifyInstance;
  readonly config: HubConfig;
  readonly driver: GaiaDriver;
  /** Starts listening; resolves to the hub's base URL, e.g. `http://127.0.0.1:3000`. */
  listen(): Promise<string>;
  close(): Promise<void>;
  readUrlPrefix(): string;
  /** The separate read endpoint's base URL when `readerPort` is set, else null. */
  readerUrl(): string | null;
}

export function createHub(partialConfig: Partial<HubConfig> = {}, dependencies: HubDependencies = {}): Hub {
  const config = resolveHubConfig(partialConfig);
  const driver: GaiaDriver = dependencies.driver ?? createGaiaDriver(config);
  const logger: FastifyBaseLogger = dependencies.logger ?? pino({ level: config.logLevel, name: 'gaia-hub' });

  let boundUrl = httpUrlOf(config.host, config.port);
  const reader: ReaderServer | null = config.readerPort === undefined
    ? null
    : createReaderServer({ driver, host: config.host, port: config.readerPort, cacheControl: config.cacheControl, logger });
  const readUrlPrefix = () => config.readURL ?? `${reader ? reader.url() : boundUrl}/`;

  const revocations = new RevocationStore(driver, config.authTimestampCacheSize);
  const authenticator = new Authenticator({
    challengeTexts: getGaiaChallengeTexts(config.serverName),
    revocations,
    firstSight: new FirstSightLedger(driver),
    whitelist: config.whitelist,
    requireCorrectHubUrl: config.requireCorrectHubUrl,
    validHubUrls: [...config.validHubUrls, `https://${config.serverName}`],
    tokenCacheSize: config.tokenCacheSize,
    ...(dependencies.now ? { now: dependencies.now } : {}),
  });
  const service = new HubService({
    driver, authenticator, revocations, mutex: new PathMutex(),
    maxFileUploadSize: config.maxFileUploadSize, pageSize: config.pageSize, readUrlPrefix,
  });

  const app: FastifyInstance = Fastify({ loggerInstance: logger, routerOptions: { maxParamLength: 8192 }, forceCloseConnections: true, return503OnClosing: true });
  // Every body is read by its route as a stream (uploads) or capped JSON, never by a generic parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  registerErrorHandler(app);
  registerCors(app);
  if (config.metrics) registerMetrics(app, new HubMetrics());
  registerHubRoutes(app, { service, hubInfo: () => makeHubInfo(config.serverName, config.maxFileUploadSize, readUrlPrefix()) });
  registerReaderRoutes(app, { driver, cacheControl: config.cacheControl });

  return {
    app,
    config,
    driver,
    readUrlPrefix,
    readerUrl: () => reader?.url() ?? null,
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      if (address && typeof address === 'object') boundUrl = httpUrlOf(config.host, address.port);
      if (reader) {
        try {
          await reader.listen();
        } catch (error) {
          // Nothing half-started: a reader port in use stops the hub too.
          await app.close();
          throw error;
        }
      }
      return boundUrl;
    },
    async close() {
      await Promise.all([app.close(), reader?.close()]);
      await driver.close?.();
    },
  };
}
