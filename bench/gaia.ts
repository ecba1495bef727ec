import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { getPublicKeyFromPrivate, makeGaiaAuthHeader, makeGaiaChallenge, makeV1GaiaAuthToken, publicKeyToAddress } from '../packages/crypto/src/index.js';
import { createHub } from '../packages/gaia/src/index.js';
import { positiveFromEnv, type Benchmark } from './harness.js';

/*
 * bench/gaia: the Gaia hub's hot paths under 64 connections (issue 6 "Benchmark"), each next to its
 * floor in the same run, all on loopback over one temporary disk directory:
 *
 *   - authenticated 1 KiB writes (real v1 tokens; rotating paths, so writes never meet on one path's
 *     lock) against a bare fastify route that streams the body into a file;
 *   - 1 KiB reads from the hub's read endpoint (its own reader port, as `npm start` runs it) against a
 *     minimal node:http static server over the same files (stat, content type by extension, an etag
 *     from size and mtime, the file streamed; @fastify/static is not installed);
 *   - 8 MiB uploads (MB/s) against the same bare route.
 *
 * The servers run in one child process (this file with BSK_GAIA_BENCH_ROLE=servers) and autocannon
 * in this one, so load generator and server each have a core of the 2-core machine; only one server
 * is under load at a time. As harness.ts, the two sides alternate in rounds and each side's headline
 * is its best round (other processes only ever slow a round down). Targets: writes ≥ 0.5x the bare
 * route, reads ≥ 0.8x the static server.
 */

const CONNECTIONS = 64;
const WRITE_TARGET = 0.5;
const READ_TARGET = 0.8;
const SMALL_FILE_BYTES = 1024;
const LARGE_FILE_BYTES = 8 * 1024 * 1024;
/** Distinct paths the write rows rotate through: far more than requests in flight. */
const WRITE_PATHS = 4096;
const READ_FILES = 1000;
/** 8 MiB uploads: runs of this many per connection, rotating over twice as many paths as connections. */
const UPLOADS_PER_CONNECTION = 2;
const LARGE_PATHS = 2 * 64;
const SERVER_NAME = 'bench.gaia';
const BUCKET_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const BUCKET = publicKeyToAddress(getPublicKeyFromPrivate(BUCKET_KEY));

interface GaiaBenchOptions {
  readonly rounds: number;
  /** Seconds of load per side per round. */
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Which rows to run (`write`, `read`, `upload`, `same`); all by default. */
  readonly rows: readonly string[];
  /** Directory for `--cpu-prof` profiles of the server process, when profiling. */
  readonly profileDir: string | undefined;
}

