import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeZoneFileSubdomains,
  getPublicKeyFromPrivate,
  makeZoneFile,
  parseZoneFileAsCore,
  publicKeyToAddress,
  signSubdomainRecord,
  subdomainMultisigAddress,
  subdomainToTxtRecord,
  zonefileHash,
} from '@bsk/crypto';
import type { SubdomainRecord as SubdomainOperation } from '@bsk/crypto';
import { makeSubdomainOperation, mayCarrySubdomains, openSubdomainIndex, openZonefileStore, packSubdomainBatch } from '@bsk/node';
import type { SqliteZonefileStore, SubdomainIndex } from '@bsk/node';

/*
 * The subdomain index against the real zone-file store, with chain entries noted as the indexer
 * notes them (bns.md §8; cli-and-scenarios.md B.6 #36–38).
 */

const KEYS = ['01', '02', '03', '04', '05', '06', '07'].map((b) => b.repeat(32));
const ADDRESSES = KEYS.map((k) => publicKeyToAddress(getPublicKeyFromPrivate(k)));
const [A0, A1, A2, A3, A4, A5, A6] = ADDRESSES as [string, string, string, string, string, string, string];
const [K0, K1] = KEYS as [string, string];

const utf8 = (s: string) => new TextEncoder().encode(s);
const profileZonefile = (fqn: string, n = 0) => `$ORIGIN ${fqn}\n$TTL 3600\n_http._tcp URI 10 1 "https://hub.example/${fqn}/${n}/profile.json"\n`;

/** A domain zone file carrying these operations (the same layout the registrar publishes). */
function domainZonefile(domain: string, operations: readonly SubdomainOperation[]): string {
  return makeZoneFile({ $origin: domain, $ttl: 3600, txt: operations.map(subdomainToTxtRecord) }, '{$origin}\n{$ttl}\n{txt}\n');
}

let directory: string;
let store: SqliteZonefileStore;
let index: SubdomainIndex;
let nextHeight = 1000;

/** Notes one block whose single operation set `domain`'s zone-file hash; stores the bytes unless withheld. */
function publish(domain: string, text: string, options: { withhold?: boolean; height?: number } = {}): { txid: string; height: number; hash: string } {
  const height = options.height ?? nextHeight++;
  const txid = zonefileHash(`${height}:${domain}:${text}`).padEnd(64, '0');
  const bytes = utf8(text);
  store.noteOnChain([{ name: domain, blockHeight: height, vtxindex: 1, txid, valueHash: zonefileHash(bytes) }]);
  index.catchUp();
  if (!options.withhold) store.put(bytes);
  return { txid, height, hash: zonefileHash(bytes) };
}

function op(fqn: string, owner: string, sequence: number, signingKey?: string, extra: { domain?: string; zonefile?: string } = {}): SubdomainOperation {
  return makeSubdomainOperation({ fqn, owner, sequence, zonefile: extra.zonefile ?? profileZonefile(fqn, sequence), signingKey, domain: extra.domain });
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'bsk-subdomains-'));
  store = openZonefileStore({ directory });
  index = openSubdomainIndex({ directory, zonefiles: store });
});

