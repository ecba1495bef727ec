import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonefileHash } from '@bsk/crypto';
import { inventoryBit, openZonefileStore, packInventoryBits, type SqliteZonefileStore } from '@bsk/node';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const zonefile = (name: string, n = 0): Uint8Array => text(`$ORIGIN ${name}\n$TTL 3600\n_http._tcp IN URI 10 1 "https://hub.example/${n}/profile.json"\n`);

function entry(name: string, bytes: Uint8Array, blockHeight: number, vtxindex = 0, txid = `${blockHeight}-${vtxindex}-${name}`) {
  return { name, blockHeight, vtxindex, txid, valueHash: zonefileHash(bytes) };
}

let directory: string;
let store: SqliteZonefileStore;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'bsk-zonefiles-'));
  store = openZonefileStore({ directory });
});

afterEach(() => {
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('zone-file store (bns.md §7.1)', () => {
  it('stores a zone file whose hash is on chain and serves it by hash', () => {
    const bytes = zonefile('alice.id');
    store.noteOnChain([entry('alice.id', bytes, 100)]);
    const outcome = store.put(bytes);
    expect(outcome).toEqual({ stored: true, hash: zonefileHash(bytes), fresh: true });
    expect(store.has(zonefileHash(bytes))).toBe(true);
    expect(store.get(zonefileHash(bytes))).toEqual(bytes);
  });

  it('refuses a zone file whose hash is not on chain, and stores nothing', () => {
    const bytes = zonefile('bob.id');
    expect(store.put(bytes)).toEqual({ stored: false, hash: zonefileHash(bytes), reason: 'not-on-chain' });
    expect(store.has(zonefileHash(bytes))).toBe(false);
    expect(store.get(zonefileHash(bytes))).toBeNull();
  });

  it('accepts exactly 40,960 bytes and refuses one byte more, even when on chain', () => {
    const fits = new Uint8Array(40960).fill(0x61);
    const tooLarge = new Uint8Array(40961).fill(0x61);
    store.noteOnChain([entry('big.id', fits, 1, 0), entry('big.id', tooLarge, 1, 1)]);
    expect(store.put(fits)).toMatchObject({ stored: true, fresh: true });
    expect(store.put(tooLarge)).toEqual({ stored: false, hash: zonefileHash(tooLarge), reason: 'too-large' });
    expect(store.has(zonefileHash(tooLarge))).toBe(false);
  });

  it('honours a smaller configured limit', () => {
    const small = openZonefileStore({ database: new Database(':memory:'), maxZonefileSize: 10 });
    const bytes = text('0123456789A');
    small.noteOnChain([entry('a.id', bytes, 1)]);
    expect(small.put(bytes)).toMatchObject({ stored: false, reason: 'too-large' });
    small.close();
  });

  it('is idempotent: a second put reports stored but not fresh, and listeners fire once per new hash', () => {
    const bytes = zonefile('carol.id');
    store.noteOnChain([entry('carol.id', bytes, 5, 0), entry('carol.id', bytes, 6, 0)]);
    const heard: string[] = [];
    const unsubscribe = store.onStored((hash) => heard.push(hash));
    expect(store.put(bytes)).toMatchObject({ stored: true, fresh: true });
    expect(store.put(bytes)).toMatchObject({ stored: true, fresh: false });
    expect(store.putMany([bytes, bytes])).toEqual([
      { stored: true, hash: zonefileHash(bytes), fresh: false },
      { stored: true, hash: zonefileHash(bytes), fresh: false },
    ]);
    expect(heard).toEqual([zonefileHash(bytes)]);
    unsubscribe();
    const other = zonefile('carol.id', 1);
    store.noteOnChain([entry('carol.id', other, 7)]);
    store.put(other);
    expect(heard).toHaveLength(1);
  });

  it('a throwing listener neither undoes the put nor silences the other listeners', () => {
    const errors: unknown[] = [];
    const shared = openZonefileStore({ database: new Database(':memory:'), onListenerError: (error) => errors.push(error) });
    const bytes = zonefile('dave.id');
    shared.noteOnChain([entry('dave.id', bytes, 1)]);
    const heard: string[] = [];
    shared.onStored(() => {
      throw new Error('listener failed');
    });
    shared.onStored((hash) => heard.push(hash));
    expect(shared.put(bytes)).toMatchObject({ stored: true, fresh: true });
    expect(heard).toEqual([zonefileHash(bytes)]);
    expect(errors).toHaveLength(1);
    expect(shared.has(zonefileHash(bytes))).toBe(true);
    shared.close();
  });

  it('keeps chain order in seq, lists entries from a seq, finds the latest entry of a name', () => {
    const a = zonefile('a.id');
    const b = zonefile('b.id');
    const a2 = zonefile('a.id', 2);
    store.noteOnChain([entry('a.id', a, 10, 1), entry('b.id', b, 10, 3)]);
    store.noteOnChain([entry('a.id', a2, 11, 0)]);
    expect(store.entryCount()).toBe(3);
    expect(store.entriesFrom(0, 10).map((e) => [e.seq, e.name, e.blockHeight, e.vtxindex])).toEqual([
      [0, 'a.id', 10, 1],
      [1, 'b.id', 10, 3],
      [2, 'a.id', 11, 0],
    ]);
    expect(store.entriesFrom(1, 1).map((e) => e.seq)).toEqual([1]);
    expect(store.latestEntryOf('a.id')).toMatchObject({ seq: 2, valueHash: zonefileHash(a2), txid: '11-0-a.id' });
    expect(store.latestEntryOf('nobody.id')).toBeNull();
  });

  it('lists a txid once, so re-noting a block after a crash changes nothing', () => {
    const a = zonefile('a.id');
    store.noteOnChain([entry('a.id', a, 10)]);
    store.noteOnChain([entry('a.id', a, 10)]);
    expect(store.entryCount()).toBe(1);
  });

  it('refuses a malformed value hash from the indexer (a programmer error) and writes nothing of that batch', () => {
    const a = zonefile('a.id');
    expect(() => store.noteOnChain([entry('a.id', a, 1), { ...entry('b.id', a, 1, 1), valueHash: 'XYZ' }])).toThrow(TypeError);
    expect(store.entryCount()).toBe(0);
  });

  it('a reorganisation forgets the rows above the fork but keeps the bytes; the new fork reuses the seqs', () => {
    const a = zonefile('a.id');
    const b = zonefile('b.id');
    const c = zonefile('c.id');
    store.noteOnChain([entry('a.id', a, 10)]);
    store.noteOnChain([entry('b.id', b, 11)]);
    expect(store.put(b)).toMatchObject({ stored: true });
    store.forgetOnChainAbove(10);
    expect(store.entryCount()).toBe(1);
    expect(store.get(zonefileHash(b))).toEqual(b);
    expect(store.latestEntryOf('b.id')).toBeNull();
    // Off chain now: a fresh copy of an unknown hash is refused.
    expect(store.put(c)).toMatchObject({ stored: false, reason: 'not-on-chain' });
    store.noteOnChain([entry('c.id', c, 11)]);
    expect(store.entriesFrom(1, 5).map((e) => [e.seq, e.name])).toEqual([[1, 'c.id']]);
  });

  it('a reorganisation several blocks deep removes exactly the rows above the fork; none above changes nothing', () => {
    store.noteOnChain([10, 11, 12, 13].flatMap((height) => [entry(`a${height}.id`, zonefile(`a${height}.id`), height, 0), entry(`b${height}.id`, zonefile(`b${height}.id`), height, 1)]));
    store.forgetOnChainAbove(13);
    expect(store.entryCount()).toBe(8);
    store.forgetOnChainAbove(11);
    expect(store.entriesFrom(0, 10).map((e) => e.blockHeight)).toEqual([10, 10, 11, 11]);
    store.forgetOnChainAbove(0);
    expect(store.entryCount()).toBe(0);
  });

  it('survives a restart: rows, bytes and presence are durable', () => {
    const a = zonefile('a.id');
    const b = zonefile('b.id');
    store.noteOnChain([entry('a.id', a, 1), entry('b.id', b, 1, 1)]);
    store.put(a);
    store.close();
    store = openZonefileStore({ directory });
    expect(store.entryCount()).toBe(2);
    expect(store.get(zonefileHash(a))).toEqual(a);
    expect(store.has(zonefileHash(b))).toBe(false);
    expect(store.missingFrom(0, 10).map((e) => e.name)).toEqual(['b.id']);
    expect(store.put(b)).toMatchObject({ stored: true, fresh: true });
  });

  it('a hash already stored marks later rows with that hash present (one hash, many bits)', () => {
    const a = zonefile('a.id');
    store.noteOnChain([entry('a.id', a, 1)]);
    store.put(a);
    store.noteOnChain([entry('a.id', a, 2), entry('z.id', zonefile('z.id'), 2, 1)]);
    expect(Array.from(store.inventoryBits(0, 3))).toEqual([0b1100_0000]);
    expect(store.missingFrom(0, 10).map((e) => e.seq)).toEqual([2]);
  });
});

describe('inventory vector (bns.md §7.2)', () => {
  it('packs MSB-first with the final byte zero-padded, and reads back past the end as 0', () => {
    const bits = packInventoryBits([true, false, false, false, false, false, false, true, true]);
    expect(Array.from(bits)).toEqual([0x81, 0x80]);
    expect(inventoryBit(bits, 0)).toBe(true);
    expect(inventoryBit(bits, 1)).toBe(false);
    expect(inventoryBit(bits, 8)).toBe(true);
    expect(inventoryBit(bits, 9)).toBe(false);
    expect(inventoryBit(bits, 1000)).toBe(false);
  });

  it('packInventoryBits and inventoryBit round-trip', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 100 }), (present) => {
        const bits = packInventoryBits(present);
        expect(bits.length).toBe(Math.ceil(present.length / 8));
        expect(present.map((_, i) => inventoryBit(bits, i))).toEqual(present);
      }),
    );
  });

  it("the store's inventory bits match which rows' hashes are stored, for any range", () => {
    const memory = openZonefileStore({ database: new Database(':memory:') });
    const files = Array.from({ length: 20 }, (_, i) => zonefile(`n${i}.id`));
    memory.noteOnChain(files.map((bytes, i) => entry(`n${i}.id`, bytes, 1, i)));
    const stored = files.map((_, i) => i % 3 === 0 || i % 7 === 0);
    memory.putMany(files.filter((_, i) => stored[i]));
    fc.assert(
      fc.property(fc.nat(25), fc.nat(30), (from, count) => {
        const bits = memory.inventoryBits(from, count);
        expect(bits.length).toBe(Math.ceil(count / 8));
        for (let i = 0; i < count; i++) expect(inventoryBit(bits, i)).toBe(stored[from + i] ?? false);
      }),
    );
    memory.close();
  });
});
