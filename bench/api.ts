import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { pino } from 'pino';
import { BitcoindClient } from '../packages/bitcoin/src/index.js';
import { DEVNET, openSqliteStore } from '../packages/bns/src/index.js';
import { Scenario, wallet } from '../packages/bns/test/state-helpers.js';
import { bytesToHex, nameHash128, sha256, zonefileHash } from '../packages/crypto/src/index.js';
import { Indexer, IndexerDb, NAMES_DB_MMAP_BYTES, NAME_ANSWER_CACHE_BYTES, StateCache, createApi, openZonefileStore, type ApiContext } from '../packages/node/src/index.js';
import type { Benchmark } from './harness.js';

/*
 * bench/api: GET /v1/names/{name} of the core node's REST API under 64 connections (issue 5
 * "Benchmark"), against a node holding 100,000 names, next to a bare fastify route answering a
 * constant JSON object in the same run; target: the node at ≥ 0.6× the bare route's requests/s.
 *
 * The name database is filled through the BNS engine with synthetic blocks (the fast path: a
 * namespace reveal, 2,000 NAME_IMPORTs with a zone-file hash each, then 98,000 more rows copied from
 * an engine-made import through the store, ready), then the indexer's
 * start-up repair derives the zone-file entries and the DID index from it, as after a crash, and
 * every zone file is stored — so each answer reads the name, its namespace, its zone file and its DID
 * as the node does. Requests pick names at random. The servers run in a child process (this file with
 * BSK_API_BENCH_ROLE=servers), autocannon in this one, so each has a core of the 2-core machine; the
 * two sides alternate in rounds and each side's headline is its best round (harness.ts reasoning).
 */

const CONNECTIONS = 64;
const TARGET = 0.6;
const NAMES = Number(process.env.BSK_BENCH_API_NAMES ?? 100_000);
const IMPORTS_PER_BLOCK = 500;
const ENGINE_IMPORTS = 2_000;
const NAMESPACE = 'bench';

const nameOf = (i: number): string => `n${i.toString(36)}.${NAMESPACE}`;
const zonefileOf = (name: string): string => `$ORIGIN ${name}\n$TTL 3600\n_http._tcp IN URI 10 1 "https://gaia.example/hub/${name}/profile.json"\n`;

interface ServerUrls {
  readonly node: string;
  readonly bare: string;
  readonly fillSeconds: number;
}

