import { join } from 'node:path';
import Database from 'better-sqlite3';
import { zonefileHash } from '@bsk/crypto';
import type { ZonefileChainEntry, ZonefilePutOutcome } from '../contracts.js';
import { packInventoryBits, type ZonefileInventory } from './inventory.js';
import { ZONEFILE_SCHEMA } from './schema.js';

/** `RPC_MAX_ZONEFILE_LEN` since v0.18 (bns.md §7.1). */
export const MAX_ZONEFILE_SIZE = 40960;

/** The file the store opens inside the node's data directory. */
export const ZONEFILE_DB_FILE = 'zonefiles.db';

export type ZonefileStoreOptions = (
  | { /** The node's data directory; the store opens `zonefiles.db` there. */ readonly directory: string }
  | { /** A database shared with other parts; the store creates its tables in it and never closes it. */ readonly database: Database.Database }
) & {
  /** Largest zone file accepted, in bytes (default 40,960). */
  readonly maxZonefileSize?: number;
  /** Where a throwing onStored listener's error goes (default: a process warning). */
  readonly onListenerError?: (error: unknown) => void;
};

const HASH_PATTERN = /^[0-9a-f]{40}$/;

/** How much of zonefiles.db reads may map (address space, not memory; the OS pages it in). */
const ZONEFILE_MMAP_BYTES = 1024 * 2 ** 20;

interface ChainRow {
  seq: number;
  name: string;
  block_height: number;
  vtxindex: number;
  txid: string;
  value_hash: string;
}

function toEntry(row: ChainRow): ZonefileChainEntry {
  return { seq: row.seq, name: row.name, blockHeight: row.block_height, vtxindex: row.vtxindex, txid: row.txid, valueHash: row.value_hash };
}

/** Opens (creating if needed) the zone-file store: better-sqlite3, WAL, synchronous = NORMAL. */
export function openZonefileStore(options: ZonefileStoreOptions): SqliteZonefileStore {
  const ownsDatabase = !('database' in options);
  const db = 'database' in options ? options.database : new Database(join(options.directory, ZONEFILE_DB_FILE));
  if (ownsDatabase) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Reads through a memory map: a GET /v1/names/{name} reads one zone file at random, and with
    // the default 2 MiB page cache each of its pages was a read() system call (bench/README.md "api").
    db.pragma(`mmap_size = ${ZONEFILE_MMAP_BYTES}`);
  }
  db.exec(ZONEFILE_SCHEMA);
  const maxZonefileSize = options.maxZonefileSize ?? MAX_ZONEFILE_SIZE;
  if (!Number.isInteger(maxZonefileSize) || maxZonefileSize <= 0) throw new RangeError(`maxZonefileSize must be a positive integer, got ${maxZonefileSize}`);
  const onListenerError = options.onListenerError ?? ((error: unknown) => process.emitWarning(`zone-file onStored listener threw: ${String(error)}`));
  return new SqliteZonefileStore(db, ownsDatabase, maxZonefileSize, onListenerError);
}

/**
 * The zone-file store (bns.md §7.1–7.2; contracts.ts `ZonefileStore`) plus the bulk reads Atlas
 * uses (`ZonefileInventory`).
 */
export class SqliteZonefileStore implements ZonefileInventory {
  readonly #db: Database.Database;
  readonly #ownsDatabase: boolean;
  readonly #listeners = new Set<(hash: string) => void>();
  readonly #onListenerError: (error: unknown) => void;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #putManyTransaction: (items: readonly Uint8Array[]) => { outcomes: ZonefilePutOutcome[]; fresh: string[] };
  readonly #noteTransaction: (entries: readonly Omit<ZonefileChainEntry, 'seq'>[]) => void;
  readonly #getStatement: Database.Statement;

