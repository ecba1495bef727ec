import type { ZonefileInventory } from '../zonefiles/inventory.js';
import { ATLAS_DEFAULTS, type AtlasSettings } from './constants.js';
import { planZonefileFetches, type FetchRequestPlan } from './fetch-plan.js';
import { AtlasPeerClient, AtlasPeerUnreachableError } from './peer-client.js';
import { AtlasPeerTable, shuffle, type AtlasPeer } from './peer-table.js';
import { runLimited } from './pool.js';
import { AtlasProtocolError, normalisePeerUrl } from './wire.js';
import { ZonefileWriteBatch } from './write-batch.js';

/*
 * Atlas: zone-file replication between nodes (bns.md §7), pull-only as the original ran it.
 * Two loops: peer exchange (announce ourselves, learn neighbours, check candidates by pinging
 * them back) and the zone-file crawl (refresh peers' inventory bits over the rows we lack, then
 * fetch the missing zone files rarest-first in batches, verifying every hash and storing through
 * `store.put`, so only on-chain hashes are ever kept). We only ever ask for hashes our own chain
 * holds, so peers at other heights are harmless. Peers answering garbage or bytes that do not hash
 * to what we asked for are banned; unreachable ones back off and, once unhealthy, are dropped.
 */

/** pino-compatible. */
export interface AtlasLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  debug(object: object, message: string): void;
}

export type AtlasOptions = Partial<AtlasSettings> & {
  readonly store: ZonefileInventory;
  /** Peers to start from (base URLs, e.g. http://node.example:6270); kept whatever their health. */
  readonly seeds?: readonly string[];
  /** Our own base URL, announced to peers; may also be given to `start`. Without it we only pull. */
  readonly selfUrl?: string;
  readonly logger?: AtlasLogger;
  /** Largest zone file a peer may send (default: the store's limit). */
  readonly maxZonefileSize?: number;
};

export interface AtlasStats {
  readonly peers: number;
  readonly banned: number;
  readonly candidates: number;
  /** Zone files stored through Atlas since start. */
  readonly fetched: number;
  readonly rounds: number;
}

export interface AtlasRoundResult {
  /** Zone files newly stored. */
  readonly fetched: number;
  /** Missing hashes that no peer advertises. */
  readonly unavailable: number;
  /** Whether another round should follow at once (something arrived, or a request failed and others may hold it). */
  readonly again: boolean;
}

const SILENT: AtlasLogger = { info() {}, warn() {}, debug() {} };

export function createAtlas(options: AtlasOptions): Atlas {
  return new Atlas(options);
}

export class Atlas {
  readonly store: ZonefileInventory;
  readonly settings: AtlasSettings;
  readonly peers: AtlasPeerTable;
  #selfUrl: string | null;
  readonly #seeds: string[];
  readonly #logger: AtlasLogger;
  readonly #maxZonefileSize: number;
  readonly #candidates = new Set<string>();
  readonly #closing = new AbortController();
  readonly #clients = new Map<string, AtlasPeerClient>();
  #started = false;
  #closed = false;
  #fetched = 0;
  #rounds = 0;
  #crawlTimer: NodeJS.Timeout | null = null;
  #exchangeTimer: NodeJS.Timeout | null = null;
  #crawling: Promise<unknown> | null = null;
  #exchanging: Promise<unknown> | null = null;
  #checkingCandidates: Promise<void> | null = null;
  /** A poke arrived during a round: run another right after it. */
  #poked = false;

