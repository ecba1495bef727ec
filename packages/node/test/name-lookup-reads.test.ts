import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVNET, openSqliteStore } from '@bsk/bns';
import { Scenario, wallet } from '../../bns/test/state-helpers.js';
import { INDEXER_DB_FILE, IndexerDb, NAMES_DB_MMAP_BYTES } from '../src/index.js';

/*
 * The reads an uncached GET /v1/names/{name} makes (bench/README.md "api"): the name's row read
 * through without the store's rows cache, from a memory-mapped names.db, and the DID from the
 * covering by-name index of indexer.db. Each must answer exactly what the cached or older read did.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bsk-node-reads-'));
  dirs.push(dir);
  return dir;
}

describe('nameRowUncached (names.db read through, memory-mapped)', () => {
  it('answers what getRow answers, for every name and for unknown ones, after transfers and revokes', () => {
    const store = openSqliteStore(join(tempDir(), 'names.db'), { mmapBytes: NAMES_DB_MMAP_BYTES });
    const scenario = new Scenario(DEVNET, store);
    const payer = wallet(DEVNET, 'payer');
    const owner = (name: string) => wallet(DEVNET, `owner of ${name}`);
    const other = wallet(DEVNET, 'other');
    scenario.createNamespace('test', payer, wallet(DEVNET, 'revealer'));
    const accepted = (result: ReturnType<Scenario['mine']>) => expect(result.rejected).toEqual([]);
    for (const name of ['foo.test', 'bar.test', 'baz.test']) {
      accepted(scenario.mine(scenario.namePreorder(name, payer, owner(name))));
      accepted(scenario.mine(scenario.nameRegister(name, payer, owner(name), '11'.repeat(20))));
    }
    accepted(scenario.mine(scenario.nameTransfer('bar.test', owner('bar.test'), other, true)));
    accepted(scenario.mine(scenario.nameRevoke('baz.test', owner('baz.test'))));
    for (const name of ['foo.test', 'bar.test', 'baz.test', 'nobody.test', 'foo.other']) {
      expect(store.nameRowUncached(name)).toEqual(store.getRow('name', name));
    }
    expect(store.nameRowUncached('bar.test')?.address).toBe(other.address);
    expect(store.nameRowUncached('baz.test')?.revoked).toBe(true);
    store.close();
  });

  it('sees the writes of the transaction it is called in', () => {
    const store = openSqliteStore(join(tempDir(), 'names.db'), { mmapBytes: NAMES_DB_MMAP_BYTES });
    const scenario = new Scenario(DEVNET, store);
    const payer = wallet(DEVNET, 'payer');
    const owner = wallet(DEVNET, 'owner');
    scenario.createNamespace('test', payer, wallet(DEVNET, 'revealer'));
    scenario.mine(scenario.namePreorder('foo.test', payer, owner));
    scenario.mine(scenario.nameRegister('foo.test', payer, owner, '11'.repeat(20)));
    const row = store.getRow('name', 'foo.test')!;
    store.transaction(() => {
      store.setRow('name', 'foo.test', { ...row, value_hash: '22'.repeat(20) });
      expect(store.nameRowUncached('foo.test')?.value_hash).toBe('22'.repeat(20));
      store.setRow('name', 'foo.test', null);
      expect(store.nameRowUncached('foo.test')).toBeNull();
      store.setRow('name', 'foo.test', row);
    });
    expect(store.nameRowUncached('foo.test')).toEqual(row);
    store.close();
  });
});

describe('didOf (indexer.db, covering by-name index)', () => {
  /** Creations in chain order: a creator label and a name for each; a name may be created again. */
  const creations = fc.array(fc.record({ creator: fc.integer({ min: 0, max: 3 }), name: fc.integer({ min: 0, max: 6 }) }), { maxLength: 40 });

  it('is the latest creation of the name, counted among its creator’s creations (db.py namedb_get_name_DID_info)', () => {
    fc.assert(
      fc.property(creations, (list) => {
        const dir = tempDir();
        const db = IndexerDb.open(dir);
        const rows = list.map((c, i) => ({ creatorAddress: `creator${c.creator}`, blockId: 100 + (i >> 2), vtxindex: i % 4, name: `n${c.name}.test` }));
        db.addCreations(rows);
        for (let n = 0; n < 7; n++) {
          const name = `n${n}.test`;
          const latest = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.name === name).at(-1);
          const rank = latest === undefined ? -1 : rows.slice(0, latest.i).filter((row) => row.creatorAddress === latest.row.creatorAddress).length;
          expect(db.didOf(name)).toBe(latest === undefined ? null : `did:stack:v0:${latest.row.creatorAddress}-${rank}`);
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('an indexer.db made before the covering index gets it at open, and the DID query reads only the index', () => {
    const dir = tempDir();
    const old = new Database(join(dir, INDEXER_DB_FILE));
    old.exec(`CREATE TABLE name_creations (creator_address TEXT NOT NULL, block_id INTEGER NOT NULL, vtxindex INTEGER NOT NULL, name TEXT NOT NULL, creator_rank INTEGER NOT NULL);
      CREATE INDEX name_creations_by_name ON name_creations (name, block_id, vtxindex);
      INSERT INTO name_creations VALUES ('creatorA', 100, 1, 'foo.test', 0), ('creatorA', 101, 1, 'bar.test', 1), ('creatorB', 200, 3, 'foo.test', 0);`);
    old.close();
    const db = IndexerDb.open(dir);
    expect(db.didOf('foo.test')).toBe('did:stack:v0:creatorB-0');
    expect(db.didOf('bar.test')).toBe('did:stack:v0:creatorA-1');
    expect(db.didOf('baz.test')).toBeNull();
    db.close();
    const check = new Database(join(dir, INDEXER_DB_FILE), { readonly: true });
    const indexes = check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'name_creations'").pluck().all();
    expect(indexes).not.toContain('name_creations_by_name');
    const plan = check
      .prepare("EXPLAIN QUERY PLAN SELECT 'did:stack:v0:' || creator_address || '-' || creator_rank FROM name_creations WHERE name = ? ORDER BY block_id DESC, vtxindex DESC LIMIT 1")
      .all('foo.test') as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/COVERING INDEX name_creations_by_name_covering/);
    check.close();
  });
});
