import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { zonefileHash } from '@bsk/crypto';
import { atlasRoutes, createAtlas, openZonefileStore, type SqliteZonefileStore } from '@bsk/node';
import type { Benchmark } from './harness.js';

/*
 * bench/atlas (issue 5): how long a new node takes to replicate 100,000 zone files from one peer
 * on loopback, through the real Atlas routes and client (bns.md §7.5). Both nodes already know the
 * same 100,000 on-chain rows (the indexer's work, timed separately); the clock runs from the new
 * node's Atlas start until it holds every zone file. Target: at most 30 s. The peer runs in its own
 * process (this file with `--atlas-source`), as a peer would, so the two sides do not share a thread.
 */

const COUNT = Number(process.env.BSK_BENCH_ATLAS_COUNT ?? 100_000);
const TARGET_SECONDS = 30;

const encoder = new TextEncoder();
function zonefileOf(i: number): Uint8Array {
  const address = `1${i.toString(36).padStart(10, 'x')}ExampleAddressForBench`;
  return encoder.encode(`$ORIGIN name${i}.id\n$TTL 3600\n_http._tcp IN URI 10 1 "https://gaia.blockstack.org/hub/${address}/profile.json"\n_resolver IN URI 10 1 "http://resolver.example/${i}"\n`);
}

function chainRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `name${i}.id`,
    blockHeight: 600_000 + Math.floor(i / 50),
    vtxindex: i % 50,
    txid: i.toString(16).padStart(64, '0'),
    valueHash: zonefileHash(zonefileOf(i)),
  }));
}

function noteInBlocks(store: SqliteZonefileStore, rows: ReturnType<typeof chainRows>): void {
  for (let i = 0; i < rows.length; i += 50) store.noteOnChain(rows.slice(i, i + 50));
}

/** The peer: a node holding every zone file, in its own process; prints its URL, exits when stdin closes. */
async function serveSource(directory: string, count: number): Promise<void> {
  const store = openZonefileStore({ directory });
  noteInBlocks(store, chainRows(count));
  for (let i = 0; i < count; i += 1000) store.putMany(Array.from({ length: Math.min(1000, count - i) }, (_, k) => zonefileOf(i + k)));
  const app = Fastify({ forceCloseConnections: true });
  const atlas = createAtlas({ store });
  await app.register(atlasRoutes, { atlas });
  console.log(await app.listen({ host: '127.0.0.1', port: 0 }));
  // Each line on stdin asks for this process's CPU time so far (µs), answered as one line.
  const lines = createInterface({ input: process.stdin });
  lines.on('line', () => {
    const { user, system } = process.cpuUsage();
    console.log(String(user + system));
  });
  await once(lines, 'close');
  await atlas.close();
  await app.close();
  store.close();
}

interface SourcePeer {
  readonly url: string;
  /** The peer process's CPU time so far, in µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

async function startSource(directory: string, count: number): Promise<SourcePeer> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), '--atlas-source', directory, String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const [url] = (await once(lines, 'line')) as [string];
  return {
    url,
    async cpuMicros() {
      child.stdin.write('cpu\n');
      const [line] = (await once(lines, 'line')) as [string];
      return Number(line);
    },
    async stop() {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

const benchmark: Benchmark = {
  description: `a new node replicates ${COUNT.toLocaleString('en')} zone files from one Atlas peer on loopback (target ≤ ${TARGET_SECONDS} s)`,
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'bsk-bench-atlas-'));
    const rows = chainRows(COUNT);
    const fresh = openZonefileStore({ directory: mkdtempSync(join(root, 'fresh-')) });
    let source: SourcePeer | null = null;
    let atlas: ReturnType<typeof createAtlas> | null = null;
    try {
      source = await startSource(mkdtempSync(join(root, 'source-')), COUNT);
      let bytes = 0;
      for (let i = 0; i < COUNT; i++) bytes += zonefileOf(i).length;

      const noteStart = performance.now();
      noteInBlocks(fresh, rows);
      const noteSeconds = (performance.now() - noteStart) / 1000;

      atlas = createAtlas({ store: fresh, seeds: [source.url] });
      const peerCpuBefore = await source.cpuMicros();
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      atlas.start();
      while (fresh.missingFrom(0, 1).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const newNodeCpu = (cpu.user + cpu.system) / 1e6;
      const peerCpu = ((await source.cpuMicros()) - peerCpuBefore) / 1e6;

      // Check the work: every zone file present, and a sample byte-identical.
      if (fresh.storedCount() !== COUNT) throw new Error(`replicated ${fresh.storedCount()} of ${COUNT}`);
      for (let i = 0; i < COUNT; i += 997) {
        const expected = zonefileOf(i);
        const got = fresh.get(zonefileHash(expected));
        if (got === null || Buffer.compare(Buffer.from(got), Buffer.from(expected)) !== 0) throw new Error(`zone file ${i} differs`);
      }

      const met = seconds <= TARGET_SECONDS;
      console.log(`zone files: ${COUNT.toLocaleString('en')} (${(bytes / 1e6).toFixed(1)} MB); the peer in its own process; requests of ≤ 100 hashes, ${atlas.settings.fetchConcurrency} in flight`);
      console.log(`noting the on-chain rows (indexer side, not timed below): ${noteSeconds.toFixed(2)} s`);
      console.log(`replication: ${seconds.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s), ${Math.round(COUNT / seconds).toLocaleString('en')} zone files/s, ${atlas.stats().rounds} crawl rounds`);
      // Wall time depends on what else the machine runs; CPU time much less so.
      console.log(`CPU time during replication: new node ${newNodeCpu.toFixed(2)} s, peer ${peerCpu.toFixed(2)} s (load average now ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs)`);
      console.log(`RESULT: ${met ? 'meets' : 'misses'} the target`);
      return met;
    } finally {
      await atlas?.close();
      await source?.stop();
      fresh.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
};

export default benchmark;

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === '--atlas-source') {
  await serveSource(process.argv[3]!, Number(process.argv[4]));
}