afterEach(() => {
  index.close();
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('registration (B.6 #36 name_pre_regup_subdomain)', () => {
  it('a sequence-0 record in the domain zone file creates the subdomain with its embedded zone file', () => {
    const embedded = profileZonefile('bar.foo.test');
    const carried = publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A4, 0, undefined, { zonefile: embedded })]));
    const record = index.resolve('bar.foo.test');
    expect(record).toEqual({
      fqn: 'bar.foo.test',
      domain: 'foo.test',
      owner: A4,
      sequence: 0,
      zonefileText: embedded,
      zonefileHash: zonefileHash(embedded),
      blockHeight: carried.height,
      txid: carried.txid,
      vtxindex: 1,
      signature: null,
    });
    expect(index.subdomainsOf('foo.test')).toEqual(['bar.foo.test']);
    expect(index.namesOwnedByAddress(A4)).toEqual(['bar.foo.test']);
    expect(index.count()).toBe(1);
    expect(index.list(0, 100)).toEqual(['bar.foo.test']);
    expect(index.isZonefileHashOf('bar.foo.test', zonefileHash(embedded))).toBe(true);
    expect(index.didOf('bar.foo.test')).toEqual({ address: A4, index: 0 });
    expect(index.resolveDid([A4], 0)?.fqn).toBe('bar.foo.test');
    expect(index.resolveDid(['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', A4], 0)?.fqn).toBe('bar.foo.test');
    expect(index.resolveDid([A4], 1)).toBeNull();
  });

  it('lists the operations a transaction carried in the reference shape (/v1/subdomains/{txid})', () => {
    const carried = publish('foo.test', domainZonefile('foo.test', [op('a.foo.test', A1, 0), op('b.foo.test', A2, 0)]));
    const ops = index.operationsAtTxid(carried.txid);
    expect(ops.map((o) => o.fully_qualified_subdomain)).toEqual(['a.foo.test', 'b.foo.test']);
    expect(ops[0]).toEqual({
      accepted: 1,
      block_height: carried.height,
      domain: 'foo.test',
      fully_qualified_subdomain: 'a.foo.test',
      missing: '',
      owner: A1,
      parent_zonefile_hash: carried.hash,
      parent_zonefile_index: 1,
      resolver: null,
      sequence: 0,
      signature: 'None',
      txid: carried.txid,
      zonefile_hash: zonefileHash(profileZonefile('a.foo.test')),
      zonefile_offset: 0,
    });
  });

  it('a creation published by another domain (independent) is not accepted', () => {
    publish('other.test', domainZonefile('other.test', [op('bar.foo.test', A1, 0, undefined, { domain: 'other.test' })]));
    expect(index.resolve('bar.foo.test')).toBeNull();
  });

  it('a zone file whose $ORIGIN is not the domain yields nothing', () => {
    publish('foo.test', domainZonefile('elsewhere.test', [op('bar.elsewhere.test', A1, 0)]));
    expect(index.count()).toBe(0);
  });

  it('a record whose keys the reference tokenizer reassembles (s"eqn=, s\\eqn=) is still read', () => {
    for (const [label, seqn] of [['quoted', 's"eqn=0"'], ['escaped', 's\\eqn=0']] as const) {
      const text = `$ORIGIN foo.test\n$TTL 3600\n${label} TXT "owner=${A0}" ${seqn} "parts=0"\n`;
      expect(mayCarrySubdomains(utf8(text))).toBe(true);
      publish('foo.test', text);
      expect(index.resolve(`${label}.foo.test`)?.owner).toBe(A0);
    }
    expect(mayCarrySubdomains(utf8('$ORIGIN foo.test\n$TTL 3600\n_http._tcp URI 10 1 "https://x.example/seq n"\n'))).toBe(false);
  });

  it('entries below the network’s first subdomain block are not read', () => {
    index.close();
    index = openSubdomainIndex({ directory, zonefiles: store, firstBlock: 5000 });
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 0)]), { height: 4999 });
    expect(index.resolve('bar.foo.test')).toBeNull();
    publish('foo.test', domainZonefile('foo.test', [op('baz.foo.test', A1, 0)]), { height: 5000 });
    expect(index.resolve('baz.foo.test')?.owner).toBe(A1);
  });
});

