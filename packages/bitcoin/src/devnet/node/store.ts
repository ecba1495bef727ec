import Database from 'better-sqlite3';
import type { Coin } from '../validation/coins.js';

/**
 * The devnet's SQLite file: every block ever mined (all branches) with its index fields, the
 * active chain, the UTXO set, per-block undo data, a transaction index, the mempool and the
 * watch-only wallet. Writes for one block connect/disconnect happen in one transaction (WAL).
 */

/** Validity of a block in the index: valid, invalid itself, or descending from an invalid block. */
export const BlockStatus = Object.freeze({ Valid: 0, Failed: 1, FailedChild: 2 } as const);
export type BlockStatus = (typeof BlockStatus)[keyof typeof BlockStatus];

export interface StoredBlock {
  readonly hash: string;
  readonly height: number;
  readonly prev: string;
  readonly version: number;
  readonly merkleRoot: string;
  readonly time: number;
  readonly bits: number;
  readonly nonce: number;
  readonly nTx: number;
  readonly size: number;
  readonly strippedSize: number;
  readonly weight: number;
  status: BlockStatus;
  readonly seq: number;
}

export interface SpentCoin extends Coin {
  readonly txid: string;
  readonly vout: number;
}

export type CoinRow = SpentCoin;

export interface MempoolRow {
  readonly txid: string;
  readonly raw: Uint8Array;
  readonly time: number;
}

