import Database from 'better-sqlite3';
import type { HistoryEntry, NameRow, PreorderRow } from '../state/types.js';
import { PendingWrites, compareKeys, type AnyRow } from './pending-writes.js';
import { RecentCache } from './recent-cache.js';
import type { RowKind, RowOf, Snapshot, Store, StoreDump, TransactionOptions, UndoEntry } from './store.js';

/*
 * The SQLite implementation of the store (DESIGN.md "Choices already made": better-sqlite3, WAL,
 * one transaction per block). Rows are kept as JSON of the protocol's record (bns.md §4.21) next to
 * the indexed columns the rules and the API query by; history rows keep the record as
 * `history_data`, as the reference does.
 *
 * Speed (bench/index): a transaction's writes are kept in memory (pending-writes.ts) and sent to
 * SQLite in bulk just before it commits: each row the transaction changed is written once, however
 * often it changed (a preorder made and consumed within a catch-up group of blocks is never written
 * at all), history rows are appended in one tight loop. The rules read a handful of rows per
 * operation, mostly ones a recent block wrote: reads look at the pending writes first, then at
 * caches of rows, owner lists, hash128 keys and consensus hashes, then at SQLite (whose answer the
 * pending writes amend). A rollback drops the pending writes and empties the caches; another
 * connection's commit (PRAGMA data_version) empties the caches before the next read. Any other
 * statement (the API's queries, undo) first sends the pending writes, so it sees them.
 *
 * A transaction run with `commit: false` (a catch-up applying a few blocks at a time) leaves its
 * writes pending after it ends; the next one that commits sends them with its own, so one commit
 * covers many blocks and a page that several of them dirty is written to the WAL once. Pending
 * writes sent early (a statement that must see them) are sent in a transaction, all of them, so
 * SQLite only ever commits whole groups.
 */

