import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeZoneFile, subdomainToTxtRecord, zonefileHash } from '@bsk/crypto';
import { followSubdomainsInSearch, makeSubdomainOperation, openSearchIndex, openSubdomainIndex, openZonefileStore, profileSearchFields, searchRoutes } from '@bsk/node';
import type { SearchIndex } from '@bsk/node';

/*
 * Search (bns.md §9.6): the FTS5 index over names, subdomains and profile fields, and its route
 * served by a real fastify on loopback.
 */

let directory: string;
let search: SearchIndex;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'bsk-search-'));
  search = openSearchIndex({ directory });
});

afterEach(() => {
  search.close();
  rmSync(directory, { recursive: true, force: true });
});

const person = (name: string, description = '', accounts: { service: string; identifier: string }[] = []) => ({
  '@type': 'Person',
  '@context': 'http://schema.org',
  name,
  description,
  account: accounts.map((a) => ({ '@type': 'Account', proofType: 'http', ...a })),
});

describe('the index', () => {
  it('finds names and subdomains by any word prefix, every query word required', () => {
    search.upsertNames(['muneeb.id', 'muneebali.id', 'alice.personal.id', 'bob.id']);
    expect(search.search('mun').map((r) => r.fullyQualifiedName)).toEqual(['muneeb.id', 'muneebali.id']);
    expect(search.search('alice').map((r) => r.fullyQualifiedName)).toEqual(['alice.personal.id']);
    expect(search.search('personal alice').map((r) => r.fullyQualifiedName)).toEqual(['alice.personal.id']);
    expect(search.search('personal bob')).toEqual([]);
  });

  it('results have the original shape: fullyQualifiedName, username without .id, profile, openbazaar', () => {
    search.upsertProfile('alice.id', person('Alice Liddell', 'Curiouser and curiouser', [{ service: 'openbazaar', identifier: 'QmAlice' }]));
    search.upsertName('carol.test');
    expect(search.search('alice')).toEqual([
      {
        fullyQualifiedName: 'alice.id',
        username: 'alice',
        profile: person('Alice Liddell', 'Curiouser and curiouser', [{ service: 'openbazaar', identifier: 'QmAlice' }]),
        openbazaar: 'QmAlice',
      },
    ]);
    expect(search.search('carol')).toEqual([{ fullyQualifiedName: 'carol.test', username: 'carol.test', profile: {}, openbazaar: null }]);
  });

  it('searches the person’s name, description and social account identifiers', () => {
    search.upsertProfile('a.id', person('Ada Lovelace'));
    search.upsertProfile('b.id', person('Somebody', 'writes about the analytical engine'));
    search.upsertProfile('c.id', person('Somebody Else', '', [{ service: 'twitter', identifier: 'enginefan' }]));
    expect(search.search('lovelace').map((r) => r.fullyQualifiedName)).toEqual(['a.id']);
    expect(search.search('analytical').map((r) => r.fullyQualifiedName)).toEqual(['b.id']);
    expect(search.search('enginefan').map((r) => r.fullyQualifiedName)).toEqual(['c.id']);
  });

  it('ranks the exact name first, then name matches above profile-field matches', () => {
    search.upsertProfile('engineer.id', person('Zed'));
    search.upsertProfile('writer.id', person('Someone', 'an engineer at heart'));
    search.upsertProfile('engine.id', person('Yves'));
    search.upsertProfile('builder.id', person('Engineer Bob'));
    const ranked = search.search('engine').map((r) => r.fullyQualifiedName);
    expect(ranked[0]).toBe('engine.id');
    expect(ranked.indexOf('engineer.id')).toBeLessThan(ranked.indexOf('builder.id'));
    expect(ranked.indexOf('builder.id')).toBeLessThan(ranked.indexOf('writer.id'));
  });

  it('a new profile replaces the old one; removal forgets the name', () => {
    search.upsertProfile('alice.id', person('Alice Old'));
    search.upsertProfile('alice.id', person('Alice Newname'));
    expect(search.search('old')).toEqual([]);
    expect(search.search('newname').map((r) => r.fullyQualifiedName)).toEqual(['alice.id']);
    search.upsertName('alice.id');
    expect(search.search('newname')).toHaveLength(1);
    search.remove('alice.id');
    expect(search.search('alice')).toEqual([]);
    expect(search.count()).toBe(0);
  });

  it('a filter skips names and still fills the limit from the matches after them', () => {
    search.upsertNames(Array.from({ length: 80 }, (_, i) => `user${i}.id`));
    const even = (fqn: string) => Number(/\d+/.exec(fqn)![0]) % 2 === 0;
    const five = search.search('user', 5, even).map((r) => r.fullyQualifiedName);
    expect(five).toHaveLength(5);
    expect(five.every(even)).toBe(true);
    expect(search.search('user', 50, even)).toHaveLength(40);
    expect(search.search('user', 50, () => false)).toEqual([]);
  });

  it('limits results and survives a restart', () => {
    search.upsertNames(Array.from({ length: 80 }, (_, i) => `user${i}.id`));
    expect(search.search('user')).toHaveLength(50);
    expect(search.search('user', 5)).toHaveLength(5);
    search.close();
    search = openSearchIndex({ directory });
    expect(search.count()).toBe(80);
    expect(search.search('user42').map((r) => r.fullyQualifiedName)).toEqual(['user42.id']);
  });

  it('reads legacy profiles (name.formatted, bio, twitter.username) and ignores junk', () => {
    expect(profileSearchFields({ name: { formatted: 'Old Timer' }, bio: 'from 2015', twitter: { username: 'oldtimer' } })).toEqual({
      fullName: 'Old Timer',
      description: 'from 2015',
      accounts: ['oldtimer'],
      openbazaar: null,
    });
    expect(profileSearchFields('not a profile')).toEqual({ fullName: '', description: '', accounts: [], openbazaar: null });
    expect(profileSearchFields({ name: 42, account: [null, { identifier: 7 }, 'x'] })).toEqual({ fullName: '', description: '', accounts: [], openbazaar: null });
  });

  it('any query string is safe: FTS5 syntax in the query is only ever words (property)', () => {
    search.upsertProfile('alice.id', person('Alice "quoted" (paren) NEAR/3 *star'));
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (query) => {
        const results = search.search(query);
        expect(Array.isArray(results)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('kept current with the subdomain index', () => {
  it('indexes the subdomains already there, then follows creations and rewinds', () => {
    const store = openZonefileStore({ directory });
    const subdomains = openSubdomainIndex({ directory, zonefiles: store });
    const owner = '1MwPD6dH4fE3gQ9mCov81L1DEQWT7E85qH';
    const publish = (height: number, labels: string[]) => {
      const text = makeZoneFile(
        { $origin: 'pods.id', $ttl: 3600, txt: labels.map((label) => subdomainToTxtRecord(makeSubdomainOperation({ fqn: `${label}.pods.id`, owner, sequence: 0, zonefile: '' }))) },
        '{$origin}\n{$ttl}\n{txt}\n',
      );
      store.noteOnChain([{ name: 'pods.id', blockHeight: height, vtxindex: 0, txid: zonefileHash(text).padEnd(64, '0'), valueHash: zonefileHash(text) }]);
      subdomains.catchUp();
      store.put(new TextEncoder().encode(text));
    };
    try {
      publish(100, ['dailytech']);
      const stop = followSubdomainsInSearch(search, subdomains);
      expect(search.search('dailytech').map((r) => r.fullyQualifiedName)).toEqual(['dailytech.pods.id']);
      publish(101, ['weeklynews']);
      expect(search.search('weekly').map((r) => r.fullyQualifiedName)).toEqual(['weeklynews.pods.id']);
      store.forgetOnChainAbove(100);
      subdomains.rewindAbove(100);
      expect(search.search('weekly')).toEqual([]);
      stop();
    } finally {
      subdomains.close();
      store.close();
    }
  });
});

describe('GET /v1/search', () => {
  let app: FastifyInstance;
  let base: string;

  beforeEach(async () => {
    app = Fastify();
    await app.register(searchRoutes, { search });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    search.upsertProfile('alice.id', person('Alice Liddell', '', [{ service: 'twitter', identifier: 'alice_tw' }]));
    search.upsertName('alicia.id');
  });

  afterEach(async () => {
    await app.close();
  });

  const get = async (query: string) => {
    const response = await fetch(`${base}/v1/search${query}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers with the original JSON shape', async () => {
    const { status, body } = await get('?query=alic');
    expect(status).toBe(200);
    expect(body).toEqual({
      results: [
        { fullyQualifiedName: 'alice.id', username: 'alice', profile: person('Alice Liddell', '', [{ service: 'twitter', identifier: 'alice_tw' }]), openbazaar: null },
        { fullyQualifiedName: 'alicia.id', username: 'alicia', profile: {}, openbazaar: null },
      ],
    });
    expect((await get('?query=alice&limit_results=1')).body.results).toHaveLength(1);
    expect((await get('?query=nobody')).body).toEqual({ results: [] });
  });

  it('a missing, empty, wordless or oversized query is a 400 with a JSON error', async () => {
    for (const query of ['', '?query=', '?query=%20%2A%22', `?query=${'a'.repeat(257)}`, '?query=alice&limit_results=0', '?query=alice&limit_results=x']) {
      const { status, body } = await get(query);
      expect(status).toBe(400);
      expect(body.error).toMatch(/^Invalid request: /);
    }
  });

  it('random query strings get 200 or 400, never a server error (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (query) => {
        const response = await fetch(`${base}/v1/search?query=${encodeURIComponent(query)}`);
        expect([200, 400]).toContain(response.status);
        await response.arrayBuffer();
      }),
      { numRuns: 100 },
    );
  });
});
