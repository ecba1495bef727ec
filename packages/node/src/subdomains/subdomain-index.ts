import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeZoneFileSubdomains, splitSubdomainName } from '@bsk/crypto';
import type { DecodedSubdomainRecord } from '@bsk/crypto';
import type { SubdomainRecord, SubdomainResolver, ZonefileChainEntry, ZonefileStore } from '../contracts.js';
import { acceptsAtTip, walkSubdomainHistory } from './acceptance.js';
import { operationZonefileHash, rowToOperation, rowToOperationJson, rowToRecord } from './rows.js';
import type { SubdomainOperationJson, SubdomainRow } from './rows.js';
import { SUBDOMAIN_DB_FILE, SUBDOMAIN_SCHEMA } from './schema.js';

/*
 * The subdomain index (bns.md §8): reads the subdomain records out of domains' zone files in
 * chain order (ZonefileStore.entriesFrom), decides which are accepted (acceptance.ts) and answers
 * resolution (§8.4). Zone files may arrive late and in any order through Atlas: an entry whose
 * zone file is missing waits, and when the bytes arrive (ZonefileStore.onStored) its records are
 * slotted into chain order and the affected subdomains' histories are recomputed — chain order
 * beats arrival order (cli-and-scenarios.md B.6 #38). Everything is in SQLite, so the index
 * resumes after a restart where it stopped.
 */

export type SubdomainIndexOptions = (
  | { /** The node's data directory; the index opens `subdomains.db` there. */ readonly directory: string }
  | { /** A database shared with other parts; the index creates its tables in it and never closes it. */ readonly database: Database.Database }
) & {
  readonly zonefiles: ZonefileStore;
  /** Entries from blocks below this height carry no subdomains (the network's `subdomainsFirstBlock`). Default 0. */
  readonly firstBlock?: number;
  /** Where a throwing onChanged listener's error goes (default: a process warning). */
  readonly onListenerError?: (error: unknown) => void;
};

/** What the node's API needs beyond the contract, and the indexer's hooks. */
export interface SubdomainIndex extends SubdomainResolver {
  /** Reads the chain entries the zone-file store has that the index has not seen; call after each block. Returns how many. */
  catchUp(): number;
  /** Forgets everything carried by blocks above `height` (a reorganisation) and recomputes the subdomains it touched. */
  rewindAbove(height: number): void;
  /** Number of subdomains with an accepted record (`subdomains_count`). */
  count(): number;
  /** Subdomains with an accepted record, sorted, for `/v1/subdomains?page=`. */
  list(offset: number, limit: number): string[];
  /** Every subdomain operation a transaction's zone file carried, accepted or not (`/v1/subdomains/{txid}`). */
  operationsAtTxid(txid: string): SubdomainOperationJson[];
  /** The domain's last known `_resolver` URL (for the 301 of an unknown subdomain), or null. */
  resolverOf(domain: string): string | null;
  /** Whether the subdomain ever carried this zone-file hash (`/v1/names/{fqn}/zonefile/{hash}`). */
  isZonefileHashOf(fqn: string, hash: string): boolean;
  /** DID parts `did:stack:v0:<address>-<index>`: the creating owner and its creation's rank among that owner's. */
  didOf(fqn: string): { address: string; index: number } | null;
  /** The subdomain a DID names (its current record), or null. */
  /** The `index`-th subdomain (0-based, chain order) created with one of `owners` (spellings of one address) as its first owner. */
  resolveDid(owners: readonly string[], index: number): SubdomainRecord | null;
  /** Chain entries whose zone file has not arrived yet. */
  waitingEntryCount(): number;
  /**
   * Called with the subdomains whose current record may have changed (created, updated,
   * transferred, history rewritten or rewound), after the change is committed. Returns an unsubscribe.
   */
  onChanged(listener: (fqns: readonly string[]) => void): () => void;
  close(): void;
}

const CATCH_UP_BATCH = 256;
/** How far back a divergence between the store's chain entries and ours is searched per step. */
const DIVERGENCE_STEP = 64;