describe('updates, transfers and signatures (§8.2, §8.3; B.6 #37)', () => {
  it('six rounds of transfers, each signed by the current owner, give one owner per block in order', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    const owners = [A0, A1, A2, A3, A4, A5, A6];
    for (let n = 1; n <= 6; n++) {
      publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', owners[n] as string, n, KEYS[n - 1])]));
      expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: n, owner: owners[n] });
    }
    const history = index.history('bar.foo.test');
    expect(history.map((h) => [h.sequence, h.owner])).toEqual(owners.map((o, n) => [n, o]));
    expect(new Set(history.map((h) => h.blockHeight)).size).toBe(7);
    expect(index.namesOwnedByAddress(A0)).toEqual([]);
    expect(index.namesOwnedByAddress(A6)).toEqual(['bar.foo.test']);
  });

  it('an update with a bad signature is rejected; the subdomain stays at its last accepted record', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K1)]));
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 0, owner: A0 });
    expect(index.history('bar.foo.test')).toHaveLength(1);
  });

  it('a record skipping a sequence number, or repeating one, is rejected', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 2, K0)]));
    expect(index.resolve('bar.foo.test')?.sequence).toBe(0);
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    expect(index.history('bar.foo.test')).toHaveLength(1);
  });

  it('an update relayed by another domain is accepted, a transfer relayed by one is not', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    publish('relay.test', domainZonefile('relay.test', [op('bar.foo.test', A0, 1, K0, { domain: 'relay.test', zonefile: 'relayed' })]));
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 1, owner: A0, domain: 'relay.test', zonefileText: 'relayed' });
    publish('relay.test', domainZonefile('relay.test', [op('bar.foo.test', A1, 2, K0, { domain: 'relay.test' })]));
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 1, owner: A0 });
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 2, K0)]));
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 2, owner: A1 });
  });

  it('a multisig (P2SH) owner updates with m of its n keys, in redeem-script order', () => {
    const publicKeys = KEYS.slice(0, 3).map((k) => getPublicKeyFromPrivate(k));
    const multisig = subdomainMultisigAddress(2, publicKeys);
    publish('foo.test', domainZonefile('foo.test', [op('vault.foo.test', multisig, 0)]));
    const update = (privateKeys: string[]) =>
      makeSubdomainOperation({ fqn: 'vault.foo.test', owner: multisig, sequence: 1, zonefile: 'rotated', multisig: { required: 2, publicKeys, privateKeys } });
    publish('foo.test', domainZonefile('foo.test', [update([KEYS[2] as string, K0])]));
    expect(index.resolve('vault.foo.test')?.sequence).toBe(0);
    publish('foo.test', domainZonefile('foo.test', [update([K0, KEYS[2] as string])]));
    expect(index.resolve('vault.foo.test')).toMatchObject({ sequence: 1, owner: multisig, zonefileText: 'rotated' });
  });

  it('an independent creation earlier on chain leaves the name unclaimable, as in the reference (its walk starts at the first record)', () => {
    publish('other.test', domainZonefile('other.test', [op('bar.foo.test', A1, 0, undefined, { domain: 'other.test' })]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    expect(index.resolve('bar.foo.test')).toBeNull();
  });

  it('the same subdomain twice in one zone file: the lowest sequence is kept', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K0), op('bar.foo.test', A0, 0)]));
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 0, owner: A0 });
    expect(index.history('bar.foo.test')).toHaveLength(1);
  });

  it('among competing records with the same sequence, the earliest on chain wins', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K0)]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A2, 1, K0)]));
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 1, owner: A1 });
  });
});

describe('zone files arriving late (B.6 #38: holes, reordered, reorg)', () => {
  it('a missing zone file holds its successors back until it arrives, then they apply in chain order', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    const hole = domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K0)]);
    publish('foo.test', hole, { withhold: true });
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A2, 2, K1)]));
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 0, owner: A0 });
    expect(index.waitingEntryCount()).toBe(1);
    store.put(utf8(hole));
    expect(index.waitingEntryCount()).toBe(0);
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 2, owner: A2 });
    expect(index.history('bar.foo.test').map((h) => h.owner)).toEqual([A0, A1, A2]);
  });

  it('a withheld earlier record rewrites history when it arrives: chain order beats arrival order', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    const earlier = domainZonefile('foo.test', [op('bar.foo.test', A0, 1, K0, { zonefile: 'earlier' })]);
    const first = publish('foo.test', earlier, { withhold: true });
    const second = publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 1, K0, { zonefile: 'later' })]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 2, K0, { zonefile: 'current' })]));
    expect(index.history('bar.foo.test').map((h) => [h.sequence, h.txid])).toEqual([
      [0, expect.any(String)],
      [1, second.txid],
      [2, expect.any(String)],
    ]);
    store.put(utf8(earlier));
    const history = index.history('bar.foo.test');
    expect(history.map((h) => [h.sequence, h.zonefileText])).toEqual([
      [0, profileZonefile('bar.foo.test', 0)],
      [1, 'earlier'],
      [2, 'current'],
    ]);
    expect(history[1]?.txid).toBe(first.txid);
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 2, zonefileText: 'current' });
  });

  it('subdomains of several domains: a hole in one domain does not hold back another', () => {
    publish('foo.test', domainZonefile('foo.test', [op('a.foo.test', A0, 0)]), { withhold: true });
    publish('baz.test', domainZonefile('baz.test', [op('b.baz.test', A1, 0)]));
    expect(index.resolve('a.foo.test')).toBeNull();
    expect(index.resolve('b.baz.test')?.owner).toBe(A1);
  });

  it('the same zone file announced by two entries is processed for both when it arrives', () => {
    const text = domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]);
    publish('foo.test', text, { withhold: true });
    publish('foo.test', text, { withhold: true });
    expect(index.waitingEntryCount()).toBe(2);
    store.put(utf8(text));
    expect(index.waitingEntryCount()).toBe(0);
    expect(index.resolve('bar.foo.test')?.sequence).toBe(0);
  });
});

