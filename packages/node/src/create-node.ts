import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BitcoindClient, type ChainBackend } from '@bsk/bitcoin';
import { NETWORK_PARAMS, createEngine, openSqliteStore, type Engine, type Store } from '@bsk/bns';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { pino, type Logger } from 'pino';
import { createApi } from './api/create-api.js';
import type { ApiContext } from './api/context.js';
import { StateCache } from './api/state-cache.js';
import { createAtlas, type Atlas } from './atlas/atlas.js';
import { atlasRoutes } from './atlas/routes.js';
import { BroadcastQueue } from './broadcast/broadcast-queue.js';
import { broadcastRoutes } from './broadcast/broadcast-routes.js';
import { Broadcaster } from './broadcast/broadcaster.js';
import { resolveNodeConfig, type NodeConfig } from './config/index.js';
import { IndexerDb } from './indexer/indexer-db.js';
import { Indexer } from './indexer/indexer.js';
import { didRoute } from './profiles/did-route.js';
import { usersRoute } from './profiles/users-route.js';
import type { ProfileFetchOptions } from './profiles/resolve-profile.js';
import { nameStanding } from './api/name-status.js';
import { isOnChainName } from './api/validate.js';
import { createDnsServer, type DnsServer } from './dns/index.js';
import { followSubdomainsInSearch, liveForSearch, openSearchIndex, searchRoutes, type SearchIndex } from './search/index.js';
import { openSubdomainIndex, type SubdomainIndex } from './subdomains/index.js';
import { openZonefileStore, type SqliteZonefileStore } from './zonefiles/index.js';

/*
 * The core node's composition root (issue 5; STYLE.md lesson 5): config → name database and engine →
 * zone-file store → subdomain index → indexer (following the chain backend) → REST API (with the
 * users, broadcaster, Atlas and search routes) → Atlas → DNS. Everything lives under `dataDir`:
 * names.db (the BNS engine's store), indexer.db, zonefiles.db, subdomains.db, search.db, broadcast.db. `close()` stops the loops,
 * then the server, then closes the databases.
 */

export const NAMES_DB_FILE = 'names.db';

/**
 * How much of names.db the API's reads may map (address space, not memory; SQLite caps it at its
 * compile-time maximum): GET /v1/names/{name} reads a row at random, and past the 32 MiB page cache
 * each page was a read() call (bench/README.md "api").
 */
export const NAMES_DB_MMAP_BYTES = 2 ** 31;

export interface NodeDependencies {
  /** Another chain backend instead of bitcoind at `bitcoindUrl` (tests, embedding). */
  readonly backend?: ChainBackend;
  readonly logger?: Logger;
  readonly profileFetch?: ProfileFetchOptions;
  /** More fastify plugins for the API (search, …). */
  readonly plugins?: readonly FastifyPluginAsync[];
}

