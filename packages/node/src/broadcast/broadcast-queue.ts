import { join } from 'node:path';
import Database from 'better-sqlite3';

/*
 * The broadcaster's durable queue (`broadcast.db`), so a restart keeps pending registrations: each row
 * is a transaction or a zone file waiting for another transaction to reach some confirmations
 * (the original transaction-broadcaster's watch_tx_with_tx_queue / watch_tx_with_zf_queue).
 */

export type QueuedKind = 'transaction' | 'zonefile';
export type QueuedState = 'waiting' | 'done' | 'failed';

export interface QueuedItem {
  readonly id: number;
  readonly kind: QueuedKind;
  /** Raw transaction hex, or the zone file's text. */
  readonly payload: string;
  /** The transaction to broadcast's own id (transactions only). */
  readonly txid: string | null;
  readonly watchTxid: string;
  readonly confirmations: number;
  /** Milliseconds since the epoch. */
  readonly receivedAt: number;
  readonly state: QueuedState;
  readonly error: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  txid TEXT,
  watch_txid TEXT NOT NULL,
  confirmations INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'waiting',
  error TEXT
);
CREATE INDEX IF NOT EXISTS queue_by_state ON queue (state, id);
`;

export const BROADCAST_DB_FILE = 'broadcast.db';

interface QueueRow {
  id: number;
  kind: QueuedKind;
  payload: string;
  txid: string | null;
  watch_txid: string;
  confirmations: number;
  received_at: number;
  state: QueuedState;
  error: string | null;
}

const toItem = (row: QueueRow): QueuedItem => ({
  id: row.id,
  kind: row.kind,
  payload: row.payload,
  txid: row.txid,
  watchTxid: row.watch_txid,
  confirmations: row.confirmations,
  receivedAt: row.received_at,
  state: row.state,
  error: row.error,
});

export class BroadcastQueue {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  static open(directory: string): BroadcastQueue {
    const db = new Database(join(directory, BROADCAST_DB_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return new BroadcastQueue(db);
  }

  add(item: Omit<QueuedItem, 'id' | 'state' | 'error'>): number {
    const result = this.#db
      .prepare('INSERT INTO queue (kind, payload, txid, watch_txid, confirmations, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(item.kind, item.payload, item.txid, item.watchTxid, item.confirmations, item.receivedAt);
    return Number(result.lastInsertRowid);
  }

  /** Several items at once, all or none. */
  addAll(items: readonly Omit<QueuedItem, 'id' | 'state' | 'error'>[]): number[] {
    return this.#db.transaction(() => items.map((item) => this.add(item)))();
  }

  waiting(): QueuedItem[] {
    return (this.#db.prepare("SELECT * FROM queue WHERE state = 'waiting' ORDER BY id").all() as QueueRow[]).map(toItem);
  }

  all(): QueuedItem[] {
    return (this.#db.prepare('SELECT * FROM queue ORDER BY id').all() as QueueRow[]).map(toItem);
  }

  finish(id: number, state: Exclude<QueuedState, 'waiting'>, error: string | null = null): void {
    this.#db.prepare('UPDATE queue SET state = ?, error = ? WHERE id = ?').run(state, error, id);
  }

  close(): void {
    this.#db.close();
  }
}