  constructor(
    db: Database.Database,
    ownsDatabase: boolean,
    readonly maxZonefileSize: number,
    onListenerError: (error: unknown) => void,
  ) {
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
    this.#onListenerError = onListenerError;
    this.#getStatement = db.prepare('SELECT bytes FROM zonefile_bytes WHERE hash = ?').pluck();
    this.#putManyTransaction = db.transaction((items: readonly Uint8Array[]) => {
      const fresh: string[] = [];
      const outcomes = items.map((bytes) => {
        const outcome = this.#putOne(bytes);
        if (outcome.stored && outcome.fresh) fresh.push(outcome.hash);
        return outcome;
      });
      return { outcomes, fresh };
    });
    this.#noteTransaction = db.transaction((entries: readonly Omit<ZonefileChainEntry, 'seq'>[]) => {
      for (const entry of entries) this.#noteOne(entry);
    });
  }

  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  // --- the chain side (the indexer writes) ------------------------------------------------------

  noteOnChain(entries: readonly Omit<ZonefileChainEntry, 'seq'>[]): void {
    for (const entry of entries) {
      if (!HASH_PATTERN.test(entry.valueHash)) throw new TypeError(`valueHash must be 40 lowercase hex characters, got ${JSON.stringify(entry.valueHash)}`);
    }
    this.#noteTransaction(entries);
  }

  #noteOne(entry: Omit<ZonefileChainEntry, 'seq'>): void {
    // A txid already listed is skipped: the indexer may re-note a block after a crash (bns.md §7.2: txid unique).
    this.#sql(
      `INSERT OR IGNORE INTO zonefile_chain (seq, name, block_height, vtxindex, txid, value_hash, present)
       VALUES ((SELECT COALESCE(MAX(seq) + 1, 0) FROM zonefile_chain), ?, ?, ?, ?, ?,
               EXISTS (SELECT 1 FROM zonefile_bytes WHERE hash = ?))`,
    ).run(entry.name, entry.blockHeight, entry.vtxindex, entry.txid, entry.valueHash, entry.valueHash);
  }

  forgetOnChainAbove(height: number): void {
    // Chain order is block order, so these are the last rows; their seqs are reused by the new fork.
    // Reorganisations are shallow: walk back from the tail only as far as the fork.
    let firstAbove: number | null = null;
    for (const row of this.#sql('SELECT seq, block_height FROM zonefile_chain ORDER BY seq DESC').iterate() as IterableIterator<{ seq: number; block_height: number }>) {
      if (row.block_height <= height) break;
      firstAbove = row.seq;
    }
    if (firstAbove !== null) this.#sql('DELETE FROM zonefile_chain WHERE seq >= ?').run(firstAbove);
  }

  entriesFrom(fromSeq: number, limit: number): ZonefileChainEntry[] {
    const rows = this.#sql('SELECT seq, name, block_height, vtxindex, txid, value_hash FROM zonefile_chain WHERE seq >= ? ORDER BY seq LIMIT ?').all(fromSeq, limit) as ChainRow[];
    return rows.map(toEntry);
  }

  entryCount(): number {
    const row = this.#sql('SELECT COALESCE(MAX(seq) + 1, 0) AS count FROM zonefile_chain').get() as { count: number };
    return row.count;
  }

  latestEntryOf(name: string): ZonefileChainEntry | null {
    const row = this.#sql('SELECT seq, name, block_height, vtxindex, txid, value_hash FROM zonefile_chain WHERE name = ? ORDER BY seq DESC LIMIT 1').get(name) as ChainRow | undefined;
    return row === undefined ? null : toEntry(row);
  }

  /** Whether `hash` is the value hash of some on-chain row (bns.md §7.1: only those are stored). */
  isOnChain(hash: string): boolean {
    return this.#sql('SELECT 1 FROM zonefile_chain WHERE value_hash = ? LIMIT 1').get(hash) !== undefined;
  }

  // --- the bytes ------------------------------------------------------------------------------

  put(bytes: Uint8Array): ZonefilePutOutcome {
    return this.putMany([bytes])[0]!;
  }

  putMany(items: readonly Uint8Array[]): ZonefilePutOutcome[] {
    const { outcomes, fresh } = this.#putManyTransaction(items);
    // Listeners run after the commit, so they see the bytes and a throwing one cannot undo them.
    for (const hash of fresh) this.#notify(hash);
    return outcomes;
  }

  #putOne(bytes: Uint8Array): ZonefilePutOutcome {
    const hash = zonefileHash(bytes);
    if (bytes.length > this.maxZonefileSize) return { stored: false, hash, reason: 'too-large' };
    const known = this.#sql(
      'SELECT EXISTS (SELECT 1 FROM zonefile_bytes WHERE hash = @hash) AS stored, EXISTS (SELECT 1 FROM zonefile_chain WHERE value_hash = @hash) AS onChain',
    ).get({ hash }) as { stored: number; onChain: number };
    if (known.stored === 1) return { stored: true, hash, fresh: false };
    if (known.onChain === 0) return { stored: false, hash, reason: 'not-on-chain' };
    this.#sql('INSERT INTO zonefile_bytes (hash, bytes) VALUES (?, ?)').run(hash, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.#sql('UPDATE zonefile_chain SET present = 1 WHERE value_hash = ?').run(hash);
    return { stored: true, hash, fresh: true };
  }

  get(hash: string): Uint8Array | null {
    // Plucked: the one column, without a row object per read (this statement serves only get()).
    const bytes = this.#getStatement.get(hash) as Buffer | undefined;
    return bytes === undefined ? null : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  has(hash: string): boolean {
    return this.#sql('SELECT 1 FROM zonefile_bytes WHERE hash = ?').get(hash) !== undefined;
  }

  /** Number of distinct zone files stored. */
  storedCount(): number {
    return (this.#sql('SELECT COUNT(*) AS count FROM zonefile_bytes').get() as { count: number }).count;
  }

  // --- Atlas reads ------------------------------------------------------------------------------

  inventoryBits(fromSeq: number, count: number): Uint8Array {
    const present = new Array<boolean>(Math.max(0, count)).fill(false);
    const rows = this.#sql('SELECT seq, present FROM zonefile_chain WHERE seq >= ? AND seq < ?').raw(true).all(fromSeq, fromSeq + count) as [number, number][];
    for (const [seq, isPresent] of rows) present[seq - fromSeq] = isPresent === 1;
    return packInventoryBits(present);
  }

  missingFrom(fromSeq: number, limit: number): ZonefileChainEntry[] {
    const rows = this.#sql('SELECT seq, name, block_height, vtxindex, txid, value_hash FROM zonefile_chain WHERE present = 0 AND seq >= ? ORDER BY seq LIMIT ?').all(fromSeq, limit) as ChainRow[];
    return rows.map(toEntry);
  }

  // --- listeners and lifetime -------------------------------------------------------------------

  onStored(listener: (hash: string) => void): () => void {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const subscription = (hash: string): void => listener(hash);
    this.#listeners.add(subscription);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  #notify(hash: string): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(hash);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }

  close(): void {
    this.#listeners.clear();
    if (this.#ownsDatabase && this.#db.open) this.#db.close();
  }
}
