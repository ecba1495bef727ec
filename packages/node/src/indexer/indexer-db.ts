import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ChainTip } from '@bsk/bitcoin';

/*
 * The indexer's own bookkeeping, in `indexer.db` next to the name database (names.db):
 * - `blocks`: the hash of every block applied, written *before* the block is applied, so that after a
 *   restart the follower knows which chain it was on and can find a fork that happened while it was
 *   down (rows above the engine's tip are leftovers of a block that never committed, and are dropped);
 * - `name_creations`: who created each name, the index the name DIDs count over (bns.md §9.2 `did`);
 *   the by-name index covers the DID's columns, so GET /v1/names/{name} reads one B-tree, not two;
 * - `meta.derived_through`: the last block whose derived data (zone-file entries, creations) was
 *   written, so a crash between the name database's commit and these writes is repaired at start.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS blocks (height INTEGER PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS name_creations (
  creator_address TEXT NOT NULL,
  block_id INTEGER NOT NULL,
  vtxindex INTEGER NOT NULL,
  name TEXT NOT NULL,
  -- 0-based rank among the creator's creations in chain order: the DID's index (rows are added in chain order).
  creator_rank INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS name_creations_by_creator ON name_creations (creator_address, block_id, vtxindex);
DROP INDEX IF EXISTS name_creations_by_name;
CREATE INDEX IF NOT EXISTS name_creations_by_name_covering ON name_creations (name, block_id, vtxindex, creator_address, creator_rank);
CREATE INDEX IF NOT EXISTS name_creations_by_block ON name_creations (block_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

export const INDEXER_DB_FILE = 'indexer.db';

/** How much of indexer.db reads may map (address space, not memory): a DID looked up at random is mostly pages the 2 MiB page cache lacks. */
const INDEXER_DB_MMAP_BYTES = 1024 * 2 ** 20;

export interface NameCreation {
  readonly creatorAddress: string;
  readonly blockId: number;
  readonly vtxindex: number;
  readonly name: string;
}

export class IndexerDb {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  static open(directory: string): IndexerDb {
    const db = new Database(join(directory, INDEXER_DB_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`mmap_size = ${INDEXER_DB_MMAP_BYTES}`);
    return new IndexerDb(db);
  }

  rememberBlock(tip: ChainTip): void {
    this.#db.prepare('INSERT OR REPLACE INTO blocks (height, hash) VALUES (?, ?)').run(tip.height, tip.hash);
  }

  forgetBlocksAbove(height: number): void {
    this.#db.prepare('DELETE FROM blocks WHERE height > ?').run(height);
  }

  /** The last `count` blocks up to `height`, ascending. */
  recentBlocks(height: number, count: number): ChainTip[] {
    const rows = this.#db.prepare('SELECT height, hash FROM blocks WHERE height <= ? ORDER BY height DESC LIMIT ?').all(height, count) as ChainTip[];
    return rows.reverse();
  }

  /** Adds creations, which must come after every creation already held, in chain order. */
  addCreations(creations: readonly NameCreation[]): void {
    const count = this.#db.prepare('SELECT COUNT(*) AS n FROM name_creations WHERE creator_address = ?');
    const insert = this.#db.prepare('INSERT INTO name_creations (creator_address, block_id, vtxindex, name, creator_rank) VALUES (?, ?, ?, ?, ?)');
    const ranks = new Map<string, number>();
    for (const c of creations) {
      const rank = ranks.get(c.creatorAddress) ?? (count.get(c.creatorAddress) as { n: number }).n;
      insert.run(c.creatorAddress, c.blockId, c.vtxindex, c.name, rank);
      ranks.set(c.creatorAddress, rank + 1);
    }
  }

  forgetCreationsAbove(height: number): void {
    this.#db.prepare('DELETE FROM name_creations WHERE block_id > ?').run(height);
  }

  clearCreations(): void {
    this.#db.prepare('DELETE FROM name_creations').run();
  }

  /**
   * The name's DID: `did:stack:v0:<creator>-<index>`, where the creator is that of the name's latest
   * creation and the index that creation's rank among the creator's (db.py namedb_get_name_DID_info).
   */
  didOf(name: string): string | null {
    // The string is built by SQLite and plucked: one value crosses into JavaScript, no row object.
    this.#didStatement ??= this.#db
      .prepare("SELECT 'did:stack:v0:' || creator_address || '-' || creator_rank FROM name_creations WHERE name = ? ORDER BY block_id DESC, vtxindex DESC LIMIT 1")
      .pluck();
    return (this.#didStatement.get(name) as string | undefined) ?? null;
  }

  #didStatement: Database.Statement | undefined;

  /** The name a DID names: the creator's `index`-th creation (db.py get_name_DID_record), or null. */
  nameOfDid(creatorAddress: string, index: number): string | null {
    const row = this.#db.prepare('SELECT name FROM name_creations WHERE creator_address = ? AND creator_rank = ? LIMIT 1').get(creatorAddress, index) as { name: string } | undefined;
    return row?.name ?? null;
  }

  /** The latest creation of `name` (its creator and position), or null. */
  latestCreationOf(name: string): NameCreation | null {
    const row = this.#db.prepare('SELECT creator_address, block_id, vtxindex, name FROM name_creations WHERE name = ? ORDER BY block_id DESC, vtxindex DESC LIMIT 1').get(name) as
      | { creator_address: string; block_id: number; vtxindex: number; name: string }
      | undefined;
    return row === undefined ? null : { creatorAddress: row.creator_address, blockId: row.block_id, vtxindex: row.vtxindex, name: row.name };
  }

  derivedThrough(): number | null {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = 'derived_through'").get() as { value: string } | undefined;
    return row === undefined ? null : Number(row.value);
  }

  setDerivedThrough(height: number | null): void {
    if (height === null) this.#db.prepare("DELETE FROM meta WHERE key = 'derived_through'").run();
    else this.#db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('derived_through', ?)").run(String(height));
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  close(): void {
    this.#db.close();
  }
}