/** The child: fills a node's databases, then serves the node's API and the bare route. */
async function serve(): Promise<void> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'bsk-bench-api-'));
  const store = openSqliteStore(join(dir, 'names.db'), { mmapBytes: NAMES_DB_MMAP_BYTES });
  const scenario = new Scenario(DEVNET, store);
  const payer = wallet(DEVNET, 'payer');
  const revealer = wallet(DEVNET, 'revealer');
  const owners = Array.from({ length: 64 }, (_, i) => wallet(DEVNET, `owner ${i}`));
  scenario.mine(scenario.namespacePreorder(NAMESPACE, payer, revealer));
  scenario.mine(scenario.namespaceReveal(NAMESPACE, payer, revealer));
  // The first names go through the engine as NAME_IMPORTs; the rest are copies of an engine-made
  // import row (name, hash, owner and txid changed), written through the store in one transaction.
  const viaEngine = Math.min(NAMES, ENGINE_IMPORTS);
  for (let first = 0; first < viaEngine; first += IMPORTS_PER_BLOCK) {
    const specs = [];
    for (let i = first; i < Math.min(viaEngine, first + IMPORTS_PER_BLOCK); i++) {
      const name = nameOf(i);
      specs.push(scenario.nameImport(name, revealer, owners[i % owners.length]!, zonefileHash(zonefileOf(name))));
    }
    const result = scenario.mine(...specs);
    if (result.accepted.length !== specs.length) throw new Error(`block ${result.height}: ${result.rejected[0]?.reason ?? 'rejected'}`);
  }
  const template = store.getRow('name', nameOf(0))!;
  const templateHistory = store.history(nameOf(0))[0]!;
  const height = scenario.height;
  store.transaction(() => {
    for (let i = viaEngine; i < NAMES; i++) {
      const name = nameOf(i);
      const owner = owners[i % owners.length]!;
      const valueHash = zonefileHash(zonefileOf(name));
      const txid = bytesToHex(sha256(`bench import ${i}`));
      const row = { ...template, name, name_hash128: nameHash128(name), value_hash: valueHash, address: owner.address, sender: owner.script, txid, vtxindex: i + 1 };
      store.setRow('name', name, row);
      store.addHistory({ ...templateHistory, history_id: name, block_id: height, vtxindex: i + 1, txid, history_data: row, value_hash: valueHash, creator_address: owner.address }, height);
    }
  });
  scenario.mine(scenario.namespaceReady(NAMESPACE, revealer));

  const phase = (what: string) => process.env.BSK_BENCH_API_VERBOSE && console.error(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
  phase('names');
  const zonefiles = openZonefileStore({ directory: dir });
  const db = IndexerDb.open(dir);
  const logger = pino({ level: 'warn' });
  // Constructing the indexer repairs its derived data from the name database (zone-file entries, DIDs).
  const backend = new BitcoindClient({ url: 'http://127.0.0.1:9/', network: 'regtest', retries: 0 });
  const indexer = new Indexer({ backend, engine: scenario.engine, db, zonefiles, confirmations: 0, pollIntervalMs: 1000, logger });
  phase('derived data');
  for (let i = 0; i < NAMES; i++) zonefiles.put(new TextEncoder().encode(zonefileOf(nameOf(i))));

  phase('zone files');
  if (process.env.BSK_BENCH_API_VERBOSE) missPathCosts(store, zonefiles, db);
  globalThis.gc?.();
  phase('after a full collection');
  const context: ApiContext = {
    params: DEVNET,
    engine: scenario.engine,
    store,
    zonefiles,
    subdomains: null,
    indexerStatus: () => indexer.status(),
    nameDid: (name) => db.didOf(name),
    selfUrl: () => '',
    // As createNode: the version moves with blocks and stored zone files (neither happens during the run).
    stateVersion: () => 0,
  };
  // Made here rather than by createApi, so that each round can report its answer-cache hit rate;
  // with createNode's default budget (apiCacheMegabytes 128).
  const stateCache = new StateCache(context.engine, context.stateVersion!, NAME_ANSWER_CACHE_BYTES);
  const api = await createApi({ context: { ...context, stateCache }, logger });
  const nodeUrl = await api.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify({ logger: false });
  const constant = { status: 'registered', zonefile: zonefileOf('n0.bench'), zonefile_hash: zonefileHash(zonefileOf('n0.bench')), address: owners[0]!.address, blockchain: 'bitcoin' };
  bare.get('/v1/names/:name', async () => constant);
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ node: nodeUrl, bare: bareUrl, fillSeconds: (performance.now() - started) / 1000 } satisfies ServerUrls);
  const profiler = process.env.BSK_BENCH_API_PROFILE_DIR ? await startProfiler() : null;
  process.on('message', (message) => {
    const { cpu, profile } = message as CpuMessage;
    if (cpu !== true) return;
    void (async () => {
      // Sampled after the profiler starts and before it stops, so its own work is not charged to the round.
      if (profiler !== null && profile !== undefined && 'start' in profile) await profiler(profile);
      const usage = process.cpuUsage();
      if (profiler !== null && profile !== undefined && 'save' in profile) await profiler(profile);
      process.send?.({ cpuMicros: usage.user + usage.system, nameLookups: { ...stateCache.nameLookups }, nameAnswers: stateCache.nameAnswers } satisfies ServerCounters);
    })();
  });
  process.on('disconnect', () => {
    void Promise.all([api.close(), bare.close()]).then(() => {
      zonefiles.close();
      db.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

/** What the parent asks the servers' process: its CPU time, and with `profile`, to start profiling or to stop and save the profile under that name. */
interface CpuMessage {
  readonly cpu?: boolean;
  readonly profile?: { readonly start: true } | { readonly save: string };
}

/**
 * With BSK_BENCH_API_PROFILE_DIR: a CPU profile of each timed round on its own (node:inspector), so
 * the fill and the other side's rounds are not mixed into a side's profile.
 */
async function startProfiler(): Promise<(profile: NonNullable<CpuMessage['profile']>) => Promise<void>> {
  const dir = process.env.BSK_BENCH_API_PROFILE_DIR!;
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  return async (profile) => {
    if ('start' in profile) {
      await session.post('Profiler.start');
      return;
    }
    const { profile: taken } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${profile.save}.cpuprofile`), JSON.stringify(taken));
  };
}

/** Diagnostics (verbose runs): server CPU per read of the three reads an uncached lookup makes, names at random. */
function missPathCosts(store: ReturnType<typeof openSqliteStore>, zonefiles: ReturnType<typeof openZonefileStore>, db: IndexerDb): void {
  const names = Array.from({ length: 20_000 }, () => nameOf(Math.floor(Math.random() * NAMES)));
  const hashes = names.map((name) => zonefileHash(zonefileOf(name)));
  const cpu = (what: string, read: (i: number) => unknown) => {
    const before = process.cpuUsage();
    for (let i = 0; i < names.length; i++) read(i);
    const used = process.cpuUsage(before);
    console.error(`${what}: ${((used.user + used.system) / names.length).toFixed(1)} µs CPU per read (${(used.system / names.length).toFixed(1)} system)`);
  };
  cpu('name row (names.db, through the store)', (i) => store.getRow('name', names[i]!));
  cpu('zone file (zonefiles.db)', (i) => zonefiles.get(hashes[i]!));
  cpu('DID (indexer.db)', (i) => db.didOf(names[i]!));
}

/** What the servers' process reports at the start and end of a round. */
interface ServerCounters {
  /** CPU time so far, microseconds (user + system). */
  readonly cpuMicros: number;
  /** The node's name answers served from its cache and computed, so far. */
  readonly nameLookups: { readonly hits: number; readonly misses: number };
  /** The answers the node's cache holds, and their estimated bytes. */
  readonly nameAnswers: { readonly count: number; readonly bytes: number };
}

interface Round {
  readonly rps: number;
  /** Share of the node's name answers served from its answer cache (0 for the bare route). */
  readonly hitRate: number;
  readonly p99: number;
  readonly errors: number;
  /** Server CPU time per answered request, microseconds (user + system of the servers' process). */
  readonly cpuPerRequest: number;
  /** The node's answer cache at the end of the round. */
  readonly cached: ServerCounters['nameAnswers'];
}

/** The servers' CPU time and cache counters so far; `profile` starts or saves a profile of the servers (BSK_BENCH_API_PROFILE_DIR). */
function serverCounters(child: ChildProcess, profile?: CpuMessage['profile']): Promise<ServerCounters> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      if ((message as Partial<ServerCounters>).cpuMicros === undefined) return;
      child.off('message', listener);
      resolve(message as ServerCounters);
    };
    child.on('message', listener);
    child.send({ cpu: true, profile } satisfies CpuMessage);
  });
}

/** One round of load on `url`; `profileName` names the servers' profile of it (when profiling). */
async function load(child: ChildProcess, url: string, seconds: number, profileName?: string): Promise<Round> {
  const before = await serverCounters(child, profileName === undefined ? undefined : { start: true });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/v1/names/${nameOf(Math.floor(Math.random() * NAMES))}` }) }],
  });
  const after = await serverCounters(child, profileName === undefined ? undefined : { save: profileName });
  const hits = after.nameLookups.hits - before.nameLookups.hits;
  const lookups = hits + after.nameLookups.misses - before.nameLookups.misses;
  return {
    rps: result['2xx'] / result.duration,
    hitRate: hits / Math.max(1, lookups),
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    cpuPerRequest: (after.cpuMicros - before.cpuMicros) / Math.max(1, result['2xx']),
    cached: after.nameAnswers,
  };
}