export interface BskNode {
  readonly config: NodeConfig;
  /** e.g. http://127.0.0.1:6270 */
  readonly apiUrl: string;
  readonly app: FastifyInstance;
  readonly engine: Engine;
  readonly store: Store;
  readonly zonefiles: SqliteZonefileStore;
  readonly subdomains: SubdomainIndex;
  readonly indexer: Indexer;
  readonly broadcaster: Broadcaster;
  readonly atlas: Atlas;
  readonly dns: DnsServer;
  readonly search: SearchIndex;
  readonly backend: ChainBackend;
  readonly logger: Logger;
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** `host:port` → `http://host:port` (Atlas peers are base URLs). */
export function peerUrl(peer: string): string {
  return (/^https?:\/\//.test(peer) ? peer : `http://${peer}`).replace(/\/$/, '');
}

export async function createNode(partialConfig: Partial<NodeConfig> = {}, dependencies: NodeDependencies = {}): Promise<BskNode> {
  const config = resolveNodeConfig(partialConfig);
  const params = NETWORK_PARAMS[config.network];
  const logger = dependencies.logger ?? pino({ level: config.logLevel, name: 'bsk-node' });
  mkdirSync(config.dataDir, { recursive: true });

  const store = openSqliteStore(join(config.dataDir, NAMES_DB_FILE), { mmapBytes: NAMES_DB_MMAP_BYTES });
  const engine = createEngine({ network: params, store, maxReorgDepth: 144 });
  const zonefiles = openZonefileStore({ directory: config.dataDir, maxZonefileSize: params.maxZonefileSize });
  const subdomains = openSubdomainIndex({ directory: config.dataDir, zonefiles, firstBlock: params.subdomainsFirstBlock });
  const indexerDb = IndexerDb.open(config.dataDir);
  const queue = BroadcastQueue.open(config.dataDir);
  const backend =
    dependencies.backend ??
    new BitcoindClient({ url: config.bitcoindUrl, credentials: { username: config.bitcoindUser, password: config.bitcoindPassword }, network: params.addressNetwork });

  const indexer = new Indexer({
    backend,
    engine,
    db: indexerDb,
    zonefiles,
    confirmations: config.confirmations,
    pollIntervalMs: config.pollInterval * 1000,
    logger: logger.child({ part: 'indexer' }),
  });
  const broadcaster = new Broadcaster({ backend, queue, zonefiles, logger: logger.child({ part: 'broadcaster' }), confirmations: config.broadcastConfirmations });
  const atlas = createAtlas({ store: zonefiles, seeds: [...config.atlasSeeds, ...config.atlasPeers].map(peerUrl), logger: logger.child({ part: 'atlas' }), maxZonefileSize: params.maxZonefileSize });

  const search = openSearchIndex({ directory: config.dataDir });
  if (search.count() === 0) search.upsertNames(store.namespaceIds().flatMap((id) => store.namesInNamespace(id).map((row) => row.name)));
  const stopSearchFollow = followSubdomainsInSearch(search, subdomains);
  /** Names each recent block touched, so an undone block's names can be re-checked for search. */
  const touched = new Map<number, string[]>();
  const refreshSearch = (names: readonly string[]) => {
    for (const name of names) {
      const row = store.getRow('name', name);
      if (row === null || row.revoked) search.remove(name);
      else search.upsertName(name);
    }
  };

  // The API's cached answers: a block applied drops those of the names it touched and those its
  // height makes stale, a zone file stored those that lacked it; a block undone moves the state
  // version, which drops them all.
  let stateVersion = 0;
  const stateCache = new StateCache(engine, () => stateVersion, config.apiCacheMegabytes * 2 ** 20);
  const stopStoredBump = zonefiles.onStored((hash) => stateCache.zonefileStored(hash));

  indexer.onBlockApplied((result) => {
    subdomains.catchUp();
    // The names and namespaces the block's accepted operations changed.
    const historyIds = result.accepted.flatMap((op) => op.history.map((h) => h.history_id));
    stateCache.blockApplied(historyIds);
    const names = [...new Set(historyIds.filter((id) => id.includes('.')))];
    touched.set(result.height, names);
    touched.delete(result.height - 144);
    refreshSearch(names);
    atlas.poke();
    void broadcaster.check();
  });
  indexer.onBlockUndone((height) => {
    stateVersion++;
    subdomains.rewindAbove(height - 1);
    refreshSearch(touched.get(height) ?? []);
    touched.delete(height);
  });

  /** A name's or subdomain's current zone file, for DNS (contracts.ts ZonefileResolver). */
  const resolveZonefile = (fqn: string): string | null => {
    if (!isOnChainName(fqn)) return subdomains.resolve(fqn)?.zonefileText ?? null;
    const standing = nameStanding(context, fqn);
    if (standing === null || standing.expired || standing.record.revoked || standing.record.value_hash === null) return null;
    const bytes = zonefiles.get(standing.record.value_hash);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  };
  const dns = createDnsServer({ port: config.dnsPort, host: config.apiHost, resolveZonefile });

  let apiUrl = urlOf(config.apiHost, config.apiPort);
  const context: ApiContext = {
    params,
    engine,
    store,
    zonefiles,
    subdomains,
    indexerStatus: () => indexer.status(),
    nameDid: (name) => indexerDb.didOf(name),
    didName: (address, index) => indexerDb.nameOfDid(address, index),
    selfUrl: () => apiUrl,
    stateVersion: () => stateVersion,
    stateCache,
  };
  const app = await createApi({
    context,
    logger,
    plugins: [
      usersRoute(context, dependencies.profileFetch, (name, profile) => search.upsertProfile(name, profile)),
      didRoute(context, dependencies.profileFetch),
      broadcastRoutes(broadcaster),
      async (instance) => instance.register(atlasRoutes, { atlas }),
      async (instance) => instance.register(searchRoutes, { search, isLive: liveForSearch(context) }),
      ...(dependencies.plugins ?? []),
    ],
  });

  try {
    await app.listen({ host: config.apiHost, port: config.apiPort });
    const address = app.server.address();
    if (address !== null && typeof address === 'object') apiUrl = urlOf(config.apiHost, address.port);
    await dns.listen();
  } catch (error) {
    // A port in use (or any failure to bind): leave nothing open behind the error.
    await app.close();
    await dns.close().catch(() => undefined);
    stopSearchFollow();
    stopStoredBump();
    for (const closable of [search, subdomains, zonefiles, indexerDb, queue, store]) closable.close();
    throw error;
  }
  subdomains.catchUp();
  indexer.start();
  atlas.start(apiUrl);
  const broadcastTimer = setInterval(() => void broadcaster.check(), Math.max(1000, config.pollInterval * 1000));
  broadcastTimer.unref();
  logger.info({ api: apiUrl, dns: `${config.apiHost}:${dns.port}`, network: config.network, dataDir: config.dataDir }, 'node started');

  let closing: Promise<void> | null = null;
  return {
    config,
    get apiUrl() {
      return apiUrl;
    },
    app,
    engine,
    store,
    zonefiles,
    subdomains,
    indexer,
    broadcaster,
    atlas,
    dns,
    search,
    backend,
    logger,
    close() {
      closing ??= (async () => {
        clearInterval(broadcastTimer);
        await indexer.stop();
        await atlas.close();
        await dns.close();
        await app.close();
        stopSearchFollow();
        stopStoredBump();
        search.close();
        subdomains.close();
        zonefiles.close();
        indexerDb.close();
        queue.close();
        store.close();
        logger.info('node stopped');
      })();
      return closing;
    },
  };
}
