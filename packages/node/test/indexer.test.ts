import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BitcoindClient } from '@bsk/bitcoin';
import { DEVNET, openSqliteStore, type BlockResult } from '@bsk/bns';
import { Scenario, wallet } from '../../bns/test/state-helpers.js';
import { Indexer, IndexerDb, openZonefileStore, zonefileEntriesOf } from '../src/index.js';

/*
 * The indexer's derived data (bns.md §7.2 zone-file entries; the DID index): what a block yields, and
 * the repair at start-up after a crash between the name database's commit and the derived writes.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const H = (byte: string) => byte.repeat(20);

/** A namespace, a registration with a zone-file hash, an update, a transfer, a renewal and a revoke. */
function history(scenario: Scenario): BlockResult[] {
  const payer = wallet(DEVNET, 'payer');
  const owner = wallet(DEVNET, 'owner');
  const other = wallet(DEVNET, 'other');
  const results: BlockResult[] = [];
  const mine = (...specs: Parameters<Scenario['mine']>) => results.push(scenario.mine(...specs));
  scenario.createNamespace('test', payer, wallet(DEVNET, 'revealer'));
  mine(scenario.namePreorder('foo.test', payer, owner));
  mine(scenario.nameRegister('foo.test', payer, owner, H('11')));
  mine(scenario.nameUpdate('foo.test', owner, H('22')));
  mine(scenario.nameTransfer('foo.test', owner, other, true));
  mine(scenario.nameRenew('foo.test', other));
  mine(scenario.nameRevoke('foo.test', other));
  return results;
}

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'bsk-node-indexer-'));
  dirs.push(dir);
  const store = openSqliteStore(join(dir, 'names.db'));
  const scenario = new Scenario(DEVNET, store);
  const zonefiles = openZonefileStore({ directory: dir });
  const db = IndexerDb.open(dir);
  // Never called: the indexer is only constructed here (the repair runs in its constructor).
  const backend = new BitcoindClient({ url: 'http://127.0.0.1:9/', network: 'regtest', retries: 0 });
  const indexer = () => new Indexer({ backend, engine: scenario.engine, db, zonefiles, confirmations: 0, pollIntervalMs: 50, logger: pino({ level: 'silent' }) });
  const close = () => {
    zonefiles.close();
    db.close();
    store.close();
  };
  return { scenario, zonefiles, db, indexer, close };
}

describe('zone-file entries of a block (bns.md §7.2)', () => {
  it('registrations, updates and renewals with a hash are listed; transfers and revokes are not', () => {
    const { scenario, close } = setUp();
    const entries = history(scenario).flatMap((result) => zonefileEntriesOf(result));
    expect(entries.map((e) => e.valueHash)).toEqual([H('11'), H('22'), H('22')]);
    expect(entries.every((e) => e.name === 'foo.test')).toBe(true);
    close();
  });
});

describe('repair at start-up', () => {
  it('an engine ahead of its derived data (a crash after the block committed) is caught up', () => {
    const { scenario, zonefiles, db, indexer, close } = setUp();
    const results = history(scenario);
    expect(zonefiles.entryCount()).toBe(0);
    indexer();
    expect(zonefiles.entryCount()).toBe(3);
    expect(zonefiles.entriesFrom(0, 10).map((e) => [e.blockHeight, e.valueHash])).toEqual(results.flatMap((r) => zonefileEntriesOf(r).map((e) => [e.blockHeight, e.valueHash])));
    expect(db.derivedThrough()).toBe(scenario.height);
    const creation = db.latestCreationOf('foo.test');
    expect(creation).toMatchObject({ creatorAddress: wallet(DEVNET, 'owner').address });
    close();
  });

  it('derived data ahead of the engine (a crash mid-undo) is cut back', () => {
    const { scenario, zonefiles, db, indexer, close } = setUp();
    history(scenario);
    indexer();
    // As if block `tip` had been undone in the name database but not yet in the zone-file store.
    const tip = scenario.height;
    scenario.engine.undoBlock(tip);
    scenario.engine.undoBlock(tip - 1); // the renewal
    indexer();
    expect(zonefiles.entryCount()).toBe(2);
    expect(db.derivedThrough()).toBe(tip - 2);
    close();
  });

  it('a consistent start changes nothing', () => {
    const { scenario, zonefiles, db, indexer, close } = setUp();
    history(scenario);
    indexer();
    const before = zonefiles.entriesFrom(0, 10);
    indexer();
    expect(zonefiles.entriesFrom(0, 10)).toEqual(before);
    expect(db.recentBlocks(scenario.height, 10)).toEqual([]);
    close();
  });
});