function startServers(): Promise<{ child: ChildProcess; urls: ServerUrls }> {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BSK_API_BENCH_ROLE: 'servers' }, execArgv: ['--conditions=source', '--import', 'tsx', ...(process.env.BSK_BENCH_API_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [])] });
  return new Promise((resolve, reject) => {
    child.once('message', (urls) => resolve({ child, urls: urls as ServerUrls }));
    child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
  });
}

const benchmark: Benchmark = {
  description: `GET /v1/names/{name} with ${CONNECTIONS} connections against a node holding ${NAMES.toLocaleString('en')} names, next to a bare fastify route (target ≥ ${TARGET}×)`,
  async run() {
    const rounds = Math.round(Number(process.env.BSK_BENCH_API_ROUNDS ?? 3));
    const seconds = Number(process.env.BSK_BENCH_API_SECONDS ?? 4);
    const warmupSeconds = Number(process.env.BSK_BENCH_API_WARMUP_SECONDS ?? 20);
    const { child, urls } = await startServers();
    try {
      console.log(`filled ${NAMES.toLocaleString('en')} names (engine + zone files + DID index) in ${urls.fillSeconds.toFixed(1)} s`);
      // The node starts with an empty answer cache; the rounds measure a node that has served a
      // while (as a node up for days has). The warm-up is reported on its own line.
      const warmup = await load(child, urls.node, warmupSeconds);
      await load(child, urls.bare, 1);
      const node: Round[] = [];
      const bare: Round[] = [];
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? (['node', 'bare'] as const) : (['bare', 'node'] as const);
        for (const side of order) {
          const profileName = process.env.BSK_BENCH_API_PROFILE_DIR ? `api-${side}-round${round + 1}` : undefined;
          (side === 'node' ? node : bare).push(await load(child, side === 'node' ? urls.node : urls.bare, seconds, profileName));
        }
      }
      const best = (rows: Round[]) => rows.reduce((a, b) => (b.rps > a.rps ? b : a));
      const ours = best(node);
      const floor = best(bare);
      const ratio = ours.rps / floor.rps;
      const errors = [...node, ...bare].reduce((sum, r) => sum + r.errors, 0);
      const cpu = (rows: Round[]) => Math.min(...rows.map((r) => r.cpuPerRequest));
      console.log('| side | requests/s (best round) | p99 ms | server CPU µs/request (best) | rounds (requests/s) |');
      console.log('| --- | ---: | ---: | ---: | --- |');
      console.log(`| node GET /v1/names/{name} | ${Math.round(ours.rps)} | ${ours.p99} | ${Math.round(cpu(node))} | ${node.map((r) => Math.round(r.rps)).join(', ')} |`);
      console.log(`| bare fastify, constant JSON | ${Math.round(floor.rps)} | ${floor.p99} | ${Math.round(cpu(bare))} | ${bare.map((r) => Math.round(r.rps)).join(', ')} |`);
      const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
      console.log(
        `node warm-up from an empty answer cache (${warmupSeconds} s): ${Math.round(warmup.rps)} requests/s, p99 ${warmup.p99} ms, ${Math.round(warmup.cpuPerRequest)} µs CPU/request, hit rate ${Math.round(warmup.hitRate * 100)}%`,
      );
      const last = node[node.length - 1]!;
      console.log(
        `node answer-cache hit rate by round: ${node.map((r) => `${Math.round(r.hitRate * 100)}%`).join(', ')} (names picked uniformly; the cache ends holding ${last.cached.count.toLocaleString('en')} answers, ${mib(last.cached.bytes)} MiB estimated, of a ${mib(NAME_ANSWER_CACHE_BYTES)} MiB budget)`,
      );
      console.log(`ratio ${ratio.toFixed(2)} (target ≥ ${TARGET}); CPU-per-request ratio (bare/node) ${(cpu(bare) / cpu(node)).toFixed(2)}; non-2xx and errors: ${errors}`);
      return ratio >= TARGET && errors === 0;
    } finally {
      child.disconnect();
    }
  },
};

export default benchmark;

if (process.env.BSK_API_BENCH_ROLE === 'servers') void serve();
