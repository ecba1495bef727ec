import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtlasPeerTable, AtlasProtocolError, planZonefileFetches, type PlanPeer } from '@bsk/node';
import { normalisePeerUrl, parseInventory, parsePeers, parseZonefiles } from '../src/atlas/wire.js';

const hashOf = (i: number): string => i.toString(16).padStart(40, '0');

function peer(url: string, rows: Iterable<number>, lacks: string[] = []): PlanPeer {
  const held = new Set(rows);
  const lacking = new Set(lacks);
  return { url, hasRow: (seq) => held.has(seq), lacks: (hash) => lacking.has(hash) };
}

describe('fetch plan (bns.md §7.5)', () => {
  it('asks for the rarest hashes first and spreads the rest over their holders', () => {
    const missing = [0, 1, 2, 3].map((seq) => ({ seq, valueHash: hashOf(seq) }));
    const a = peer('http://a', [0, 1, 2, 3]);
    const b = peer('http://b', [0, 1, 3]);
    const plan = planZonefileFetches(missing, [a, b], 100);
    const all = plan.requests.flatMap((request) => request.hashes.map((hash) => [request.peerUrl, hash]));
    // Row 2 is held only by a: it is assigned first, to a; the others alternate by load.
    expect(plan.requests.find((request) => request.peerUrl === 'http://a')!.hashes[0]).toBe(hashOf(2));
    expect(all).toHaveLength(4);
    expect(all.filter(([url]) => url === 'http://a')).toHaveLength(2);
    expect(plan.unavailable).toBe(0);
  });

  it('a hash filling several rows is held by a peer with any of those bits, and asked for once', () => {
    const shared = hashOf(7);
    const missing = [
      { seq: 3, valueHash: shared },
      { seq: 9, valueHash: shared },
    ];
    const plan = planZonefileFetches(missing, [peer('http://a', [9])], 100);
    expect(plan.requests).toEqual([{ peerUrl: 'http://a', hashes: [shared] }]);
  });

  it('skips hashes a peer failed to deliver and counts the ones nobody has', () => {
    const missing = [0, 1].map((seq) => ({ seq, valueHash: hashOf(seq) }));
    const plan = planZonefileFetches(missing, [peer('http://a', [0, 1], [hashOf(0)])], 100);
    expect(plan.requests).toEqual([{ peerUrl: 'http://a', hashes: [hashOf(1)] }]);
    expect(plan.unavailable).toBe(1);
  });

  it('assigns every available hash exactly once, to a holder, in requests of at most the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(60), { maxLength: 80 }),
        fc.array(fc.array(fc.nat(80), { maxLength: 60 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 7 }),
        (hashIds, holdings, limit) => {
          const missing = hashIds.map((id, seq) => ({ seq, valueHash: hashOf(id) }));
          const peers = holdings.map((rows, i) => peer(`http://p${i}`, rows));
          const plan = planZonefileFetches(missing, peers, limit);
          const assigned = plan.requests.flatMap((request) => request.hashes);
          expect(new Set(assigned).size).toBe(assigned.length);
          for (const request of plan.requests) {
            expect(request.hashes.length).toBeGreaterThan(0);
            expect(request.hashes.length).toBeLessThanOrEqual(limit);
            const holder = peers.find((p) => p.url === request.peerUrl)!;
            for (const hash of request.hashes) expect(missing.some((row) => row.valueHash === hash && holder.hasRow(row.seq))).toBe(true);
          }
          const distinct = new Set(missing.map((row) => row.valueHash));
          expect(assigned.length + plan.unavailable).toBe(distinct.size);
        },
      ),
    );
  });
});