describe('arrival order and reorganisations never matter (property)', () => {
  it('any history, with zone files withheld, some delivered in any order, then cut anywhere, ends as a fresh index of the same chain and zone files', () => {
    const labels = ['p', 'q'];
    const record = fc.record({
      label: fc.constantFrom(...labels),
      owner: fc.integer({ min: 0, max: 2 }),
      sequence: fc.integer({ min: 0, max: 3 }),
      signer: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      relayed: fc.boolean(),
    });
    const entry = fc.tuple(fc.array(record, { minLength: 1, maxLength: 2 }), fc.boolean());
    const run: { database: Database.Database | null } = { database: null };
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 7 }), fc.func(fc.integer()), fc.nat(), fc.nat(), (entries, shuffleKey, delivered, cutAt) => {
        // A fresh chain for every run, in memory (one shared database, as the node may share one).
        index.close();
        store.close();
        run.database?.close();
        const database = new Database(':memory:');
        run.database = database;
        store = openZonefileStore({ database });
        index = openSubdomainIndex({ database, zonefiles: store });
        const zonefileOf = (records: (typeof entries)[number][0], i: number) => {
          const domain = records.some((r) => r.relayed) ? 'relay.test' : 'foo.test';
          return {
            domain,
            text: domainZonefile(
              domain,
              records.map((r) => {
                const unsigned = { ...makeSubdomainOperation({ fqn: `${r.label}.foo.test`, domain, owner: ADDRESSES[r.owner] as string, sequence: 0, zonefile: `z${i}` }), sequence: r.sequence };
                return r.signer === undefined ? unsigned : { ...unsigned, signature: signSubdomainRecord(unsigned, KEYS[r.signer] as string) };
              }),
            ),
          };
        };
        const files = entries.map(([records], i) => zonefileOf(records, i));
        const withheld: string[] = [];
        files.forEach((file, i) => {
          const hold = (entries[i] as (typeof entries)[number])[1];
          publish(file.domain, file.text, { withhold: hold });
          if (hold) withheld.push(file.text);
        });
        withheld.sort((a, b) => shuffleKey(a) - shuffleKey(b));
        // Some of the withheld zone files arrive, in any order; the rest never do.
        for (const text of withheld.slice(0, delivered % (withheld.length + 1))) store.put(utf8(text));

        const expectSameAsFresh = () => {
          const freshDatabase = new Database(':memory:');
          const freshStore = openZonefileStore({ database: freshDatabase });
          try {
            freshStore.noteOnChain(store.entriesFrom(0, 1000).map(({ seq: _seq, ...rest }) => rest));
            for (const file of files) if (store.has(zonefileHash(file.text))) freshStore.put(utf8(file.text));
            const fresh = openSubdomainIndex({ database: freshDatabase, zonefiles: freshStore });
            for (const label of labels) expect(index.history(`${label}.foo.test`)).toEqual(fresh.history(`${label}.foo.test`));
            fresh.close();
          } finally {
            freshStore.close();
            freshDatabase.close();
          }
        };
        expectSameAsFresh();
        // A reorganisation then cuts the chain anywhere: the same as a fresh index of what is left.
        const cut = store.entriesFrom(cutAt % entries.length, 1)[0]!.blockHeight - 1;
        store.forgetOnChainAbove(cut);
        index.rewindAbove(cut);
        expectSameAsFresh();
      }),
      { numRuns: 25 },
    );
    index.close();
    store.close();
    run.database?.close();
    store = openZonefileStore({ directory });
    index = openSubdomainIndex({ directory, zonefiles: store });
  });
});