  constructor(options: AtlasOptions) {
    this.store = options.store;
    this.settings = { ...ATLAS_DEFAULTS };
    for (const key of Object.keys(ATLAS_DEFAULTS) as (keyof AtlasSettings)[]) {
      const value = options[key];
      if (value === undefined) continue;
      if (!Number.isFinite(value) || value < 0) throw new RangeError(`atlas ${key} must be a non-negative number, got ${value}`);
      this.settings[key] = value;
    }
    this.peers = new AtlasPeerTable(this.settings);
    this.#logger = options.logger ?? SILENT;
    this.#maxZonefileSize = options.maxZonefileSize ?? (this.store as { maxZonefileSize?: number }).maxZonefileSize ?? 40960;
    this.#selfUrl = options.selfUrl === undefined ? null : requirePeerUrl(options.selfUrl, 'selfUrl');
    this.#seeds = (options.seeds ?? []).map((seed) => requirePeerUrl(seed, 'seed'));
    for (const seed of this.#seeds) if (seed !== this.#selfUrl) this.peers.add(seed, { seed: true, now: Date.now() });
  }

  get selfUrl(): string | null {
    return this.#selfUrl;
  }

  /** Starts both loops; `selfUrl` may be given here once the server listens. */
  start(selfUrl?: string): void {
    if (this.#started) throw new Error('atlas already started');
    if (this.#closed) throw new Error('atlas is closed');
    this.#started = true;
    if (selfUrl !== undefined) {
      this.#selfUrl = requirePeerUrl(selfUrl, 'selfUrl');
      this.peers.remove(this.#selfUrl);
    }
    this.#scheduleExchange(0);
    this.#scheduleCrawl(0);
  }

  /** Asks for a crawl round soon (e.g. after the indexer noted a block with new hashes). */
  poke(): void {
    if (!this.#started || this.#closed) return;
    if (this.#crawling === null) this.#scheduleCrawl(0);
    else this.#poked = true;
  }

  /** Stops the loops, aborts requests in flight and waits for the rounds to end. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#closing.abort();
    if (this.#crawlTimer) clearTimeout(this.#crawlTimer);
    if (this.#exchangeTimer) clearTimeout(this.#exchangeTimer);
    await Promise.allSettled([this.#crawling, this.#exchanging, this.#checkingCandidates]);
  }

  stats(): AtlasStats {
    const now = Date.now();
    return { peers: this.peers.size, banned: this.peers.bannedCount(now), candidates: this.#candidates.size, fetched: this.#fetched, rounds: this.#rounds };
  }

  /** The neighbours we report to askers (GET /v1/atlas/peers). */
  neighbours(): string[] {
    return this.peers.neighbours(this.settings.maxNeighbors, Date.now());
  }

  /**
   * A peer told us its URL (POST /v1/atlas/peers/announce) or a neighbour listed it: it becomes a
   * candidate, added once it answers a ping (bns.md §7.4). Returns false when it was not queued.
   */
  noteCandidate(url: string): boolean {
    const peerUrl = normalisePeerUrl(url);
    if (peerUrl === null || !this.#isNewCandidate(peerUrl)) return false;
    if (this.#candidates.size >= this.settings.maxCandidates) return false;
    this.#candidates.add(peerUrl);
    if (this.#started && !this.#closed) void this.checkCandidates();
    return true;
  }

  #isNewCandidate(url: string): boolean {
    return url !== this.#selfUrl && !this.peers.has(url) && !this.peers.isBanned(url, Date.now());
  }

  #client(url: string): AtlasPeerClient {
    let client = this.#clients.get(url);
    if (client === undefined) {
      client = new AtlasPeerClient(url, this.settings, this.#closing.signal);
      this.#clients.set(url, client);
      if (this.#clients.size > this.settings.maxPeers + this.settings.maxCandidates) this.#clients.delete(this.#clients.keys().next().value!);
    }
    return client;
  }

  // --- candidates and peer exchange (bns.md §7.4) --------------------------------------------------

  /** Pings the waiting candidates; those that answer join the table while there is room. */
  checkCandidates(): Promise<void> {
    this.#checkingCandidates ??= (async () => {
      while (this.#candidates.size > 0 && !this.#closed) {
        const batch = [...this.#candidates].slice(0, 16);
        for (const url of batch) this.#candidates.delete(url);
        await Promise.all(batch.map((url) => this.#checkCandidate(url)));
      }
    })().finally(() => {
      this.#checkingCandidates = null;
      // A candidate noted after the loop's last look but before this point would otherwise wait for the next exchange.
      if (this.#candidates.size > 0 && !this.#closed) void this.checkCandidates();
    });
    return this.#checkingCandidates;
  }

  async #checkCandidate(url: string): Promise<void> {
    if (!this.#isNewCandidate(url) || this.peers.isFull()) return;
    try {
      await this.#client(url).ping();
    } catch (error) {
      this.#logger.debug({ peer: url, err: describe(error) }, 'atlas candidate did not answer');
      return;
    }
    if (this.peers.add(url, { now: Date.now() })) {
      this.peers.recordSuccess(this.peers.get(url)!, Date.now());
      this.#logger.info({ peer: url, peers: this.peers.size }, 'atlas peer added');
    }
  }

  /** One exchange: announce ourselves to (or just ask) one random available peer and every seed not yet asked; candidates from their lists. */
  async exchangePeersOnce(): Promise<void> {
    const now = Date.now();
    const available = this.peers.available(now);
    const seeds = available.filter((peer) => peer.seed && peer.outcomes.length === 0);
    const others = shuffle(available.filter((peer) => !seeds.includes(peer))).slice(0, 1);
    await Promise.all(
      [...seeds, ...others].map((peer) =>
        this.#ask(peer, async (client) => {
          const { peers } = this.#selfUrl === null ? await client.peers(this.settings.maxNeighbors) : await client.announce(this.#selfUrl, this.settings.maxNeighbors);
          for (const url of peers) this.noteCandidate(url);
        }),
      ),
    );
    await this.checkCandidates();
  }

  // --- the zone-file crawl (bns.md §7.5) ----------------------------------------------------------

  /** One crawl round: refresh inventories over the missing rows, fetch what peers have. */
  async syncOnce(): Promise<AtlasRoundResult> {
    this.#rounds += 1;
    const missing = this.store.missingFrom(0, this.settings.maxMissingPerRound);
    if (missing.length === 0) return { fetched: 0, unavailable: 0, again: false };
    const firstBit = missing[0]!.seq - (missing[0]!.seq % 8);
    const endBit = missing[missing.length - 1]!.seq + 1;
    let failures = 0;

    // A round asks a bounded random sample of the peers, so a full table (65,536) cannot make it endless.
    const sample = shuffle(this.peers.available(Date.now())).slice(0, this.settings.peersPerRound);
    await runLimited(sample, (peer) => peer.url, this.settings.fetchConcurrency, 1, async (peer) => {
      if (!(await this.#refreshInventory(peer, firstBit, endBit))) failures++;
    });

    const usable = sample.filter((peer) => this.peers.get(peer.url) === peer && peer.nextAttemptAt <= Date.now());
    const plan = planZonefileFetches(missing, usable, this.settings.maxHashesPerRequest);
    const writer = new ZonefileWriteBatch(this.store, this.settings.writeBatchSize, (peerUrl, asked, actual) => this.#banLiar(peerUrl, `bytes sent for ${asked} hash to ${actual}`));
    try {
      await runLimited(plan.requests, (request) => request.peerUrl, this.settings.fetchConcurrency, this.settings.perPeerConcurrency, async (request) => {
        if (!(await this.#fetchBatch(request, writer))) failures++;
      });
    } finally {
      writer.flush();
    }
    const fetched = writer.fresh;
    this.#fetched += fetched;
    if (fetched > 0 || plan.unavailable > 0) this.#logger.info({ fetched, missing: missing.length, unavailable: plan.unavailable, peers: this.peers.size }, 'atlas round');
    return { fetched, unavailable: plan.unavailable, again: !this.#closed && (fetched > 0 || writer.lies > 0 || (failures > 0 && plan.requests.length > 0)) };
  }

  /** Inventory bits [firstBit, endBit) of one peer, in chunks of at most 64 KiB. */
  async #refreshInventory(peer: AtlasPeer, firstBit: number, endBit: number): Promise<boolean> {
    return this.#ask(peer, async (client) => {
      for (let offset = firstBit; offset < endBit; offset += this.settings.maxInventoryBitsPerRequest) {
        const length = Math.min(this.settings.maxInventoryBitsPerRequest, endBit - offset);
        const inventory = await client.inventory(offset, length);
        peer.setInventory(offset / 8, inventory.bits);
        // A shorter answer: the peer's chain has fewer rows; the rest of its bits are 0.
        if (inventory.length < length) {
          peer.setInventory(Math.ceil((offset + inventory.length) / 8), new Uint8Array(Math.ceil((endBit - offset - inventory.length) / 8)));
          break;
        }
      }
    });
  }

  /** One get-zonefiles request; false when the peer failed or lied. */
  async #fetchBatch(request: FetchRequestPlan, writer: ZonefileWriteBatch): Promise<boolean> {
    const peer = this.peers.get(request.peerUrl);
    if (peer === undefined) return false; // banned or dropped earlier this round
    return this.#ask(peer, async (client) => {
      const { zonefiles } = await client.zonefiles(request.hashes, this.#maxZonefileSize);
      // bns.md §7.1: every zone file's hash is verified — by the writer, which stores only on-chain
      // hashes and reports a file whose hash is not the one asked for (a lie: the peer is banned).
      writer.add(peer.url, zonefiles);
      const forgetAt = Date.now() + this.settings.forgetLacksMs;
      for (const hash of request.hashes) if (!zonefiles.has(hash)) peer.noteLacks(hash, forgetAt);
    });
  }

  #banLiar(peerUrl: string, reason: string): void {
    if (this.peers.isBanned(peerUrl, Date.now())) return;
    this.peers.ban(peerUrl, Date.now());
    this.#logger.warn({ peer: peerUrl, err: reason }, 'atlas peer banned');
  }

  /**
   * Runs one exchange with a peer and books its outcome: success; unreachable (backoff, maybe
   * dropped when unhealthy); garbage or lies (banned).
   */
  async #ask(peer: AtlasPeer, exchange: (client: AtlasPeerClient) => Promise<void>): Promise<boolean> {
    try {
      await exchange(this.#client(peer.url));
      this.peers.recordSuccess(peer, Date.now());
      return true;
    } catch (error) {
      if (this.#closed) return false;
      if (error instanceof AtlasProtocolError) {
        this.#banLiar(peer.url, error.message);
      } else if (error instanceof AtlasPeerUnreachableError) {
        const dropped = this.peers.recordFailure(peer, Date.now());
        this.#logger.debug({ peer: peer.url, err: error.message, dropped }, 'atlas peer unreachable');
      } else {
        throw error;
      }
      return false;
    }
  }

  // --- loops ----------------------------------------------------------------------------------

  #scheduleCrawl(delayMs: number): void {
    if (this.#closed) return;
    if (this.#crawlTimer) clearTimeout(this.#crawlTimer);
    this.#crawlTimer = setTimeout(() => {
      this.#crawlTimer = null;
      this.#crawling = this.syncOnce()
        .catch((error: unknown) => {
          this.#logger.warn({ err: describe(error) }, 'atlas crawl round failed');
          return { again: false };
        })
        .then((result) => {
          this.#crawling = null;
          const again = result.again || this.#poked;
          this.#poked = false;
          this.#scheduleCrawl(again ? 0 : this.settings.zonefileCrawlIntervalMs);
        });
    }, delayMs);
    this.#crawlTimer.unref();
  }

  #scheduleExchange(delayMs: number): void {
    if (this.#closed) return;
    this.#exchangeTimer = setTimeout(() => {
      this.#exchangeTimer = null;
      this.#exchanging = this.exchangePeersOnce()
        .catch((error: unknown) => this.#logger.warn({ err: describe(error) }, 'atlas peer exchange failed'))
        .then(() => {
          this.#exchanging = null;
          this.#scheduleExchange(this.settings.peerExchangeIntervalMs);
        });
    }, delayMs);
    this.#exchangeTimer.unref();
  }
}

function requirePeerUrl(text: string, what: string): string {
  const url = normalisePeerUrl(text);
  if (url === null) throw new TypeError(`atlas ${what} must be an http(s) base URL without a path, got ${JSON.stringify(text)}`);
  return url;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
