import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { ApiContext } from './context.js';
import { registerApiErrorHandler } from './errors.js';
import { registerNodeMetrics } from './metrics.js';
import { collectOpenApi } from './openapi.js';
import { StateCache } from './state-cache.js';
import { ZonefileViews } from './zonefile-views.js';
import { registerAddressRoutes } from './routes/addresses.js';
import { registerBlockchainRoutes } from './routes/blockchains.js';
import { registerNameRoutes } from './routes/names.js';
import { registerNamespaceRoutes } from './routes/namespaces.js';
import { registerNodeRoutes } from './routes/node.js';
import { registerPriceRoutes } from './routes/prices.js';
import { registerSubdomainRoutes } from './routes/subdomains.js';
import { registerZonefileRoutes } from './routes/zonefiles.js';

/*
 * The REST API v1 (bns.md §9), compatible with blockstack-core's paths, JSON shapes and status codes:
 * CORS on every answer (preflight on /v1/* and /v2/* as the original), one error handler, JSON
 * schemas on every route, an OpenAPI document generated from them, Prometheus metrics. Other parts
 * (users, broadcaster, Atlas, search) add their routes as fastify plugins.
 */

export interface ApiOptions {
  readonly context: ApiContext;
  readonly logger: FastifyBaseLogger;
  /** More routes (users, broadcaster, Atlas, search), registered after the core routes. */
  readonly plugins?: readonly FastifyPluginAsync[];
}

export async function createApi(options: ApiOptions): Promise<FastifyInstance> {
  const context: ApiContext = {
    ...options.context,
    zonefileViews: options.context.zonefileViews ?? new ZonefileViews(options.context.zonefiles),
    stateCache: options.context.stateCache ?? new StateCache(options.context.engine, options.context.stateVersion ?? null),
  };
  const app = Fastify({
    loggerInstance: options.logger,
    // One log line per request would drown the indexer's progress; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request (its bindings cost more than the rest of a cached lookup);
    // errors are still logged, with the request in the log object.
    childLoggerFactory: (logger) => logger,
    forceCloseConnections: true,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
  });
  const openApi = collectOpenApi(app);
  registerApiErrorHandler(app);
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'PUT', 'POST', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'range'],
    exposedHeaders: ['content-length', 'content-range'],
    maxAge: 21600,
  });
  registerNodeMetrics(app, { indexerStatus: context.indexerStatus, zonefileEntries: () => context.zonefiles.entryCount() });
  registerNodeRoutes(app, context);
  registerNameRoutes(app, context);
  registerZonefileRoutes(app, context);
  registerAddressRoutes(app, context);
  registerNamespaceRoutes(app, context);
  registerPriceRoutes(app, context);
  registerBlockchainRoutes(app, context);
  registerSubdomainRoutes(app, context);
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => openApi());
  return app;
}