interface EntryRow {
  seq: number;
  name: string;
  block_height: number;
  vtxindex: number;
  txid: string;
  value_hash: string;
}

const SEQUENCE_MARK = Buffer.from('seqn=');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Every subdomain record has a `seqn=` string (§8.1), so a zone file without one carries none and
 * need not be parsed — most zone files are one-URI profile zone files, and parsing them with the
 * reference's rules costs far more than this scan. The reference's tokenizer drops quotes and
 * backslashes inside a token (`s"eqn=0"`, `s\eqn=0`), so those are ignored when looking.
 */
export function mayCarrySubdomains(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes(SEQUENCE_MARK)) return true;
  if (!buffer.includes(QUOTE) && !buffer.includes(BACKSLASH)) return false;
  return Buffer.from(buffer.filter((b) => b !== QUOTE && b !== BACKSLASH)).includes(SEQUENCE_MARK);
}

function toEntry(row: EntryRow): ZonefileChainEntry {
  return { seq: row.seq, name: row.name, blockHeight: row.block_height, vtxindex: row.vtxindex, txid: row.txid, valueHash: row.value_hash };
}

/** Opens (creating if needed) the subdomain index: better-sqlite3, WAL. It subscribes to the store at once. */
export function openSubdomainIndex(options: SubdomainIndexOptions): SubdomainIndex {
  const ownsDatabase = !('database' in options);
  const db = 'database' in options ? options.database : new Database(join(options.directory, SUBDOMAIN_DB_FILE));
  if (ownsDatabase) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.exec(SUBDOMAIN_SCHEMA);
  const firstBlock = options.firstBlock ?? 0;
  if (!Number.isInteger(firstBlock) || firstBlock < 0) throw new RangeError(`firstBlock must be a non-negative integer, got ${firstBlock}`);
  const onListenerError = options.onListenerError ?? ((error: unknown) => process.emitWarning(`subdomain onChanged listener threw: ${String(error)}`));
  return new SqliteSubdomainIndex(db, ownsDatabase, options.zonefiles, firstBlock, onListenerError);
}

class SqliteSubdomainIndex implements SubdomainIndex {
  readonly #db: Database.Database;
  readonly #ownsDatabase: boolean;
  readonly #zonefiles: ZonefileStore;
  readonly #firstBlock: number;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #unsubscribe: () => void;
  readonly #listeners = new Set<(fqns: readonly string[]) => void>();
  /** Subdomains touched by the work in progress, reported once it is committed. */
  readonly #changed = new Set<string>();
  #closed = false;

  readonly #onListenerError: (error: unknown) => void;

