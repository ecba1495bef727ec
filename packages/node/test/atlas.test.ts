import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { zonefileHash } from '@bsk/crypto';
import { atlasRoutes, createAtlas, openZonefileStore, type Atlas, type AtlasOptions, type SqliteZonefileStore } from '@bsk/node';

/*
 * Real Atlas nodes on loopback: each is a zone-file store, a fastify server with the Atlas routes
 * on port 0, and an Atlas instance. On-chain entries are fed straight into each store
 * (noteOnChain), as the indexer would.
 */

const FAST: Partial<AtlasOptions> = {
  zonefileCrawlIntervalMs: 100,
  peerExchangeIntervalMs: 150,
  backoffBaseMs: 50,
  backoffMaxMs: 400,
  pingTimeoutMs: 1_000,
  inventoryTimeoutMs: 2_000,
  neighborsTimeoutMs: 2_000,
  zonefilesTimeoutMs: 3_000,
};

const encoder = new TextEncoder();
const zonefileOf = (i: number): Uint8Array => encoder.encode(`$ORIGIN name${i}.id\n$TTL 3600\n_http._tcp IN URI 10 1 "https://gaia.example/hub/${i}/profile.json"\n`);

/** The chain every node in a test agrees on: `count` names, one zone-file hash each, 10 per block. */
function chainEntries(count: number, from = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return { name: `name${i}.id`, blockHeight: 1000 + Math.floor(i / 10), vtxindex: i % 10, txid: i.toString(16).padStart(64, '0'), valueHash: zonefileHash(zonefileOf(i)) };
  });
}