describe('peer table (bns.md §7.4)', () => {
  const limits = { maxPeers: 2, maxBanned: 3, healthWindowMs: 3_600_000, minPeerHealth: 0.5, minRequestsForHealth: 10, backoffBaseMs: 100, backoffMaxMs: 1_000, banMs: 60_000 };

  it('stays bounded and refuses banned peers until the ban ends', () => {
    const table = new AtlasPeerTable(limits);
    expect(table.add('http://a', { now: 0 })).toBe(true);
    expect(table.add('http://b', { now: 0 })).toBe(true);
    expect(table.add('http://c', { now: 0 })).toBe(false);
    expect(table.size).toBe(2);
    table.ban('http://a', 0);
    expect(table.has('http://a')).toBe(false);
    expect(table.add('http://a', { now: 1_000 })).toBe(false);
    expect(table.add('http://a', { now: 60_001 })).toBe(true);
  });

  it('backs off exponentially up to the maximum and resets on success', () => {
    const table = new AtlasPeerTable({ ...limits, minRequestsForHealth: 1_000 });
    table.add('http://a', { now: 0 });
    const a = table.get('http://a')!;
    const waits = [1, 2, 3, 4, 5].map(() => {
      table.recordFailure(a, 0);
      return a.nextAttemptAt;
    });
    expect(waits).toEqual([100, 200, 400, 800, 1_000]);
    expect(table.available(999)).toEqual([]);
    table.recordSuccess(a, 0);
    expect(table.available(0)).toEqual([a]);
  });

  it('drops an unhealthy peer after enough requests, but never a seed', () => {
    const table = new AtlasPeerTable({ ...limits, maxPeers: 10 });
    table.add('http://seed', { seed: true, now: 0 });
    table.add('http://flaky', { now: 0 });
    for (let i = 0; i < 9; i++) {
      expect(table.recordFailure(table.get('http://flaky')!, i)).toBe(false);
      table.recordFailure(table.get('http://seed')!, i);
    }
    expect(table.recordFailure(table.get('http://flaky')!, 9)).toBe(true);
    expect(table.has('http://flaky')).toBe(false);
    expect(table.isBanned('http://flaky', 10)).toBe(true);
    table.recordFailure(table.get('http://seed')!, 9);
    expect(table.has('http://seed')).toBe(true);
  });

  it('reports only healthy peers that answered at least once, at most the limit', () => {
    const table = new AtlasPeerTable({ ...limits, maxPeers: 10 });
    for (const url of ['http://a', 'http://b', 'http://c', 'http://silent']) table.add(url, { now: 0 });
    for (const url of ['http://a', 'http://b', 'http://c']) table.recordSuccess(table.get(url)!, 0);
    expect(table.neighbours(10, 1).sort()).toEqual(['http://a', 'http://b', 'http://c']);
    expect(table.neighbours(2, 1)).toHaveLength(2);
  });

  it('remembers a hash a peer did not deliver until the note expires, across inventory refreshes', () => {
    const table = new AtlasPeerTable(limits);
    table.add('http://a', { now: 0 });
    const a = table.get('http://a')!;
    a.noteLacks(hashOf(1), 1_000);
    a.setInventory(0, new Uint8Array([0xff]));
    expect(a.lacks(hashOf(1), 999)).toBe(true);
    expect(a.lacks(hashOf(2), 999)).toBe(false);
    expect(a.lacks(hashOf(1), 1_000)).toBe(false);
    expect(a.hasRow(7)).toBe(true);
  });

  it('remembers a bounded number of bans', () => {
    const table = new AtlasPeerTable(limits);
    for (const url of ['http://a', 'http://b', 'http://c', 'http://d']) table.ban(url, 0);
    expect(table.bannedCount(1)).toBe(3);
    expect(table.isBanned('http://a', 1)).toBe(false);
  });
});

describe('wire checks of what peers send', () => {
  it('accepts only http(s) base URLs as peers', () => {
    expect(normalisePeerUrl('http://127.0.0.1:6270')).toBe('http://127.0.0.1:6270');
    expect(normalisePeerUrl('https://node.example/')).toBe('https://node.example');
    for (const bad of ['ftp://x', 'http://u:p@x', 'http://x/path', 'http://x?q=1', 'not a url', `http://${'a'.repeat(300)}`]) expect(normalisePeerUrl(bad)).toBeNull();
    expect(() => parsePeers({ peers: ['http://ok', 'javascript:alert(1)'] }, 80)).toThrow(AtlasProtocolError);
    expect(() => parsePeers({ peers: Array.from({ length: 81 }, (_, i) => `http://p${i}`) }, 80)).toThrow(AtlasProtocolError);
  });

  it('refuses inventory answers that do not match the range asked for', () => {
    expect(parseInventory({ offset: 8, length: 9, inventoryLength: 17, inv: Buffer.from([1, 2]).toString('base64') }, 8, 16).bits).toEqual(new Uint8Array([1, 2]));
    expect(() => parseInventory({ offset: 0, length: 9, inventoryLength: 17, inv: 'AQI=' }, 8, 16)).toThrow(AtlasProtocolError);
    expect(() => parseInventory({ offset: 8, length: 32, inventoryLength: 40, inv: 'AQI=' }, 8, 16)).toThrow(AtlasProtocolError);
    expect(() => parseInventory({ offset: 8, length: 9, inventoryLength: 17, inv: 'AQ!=' }, 8, 16)).toThrow(AtlasProtocolError);
    expect(() => parseInventory('nope', 8, 16)).toThrow(AtlasProtocolError);
  });

  it('refuses zone files not asked for, too large, or not base64', () => {
    const asked = new Set([hashOf(1)]);
    expect(parseZonefiles({ zonefiles: { [hashOf(1)]: 'YWJj' } }, asked, 10).zonefiles.get(hashOf(1))).toEqual(new Uint8Array([97, 98, 99]));
    expect(() => parseZonefiles({ zonefiles: { [hashOf(2)]: 'YWJj' } }, asked, 10)).toThrow(AtlasProtocolError);
    expect(() => parseZonefiles({ zonefiles: { [hashOf(1)]: 'YWJjZA==' } }, asked, 3)).toThrow(AtlasProtocolError);
    expect(() => parseZonefiles({ zonefiles: { [hashOf(1)]: 42 } }, asked, 10)).toThrow(AtlasProtocolError);
    expect(() => parseZonefiles({ zonefiles: [] }, asked, 10)).toThrow(AtlasProtocolError);
  });
});