function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): GaiaBenchOptions {
  const positive = (name: string, fallback: number): number => positiveFromEnv(env, name, fallback);
  return {
    rounds: Math.round(positive('BSK_BENCH_GAIA_ROUNDS', 3)),
    seconds: positive('BSK_BENCH_GAIA_SECONDS', 3),
    warmupSeconds: positive('BSK_BENCH_GAIA_WARMUP_SECONDS', 1),
    rows: (env.BSK_BENCH_GAIA_ROWS ?? 'write,read,upload,same').split(',').map((row) => row.trim()),
    profileDir: env.BSK_BENCH_GAIA_PROFILE_DIR || undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// The servers (child process)

/** What the server process reports once everything listens. */
interface ServerUrls {
  readonly hub: string;
  readonly reader: string;
  readonly bare: string;
  readonly static: string;
  readonly root: string;
}

/** The write floor: a fastify route that streams the body into a file, and nothing else. */
async function startBareWriteRoute(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const directory = join(root, '.bare');
  mkdirSync(directory, { recursive: true });
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.post<{ Params: { name: string } }>('/bare/:name', async (request, reply) => {
    await pipeline(request.raw, createWriteStream(join(directory, request.params.name)));
    return reply.code(202).send({ ok: true });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

const STATIC_TYPES: Readonly<Record<string, string>> = { '.json': 'application/json', '.txt': 'text/plain', '.html': 'text/html' };

/** The read floor: a minimal static file server (stat, content type, etag from size and mtime, stream). */
function serveStaticFile(root: string, request: IncomingMessage, response: ServerResponse): void {
  const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
  const file = join(root, path);
  if (!file.startsWith(root + sep)) {
    response.writeHead(400).end();
    return;
  }
  stat(file).then(
    (stats) => {
      if (!stats.isFile()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': stats.size,
        etag: `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
        'last-modified': stats.mtime.toUTCString(),
      });
      createReadStream(file).pipe(response);
    },
    () => {
      response.writeHead(404).end();
    },
  );
}

async function startStaticServer(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => serveStaticFile(root, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Asks the server process to profile its CPU between 'start' and 'stop' (written to `file`). */
interface ProfileMessage {
  readonly profile: 'start' | 'stop' | 'cpu';
  readonly file?: string;
}

let profiler: Session | null = null;

async function profile(message: ProfileMessage): Promise<void> {
  if (message.profile === 'cpu') {
    // CPU time of the whole server process (event loop and the libuv threads doing file I/O), µs.
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
    return;
  }
  if (message.profile === 'start') {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  } else if (profiler) {
    const { profile: cpuProfile } = await profiler.post('Profiler.stop');
    if (message.file) writeFileSync(message.file, JSON.stringify(cpuProfile));
    profiler.disconnect();
    profiler = null;
  }
  process.send?.({ profiled: message.profile });
}

async function serveAll(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bsk-bench-gaia-'));
  const hub = createHub({ storageRootDirectory: root, host: '127.0.0.1', port: 0, readerPort: 0, serverName: SERVER_NAME });
  const hubUrl = await hub.listen();
  const bare = await startBareWriteRoute(root);
  const statics = await startStaticServer(root);
  const urls: ServerUrls = { hub: hubUrl, reader: hub.readUrlPrefix().replace(/\/$/, ''), bare: bare.url, static: statics.url, root };
  process.on('message', (message: ProfileMessage) => void profile(message));
  process.send?.(urls);
  const stop = async () => {
    await Promise.all([hub.close(), bare.close(), statics.close()]);
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
}

// ---------------------------------------------------------------------------------------------------
// The load (this process)

/** The server process, as seen from the load generator. */
interface ServerProcess {
  readonly child: ChildProcess;
  readonly urls: ServerUrls;
  /** Asks the server process something (CPU time, profiling) and waits for its answer. */
  ask(message: ProfileMessage): Promise<{ cpu?: number }>;
}

function startServers(): Promise<ServerProcess> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, BSK_GAIA_BENCH_ROLE: 'servers' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (message: ProfileMessage) => new Promise<{ cpu?: number }>((resolve) => {
    child.once('message', (answer) => resolve(answer as { cpu?: number }));
    child.send(message);
  });
  return new Promise((resolve, reject) => {
    child.once('message', (urls) => resolve({ child, urls: urls as ServerUrls, ask }));
    child.once('exit', (code) => reject(new Error(`bench server process exited (${code}) before listening`)));
  });
}

interface Load {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** The path of the next request. */
  readonly nextPath: () => string;
  /** Requests per connection per run instead of a fixed duration (large uploads take seconds each). */
  readonly perConnection?: number;
}

interface LoadResult {
  /** 2xx responses per second. */
  readonly ok: number;
  /** Other responses (and errors) per second. */
  readonly other: number;
  /** CPU time of the server process per 2xx response, µs. */
  readonly cpuPerOk: number;
}

async function runLoad(servers: ServerProcess, load: Load, seconds: number): Promise<LoadResult> {
  const cpuBefore = (await servers.ask({ profile: 'cpu' })).cpu ?? 0;
  const result = await autocannon({
    url: load.url,
    connections: CONNECTIONS,
    ...(load.perConnection ? { amount: load.perConnection * CONNECTIONS } : { duration: seconds }),
    timeout: 60,
    requests: [{
      method: load.method,
      ...(load.headers ? { headers: load.headers } : {}),
      ...(load.body ? { body: load.body } : {}),
      setupRequest: (request) => ({ ...request, path: load.nextPath() }),
    }],
  });
  const elapsed = result.duration;
  if (load.perConnection && result['2xx'] + result.non2xx < load.perConnection * CONNECTIONS) throw new Error(`${load.url}: only ${result['2xx'] + result.non2xx} of ${load.perConnection * CONNECTIONS} uploads answered`);
  const cpuAfter = (await servers.ask({ profile: 'cpu' })).cpu ?? 0;
  return { ok: result['2xx'] / elapsed, other: (result.non2xx + result.errors) / elapsed, cpuPerOk: (cpuAfter - cpuBefore) / Math.max(1, result['2xx']) };
}

interface Row {
  readonly name: string;
  readonly operation: string;
  readonly unit: string;
  /** Converts requests/s into the row's unit. */
  readonly scale: number;
  readonly ours: Load;
  readonly floor: Load;
  readonly floorName: string;
  readonly target: number;
}

interface RowOutcome {
  readonly row: Row;
  readonly ours: number;
  readonly floor: number;
  readonly ratio: number;
  readonly medianRatio: number;
  readonly refused: number;
  /** The least CPU time per response each side needed in a round, µs. */
  readonly oursCpu: number;
  readonly floorCpu: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measureRow(servers: ServerProcess, row: Row, options: GaiaBenchOptions): Promise<RowOutcome> {
  await runLoad(servers, row.ours, options.warmupSeconds);
  await runLoad(servers, row.floor, options.warmupSeconds);
  const rates = { ours: [] as number[], floor: [] as number[] };
  const cpu = { ours: [] as number[], floor: [] as number[] };
  let refused = 0;
  for (let round = 0; round < options.rounds; round++) {
    const sides = round % 2 === 0 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const);
    for (const side of sides) {
      const result = await runLoad(servers, row[side], options.seconds);
      rates[side].push(result.ok * row.scale);
      cpu[side].push(result.cpuPerOk);
      refused += result.other;
    }
  }
  const best = Math.max(...rates.ours);
  const bestFloor = Math.max(...rates.floor);
  return {
    row, ours: best, floor: bestFloor, ratio: best / bestFloor, medianRatio: median(rates.ours) / median(rates.floor), refused,
    oursCpu: Math.min(...cpu.ours), floorCpu: Math.min(...cpu.floor),
  };
}

/** One more run of our side with the server process's CPU profiled (BSK_BENCH_GAIA_PROFILE_DIR). */
async function profileOurs(servers: ServerProcess, row: Row, seconds: number, file: string): Promise<void> {
  await servers.ask({ profile: 'start' });
  await runLoad(servers, row.ours, seconds);
  await servers.ask({ profile: 'stop', file });
  console.log(`profile of ${row.operation}: ${file}`);
}

function rotating(prefix: string, count: number, suffix = ''): () => string {
  let next = 0;
  return () => `${prefix}${next++ % count}${suffix}`;
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

/** Before timing: the hub stores what it is sent, and reader and static server serve the same bytes. */
async function checkInterop(urls: ServerUrls, authorization: string, small: Buffer): Promise<void> {
  const stored = await fetch(`${urls.hub}/store/${BUCKET}/bench/check.json`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: new Uint8Array(small) });
  const { etag } = (await stored.json()) as { etag: string };
  if (stored.status !== 202 || etag !== createHash('md5').update(small).digest('hex')) throw new Error(`hub store answered ${stored.status}`);
  for (const base of [urls.reader, urls.static]) {
    const read = await fetch(`${base}/${BUCKET}/bench/check.json`);
    const bytes = Buffer.from(await read.arrayBuffer());
    if (read.status !== 200 || !bytes.equals(small) || !read.headers.get('content-type')?.startsWith('application/json')) throw new Error(`${base} did not serve what the hub stored`);
  }
  const bare = await fetch(`${urls.bare}/bare/check`, { method: 'POST', body: new Uint8Array(small) });
  if (bare.status !== 202) throw new Error(`bare route answered ${bare.status}`);
}

async function seedReadFiles(urls: ServerUrls, authorization: string, small: Buffer): Promise<void> {
  for (let start = 0; start < READ_FILES; start += CONNECTIONS) {
    await Promise.all(Array.from({ length: Math.min(CONNECTIONS, READ_FILES - start) }, async (_, i) => {
      const response = await fetch(`${urls.hub}/store/${BUCKET}/bench/r${start + i}.json`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: new Uint8Array(small) });
      if (response.status !== 202) throw new Error(`seeding read files: ${response.status}`);
    }));
  }
}

export async function runGaiaBench(options: GaiaBenchOptions = optionsFromEnv()): Promise<boolean> {
  const servers = await startServers();
  const { child, urls } = servers;
  try {
    const authorization = makeGaiaAuthHeader(makeV1GaiaAuthToken({ challengeText: makeGaiaChallenge(SERVER_NAME), privateKey: BUCKET_KEY, hubUrl: urls.hub }));
    const small = Buffer.from(JSON.stringify({ padding: 'x'.repeat(SMALL_FILE_BYTES - 14) }));
    if (small.length !== SMALL_FILE_BYTES) throw new Error('1 KiB body is not 1 KiB');
    const large = Buffer.alloc(LARGE_FILE_BYTES, 7);
    await checkInterop(urls, authorization, small);
    await seedReadFiles(urls, authorization, small);
    const writeHeaders = { authorization, 'content-type': 'application/json' };
    const allRows: Row[] = [
      {
        name: 'write', operation: 'write 1 KiB (authenticated, v1 token)', unit: 'writes/s', scale: 1, target: WRITE_TARGET, floorName: 'bare fastify route → file',
        ours: { url: urls.hub, method: 'POST', headers: writeHeaders, body: small, nextPath: rotating(`/store/${BUCKET}/bench/w`, WRITE_PATHS, '.json') },
        floor: { url: urls.bare, method: 'POST', headers: { 'content-type': 'application/json' }, body: small, nextPath: rotating('/bare/w', WRITE_PATHS) },
      },
      {
        name: 'read', operation: 'read 1 KiB (read endpoint)', unit: 'reads/s', scale: 1, target: READ_TARGET, floorName: 'node:http static server',
        ours: { url: urls.reader, method: 'GET', nextPath: rotating(`/${BUCKET}/bench/r`, READ_FILES, '.json') },
        floor: { url: urls.static, method: 'GET', nextPath: rotating(`/${BUCKET}/bench/r`, READ_FILES, '.json') },
      },
      {
        name: 'upload', operation: 'upload 8 MiB (authenticated)', unit: 'MB/s', scale: LARGE_FILE_BYTES / 1e6, target: WRITE_TARGET, floorName: 'bare fastify route → file',
        ours: { url: urls.hub, method: 'POST', headers: { authorization, 'content-type': 'application/octet-stream' }, body: large, perConnection: UPLOADS_PER_CONNECTION, nextPath: rotating(`/store/${BUCKET}/bench/big`, LARGE_PATHS) },
        floor: { url: urls.bare, method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: large, perConnection: UPLOADS_PER_CONNECTION, nextPath: rotating('/bare/big', LARGE_PATHS) },
      },
    ];
    const rows = allRows.filter((row) => options.rows.includes(row.name));
    const outcomes: RowOutcome[] = [];
    for (const row of rows) {
      outcomes.push(await measureRow(servers, row, options));
      if (options.profileDir) await profileOurs(servers, row, options.seconds, join(options.profileDir, `gaia-${row.name}.cpuprofile`));
    }

    // Every connection on one path: the per-path lock answers 409 to all but one write at a time (§4.7).
    const samePath = !options.rows.includes('same') ? null : await runLoad(servers, { url: urls.hub, method: 'POST', headers: writeHeaders, body: small, nextPath: () => `/store/${BUCKET}/bench/same.json` }, options.seconds);

    console.log(`\n${CONNECTIONS} connections, ${options.rounds} rounds of ${options.seconds} s per side, best round; disk driver under ${tmpdir()}`);
    console.log('| operation | ours | floor | floor is | ratio | target | met | median ratio | server CPU µs/request, ours / floor |');
    console.log('| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: |');
    for (const o of outcomes) {
      console.log(`| ${o.row.operation} | ${format(o.ours)} ${o.row.unit} | ${format(o.floor)} ${o.row.unit} | ${o.row.floorName} | ${o.ratio.toFixed(2)}x | ≥${o.row.target}x | ${o.ratio >= o.row.target ? 'yes' : 'NO'} | ${o.medianRatio.toFixed(2)}x | ${format(o.oursCpu)} / ${format(o.floorCpu)} |`);
    }
    if (samePath) console.log(`same path from ${CONNECTIONS} connections: ${format(samePath.ok)} writes/s stored, ${format(samePath.other)}/s refused (409 Conflict, as the original)`);
    const failed = outcomes.filter((o) => o.refused > 0);
    for (const o of failed) console.log(`WARNING: ${o.row.operation}: ${format(o.refused)} non-2xx responses or errors per second in total`);
    const missed = outcomes.filter((o) => o.ratio < o.row.target);
    console.log(missed.length === 0 && failed.length === 0
      ? `RESULT: every row (${outcomes.length}) meets its target.`
      : `RESULT: ${missed.length} of ${outcomes.length} rows miss their target${missed.length ? `: ${missed.map((o) => o.row.operation).join(', ')}` : ''}${failed.length ? '; some requests failed' : ''}.`);
    return missed.length === 0 && failed.length === 0;
  } finally {
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const benchmark: Benchmark = {
  description: 'Gaia hub (disk driver), 64 connections: 1 KiB writes and reads, 8 MiB uploads, next to a bare fastify route and a static file server',
  run: () => runGaiaBench(),
};
export default benchmark;

if (process.env.BSK_GAIA_BENCH_ROLE === 'servers') {
  await serveAll();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await runGaiaBench()) ? 0 : 1;
}