interface TestNode {
  readonly url: string;
  readonly store: SqliteZonefileStore;
  readonly atlas: Atlas;
  readonly app: FastifyInstance;
  readonly directory: string;
  stop(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'bsk-atlas-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

async function startNode(options: { seeds?: string[]; directory?: string; store?: SqliteZonefileStore; entries?: number; atlas?: Partial<AtlasOptions>; port?: number } = {}): Promise<TestNode> {
  const directory = options.directory ?? tempDirectory();
  const store = options.store ?? openZonefileStore({ directory });
  if (options.entries !== undefined && store.entryCount() === 0) store.noteOnChain(chainEntries(options.entries));
  const atlas = createAtlas({ store, seeds: options.seeds ?? [], ...FAST, ...options.atlas });
  // Peers keep connections alive; closing must not wait for them to time out.
  const app = Fastify({ forceCloseConnections: true });
  await app.register(atlasRoutes, { atlas });
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  atlas.start(address);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await atlas.close();
    await app.close();
    store.close();
  };
  cleanups.push(stop);
  return { url: address, store, atlas, app, directory, stop };
}

function publishAll(store: SqliteZonefileStore, count: number, from = 0): void {
  store.putMany(Array.from({ length: count }, (_, k) => zonefileOf(from + k)));
}

async function eventually(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function expectComplete(store: SqliteZonefileStore, count: number): void {
  expect(store.missingFrom(0, 10)).toEqual([]);
  for (let i = 0; i < count; i++) expect(store.get(zonefileHash(zonefileOf(i)))).toEqual(zonefileOf(i));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('Atlas routes (docs/atlas.md)', () => {
  it('answer ping, inventory, peers and zone files, and refuse malformed requests with 400 JSON', async () => {
    const node = await startNode({ entries: 20 });
    publishAll(node.store, 3);
    const ping = (await (await fetch(`${node.url}/v1/atlas/ping`)).json()) as Record<string, unknown>;
    expect(ping).toEqual({ status: 'alive', version: 'bsk-atlas/1', inventoryLength: 20 });

    const inventory = (await (await fetch(`${node.url}/v1/atlas/inventory?offset=0&length=100`)).json()) as Record<string, unknown>;
    expect(inventory).toMatchObject({ offset: 0, length: 20, inventoryLength: 20 });
    expect([...Buffer.from(inventory.inv as string, 'base64')]).toEqual([0b1110_0000, 0, 0]);
    const tail = (await (await fetch(`${node.url}/v1/atlas/inventory?offset=24&length=8`)).json()) as Record<string, unknown>;
    expect(tail).toMatchObject({ offset: 24, length: 0, inv: '' });

    const known = zonefileHash(zonefileOf(1));
    const unknown = zonefileHash(zonefileOf(5));
    const answer = await fetch(`${node.url}/v1/atlas/zonefiles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hashes: [known, unknown] }) });
    expect(await answer.json()).toEqual({ zonefiles: { [known]: Buffer.from(zonefileOf(1)).toString('base64') } });

    expect(await (await fetch(`${node.url}/v1/atlas/peers`)).json()).toEqual({ peers: [] });

    const bad: [string, RequestInit][] = [
      ['/v1/atlas/inventory?offset=3&length=8', {}],
      ['/v1/atlas/inventory?offset=0&length=524289', {}],
      ['/v1/atlas/inventory?offset=-8&length=8', {}],
      ['/v1/atlas/inventory?offset=zero&length=8', {}],
      ['/v1/atlas/inventory', {}],
      ['/v1/atlas/zonefiles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hashes: ['XYZ'] }) }],
      ['/v1/atlas/zonefiles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hashes: Array.from({ length: 101 }, () => known) }) }],
      ['/v1/atlas/zonefiles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hashes": [' }],
      ['/v1/atlas/peers/announce', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'ftp://elsewhere' }) }],
      ['/v1/atlas/peers/announce', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://x/with/path' }) }],
      ['/v1/atlas/peers/announce', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({}) }],
    ];
    for (const [path, init] of bad) {
      const response = await fetch(`${node.url}${path}`, init);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await response.json()) as Record<string, unknown>;
      expect(typeof (body.message ?? body.error)).toBe('string');
      expect(JSON.stringify(body)).not.toMatch(/ at .*\.ts:/);
    }
    // Still serving.
    expect((await fetch(`${node.url}/v1/atlas/ping`)).status).toBe(200);
  });
});

describe('Atlas replication between nodes on loopback (bns.md §7)', () => {
  it('three nodes converge on the same zone files after one receives them, and learn of each other', async () => {
    const count = 250;
    const a = await startNode({ entries: count });
    const b = await startNode({ entries: count, seeds: [a.url] });
    const c = await startNode({ entries: count, seeds: [b.url] });
    publishAll(a.store, count);
    await eventually(() => b.store.missingFrom(0, 1).length === 0 && c.store.missingFrom(0, 1).length === 0, 'b and c to replicate');
    expectComplete(b.store, count);
    expectComplete(c.store, count);
    // Peer exchange: a learnt of b and c through their announcements, c of a through b.
    await eventually(() => a.atlas.peers.has(b.url) && a.atlas.peers.has(c.url) && c.atlas.peers.has(a.url), 'peer exchange');
    // A zone file arriving later at c (e.g. POST /v1/zonefile) reaches a and b.
    for (const node of [a, b, c]) node.store.noteOnChain(chainEntries(1, count));
    c.store.put(zonefileOf(count));
    await eventually(() => a.store.has(zonefileHash(zonefileOf(count))) && b.store.has(zonefileHash(zonefileOf(count))), 'the late zone file to spread');
  });

  it('a node that starts late catches up from the others', async () => {
    const count = 120;
    const a = await startNode({ entries: count });
    const b = await startNode({ entries: count, seeds: [a.url] });
    publishAll(a.store, count);
    await eventually(() => b.store.missingFrom(0, 1).length === 0, 'b to replicate');
    await a.stop(); // the original holder is gone; b has everything
    const late = await startNode({ entries: count, seeds: [b.url] });
    await eventually(() => late.store.missingFrom(0, 1).length === 0, 'the late node to replicate');
    expectComplete(late.store, count);
  });

  it('a node restarted mid-sync resumes from its durable store and completes', async () => {
    const count = 400;
    const a = await startNode({ entries: count });
    publishAll(a.store, count);
    const directory = tempDirectory();
    // Small requests, one at a time, so there is a middle to interrupt.
    const slow = { maxHashesPerRequest: 5, writeBatchSize: 5, fetchConcurrency: 1, perPeerConcurrency: 1 };
    const first = await startNode({ entries: count, seeds: [a.url], directory, atlas: slow });
    await eventually(() => first.store.storedCount() >= 20, 'some zone files to arrive');
    await first.stop();
    const reopened = openZonefileStore({ directory });
    const partial = reopened.storedCount();
    expect(partial).toBeGreaterThanOrEqual(20);
    expect(partial).toBeLessThan(count);
    const heard: string[] = [];
    reopened.onStored((hash) => heard.push(hash));
    const second = await startNode({ seeds: [a.url], directory, store: reopened });
    await eventually(() => second.store.missingFrom(0, 1).length === 0, 'the restarted node to finish');
    expectComplete(second.store, count);
    // Only what was missing was stored again, each once.
    expect(heard).toHaveLength(count - partial);
    expect(new Set(heard).size).toBe(heard.length);
  });

  it('bans a peer that sends bytes not matching their hash, and still gets the good data from an honest one', async () => {
    const count = 200;
    const honest = await startNode({ entries: count });
    publishAll(honest.store, count);
    // The liar is a real node whose stored bytes were tampered with on disk.
    const liarDb = new Database(join(tempDirectory(), 'liar.db'));
    cleanups.push(() => {
      liarDb.close();
    });
    const liarStore = openZonefileStore({ database: liarDb });
    liarStore.noteOnChain(chainEntries(count));
    publishAll(liarStore, count);
    liarDb.prepare('UPDATE zonefile_bytes SET bytes = ?').run(Buffer.from('$ORIGIN evil.id\n'));
    const liar = await startNode({ store: liarStore });

    const victim = await startNode({ entries: count, seeds: [liar.url, honest.url] });
    await eventually(() => victim.store.missingFrom(0, 1).length === 0, 'the victim to replicate');
    expectComplete(victim.store, count);
    expect(victim.atlas.peers.isBanned(liar.url, Date.now())).toBe(true);
    expect(victim.atlas.peers.has(liar.url)).toBe(false);
    expect(victim.atlas.peers.has(honest.url)).toBe(true);
  });

  it('bans a peer that answers garbage, and backs off from one that never answers', async () => {
    const garbage = await listen(createServer((_request, response) => response.end('<methodResponse>garbage')));
    const silent = await listen(createServer(() => undefined));
    const node = await startNode({ entries: 10, seeds: [garbage, silent], atlas: { neighborsTimeoutMs: 200, inventoryTimeoutMs: 200 } });
    await eventually(() => node.atlas.peers.isBanned(garbage, Date.now()), 'the garbage peer to be banned');
    await eventually(() => (node.atlas.peers.get(silent)?.consecutiveFailures ?? 0) >= 2, 'timeouts against the silent peer');
    const silentPeer = node.atlas.peers.get(silent)!;
    expect(silentPeer.nextAttemptAt).toBeGreaterThan(0);
    expect(silentPeer.health(Date.now(), 3_600_000).health).toBe(0);
  });

  it('works with peers at different heights: only hashes on its own chain are fetched', async () => {
    const ahead = await startNode({ entries: 100 });
    publishAll(ahead.store, 100);
    const behind = await startNode({ entries: 40, seeds: [ahead.url] });
    await eventually(() => behind.store.missingFrom(0, 1).length === 0, 'the node behind to replicate its 40');
    expect(behind.store.storedCount()).toBe(40);
    expect(behind.store.has(zonefileHash(zonefileOf(40)))).toBe(false);
    // The node behind indexes more blocks; a poke fetches the rest.
    behind.store.noteOnChain(chainEntries(60, 40));
    behind.atlas.poke();
    await eventually(() => behind.store.missingFrom(0, 1).length === 0, 'the rest after the poke');
    expectComplete(behind.store, 100);
    // And the node ahead, missing one zone file the other has, asks a peer with a shorter inventory.
    ahead.store.noteOnChain(chainEntries(1, 100));
    behind.store.noteOnChain(chainEntries(1, 100));
    behind.store.put(zonefileOf(100));
    ahead.atlas.noteCandidate(behind.url);
    await eventually(() => ahead.store.has(zonefileHash(zonefileOf(100))), 'the node ahead to fetch from the other');
  });

  it('a peer on another fork (its bit i is another row) lacks our hashes: noted as lacking them, not banned, and the honest peer supplies everything', async () => {
    const count = 60;
    const honest = await startNode({ entries: count });
    publishAll(honest.store, count);
    // Same number of rows, other hashes: every bit set, none of them ours.
    const fork = await startNode({});
    fork.store.noteOnChain(chainEntries(count, 10_000));
    publishAll(fork.store, count, 10_000);
    const node = await startNode({ entries: count, seeds: [fork.url, honest.url] });
    await eventually(() => node.store.missingFrom(0, 1).length === 0, 'the node to replicate from the honest peer');
    expectComplete(node.store, count);
    expect(node.store.has(zonefileHash(zonefileOf(10_000)))).toBe(false);
    expect(node.atlas.peers.has(fork.url)).toBe(true);
    expect(node.atlas.peers.isBanned(fork.url, Date.now())).toBe(false);
    // It was asked for some (it advertises every row) and is not asked for those again for a while.
    const forkPeer = node.atlas.peers.get(fork.url)!;
    expect(Array.from({ length: count }, (_, i) => forkPeer.lacks(zonefileHash(zonefileOf(i)))).some(Boolean)).toBe(true);
  });

  it('keeps its peer table bounded however many peers announce themselves', async () => {
    const hub = await startNode({ entries: 1, atlas: { maxPeers: 3 } });
    const others = await Promise.all(Array.from({ length: 6 }, () => startNode({ entries: 1, seeds: [hub.url] })));
    await eventually(() => others.every((node) => node.atlas.stats().rounds > 0 && node.atlas.peers.get(hub.url)!.outcomes.length > 0), 'every node to announce itself');
    await eventually(() => hub.atlas.peers.size === 3, 'the table to fill');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.atlas.peers.size).toBe(3);
    expect(hub.atlas.stats().candidates).toBe(0);
  });
});