/** Name rows kept parsed in memory per cache generation (about 1 KiB each; up to twice as many are kept), and as many owner lists and hash128 keys; sized for the 512 MiB budget of bench/index. */
const NAME_CACHE_GENERATION = 15_000;
/** Preorder, namespace and keychain rows per cache generation. */
const OTHER_CACHE_GENERATION = 4096;
/** Consensus hashes kept in memory per generation: the freshness window and the skip list read recent ones. */
const SNAPSHOT_CACHE_GENERATION = 2048;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rows (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  data TEXT NOT NULL,
  sender TEXT,
  address TEXT,
  namespace_id TEXT,
  name_hash128 TEXT,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rows_by_sender ON rows (kind, sender, key);
CREATE INDEX IF NOT EXISTS rows_by_hash128 ON rows (kind, name_hash128);
CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY,
  history_id TEXT NOT NULL,
  block_id INTEGER NOT NULL,
  vtxindex INTEGER NOT NULL,
  txid TEXT NOT NULL,
  op TEXT NOT NULL,
  opcode TEXT NOT NULL,
  history_data TEXT NOT NULL,
  value_hash TEXT,
  creator_address TEXT,
  applied_in INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS history_by_id ON history (history_id, block_id, vtxindex, seq);
CREATE INDEX IF NOT EXISTS history_by_applied ON history (applied_in);
CREATE TABLE IF NOT EXISTS snapshots (
  block_id INTEGER PRIMARY KEY,
  consensus_hash TEXT NOT NULL,
  ops_hash TEXT
);
CREATE TABLE IF NOT EXISTS undo (
  block_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  before TEXT,
  PRIMARY KEY (block_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
`;

/**
 * The indexes only the REST API's queries (StoreQueries, namesInNamespace) read; the rules never
 * do. They are not kept while a fresh store catches up: keeping them cost every new name two
 * random B-tree writes (by address, by namespace) and every history row two more (by txid, random:
 * about 10 µs of CPU and 28 µs of wall time per row over 100,000 rows; by block, an append).
 * Built once, each is one sort, and afterwards each block adds a few entries (bench/index: 15%
 * more operations per CPU-second at 300,000 operations, the build included).
 * buildQueryIndexes() builds them (the node's indexer calls it when it reaches the tip); otherwise
 * the first query that needs one builds them all. A database that has them keeps them up to date.
 */
const QUERY_INDEXES = `
CREATE INDEX IF NOT EXISTS rows_by_address ON rows (kind, address, key);
CREATE INDEX IF NOT EXISTS rows_by_namespace ON rows (kind, namespace_id, key);
CREATE INDEX IF NOT EXISTS history_by_block ON history (block_id, vtxindex, seq);
CREATE INDEX IF NOT EXISTS history_by_txid ON history (txid);
`;

// Every state table shares one `rows` table, so the planner must be told which index serves a
// per-owner or per-namespace query (without statistics it would scan every name in key order).
const NAME_OPS = `('::', ':', '+', '>>', '>~', '~', ';')`;

interface HistoryRow {
  history_id: string;
  block_id: number;
  vtxindex: number;
  txid: string;
  op: string;
  opcode: string;
  history_data: string;
  value_hash: string | null;
  creator_address: string | null;
}

export interface SqliteStoreOptions {
  /**
   * Bytes of the database file that reads may map into memory (PRAGMA mmap_size; address space,
   * not memory: the OS pages it in). 0, the default, reads every page the page cache lacks through
   * a read() call. A node serving the API sets it: a name looked up at random is mostly pages the
   * page cache lacks (bench/README.md "api").
   */
  readonly mmapBytes?: number;
}

/** Opens (creating if needed) a store at `path`; ':memory:' gives a private in-memory database. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  // In WAL mode, NORMAL syncs at checkpoints only: a committed block survives a crash of the
  // process (the WAL is in the OS's hands); a power loss may lose the last blocks, never half of one.
  db.pragma('synchronous = NORMAL');
  // A larger page cache (32 MiB) keeps the indexes' hot pages during catch-up.
  db.pragma('cache_size = -32768');
  // Checkpoint every 64 MiB of WAL rather than 4 MiB: a catch-up group dirties thousands of pages,
  // so the default checkpointed after every commit; less often, a page written by several groups
  // is copied back once (bench/index: the commit's CPU time down by about a third).
  db.pragma('wal_autocheckpoint = 16384');
  if (options.mmapBytes !== undefined && path !== ':memory:') db.pragma(`mmap_size = ${Math.max(0, Math.floor(options.mmapBytes))}`);
  db.exec(SCHEMA);
  return new SqliteStore(db);
}

type CachedRow = AnyRow | null;

class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  /** The next undo sequence number of the block being written (only one block is written at a time). */
  #undo: { height: number; seq: number } | null = null;
  readonly #rows: { readonly [K in RowKind]: RecentCache<string, CachedRow> } = {
    name: new RecentCache(NAME_CACHE_GENERATION),
    namespace: new RecentCache(OTHER_CACHE_GENERATION),
    preorder: new RecentCache(OTHER_CACHE_GENERATION),
    keychain: new RecentCache(OTHER_CACHE_GENERATION),
  };
  readonly #snapshots = new RecentCache<number, string | null>(SNAPSHOT_CACHE_GENERATION);
  /** Name keys by owner script, in key order (what namesOwnedBy reads). */
  readonly #bySender = new RecentCache<string, readonly string[]>(NAME_CACHE_GENERATION);
  /** Name key by hash128 (null: no such name). */
  readonly #byHash128 = new RecentCache<string, string | null>(NAME_CACHE_GENERATION);
  /** The open transaction's writes not yet sent to SQLite. */
  #pending = new PendingWrites();
  /** undefined: not known, read it from the database. */
  #lastBlock: number | null | undefined = undefined;
  #undoFloor: number | undefined = undefined;
  #dataVersion: number;
  /** JSON of the records being sent: a record that is both a row and history is serialised once. */
  #json = new Map<object, string>();
  /** How many transaction() calls are open (0: none; reads then check for other connections' commits). */
  #depth = 0;
  /** Whether writes were sent to SQLite since the outermost transaction began. */
  #sent = false;
  /** Whether QUERY_INDEXES are known to exist. */
  #queryIndexed = false;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#dataVersion = this.#readDataVersion();
  }

  #readDataVersion(): number {
    return (this.#prepared('PRAGMA data_version').get() as { data_version: number }).data_version;
  }

  /** Empties every cache and drops the pending writes (after a rollback, or when another connection committed). */
  #forget(): void {
    for (const cache of Object.values(this.#rows)) cache.clear();
    this.#snapshots.clear();
    this.#bySender.clear();
    this.#byHash128.clear();
    this.#pending = new PendingWrites();
    this.#lastBlock = undefined;
    this.#undoFloor = undefined;
    this.#undo = null;
    // A rollback may have undone a build inside the transaction; after another connection's
    // commit, asking SQLite again costs a schema lookup.
    this.#queryIndexed = false;
  }

  /** Outside a transaction, another connection may have committed since the caches were filled. */
  #fresh(): void {
    if (this.#db.inTransaction) return;
    const version = this.#readDataVersion();
    if (version !== this.#dataVersion) {
      this.#dataVersion = version;
      const held = this.#pending.writes > 0;
      this.#forget();
      // Only one connection writes a store; held writes were read from a state that is gone.
      if (held) throw new Error('another connection wrote to the store while this one held uncommitted blocks (dropped)');
    }
  }

  #stringify(value: object): string {
    let json = this.#json.get(value);
    if (json === undefined) {
      json = JSON.stringify(value);
      this.#json.set(value, json);
    }
    return json;
  }

  /** A statement that sees every write of the transaction: the pending writes are sent first. */
  #sql(text: string): Database.Statement {
    this.#flush();
    return this.#prepared(text);
  }

  /** A statement that sees only what SQLite holds: for the reads that amend it with the pending writes, and for sending them. */
  #prepared(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  // --- reads ---------------------------------------------------------------------------------

  /** Rows come from the cache and are shared: callers must not modify them (they are readonly). */
  getRow<K extends RowKind>(kind: K, key: string): RowOf[K] | null {
    if (this.#depth === 0) this.#fresh();
    const pending = this.#pending.row(kind, key);
    if (pending !== undefined) return pending.row as RowOf[K] | null;
    const cache = this.#rows[kind];
    const cached = cache.get(key);
    if (cached !== undefined) return cached as RowOf[K] | null;
    const found = this.#prepared('SELECT data FROM rows WHERE kind = ? AND key = ?').pluck().get(kind, key) as string | undefined;
    const row = found === undefined ? null : (JSON.parse(found) as RowOf[K]);
    cache.set(key, row);
    return row;
  }

  nameByHash128(nameHash128: string): NameRow | null {
    if (this.#depth === 0) this.#fresh();
    let key = this.#byHash128.get(nameHash128);
    if (key === undefined) {
      key = this.#pending.keyOfHash128(nameHash128);
      if (key === undefined) {
        // The row comes with its key (one statement), into the row cache.
        const found = this.#prepared("SELECT key, data FROM rows INDEXED BY rows_by_hash128 WHERE kind = 'name' AND name_hash128 = ?").raw().get(nameHash128) as [string, string] | undefined;
        const committed = found?.[0] ?? null;
        // A pending write may have deleted that name or (in theory) given it another hash.
        const pending = committed === null ? undefined : this.#pending.row('name', committed);
        key = pending !== undefined && (pending.row as NameRow | null)?.name_hash128 !== nameHash128 ? null : committed;
        if (found !== undefined && pending === undefined && this.#rows.name.get(found[0]) === undefined) this.#rows.name.set(found[0], JSON.parse(found[1]) as NameRow);
      }
      this.#byHash128.set(nameHash128, key);
    }
    return key === null ? null : this.getRow('name', key);
  }

  namesOwnedBy(sender: string): NameRow[] {
    if (this.#depth === 0) this.#fresh();
    let keys = this.#bySender.get(sender);
    if (keys === undefined) {
      // The rows come with their keys (one statement, not one per name), into the row cache.
      const found = this.#prepared("SELECT key, data FROM rows INDEXED BY rows_by_sender WHERE kind = 'name' AND sender = ? ORDER BY key").raw().all(sender) as [string, string][];
      const cache = this.#rows.name;
      for (const [key, data] of found) if (cache.get(key) === undefined && this.#pending.row('name', key) === undefined) cache.set(key, JSON.parse(data) as NameRow);
      keys = this.#pending.namesOwnedBy(sender, found.map(([key]) => key));
      this.#bySender.set(sender, keys);
    }
    return keys.map((key) => this.getRow('name', key)!);
  }

  namesInNamespace(namespaceId: string): NameRow[] {
    this.buildQueryIndexes();
    return this.#names("SELECT data FROM rows INDEXED BY rows_by_namespace WHERE kind = 'name' AND namespace_id = ? ORDER BY key", namespaceId);
  }

  #names(sql: string, ...args: unknown[]): NameRow[] {
    return (this.#sql(sql).all(...args) as { data: string }[]).map((row) => JSON.parse(row.data) as NameRow);
  }

  consensusHashAt(height: number): string | null {
    if (this.#depth === 0) this.#fresh();
    const pending = this.#pending.snapshots.get(height);
    if (pending !== undefined) return pending?.consensusHash ?? null;
    const cached = this.#snapshots.get(height);
    if (cached !== undefined) return cached;
    const hash = (this.#prepared('SELECT consensus_hash FROM snapshots WHERE block_id = ?').pluck().get(height) as string | undefined) ?? null;
    this.#snapshots.set(height, hash);
    return hash;
  }

  history(historyId: string, ops?: readonly string[], newest?: number): HistoryEntry[] {
    const opFilter = ops === undefined ? '' : ` AND op IN (${ops.map(() => '?').join(', ')})`;
    const args = [historyId, ...(ops ?? [])];
    const rows = (
      newest === undefined
        ? this.#prepared(`SELECT * FROM history WHERE history_id = ?${opFilter} ORDER BY block_id, vtxindex, seq`).all(...args)
        : this.#prepared(`SELECT * FROM history WHERE history_id = ?${opFilter} ORDER BY block_id DESC, vtxindex DESC, seq DESC LIMIT ?`).all(...args, newest).reverse()
    ) as HistoryRow[];
    const committed = rows.map(toHistoryEntry);
    const pending = this.#pending.historyOf(historyId).filter((entry) => ops === undefined || ops.includes(entry.op));
    if (pending.length === 0) return committed;
    // The pending entries come after the committed ones in insertion (seq) order; a stable sort by
    // block and vtxindex gives the ORDER BY's order. The newest n of all are among the newest n
    // committed and the pending ones.
    const merged = [...committed, ...pending].sort((a, b) => a.block_id - b.block_id || a.vtxindex - b.vtxindex);
    return newest === undefined ? merged : merged.slice(Math.max(0, merged.length - newest));
  }

  lastBlock(): number | null {
    this.#fresh();
    if (this.#lastBlock === undefined) {
      // Unknown only while no write is pending (setLastBlock and #forget set it): SQLite's answer is the store's.
      const row = this.#prepared("SELECT value FROM meta WHERE key = 'last_block'").get() as { value: string } | undefined;
      this.#lastBlock = row === undefined ? null : Number(row.value);
    }
    return this.#lastBlock;
  }

  // --- writes (kept in memory until the transaction commits) ----------------------------------

  setRow<K extends RowKind>(kind: K, key: string, row: RowOf[K] | null): void {
    const before = this.getRow(kind, key);
    this.#pending.setRow(kind, key, before, row);
    this.#rows[kind].set(key, row);
    if (kind === 'name') this.#reindexName(key, before as NameRow | null, row as NameRow | null);
    this.#flushOutsideTransaction();
  }

  /** Keeps the cached owner lists and hash128 keys in step with a name row's change. */
  #reindexName(key: string, before: NameRow | null, after: NameRow | null): void {
    if (before?.sender !== after?.sender) {
      if (before !== null) {
        const keys = this.#bySender.get(before.sender);
        if (keys !== undefined) this.#bySender.set(before.sender, keys.filter((owned) => owned !== key));
      }
      if (after !== null) {
        const keys = this.#bySender.get(after.sender);
        if (keys !== undefined) this.#bySender.set(after.sender, [...keys, key].sort(compareKeys));
      }
    }
    if (before !== null && before.name_hash128 !== after?.name_hash128) this.#byHash128.delete(before.name_hash128);
    if (after !== null) this.#byHash128.set(after.name_hash128, key);
  }

  addHistory(entry: HistoryEntry, appliedIn: number): void {
    this.#pending.addHistory(entry, appliedIn);
    this.#flushOutsideTransaction();
  }

  removeHistoryAppliedIn(height: number): void {
    this.#sql('DELETE FROM history WHERE applied_in = ?').run(height);
  }

  pruneUndo(belowHeight: number): void {
    if (belowHeight <= this.undoFloor()) return;
    this.#pending.pruneUndo(belowHeight);
    this.#undoFloor = belowHeight;
    this.#flushOutsideTransaction();
  }

  undoFloor(): number {
    this.#fresh();
    if (this.#undoFloor === undefined) {
      // As in lastBlock(): pruneUndo sets it.
      const row = this.#prepared("SELECT value FROM meta WHERE key = 'undo_floor'").get() as { value: string } | undefined;
      this.#undoFloor = row === undefined ? 0 : Number(row.value);
    }
    return this.#undoFloor;
  }

  setSnapshot(height: number, snapshot: Snapshot | null): void {
    this.#pending.setSnapshot(height, snapshot);
    this.#snapshots.set(height, snapshot?.consensusHash ?? null);
    this.#flushOutsideTransaction();
  }

  setLastBlock(height: number | null): void {
    this.#pending.setLastBlock(height);
    this.#lastBlock = height;
    this.#flushOutsideTransaction();
  }

  addUndo(height: number, entry: UndoEntry): void {
    if (this.#undo?.height !== height) {
      const committed = this.#prepared('SELECT MAX(seq) AS seq FROM undo WHERE block_id = ?').get(height) as { seq: number | null };
      this.#undo = { height, seq: Math.max((committed.seq ?? -1) + 1, this.#pending.nextUndoSeq(height)) };
    }
    this.#pending.addUndo(height, this.#undo.seq++, entry);
    this.#flushOutsideTransaction();
  }

  takeUndo(height: number): UndoEntry[] {
    const rows = this.#sql('SELECT kind, key, before FROM undo WHERE block_id = ? ORDER BY seq').all(height) as { kind: RowKind; key: string; before: string | null }[];
    this.#sql('DELETE FROM undo WHERE block_id = ?').run(height);
    this.#undo = null;
    return rows.map((row) => ({ kind: row.kind, key: row.key, before: row.before === null ? null : (JSON.parse(row.before) as RowOf[RowKind]) }));
  }

  /** A write outside a transaction is sent at once (SQLite commits it by itself). */
  #flushOutsideTransaction(): void {
    if (this.#depth === 0) this.#flush();
  }

  /**
   * Sends the pending writes to SQLite; outside a transaction (writes held from groups applied
   * without commit, a write outside any transaction) in one of their own, so they commit together.
   */
  #flush(): void {
    if (this.#pending.writes === 0) return;
    if (this.#db.inTransaction) {
      this.#send();
      return;
    }
    try {
      this.#db.transaction(() => this.#send())();
    } catch (error) {
      this.#forget();
      throw error;
    }
  }

  /** Sends the pending writes, in the order that leaves the tables as sending each at once would have. */
  #send(): void {
    this.#sent = true;
    const pending = this.#pending;
    this.#pending = new PendingWrites();
    for (const [kind, rows] of Object.entries(pending.rows) as [RowKind, PendingWrites['rows'][RowKind]][]) {
      // In key order: the table's B-tree is written left to right, each leaf page once while it is
      // in the page cache (bench/index, 300,000 operations: 3-5% more operations per CPU-second).
      const ordered = [...rows].sort((a, b) => compareKeys(a[0], b[0]));
      for (const [key, { committed, row }] of ordered) this.#writeRow(kind, key, committed, row);
    }
    // Appended in the order they were written, so they get the sequence numbers they would have had.
    const insertHistory = this.#prepared(
      'INSERT INTO history (history_id, block_id, vtxindex, txid, op, opcode, history_data, value_hash, creator_address, applied_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const { entry, appliedIn } of pending.history) {
      insertHistory.run(entry.history_id, entry.block_id, entry.vtxindex, entry.txid, entry.op, entry.opcode, this.#stringify(entry.history_data), entry.value_hash, entry.creator_address, appliedIn);
    }
    for (const [height, snapshot] of pending.snapshots) {
      if (snapshot === null) this.#prepared('DELETE FROM snapshots WHERE block_id = ?').run(height);
      else this.#prepared('INSERT OR REPLACE INTO snapshots (block_id, consensus_hash, ops_hash) VALUES (?, ?, ?)').run(height, snapshot.consensusHash, snapshot.opsHash);
    }
    if (pending.lastBlock === null) this.#prepared("DELETE FROM meta WHERE key = 'last_block'").run();
    else if (pending.lastBlock !== undefined) this.#prepared("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_block', ?)").run(String(pending.lastBlock));
    // The floor first: the pending undo entries below it are gone already, those written after it stay.
    if (pending.undoFloor !== undefined) {
      this.#prepared('DELETE FROM undo WHERE block_id < ?').run(pending.undoFloor);
      this.#prepared("INSERT OR REPLACE INTO meta (key, value) VALUES ('undo_floor', ?)").run(String(pending.undoFloor));
    }
    const insertUndo = this.#prepared('INSERT INTO undo (block_id, seq, kind, key, before) VALUES (?, ?, ?, ?, ?)');
    for (const { height, seq, entry } of pending.undo) insertUndo.run(height, seq, entry.kind, entry.key, entry.before === null ? null : this.#stringify(entry.before));
    this.#json.clear();
  }

  /** One row's net change in the transaction: nothing when it was created and deleted again (a preorder consumed in the same group). */
  #writeRow(kind: RowKind, key: string, committed: CachedRow, row: CachedRow): void {
    if (row === null) {
      if (committed !== null) this.#prepared('DELETE FROM rows WHERE kind = ? AND key = ?').run(kind, key);
      return;
    }
    const name = kind === 'name' ? (row as NameRow) : null;
    if (committed !== null && (name === null || sameIndexedColumns(committed as NameRow, name))) {
      // Only the record changed: leave the secondary indexes alone.
      this.#prepared('UPDATE rows SET data = ? WHERE kind = ? AND key = ?').run(this.#stringify(row), kind, key);
      return;
    }
    if (committed !== null && name !== null && sameName(committed as NameRow, name)) {
      // A new owner (transfer, renewal to another owner): SQLite rewrites the index entries of
      // every column it sets, so set only the owner's two.
      this.#prepared('UPDATE rows SET data = ?, sender = ?, address = ? WHERE kind = ? AND key = ?').run(this.#stringify(row), name.sender, name.address, kind, key);
      return;
    }
    this.#prepared(
      'INSERT INTO rows (kind, key, data, sender, address, namespace_id, name_hash128) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data, sender = excluded.sender, address = excluded.address, namespace_id = excluded.namespace_id, name_hash128 = excluded.name_hash128',
    ).run(kind, key, this.#stringify(row), name?.sender ?? null, name?.address ?? null, name?.namespace_id ?? null, name?.name_hash128 ?? null);
  }

  /**
   * Runs `fn` in a transaction whose writes are sent to SQLite just before it commits. A nested call
   * is a savepoint: the outer writes are sent first, so a rollback to it drops only its own.
   */
  transaction<T>(fn: () => T, options: TransactionOptions = {}): T {
    this.#fresh();
    const outermost = !this.#db.inTransaction;
    if (!outermost) this.#flush();
    this.#depth++;
    try {
      return this.#db.transaction(() => {
        if (outermost) this.#sent = false;
        const result = fn();
        // Held writes stay in memory; once some went to SQLite (a statement that must see them),
        // the rest go too, so that what SQLite commits ends with whole groups.
        if (outermost && (options.commit !== false || this.#sent)) this.#flush();
        return result;
      })();
    } catch (error) {
      // The caches (and the undo sequence number) may hold what the rollback removed.
      this.#forget();
      throw error;
    } finally {
      this.#depth--;
    }
  }

  // --- API queries ---------------------------------------------------------------------------

  buildQueryIndexes(): void {
    if (this.#queryIndexed) return;
    // Inside a transaction too (the API's queries may run in one): the pending writes go first,
    // and a rollback drops the indexes with the rest (#forget).
    this.#flush();
    this.#db.exec(QUERY_INDEXES);
    this.#queryIndexed = true;
  }

  nameAt(name: string, height: number): NameRow | null {
    const row = this.#sql(
      `SELECT history_data FROM history WHERE history_id = ? AND block_id <= ? AND op IN ${NAME_OPS} ORDER BY block_id DESC, vtxindex DESC, seq DESC LIMIT 1`,
    ).get(name, height) as { history_data: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.history_data) as NameRow);
  }

  namesOwnedByAddress(address: string): NameRow[] {
    this.buildQueryIndexes();
    return this.#names("SELECT data FROM rows INDEXED BY rows_by_address WHERE kind = 'name' AND address = ? ORDER BY key", address);
  }

  namespaceIds(): string[] {
    return (this.#sql("SELECT key FROM rows WHERE kind = 'namespace' ORDER BY key").all() as { key: string }[]).map((row) => row.key);
  }

  namespaceNamesPage(namespaceId: string, page: number, pageSize: number): string[] {
    this.buildQueryIndexes();
    const rows = this.#sql("SELECT key FROM rows INDEXED BY rows_by_namespace WHERE kind = 'name' AND namespace_id = ? ORDER BY key LIMIT ? OFFSET ?").all(namespaceId, pageSize, page * pageSize) as { key: string }[];
    return rows.map((row) => row.key);
  }

  nameCount(): number {
    return (this.#sql("SELECT COUNT(*) AS n FROM rows WHERE kind = 'name'").get() as { n: number }).n;
  }

  zonefileHashes(fromHeight: number, toHeight: number): { name: string; blockHeight: number; txid: string; valueHash: string }[] {
    this.buildQueryIndexes();
    const rows = this.#sql(
      `SELECT history_id, block_id, txid, value_hash FROM history WHERE block_id BETWEEN ? AND ? AND value_hash IS NOT NULL AND op IN ${NAME_OPS} ORDER BY block_id, vtxindex, seq`,
    ).all(fromHeight, toHeight) as { history_id: string; block_id: number; txid: string; value_hash: string }[];
    return rows.map((row) => ({ name: row.history_id, blockHeight: row.block_id, txid: row.txid, valueHash: row.value_hash }));
  }

  historyAtBlock(height: number): HistoryEntry[] {
    this.buildQueryIndexes();
    return (this.#sql('SELECT * FROM history WHERE block_id = ? ORDER BY vtxindex, seq').all(height) as HistoryRow[]).map(toHistoryEntry);
  }

  pendingPreordersAt(height: number): PreorderRow[] {
    const rows = this.#sql("SELECT data FROM rows WHERE kind = 'preorder' AND json_extract(data, '$.block_number') = ? ORDER BY json_extract(data, '$.vtxindex'), key").all(height) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as PreorderRow);
  }

  historyOfTxid(txid: string): HistoryEntry | null {
    this.buildQueryIndexes();
    const row = this.#sql('SELECT * FROM history WHERE txid = ? ORDER BY seq LIMIT 1').get(txid) as HistoryRow | undefined;
    return row === undefined ? null : toHistoryEntry(row);
  }

  blockOfConsensusHash(consensusHash: string): number | null {
    const row = this.#sql('SELECT block_id FROM snapshots WHERE consensus_hash = ? ORDER BY block_id DESC LIMIT 1').pluck().get(consensusHash) as number | undefined;
    return row ?? null;
  }

  nameRowUncached(name: string): NameRow | null {
    // No #fresh(): nothing cached is read, so another connection's commit cannot make this stale.
    const json = this.#sql("SELECT data FROM rows WHERE kind = 'name' AND key = ?").pluck().get(name) as string | undefined;
    return json === undefined ? null : (JSON.parse(json) as NameRow);
  }

  dump(): StoreDump {
    const rows = (this.#sql('SELECT kind, key, data FROM rows ORDER BY kind, key').all() as { kind: string; key: string; data: string }[]).map(
      (row) => `${row.kind} ${row.key} ${row.data}`,
    );
    const history = (this.#sql('SELECT * FROM history ORDER BY block_id, vtxindex, seq').all() as (HistoryRow & { applied_in: number })[]).map(
      (row) => `${row.history_id} ${row.block_id} ${row.vtxindex} ${row.txid} ${row.op} ${row.value_hash ?? ''} ${row.creator_address ?? ''} ${row.applied_in} ${row.history_data}`,
    );
    const snapshots = (this.#sql('SELECT * FROM snapshots ORDER BY block_id').all() as { block_id: number; consensus_hash: string; ops_hash: string | null }[]).map(
      (row) => `${row.block_id} ${row.consensus_hash} ${row.ops_hash ?? ''}`,
    );
    return { rows, history, snapshots, lastBlock: this.lastBlock() };
  }

  close(): void {
    this.#flush();
    this.#db.close();
  }
}

function sameIndexedColumns(before: NameRow, after: NameRow): boolean {
  return before.sender === after.sender && before.address === after.address && sameName(before, after);
}

function sameName(before: NameRow, after: NameRow): boolean {
  return before.namespace_id === after.namespace_id && before.name_hash128 === after.name_hash128;
}

function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    history_id: row.history_id,
    block_id: row.block_id,
    vtxindex: row.vtxindex,
    txid: row.txid,
    op: row.op,
    opcode: row.opcode,
    history_data: JSON.parse(row.history_data) as HistoryEntry['history_data'],
    value_hash: row.value_hash,
    creator_address: row.creator_address,
  };
}