describe('durability and reorganisations', () => {
  it('resumes after a restart, and picks up zone files that arrived while it was closed', () => {
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    const late = domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K0)]);
    publish('foo.test', late, { withhold: true });
    index.close();
    store.put(utf8(late));
    store.noteOnChain([{ name: 'foo.test', blockHeight: nextHeight++, vtxindex: 0, txid: 'f'.repeat(64), valueHash: zonefileHash(utf8(domainZonefile('foo.test', [op('bar.foo.test', A2, 2, K1)]))) }]);
    store.put(utf8(domainZonefile('foo.test', [op('bar.foo.test', A2, 2, K1)])));
    index = openSubdomainIndex({ directory, zonefiles: store });
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 2, owner: A2 });
    expect(index.history('bar.foo.test')).toHaveLength(3);
    expect(index.waitingEntryCount()).toBe(0);
  });

  it('rewindAbove forgets what blocks above the height carried and recomputes the subdomains they touched', () => {
    const created = publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K0), op('new.foo.test', A1, 0)]));
    expect(index.resolve('bar.foo.test')?.owner).toBe(A1);
    store.forgetOnChainAbove(created.height);
    index.rewindAbove(created.height);
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 0, owner: A0 });
    expect(index.resolve('new.foo.test')).toBeNull();
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A2, 1, K0)]), { height: created.height + 1 });
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 1, owner: A2 });
  });

  it('re-derives itself when the store forgot entries the indexer did not tell it about', () => {
    const created = publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K0)]));
    store.forgetOnChainAbove(created.height);
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A3, 1, K0)]), { height: created.height + 1 });
    expect(index.history('bar.foo.test').map((h) => h.owner)).toEqual([A0, A3]);
  });

  it('re-derives across a divergence deeper than one comparison step (64 entries)', () => {
    const created = publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A0, 0)]));
    for (let i = 0; i < 70; i++) publish(`n${i}.test`, `$ORIGIN n${i}.test\n$TTL 3600\n`);
    publish('foo.test', domainZonefile('foo.test', [op('bar.foo.test', A1, 1, K0)]));
    expect(index.resolve('bar.foo.test')?.owner).toBe(A1);
    store.forgetOnChainAbove(created.height);
    for (let i = 0; i < 75; i++) store.noteOnChain([{ name: `m${i}.test`, blockHeight: created.height + 1 + i, vtxindex: 0, txid: `${i}`.padStart(64, 'c'), valueHash: '0'.repeat(40) }]);
    index.catchUp();
    expect(index.resolve('bar.foo.test')).toMatchObject({ sequence: 0, owner: A0 });
    expect(index.waitingEntryCount()).toBe(75);
  });
});

describe('change notifications', () => {
  it('reports the subdomains whose current record may have changed, after each commit', () => {
    const seen: string[][] = [];
    index.onChanged((fqns) => seen.push([...fqns]));
    const created = publish('foo.test', domainZonefile('foo.test', [op('b.foo.test', A0, 0), op('a.foo.test', A0, 0)]));
    expect(seen).toEqual([['a.foo.test', 'b.foo.test']]);
    publish('foo.test', domainZonefile('foo.test', [op('a.foo.test', A1, 1, K1)]));
    expect(seen).toHaveLength(1);
    publish('foo.test', domainZonefile('foo.test', [op('a.foo.test', A1, 1, K0)]));
    expect(seen[1]).toEqual(['a.foo.test']);
    store.forgetOnChainAbove(created.height);
    index.rewindAbove(created.height);
    expect(seen[2]).toEqual(['a.foo.test']);
  });

  it('a throwing listener does not stop indexing', () => {
    const errors: unknown[] = [];
    index.close();
    index = openSubdomainIndex({ directory, zonefiles: store, onListenerError: (e) => errors.push(e) });
    index.onChanged(() => {
      throw new Error('listener failed');
    });
    publish('foo.test', domainZonefile('foo.test', [op('a.foo.test', A0, 0)]));
    publish('foo.test', domainZonefile('foo.test', [op('b.foo.test', A0, 0)]));
    expect(errors).toHaveLength(2);
    expect(index.count()).toBe(2);
  });
});

