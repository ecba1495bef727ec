import type { HistoryEntry, NameRow } from '../state/types.js';
import type { RowKind, RowOf, Snapshot, UndoEntry } from './store.js';

/*
 * The writes of the open store transaction that SQLite has not seen yet (sqlite-store.ts sends them
 * in bulk just before the commit). The store answers the rules' reads from here first; this class
 * also says how the pending name rows change what a query of the committed rows by owner or by
 * hash128 returns. It holds no SQL: what is written, and in which order, is the store's business.
 */

export type AnyRow = RowOf[RowKind];

export interface PendingRow {
  /** The row as SQLite holds it (null: none), read before the first write of the transaction. */
  readonly committed: AnyRow | null;
  /** The row as the transaction left it (null: deleted). */
  row: AnyRow | null;
}

export interface PendingHistory {
  readonly entry: HistoryEntry;
  readonly appliedIn: number;
}

export interface PendingUndo {
  readonly height: number;
  readonly seq: number;
  readonly entry: UndoEntry;
}

export class PendingWrites {
  readonly rows: { readonly [K in RowKind]: Map<string, PendingRow> } = { name: new Map(), namespace: new Map(), preorder: new Map(), keychain: new Map() };
  /** In the order they were written (the order gives them their sequence numbers). */
  readonly history: PendingHistory[] = [];
  readonly snapshots = new Map<number, Snapshot | null>();
  /** undefined: not written. */
  lastBlock: number | null | undefined = undefined;
  undo: PendingUndo[] = [];
  /** The highest undo floor set (pruneUndo), undefined: not raised. */
  undoFloor: number | undefined = undefined;
  /** How many writes are pending (0: nothing to send). */
  writes = 0;
  readonly #historyById = new Map<string, HistoryEntry[]>();
  /** Name keys whose pending row is owned by the script (the key). */
  readonly #owned = new Map<string, Set<string>>();
  /** The name key a pending row gave the hash128 (null: a pending row took it away). */
  readonly #hash128 = new Map<string, string | null>();

  /** The pending row of `key`, or undefined when the transaction has not written it. */
  row(kind: RowKind, key: string): PendingRow | undefined {
    return this.rows[kind].get(key);
  }

  /** Records a row write; `before` is the row as it stood before this write (pending or committed). */
  setRow(kind: RowKind, key: string, before: AnyRow | null, row: AnyRow | null): void {
    this.writes++;
    const pending = this.rows[kind].get(key);
    if (pending === undefined) this.rows[kind].set(key, { committed: before, row });
    else pending.row = row;
    if (kind !== 'name') return;
    const [was, now] = [before as NameRow | null, row as NameRow | null];
    if (was !== null) this.#owned.get(was.sender)?.delete(key);
    if (now !== null) {
      let keys = this.#owned.get(now.sender);
      if (keys === undefined) this.#owned.set(now.sender, (keys = new Set()));
      keys.add(key);
    }
    if (was !== null && was.name_hash128 !== now?.name_hash128) this.#hash128.set(was.name_hash128, null);
    if (now !== null) this.#hash128.set(now.name_hash128, key);
  }

  /**
   * The keys of the names `sender` owns, given `committed` (the committed rows' keys, in key order):
   * without the names a pending row gave away or deleted, with those a pending row gave it; in key order.
   */
  namesOwnedBy(sender: string, committed: readonly string[]): string[] {
    const names = this.rows.name;
    const keys = committed.filter((key) => {
      const pending = names.get(key);
      return pending === undefined || (pending.row !== null && (pending.row as NameRow).sender === sender);
    });
    const added = this.#owned.get(sender);
    if (added === undefined || added.size === 0) return keys;
    const all = new Set(keys);
    for (const key of added) all.add(key);
    return [...all].sort(compareKeys);
  }

  /** The name key a pending row gave `nameHash128`: a key, null (taken away), or undefined (not pending). */
  keyOfHash128(nameHash128: string): string | null | undefined {
    return this.#hash128.get(nameHash128);
  }

  addHistory(entry: HistoryEntry, appliedIn: number): void {
    this.writes++;
    this.history.push({ entry, appliedIn });
    let entries = this.#historyById.get(entry.history_id);
    if (entries === undefined) this.#historyById.set(entry.history_id, (entries = []));
    entries.push(entry);
  }

  /** The pending history entries of `historyId`, in the order they were written. */
  historyOf(historyId: string): readonly HistoryEntry[] {
    return this.#historyById.get(historyId) ?? [];
  }

  setSnapshot(height: number, snapshot: Snapshot | null): void {
    this.writes++;
    this.snapshots.set(height, snapshot);
  }

  setLastBlock(height: number | null): void {
    this.writes++;
    this.lastBlock = height;
  }

  addUndo(height: number, seq: number, entry: UndoEntry): void {
    this.writes++;
    this.undo.push({ height, seq, entry });
  }

  /** The next undo sequence number of block `height` among the pending entries (0 when none). */
  nextUndoSeq(height: number): number {
    let next = 0;
    for (const pending of this.undo) if (pending.height === height && pending.seq >= next) next = pending.seq + 1;
    return next;
  }

  /** Raises the undo floor: pending entries below it go at once, committed ones when the writes are sent. */
  pruneUndo(belowHeight: number): void {
    this.writes++;
    this.undoFloor = belowHeight;
    if (this.undo.some((pending) => pending.height < belowHeight)) this.undo = this.undo.filter((pending) => pending.height >= belowHeight);
  }
}

/** SQLite's default (BINARY) collation of the ASCII keys, so lists keep the ORDER BY key order. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