export interface WatchedRow {
  readonly script: Uint8Array;
  readonly address: string | null;
  readonly label: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS blocks (
  hash TEXT PRIMARY KEY, height INTEGER NOT NULL, prev TEXT NOT NULL, version INTEGER NOT NULL,
  merkle_root TEXT NOT NULL, time INTEGER NOT NULL, bits INTEGER NOT NULL, nonce INTEGER NOT NULL,
  n_tx INTEGER NOT NULL, size INTEGER NOT NULL, stripped_size INTEGER NOT NULL, weight INTEGER NOT NULL,
  status INTEGER NOT NULL, seq INTEGER NOT NULL, raw BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS active_chain (height INTEGER PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS coins (
  txid TEXT NOT NULL, vout INTEGER NOT NULL, value INTEGER NOT NULL, script BLOB NOT NULL,
  height INTEGER NOT NULL, coinbase INTEGER NOT NULL, PRIMARY KEY (txid, vout)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS coins_by_script ON coins (script);
CREATE TABLE IF NOT EXISTS undo (hash TEXT PRIMARY KEY, spent TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tx_index (txid TEXT PRIMARY KEY, block TEXT NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mempool (txid TEXT PRIMARY KEY, raw BLOB NOT NULL, time INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS watched (script BLOB PRIMARY KEY, address TEXT, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface BlockRowDb {
  hash: string;
  height: number;
  prev: string;
  version: number;
  merkle_root: string;
  time: number;
  bits: number;
  nonce: number;
  n_tx: number;
  size: number;
  stripped_size: number;
  weight: number;
  status: number;
  seq: number;
}

interface CoinRowDb {
  txid: string;
  vout: number;
  value: number;
  script: Buffer;
  height: number;
  coinbase: number;
}

function toCoinRow(row: CoinRowDb): CoinRow {
  return {
    txid: row.txid,
    vout: row.vout,
    value: row.value,
    script: new Uint8Array(row.script),
    height: row.height,
    coinbase: row.coinbase === 1,
  };
}

export class ChainStore {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(path: string) {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      insertBlock: db.prepare(
        `INSERT OR IGNORE INTO blocks VALUES (@hash, @height, @prev, @version, @merkleRoot, @time, @bits, @nonce, @nTx, @size, @strippedSize, @weight, @status, @seq, @raw)`,
      ),
      rawBlock: db.prepare('SELECT raw FROM blocks WHERE hash = ?').pluck(),
      allBlocks: db.prepare('SELECT hash, height, prev, version, merkle_root, time, bits, nonce, n_tx, size, stripped_size, weight, status, seq FROM blocks ORDER BY height, seq'),
      setStatus: db.prepare('UPDATE blocks SET status = ? WHERE hash = ?'),
      setActive: db.prepare('INSERT OR REPLACE INTO active_chain (height, hash) VALUES (?, ?)'),
      deleteActive: db.prepare('DELETE FROM active_chain WHERE height = ?'),
      activeChain: db.prepare('SELECT hash FROM active_chain ORDER BY height').pluck(),
      getCoin: db.prepare('SELECT * FROM coins WHERE txid = ? AND vout = ?'),
      addCoin: db.prepare('INSERT OR REPLACE INTO coins VALUES (?, ?, ?, ?, ?, ?)'),
      spendCoin: db.prepare('DELETE FROM coins WHERE txid = ? AND vout = ?'),
      coinsByScript: db.prepare('SELECT * FROM coins WHERE script = ?'),
      coinCount: db.prepare('SELECT count(*) FROM coins').pluck(),
      allCoins: db.prepare('SELECT * FROM coins ORDER BY txid, vout'),
      putUndo: db.prepare('INSERT OR REPLACE INTO undo VALUES (?, ?)'),
      getUndo: db.prepare('SELECT spent FROM undo WHERE hash = ?').pluck(),
      putTx: db.prepare('INSERT OR REPLACE INTO tx_index VALUES (?, ?, ?)'),
      getTx: db.prepare('SELECT block, position FROM tx_index WHERE txid = ?'),
      deleteTx: db.prepare('DELETE FROM tx_index WHERE txid = ?'),
      putMempool: db.prepare('INSERT OR REPLACE INTO mempool VALUES (?, ?, ?, ?)'),
      deleteMempool: db.prepare('DELETE FROM mempool WHERE txid = ?'),
      clearMempool: db.prepare('DELETE FROM mempool'),
      loadMempool: db.prepare('SELECT txid, raw, time FROM mempool ORDER BY seq'),
      addWatched: db.prepare('INSERT OR REPLACE INTO watched VALUES (?, ?, ?)'),
      watched: db.prepare('SELECT script, address, label FROM watched'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)'),
    };
  }

  /** Runs `fn` in one SQLite transaction: all of it is written, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }

  insertBlock(block: StoredBlock, raw: Uint8Array): void {
    this.stmt.insertBlock.run({ ...block, raw: Buffer.from(raw) });
  }

  rawBlock(hash: string): Uint8Array | undefined {
    const raw = this.stmt.rawBlock.get(hash) as Buffer | undefined;
    return raw ? new Uint8Array(raw) : undefined;
  }

  loadBlocks(): StoredBlock[] {
    return (this.stmt.allBlocks.all() as BlockRowDb[]).map((r) => ({
      hash: r.hash,
      height: r.height,
      prev: r.prev,
      version: r.version,
      merkleRoot: r.merkle_root,
      time: r.time,
      bits: r.bits,
      nonce: r.nonce,
      nTx: r.n_tx,
      size: r.size,
      strippedSize: r.stripped_size,
      weight: r.weight,
      status: r.status as BlockStatus,
      seq: r.seq,
    }));
  }

  setStatus(hash: string, status: BlockStatus): void {
    this.stmt.setStatus.run(status, hash);
  }

  setActive(height: number, hash: string): void {
    this.stmt.setActive.run(height, hash);
  }

  deleteActive(height: number): void {
    this.stmt.deleteActive.run(height);
  }

  loadActiveChain(): string[] {
    return this.stmt.activeChain.all() as string[];
  }

  getCoin(txid: string, vout: number): CoinRow | undefined {
    const row = this.stmt.getCoin.get(txid, vout) as CoinRowDb | undefined;
    return row ? toCoinRow(row) : undefined;
  }

  addCoin(coin: SpentCoin): void {
    this.stmt.addCoin.run(coin.txid, coin.vout, coin.value, Buffer.from(coin.script), coin.height, coin.coinbase ? 1 : 0);
  }

  spendCoin(txid: string, vout: number): void {
    this.stmt.spendCoin.run(txid, vout);
  }

  coinsByScript(script: Uint8Array): CoinRow[] {
    return (this.stmt.coinsByScript.all(Buffer.from(script)) as CoinRowDb[]).map(toCoinRow);
  }

  coinCount(): number {
    return this.stmt.coinCount.get() as number;
  }

  allCoins(): CoinRow[] {
    return (this.stmt.allCoins.all() as CoinRowDb[]).map(toCoinRow);
  }

  /** Undo data of a block: for each transaction in block order, the coins it spent. */
  putUndo(hash: string, spentByTx: readonly (readonly SpentCoin[])[]): void {
    const json = spentByTx.map((spent) =>
      spent.map((c) => [c.txid, c.vout, c.value, Buffer.from(c.script).toString('hex'), c.height, c.coinbase ? 1 : 0]),
    );
    this.stmt.putUndo.run(hash, JSON.stringify(json));
  }

  getUndo(hash: string): SpentCoin[][] | undefined {
    const text = this.stmt.getUndo.get(hash) as string | undefined;
    if (text === undefined) return undefined;
    type Row = [string, number, number, string, number, number];
    return (JSON.parse(text) as Row[][]).map((spent) =>
      spent.map(([txid, vout, value, script, height, coinbase]) => ({
        txid,
        vout,
        value,
        script: Uint8Array.from(Buffer.from(script, 'hex')),
        height,
        coinbase: coinbase === 1,
      })),
    );
  }

  putTx(txid: string, block: string, position: number): void {
    this.stmt.putTx.run(txid, block, position);
  }

  getTx(txid: string): { block: string; position: number } | undefined {
    return this.stmt.getTx.get(txid) as { block: string; position: number } | undefined;
  }

  deleteTx(txid: string): void {
    this.stmt.deleteTx.run(txid);
  }

  /** Keeps a mempool transaction; `seq` orders them (parents first) for reloading. */
  putMempool(txid: string, raw: Uint8Array, time: number, seq: number): void {
    this.stmt.putMempool.run(txid, Buffer.from(raw), time, seq);
  }

  deleteMempool(txid: string): void {
    this.stmt.deleteMempool.run(txid);
  }

  clearMempool(): void {
    this.stmt.clearMempool.run();
  }

  loadMempool(): MempoolRow[] {
    return (this.stmt.loadMempool.all() as { txid: string; raw: Buffer; time: number }[]).map((r) => ({
      txid: r.txid,
      raw: new Uint8Array(r.raw),
      time: r.time,
    }));
  }

  addWatched(script: Uint8Array, address: string | null, label: string): void {
    this.stmt.addWatched.run(Buffer.from(script), address, label);
  }

  watched(): WatchedRow[] {
    return (this.stmt.watched.all() as { script: Buffer; address: string | null; label: string }[]).map((r) => ({
      script: new Uint8Array(r.script),
      address: r.address,
      label: r.label,
    }));
  }

  getMeta(key: string): string | undefined {
    return this.stmt.getMeta.get(key) as string | undefined;
  }

  setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }
}