describe('the real vectors (bns.md §8.5)', () => {
  const OWNER = '1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH';
  const VERIFIED_PODCAST = [
    '$ORIGIN verified.podcast',
    '$TTL 3600',
    '1yeardaily TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAxeWVhcmRhaWx5CiRUVEwgMzYwMApfaHR0cC5fdGNwIFVSSSAxMCAxICJodHRwczovL3BoLmRvdHBvZGNhc3QuY28vMXllYXJkYWlseS9oZWFkLmpzb24iCg=="',
    '2dopequeens TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAyZG9wZXF1ZWVucwokVFRMIDM2MDAKX2h0dHAuX3RjcCBVUkkgMTAgMSAiaHR0cHM6Ly9waC5kb3Rwb2RjYXN0LmNvLzJkb3BlcXVlZW5zL2hlYWQuanNvbiIK"',
    '10happier TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAxMGhhcHBpZXIKJFRUTCAzNjAwCl9odHRwLl90Y3AgVVJJIDEwIDEgImh0dHBzOi8vcGguZG90cG9kY2FzdC5jby8xMGhhcHBpZXIvaGVhZC5qc29uIgo="',
    '31thoughts TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAzMXRob3VnaHRzCiRUVEwgMzYwMApfaHR0cC5fdGNwIFVSSSAxMCAxICJodHRwczovL3BoLmRvdHBvZGNhc3QuY28vMzF0aG91Z2h0cy9oZWFkLmpzb24iCg=="',
    '359 TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAzNTkKJFRUTCAzNjAwCl9odHRwLl90Y3AgVVJJIDEwIDEgImh0dHBzOi8vcGguZG90cG9kY2FzdC5jby8zNTkvaGVhZC5qc29uIgo="',
    '30for30 TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAzMGZvcjMwCiRUVEwgMzYwMApfaHR0cC5fdGNwIFVSSSAxMCAxICJodHRwczovL3BoLmRvdHBvZGNhc3QuY28vMzBmb3IzMC9oZWFkLmpzb24iCg=="',
    'onea TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiBvbmVhCiRUVEwgMzYwMApfaHR0cC5fdGNwIFVSSSAxMCAxICJodHRwczovL3BoLmRvdHBvZGNhc3QuY28vb25lYS9oZWFkLmpzb24iCg=="',
    '10minuteteacher TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAxMG1pbnV0ZXRlYWNoZXIKJFRUTCAzNjAwCl9odHRwLl90Y3AgVVJJIDEwIDEgImh0dHBzOi8vcGguZG90cG9kY2FzdC5jby8xMG1pbnV0ZXRlYWNoZXIvaGVhZC5qc29uIgo="',
    '36questionsthepodcastmusical TXT "owner=1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH" "seqn=0" "parts=1" "zf0=JE9SSUdJTiAzNnF1ZXN0aW9uc3RoZXBvZGNhc3RtdXNpY2FsCiRUVEwgMzYwMApfaHR0cC5fdGNwIFVSSSAxMCAxICJodHRwczovL3BoLmRvdHBvZGNhc3QuY28vMzZxdWVzdGlvbnN0aGVwb2RjYXN0bXVzaWNhbC9oZWFkLmpzb24iCg=="',
    '_http._tcp URI 10 1 "https://dotpodcast.co/"',
  ].join('\n') + '\n';

  it('1yeardaily.verified.podcast resolves to the documented hash, owner and transaction', () => {
    expect(zonefileHash(VERIFIED_PODCAST)).toBe('247121450ca0e9af45e85a82e61cd525cd7ba023');
    const txid = 'd87a22ebab3455b7399bfef8a41791935f94bc97aee55967edd5a87f22cce339';
    store.noteOnChain([{ name: 'verified.podcast', blockHeight: 509000, vtxindex: 7, txid, valueHash: zonefileHash(VERIFIED_PODCAST) }]);
    store.put(utf8(VERIFIED_PODCAST));
    const record = index.resolve('1yeardaily.verified.podcast');
    expect(record).toMatchObject({ owner: OWNER, sequence: 0, txid, zonefileHash: 'e7acc97fd42c48ed94fd4d41f674eddbee5557e3' });
    expect(record?.zonefileText).toBe('$ORIGIN 1yeardaily\n$TTL 3600\n_http._tcp URI 10 1 "https://ph.dotpodcast.co/1yeardaily/head.json"\n');
    expect(index.subdomainsOf('verified.podcast')).toHaveLength(9);
    expect(index.namesOwnedByAddress(OWNER)).toHaveLength(9);
  });

  it('aaron.personal.id: block 509981, sequence 0, value hash a6dda6b7…', () => {
    const aaron = '$ORIGIN aaron.personal.id\n$TTL 3600\n_https._tcp URI 10 1 "https://gaia.blockstack.org/hub/1PwztPFd1s2STMv4Ntq6UPBdYgHSBr5pdF/profile.json"\n';
    const txid = '85e8273b0a38d3e9f0af7b4b72faf0907de9f4616afc101caac13e7bbc832394';
    const personal = domainZonefile('personal.id', [op('aaron.personal.id', A0, 0, undefined, { zonefile: aaron })]);
    store.noteOnChain([{ name: 'personal.id', blockHeight: 509981, vtxindex: 3, txid, valueHash: zonefileHash(personal) }]);
    store.put(utf8(personal));
    expect(index.resolve('aaron.personal.id')).toMatchObject({ blockHeight: 509981, sequence: 0, txid, zonefileHash: 'a6dda6b74ffecf85f4a162627d8df59577243813' });
  });
});

