import type { HistoryEntry, NameRow, NamespaceRow, PreorderRow } from '../state/types.js';

/*
 * The name database behind one interface (DESIGN.md layer 3; bns.md §4.21). Synchronous, because
 * SQLite through better-sqlite3 is, and because the rules read state between every two operations
 * of a block. The state machine writes only inside `transaction`, so a block is applied (or undone)
 * atomically; what it needs to undo a block is recorded through `addUndo` in that same transaction.
 */

/** The tables whose rows the state machine replaces, and so journals for undo. */
export type RowKind = 'name' | 'namespace' | 'preorder' | 'keychain';

export interface RowOf {
  readonly name: NameRow;
  readonly namespace: NamespaceRow;
  readonly preorder: PreorderRow;
  /** A namespace's import keychain: the addresses allowed to send NAME_IMPORTs (bns.md §4.11). */
  readonly keychain: readonly string[];
}

/** Before-image of one row, written before the row changed in block `height`. */
export interface UndoEntry {
  readonly kind: RowKind;
  readonly key: string;
  /** null: the row did not exist. */
  readonly before: RowOf[RowKind] | null;
}

export interface Snapshot {
  readonly consensusHash: string;
  /** null for the genesis pseudo-snapshots. */
  readonly opsHash: string | null;
}

/** What the rules read. */
export interface StateReader {
  getRow<K extends RowKind>(kind: K, key: string): RowOf[K] | null;
  nameByHash128(nameHash128: string): NameRow | null;
  /** Every name row whose owner script is `sender`, expired or not. */
  namesOwnedBy(sender: string): NameRow[];
  /** Every name row of a namespace, expired or not. */
  namesInNamespace(namespaceId: string): NameRow[];
  consensusHashAt(height: number): string | null;
  /**
   * A name's or namespace's history, oldest first (block, then vtxindex, then insertion); with
   * `ops`, only the entries of those ops; with `newest`, only the last `newest` of them.
   */
  history(historyId: string, ops?: readonly string[], newest?: number): HistoryEntry[];
  /** The last block applied, or null before the first. */
  lastBlock(): number | null;
}

/** What applying and undoing a block write. Only valid inside `transaction`. */
export interface StateWriter {
  setRow<K extends RowKind>(kind: K, key: string, row: RowOf[K] | null): void;
  /** `appliedIn` is the block whose application wrote the entry (undo removes by it). */
  addHistory(entry: HistoryEntry, appliedIn: number): void;
  removeHistoryAppliedIn(height: number): void;
  setSnapshot(height: number, snapshot: Snapshot | null): void;
  setLastBlock(height: number | null): void;
  addUndo(height: number, entry: UndoEntry): void;
  /** The block's undo entries in the order they were written, removing them. */
  takeUndo(height: number): UndoEntry[];
  /** Forgets the undo entries of blocks below `belowHeight` (they can no longer be undone). */
  pruneUndo(belowHeight: number): void;
  /** The lowest block that can still be undone (0 when nothing was pruned). */
  undoFloor(): number;
}

/** Read-only queries the REST API needs (bns.md §9). Pages are 0-based. */
export interface StoreQueries {
  /** The name's record as it stood after block `height` (from its history), or null. */
  nameAt(name: string, height: number): NameRow | null;
  /** Names whose current owner address is `address` (rows; callers filter by expiry). */
  namesOwnedByAddress(address: string): NameRow[];
  namespaceIds(): string[];
  namespaceNamesPage(namespaceId: string, page: number, pageSize: number): string[];
  /** Every name row ever registered or imported (expired included). */
  nameCount(): number;
  /** Zone-file hashes set by accepted operations in blocks [from, to], in chain order. */
  zonefileHashes(fromHeight: number, toHeight: number): { readonly name: string; readonly blockHeight: number; readonly txid: string; readonly valueHash: string }[];
  /** History entries filed at block `height`, by vtxindex (what GET …/operations/{height} lists after the pending preorders). */
  historyAtBlock(height: number): HistoryEntry[];
  /** Preorders made in block `height` that are still pending (not yet consumed by a registration or reveal). */
  pendingPreordersAt(height: number): PreorderRow[];
  /** The first history entry written by transaction `txid`, or null (GET …/transactions/{txid}). */
  historyOfTxid(txid: string): HistoryEntry | null;
  /** The highest block whose consensus hash is `consensusHash`, or null. */
  blockOfConsensusHash(consensusHash: string): number | null;
  /**
   * A name's row as getRow('name', …) returns it, read from the database without entering the
   * rows cache: for readers that cache their own answers (the REST API), whose one-off lookups would
   * only evict the rules' working set.
   */
  nameRowUncached(name: string): NameRow | null;
}

export interface Store extends StateReader, StateWriter, StoreQueries {
  /**
   * Runs `fn` atomically: everything it wrote is committed together, or nothing if it throws. With
   * `commit: false` (catch-up), what it wrote is held uncommitted (see TransactionOptions).
   */
  transaction<T>(fn: () => T, options?: TransactionOptions): T;
  /**
   * Builds the indexes that only the StoreQueries (and namesInNamespace) read, if they are missing:
   * they are not kept while a fresh store catches up (sqlite-store.ts), and the first query that
   * needs one builds them otherwise. A catching-up indexer calls this when it reaches the tip.
   */
  buildQueryIndexes(): void;
  /** Every row of every state table, in a canonical order (for comparing two stores in tests). */
  dump(): StoreDump;
  close(): void;
}

export interface TransactionOptions {
  /**
   * false: the transaction's writes are held uncommitted, in memory, and committed together with
   * those of the next transaction that commits (the default), of any other write or query that
   * reaches SQLite, or of close(). This connection reads them meanwhile (lastBlock() included);
   * other connections, and the store reopened after a crash, see the last commit. If a later
   * transaction throws, the held writes are dropped with its own. For a catch-up that commits a
   * larger group of blocks than it applies at a time (a page several blocks dirty is written once).
   * Only the outermost transaction's option counts.
   */
  readonly commit?: boolean;
}

export interface StoreDump {
  readonly rows: readonly string[];
  readonly history: readonly string[];
  readonly snapshots: readonly string[];
  readonly lastBlock: number | null;
}
