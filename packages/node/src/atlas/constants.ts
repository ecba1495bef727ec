/*
 * Atlas's sizes, timeouts and intervals (bns.md §7.4–7.5), with the original's values from
 * blockstack-core `blockstack/lib/atlas.py` where it had one. Every one can be overridden through
 * `createAtlas` options (tests shorten the intervals).
 */
export const ATLAS_DEFAULTS = Object.freeze({
  /** PEER_MAX_DB: most peers kept. */
  maxPeers: 65536,
  /** NUM_NEIGHBORS: most peers reported to one asker. */
  maxNeighbors: 80,
  /** atlas_max_new_peers: most candidates waiting to be checked (NUM_NEIGHBORS × 10). */
  maxCandidates: 800,
  /** PEER_PING_TIMEOUT (s → ms). */
  pingTimeoutMs: 3_000,
  /** PEER_INV_TIMEOUT. */
  inventoryTimeoutMs: 10_000,
  /** PEER_NEIGHBORS_TIMEOUT. */
  neighborsTimeoutMs: 10_000,
  /** PEER_ZONEFILES_TIMEOUT. */
  zonefilesTimeoutMs: 30_000,
  /** PEER_CRAWL_NEIGHBOR_WORK_INTERVAL. */
  peerExchangeIntervalMs: 300_000,
  /**
   * PEER_CRAWL_ZONEFILE_WORK_INTERVAL is 300 s in the original; ours is shorter because a round
   * with nothing missing sends no request at all. A round that fetched something is followed
   * at once by another (as in the original).
   */
  zonefileCrawlIntervalMs: 60_000,
  /** PEER_LIFETIME_INTERVAL: the window over which health is measured. */
  healthWindowMs: 3_600_000,
  /** MIN_PEER_HEALTH, after at least `minRequestsForHealth` requests in the window. */
  minPeerHealth: 0.5,
  minRequestsForHealth: 10,
  /** get_zonefiles: at most 100 hashes per request. */
  maxHashesPerRequest: 100,
  /** 64 KiB of inventory (524,288 bits) per request, as the original client asked. */
  maxInventoryBitsPerRequest: 524_288,
  /** Ours: concurrent zone-file requests in one round, and per peer. */
  fetchConcurrency: 4,
  perPeerConcurrency: 2,
  /** Ours: peers whose inventory one round refreshes and asks (a random sample of the available ones). */
  peersPerRound: 32,
  /** Ours: most missing rows considered in one round (bounds memory; the next round continues). */
  maxMissingPerRound: 20_000,
  /** Ours: zone files (or 4 MiB, whichever first) stored per transaction; one commit per request costs twice as much per file. */
  writeBatchSize: 1000,
  /** Ours: how long a peer that advertised a zone file but did not send it is not asked for it again. */
  forgetLacksMs: 600_000,
  /** Ours: how long a misbehaving peer is shunned. */
  banMs: 3_600_000,
  /** Ours: exponential backoff after a failed request, from `backoffBaseMs` up to `backoffMaxMs`. */
  backoffBaseMs: 1_000,
  backoffMaxMs: 300_000,
  /** Ours: most banned peers remembered (an LRU). */
  maxBanned: 4096,
});

export type AtlasSettings = { -readonly [K in keyof typeof ATLAS_DEFAULTS]: number };

/** The protocol version a node reports in /v1/atlas/ping. */
export const ATLAS_PROTOCOL_VERSION = 'bsk-atlas/1';

/** Bytes of fetched zone files held before they are written, whatever `writeBatchSize` says. */
export const MAX_WRITE_BATCH_BYTES = 4 * 1024 * 1024;

/** Largest response bodies we read from a peer, per kind (a bigger one is garbage). */
export const MAX_RESPONSE_BYTES = Object.freeze({
  small: 64 * 1024,
  inventory: 128 * 1024,
  // 100 zone files of 40,960 bytes in base64, plus JSON.
  zonefiles: 6 * 1024 * 1024,
});