  constructor(db: Database.Database, ownsDatabase: boolean, zonefiles: ZonefileStore, firstBlock: number, onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
    this.#zonefiles = zonefiles;
    this.#firstBlock = firstBlock;
    this.#unsubscribe = zonefiles.onStored((hash) => this.#zonefileArrived(hash));
    this.#resume();
  }

  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #transaction<T>(work: () => T): T {
    const result = this.#db.transaction(work)();
    this.#reportChanges();
    return result;
  }

  #reportChanges(): void {
    if (this.#changed.size === 0 || this.#db.inTransaction) return;
    const fqns = [...this.#changed].sort();
    this.#changed.clear();
    for (const listener of this.#listeners) {
      try {
        listener(fqns);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }

  onChanged(listener: (fqns: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // --- following the chain -----------------------------------------------------------------------

  /** After a restart: zone files stored while the index was closed are picked up, then new entries. */
  #resume(): void {
    const waitingHashes = this.#sql('SELECT DISTINCT value_hash FROM subdomain_entries WHERE processed = 0').pluck().all() as string[];
    for (const hash of waitingHashes) if (this.#zonefiles.has(hash)) this.#processWaiting(hash);
    this.catchUp();
  }

  catchUp(): number {
    this.#assertOpen();
    this.#rewindToStore();
    let next = this.#nextSeq();
    let count = 0;
    for (;;) {
      const entries = this.#zonefiles.entriesFrom(next, CATCH_UP_BATCH);
      if (entries.length === 0) return count;
      this.#transaction(() => {
        for (const entry of entries) this.#scanEntry(entry);
      });
      count += entries.length;
      next = (entries[entries.length - 1] as ZonefileChainEntry).seq + 1;
    }
  }

  #nextSeq(): number {
    return this.#sql('SELECT COALESCE(MAX(seq) + 1, 0) FROM subdomain_entries').pluck().get() as number;
  }

  /**
   * If the store's chain entries no longer match ours (a reorganisation the indexer forgot to
   * tell us about), rewind to where they agree, so the index re-derives itself from the store.
   */
  #rewindToStore(): void {
    const last = this.#sql('SELECT seq, txid FROM subdomain_entries ORDER BY seq DESC LIMIT 1').get() as { seq: number; txid: string } | undefined;
    if (last === undefined || this.#zonefiles.entriesFrom(last.seq, 1)[0]?.txid === last.txid) return;
    let seq = last.seq;
    while (seq >= 0) {
      const from = Math.max(0, seq - DIVERGENCE_STEP + 1);
      const theirs = new Map(this.#zonefiles.entriesFrom(from, seq - from + 1).map((e) => [e.seq, e.txid]));
      const ours = this.#sql('SELECT seq, txid FROM subdomain_entries WHERE seq BETWEEN ? AND ? ORDER BY seq DESC').all(from, seq) as { seq: number; txid: string }[];
      const agreeing = ours.find((row) => theirs.get(row.seq) === row.txid);
      if (agreeing !== undefined) {
        this.#transaction(() => this.#rewindFromSeq(agreeing.seq + 1));
        return;
      }
      seq = from - 1;
    }
    if (this.#nextSeq() > 0) this.#transaction(() => this.#rewindFromSeq(0));
  }

  #scanEntry(entry: ZonefileChainEntry): void {
    const carriesSubdomains = entry.blockHeight >= this.#firstBlock;
    this.#sql('INSERT OR REPLACE INTO subdomain_entries (seq, name, block_height, vtxindex, txid, value_hash, processed) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      entry.seq,
      entry.name,
      entry.blockHeight,
      entry.vtxindex,
      entry.txid,
      entry.valueHash,
      carriesSubdomains ? 0 : 1,
    );
    if (!carriesSubdomains) return;
    const bytes = this.#zonefiles.get(entry.valueHash);
    if (bytes !== null) this.#processEntry(entry, bytes);
  }

  #zonefileArrived(hash: string): void {
    if (this.#closed) return;
    // Entries noted since the last catch-up may name this zone file too.
    if (this.#zonefiles.entryCount() > this.#nextSeq()) this.catchUp();
    this.#processWaiting(hash);
  }

  /** Entries that waited for this zone file, processed now: their records slot into chain order. */
  #processWaiting(hash: string): void {
    const waiting = (this.#sql('SELECT * FROM subdomain_entries WHERE value_hash = ? AND processed = 0 ORDER BY seq').all(hash) as EntryRow[]).map(toEntry);
    if (waiting.length === 0) return;
    const bytes = this.#zonefiles.get(hash);
    if (bytes === null) return;
    this.#transaction(() => {
      for (const entry of waiting) this.#processEntry(entry, bytes);
    });
  }

  /** Reads a present zone file's subdomain records (§8.1) and settles each one (§8.3). */
  #processEntry(entry: ZonefileChainEntry, bytes: Uint8Array): void {
    this.#sql('UPDATE subdomain_entries SET processed = 1 WHERE seq = ?').run(entry.seq);
    if (!mayCarrySubdomains(bytes)) return;
    const decoded = decodeZoneFileSubdomains(entry.name, bytes);
    if (!decoded.ok) return;
    const missing = decoded.missing.join(',');
    for (const operation of decoded.subdomains) {
      this.#insertOperation(entry, operation, missing, decoded.resolver);
      this.#settle(entry.seq, operation);
    }
  }

  #insertOperation(entry: ZonefileChainEntry, operation: DecodedSubdomainRecord, missing: string, resolver: string | null): void {
    const parent = splitSubdomainName(operation.fqn)?.domain ?? operation.domain;
    this.#sql(
      `INSERT OR REPLACE INTO subdomain_records (fqn, entry_seq, parent, domain, sequence, owner, zonefile, zonefile_hash, signature,
         block_height, vtxindex, txid, parent_zonefile_hash, zonefile_offset, missing, resolver, accepted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    ).run(
      operation.fqn,
      entry.seq,
      parent,
      operation.domain,
      operation.sequence,
      operation.owner,
      operation.zonefile,
      operationZonefileHash(operation),
      operation.signature,
      entry.blockHeight,
      entry.vtxindex,
      entry.txid,
      entry.valueHash,
      operation.offset,
      missing,
      resolver,
    );
  }

  /**
   * Decides a new record. The usual case — it sorts after every other record of its fqn — needs
   * only the accepted tip; a record that lands in the middle (a late zone file) recomputes the
   * fqn's whole history.
   */
  #settle(entrySeq: number, operation: DecodedSubdomainRecord): void {
    const { fqn, sequence } = operation;
    const later = this.#sql('SELECT 1 FROM subdomain_records WHERE fqn = ? AND (sequence > ? OR (sequence = ? AND entry_seq > ?)) LIMIT 1').get(fqn, sequence, sequence, entrySeq);
    if (later !== undefined) return this.#recompute(fqn);
    const tip = this.#acceptedTip(fqn);
    const others = tip !== null || this.#sql('SELECT 1 FROM subdomain_records WHERE fqn = ? AND entry_seq != ? LIMIT 1').get(fqn, entrySeq) !== undefined;
    if (acceptsAtTip(tip === null ? null : rowToOperation(tip), others, operation)) {
      this.#sql('UPDATE subdomain_records SET accepted = 1 WHERE fqn = ? AND entry_seq = ?').run(fqn, entrySeq);
      this.#changed.add(fqn);
    }
  }

  #recompute(fqn: string): void {
    const rows = this.#sql('SELECT * FROM subdomain_records WHERE fqn = ? ORDER BY sequence, entry_seq').all(fqn) as SubdomainRow[];
    const accepted = walkSubdomainHistory(rows.map(rowToOperation));
    rows.forEach((row, i) => {
      const flag = accepted[i] ? 1 : 0;
      if (row.accepted === flag) return;
      this.#sql('UPDATE subdomain_records SET accepted = ? WHERE fqn = ? AND entry_seq = ?').run(flag, fqn, row.entry_seq);
      this.#changed.add(fqn);
    });
  }

  rewindAbove(height: number): void {
    this.#assertOpen();
    const from = this.#sql('SELECT MIN(seq) FROM subdomain_entries WHERE block_height > ?').pluck().get(height) as number | null;
    if (from !== null) this.#transaction(() => this.#rewindFromSeq(from));
  }

  #rewindFromSeq(seq: number): void {
    const affected = this.#sql('SELECT DISTINCT fqn FROM subdomain_records WHERE entry_seq >= ?').pluck().all(seq) as string[];
    this.#sql('DELETE FROM subdomain_records WHERE entry_seq >= ?').run(seq);
    this.#sql('DELETE FROM subdomain_entries WHERE seq >= ?').run(seq);
    for (const fqn of affected) {
      this.#changed.add(fqn);
      this.#recompute(fqn);
    }
  }

  // --- resolution (§8.4) -------------------------------------------------------------------------

  #acceptedTip(fqn: string): SubdomainRow | null {
    const row = this.#sql('SELECT * FROM subdomain_records WHERE fqn = ? AND accepted = 1 ORDER BY sequence DESC, entry_seq DESC LIMIT 1').get(fqn) as SubdomainRow | undefined;
    return row ?? null;
  }

  resolve(fqn: string): SubdomainRecord | null {
    const tip = this.#acceptedTip(fqn);
    return tip === null ? null : rowToRecord(tip);
  }

  history(fqn: string): SubdomainRecord[] {
    const rows = this.#sql('SELECT * FROM subdomain_records WHERE fqn = ? AND accepted = 1 ORDER BY entry_seq').all(fqn) as SubdomainRow[];
    return rows.map(rowToRecord);
  }

  /** Subdomains whose current record names this owner (the reference also lists ones it owned before a transfer). */
  namesOwnedByAddress(address: string): string[] {
    return this.#sql(
      `SELECT r.fqn FROM subdomain_records r WHERE r.owner = ? AND r.accepted = 1
         AND NOT EXISTS (SELECT 1 FROM subdomain_records s WHERE s.fqn = r.fqn AND s.accepted = 1 AND s.sequence > r.sequence)
       ORDER BY r.fqn`,
    )
      .pluck()
      .all(address) as string[];
  }

  subdomainsOf(domain: string): string[] {
    return this.#sql('SELECT DISTINCT fqn FROM subdomain_records WHERE parent = ? AND accepted = 1 ORDER BY fqn').pluck().all(domain) as string[];
  }

  count(): number {
    return this.#sql('SELECT COUNT(DISTINCT fqn) FROM subdomain_records WHERE accepted = 1').pluck().get() as number;
  }

  list(offset: number, limit: number): string[] {
    return this.#sql('SELECT DISTINCT fqn FROM subdomain_records WHERE accepted = 1 ORDER BY fqn LIMIT ? OFFSET ?').pluck().all(limit, offset) as string[];
  }

  operationsAtTxid(txid: string): SubdomainOperationJson[] {
    const rows = this.#sql('SELECT * FROM subdomain_records WHERE txid = ? ORDER BY zonefile_offset').all(txid) as SubdomainRow[];
    return rows.map(rowToOperationJson);
  }

  resolverOf(domain: string): string | null {
    const row = this.#sql(
      "SELECT resolver FROM subdomain_records WHERE domain = ? AND resolver IS NOT NULL AND resolver != '' AND accepted = 1 ORDER BY sequence DESC, entry_seq DESC LIMIT 1",
    )
      .pluck()
      .get(domain) as string | undefined;
    return row ?? null;
  }

  isZonefileHashOf(fqn: string, hash: string): boolean {
    return this.#sql('SELECT 1 FROM subdomain_records WHERE fqn = ? AND zonefile_hash = ? LIMIT 1').get(fqn, hash) !== undefined;
  }

  /** `get_subdomain_DID_info`: the creation's owner, and how many creations that owner made before it. */
  didOf(fqn: string): { address: string; index: number } | null {
    const creation = this.#sql('SELECT * FROM subdomain_records WHERE fqn = ? AND sequence = 0 AND accepted = 1 ORDER BY entry_seq LIMIT 1').get(fqn) as SubdomainRow | undefined;
    if (creation === undefined) return null;
    const index = this.#sql(
      `SELECT COUNT(*) FROM subdomain_records WHERE owner = ? AND sequence = 0 AND accepted = 1
         AND (entry_seq < ? OR (entry_seq = ? AND zonefile_offset < ?))`,
    )
      .pluck()
      .get(creation.owner, creation.entry_seq, creation.entry_seq, creation.zonefile_offset) as number;
    return { address: creation.owner, index };
  }

  resolveDid(owners: readonly string[], index: number): SubdomainRecord | null {
    if (owners.length === 0) return null;
    const fqn = this.#sql(`SELECT fqn FROM subdomain_records WHERE owner IN (${owners.map(() => '?').join(', ')}) AND sequence = 0 AND accepted = 1 ORDER BY entry_seq, zonefile_offset LIMIT 1 OFFSET ?`)
      .pluck()
      .get(...owners, index) as string | undefined;
    return fqn === undefined ? null : this.resolve(fqn);
  }

  waitingEntryCount(): number {
    return this.#sql('SELECT COUNT(*) FROM subdomain_entries WHERE processed = 0').pluck().get() as number;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the subdomain index is closed');
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    this.#listeners.clear();
    this.#statements.clear();
    if (this.#ownsDatabase) this.#db.close();
  }
}