describe('registrar batches (§8.6)', () => {
  it('packs queued operations in order within the size limit, one per subdomain, and the index reads them back', () => {
    const queue = [
      ...Array.from({ length: 40 }, (_, i) => op(`user${i}.foo.test`, A0, 0)),
    ];
    const batch = packSubdomainBatch({ domain: 'foo.test', operations: queue, maxBytes: 4096, resolverUrl: 'https://registrar.example/' });
    expect(new TextEncoder().encode(batch.zonefile).length).toBeLessThanOrEqual(4096);
    expect(batch.included.length).toBeGreaterThan(0);
    expect(batch.included.length + batch.deferred.length).toBe(40);
    expect([...batch.included, ...batch.deferred].map((o) => o.fqn)).toEqual(queue.map((o) => o.fqn));
    expect(parseZoneFileAsCore(batch.zonefile).$origin).toBe('foo.test');
    const decoded = decodeZoneFileSubdomains('foo.test', batch.zonefile);
    expect(decoded.ok && decoded.subdomains.map((s) => s.fqn)).toEqual(batch.included.map((o) => o.fqn));
    expect(decoded.ok && decoded.resolver).toBe('https://registrar.example/');
    publish('foo.test', batch.zonefile);
    expect(index.count()).toBe(batch.included.length);
    expect(index.resolverOf('foo.test')).toBe('https://registrar.example/');
  });

  it('any queue and limit: the zone file fits, keeps queue order, and decodes to exactly what was included (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.string({ maxLength: 400 })), { maxLength: 30 }),
        fc.integer({ min: 200, max: 6000 }),
        (items, maxBytes) => {
          const queue = items.map(([label, zonefile]) => op(`l${label}.foo.test`, A0, 0, undefined, { zonefile }));
          const batch = packSubdomainBatch({ domain: 'foo.test', operations: queue, maxBytes });
          expect(new TextEncoder().encode(batch.zonefile).length).toBeLessThanOrEqual(Math.max(maxBytes, new TextEncoder().encode(packSubdomainBatch({ domain: 'foo.test', operations: [] }).zonefile).length));
          expect(queue.filter((o) => batch.included.includes(o) || batch.deferred.includes(o))).toEqual(queue);
          expect(new Set(batch.included.map((o) => o.fqn)).size).toBe(batch.included.length);
          const decoded = decodeZoneFileSubdomains('foo.test', batch.zonefile);
          expect(decoded.ok && decoded.subdomains.map((s) => [s.fqn, s.zonefile])).toEqual(batch.included.map((o) => [o.fqn, o.zonefile]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('defers a second operation for a subdomain already in the batch', () => {
    const batch = packSubdomainBatch({ domain: 'foo.test', operations: [op('a.foo.test', A0, 0), op('a.foo.test', A1, 1, K0), op('b.foo.test', A0, 0)] });
    expect(batch.included.map((o) => [o.fqn, o.sequence])).toEqual([
      ['a.foo.test', 0],
      ['b.foo.test', 0],
    ]);
    expect(batch.deferred.map((o) => o.sequence)).toEqual([1]);
  });

  it('refuses unsigned updates and operations of another domain', () => {
    expect(() => makeSubdomainOperation({ fqn: 'a.foo.test', owner: A0, sequence: 1, zonefile: '' })).toThrow(/signed/);
    expect(() => makeSubdomainOperation({ fqn: 'foo.test', owner: A0, sequence: 0, zonefile: '' })).toThrow(/fully-qualified/);
    expect(() => packSubdomainBatch({ domain: 'foo.test', operations: [op('a.bar.test', A0, 0)] })).toThrow(/carried by/);
  });
});
