import { BlockFollower, ReorgTooDeepError, type Block, type ChainBackend, type ChainEvent, type ParsedTransaction } from '@bsk/bitcoin';
import type { BlockResult, Engine } from '@bsk/bns';
import type { Logger } from 'pino';
import type { ZonefileStore } from '../contracts.js';
import { nameCreationsFromStore, nameCreationsOf, zonefileEntriesFromStore, zonefileEntriesOf } from './derived-data.js';
import type { IndexerDb } from './indexer-db.js';

/*
 * The indexer loop (issue 5; bns.md §1.1, §1.3): follows a chain backend's best chain N confirmations
 * behind its tip, applies each block to the BNS engine, and after each block tells the zone-file store
 * which hashes went on chain. A reorganisation is followed by undoing blocks down to the fork (newest
 * first) and applying the new branch. It resumes after a restart from the engine's tip, with the block
 * hashes it recorded, so a fork that happened while it was down is found too.
 */

export interface IndexerOptions {
  readonly backend: ChainBackend;
  readonly engine: Engine;
  readonly db: IndexerDb;
  readonly zonefiles: ZonefileStore;
  /** Confirmations a block needs before it is applied: 0 and 1 both mean "the tip" (bns.md §1.1). */
  readonly confirmations: number;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
  /** Blocks of hashes kept for finding a fork (default 144). */
  readonly reorgMemory?: number;
}

export interface IndexerStatus {
  /** The backend's tip at the last poll (`last_block_seen`), or null before the first poll. */
  readonly lastBlockSeen: number | null;
  /** The last block applied (`last_block_processed`), or null. */
  readonly lastBlockProcessed: number | null;
  /** True while a pass is applying blocks. */
  readonly indexing: boolean;
  /** Time (ms since the epoch) of the last block applied in this run, or null. */
  readonly lastBlockAt: number | null;
}

export type BlockAppliedListener = (result: BlockResult, block: Block) => void;
export type BlockUndoneListener = (height: number) => void;

const DEFAULT_REORG_MEMORY = 144;
const PROGRESS_EVERY_MS = 5_000;
/** Blocks per store transaction while catching up far from the tip. */
const CATCH_UP_GROUP = 100;

/** Only transactions with an OP_RETURN output can carry a naming operation; only theirs need prevouts. */
function carriesData(tx: ParsedTransaction): boolean {
  return tx.outputs.some((output) => output.type === 'nulldata');
}

export class Indexer {
  readonly #options: IndexerOptions;
  readonly #follower: BlockFollower;
  readonly #memory: number;
  readonly #applied = new Set<BlockAppliedListener>();
  readonly #undone = new Set<BlockUndoneListener>();
  #lastBlockSeen: number | null = null;
  #indexing = false;
  #lastBlockAt: number | null = null;
  #abort: AbortController | null = null;
  #loop: Promise<void> | null = null;
  #progress = { at: Date.now(), blocks: 0 };
  #failure: Error | null = null;

  constructor(options: IndexerOptions) {
    this.#options = options;
    const memory = options.reorgMemory ?? DEFAULT_REORG_MEMORY;
    this.#memory = memory;
    this.#repairDerivedData();
    const tip = options.engine.tip();
    options.db.forgetBlocksAbove(tip ?? -1);
    this.#follower = new BlockFollower(options.backend, {
      startHeight: options.engine.params.firstBlock,
      processed: tip === null ? [] : options.db.recentBlocks(tip, memory),
      lag: Math.max(0, options.confirmations - 1),
      memory,
      blockOptions: { prevouts: carriesData },
    });
  }

  status(): IndexerStatus {
    return { lastBlockSeen: this.#lastBlockSeen, lastBlockProcessed: this.#options.engine.tip(), indexing: this.#indexing, lastBlockAt: this.#lastBlockAt };
  }

  /** Why the loop stopped for good (a reorganisation deeper than the undo data), or null. */
  failure(): Error | null {
    return this.#failure;
  }

  onBlockApplied(listener: BlockAppliedListener): () => void {
    this.#applied.add(listener);
    return () => this.#applied.delete(listener);
  }

  onBlockUndone(listener: BlockUndoneListener): () => void {
    this.#undone.add(listener);
    return () => this.#undone.delete(listener);
  }

  /** One pass: brings the engine to the backend's (lagged) tip. Resolves to the number of events handled. */
  async syncOnce(): Promise<number> {
    let events = 0;
    this.#indexing = true;
    // Far from the tip (deeper than any reorganisation the node follows), blocks are applied in
    // groups: one store transaction per group (the engine's group commit), no undo data.
    const pending: Block[] = [];
    const flush = () => {
      if (pending.length > 0) this.#applyGroup(pending.splice(0));
    };
    try {
      this.#lastBlockSeen = (await this.#options.backend.getTip()).height;
      for await (const event of this.#follower.sync()) {
        events++;
        if (event.type === 'connect' && this.#deep(event.block.height)) {
          pending.push(event.block);
          if (pending.length >= CATCH_UP_GROUP) flush();
          continue;
        }
        flush();
        this.#handle(event);
      }
      flush();
      // At the tip: the API's indexes, not kept while a fresh store caught up, are built once
      // (a no-op afterwards; Store.buildQueryIndexes).
      this.#options.engine.store.buildQueryIndexes();
    } finally {
      this.#indexing = false;
    }
    this.#logProgress(true);
    return events;
  }

  /** Whether a block is deeper below the tip last seen than any reorganisation the node follows. */
  #deep(height: number): boolean {
    return this.#lastBlockSeen !== null && this.#lastBlockSeen - height >= this.#memory;
  }

  /** Starts polling; errors of a pass are logged and the next poll retries. */
  start(): void {
    if (this.#loop !== null) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#loop = this.#run(abort.signal);
  }

  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#loop;
    this.#loop = null;
    this.#abort = null;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { logger, pollIntervalMs } = this.#options;
    while (!signal.aborted) {
      try {
        await this.syncOnce();
      } catch (error) {
        if (error instanceof ReorgTooDeepError) {
          this.#failure = error;
          logger.fatal({ err: error }, 'indexer stopped: the chain reorganised deeper than the undo data the node keeps');
          return;
        }
        logger.warn({ err: error }, 'indexer pass failed; retrying');
      }
      await sleep(pollIntervalMs, signal);
    }
  }

  #handle(event: ChainEvent): void {
    if (event.type === 'connect') this.#apply(event.block);
    else this.#undo(event.height);
  }

  #apply(block: Block): void {
    this.#applyGroup([block]);
  }

  /** Applies consecutive blocks (hashes written first), then their derived data, then tells the listeners. */
  #applyGroup(blocks: readonly Block[]): void {
    const { engine, db, zonefiles } = this.#options;
    db.transaction(() => {
      for (const block of blocks) db.rememberBlock({ height: block.height, hash: block.hash });
    });
    const options = this.#lastBlockSeen === null ? {} : { chainTip: this.#lastBlockSeen };
    const results = blocks.length === 1 ? [engine.applyBlock(blocks[0]!, options)] : engine.applyBlocks(blocks, options);
    zonefiles.noteOnChain(results.flatMap((result) => zonefileEntriesOf(result)));
    db.transaction(() => {
      db.addCreations(results.flatMap((result) => nameCreationsOf(result)));
      db.setDerivedThrough(blocks[blocks.length - 1]!.height);
    });
    this.#lastBlockAt = Date.now();
    this.#progress.blocks += blocks.length;
    results.forEach((result, i) => {
      if (result.accepted.length > 0 || result.rejected.length > 0) {
        this.#options.logger.debug({ height: result.height, accepted: result.accepted.length, rejected: result.rejected.map((r) => `${r.type} ${r.txid}: ${r.reason}`) }, 'block applied');
      }
      for (const listener of this.#applied) listener(result, blocks[i]!);
    });
    this.#logProgress(false);
  }

  #undo(height: number): void {
    const { engine, db, zonefiles, logger } = this.#options;
    engine.undoBlock(height);
    zonefiles.forgetOnChainAbove(height - 1);
    db.transaction(() => {
      db.forgetCreationsAbove(height - 1);
      db.forgetBlocksAbove(height - 1);
      db.setDerivedThrough(height - 1);
    });
    logger.info({ height }, 'block undone (reorganisation)');
    for (const listener of this.#undone) listener(height);
  }

  /**
   * The name database commits a block before the zone-file store and the creation index hear of it;
   * a crash in between leaves them behind (or, mid-undo, ahead). Bring them back in line with the engine.
   */
  #repairDerivedData(): void {
    const { engine, db, zonefiles, logger } = this.#options;
    const tip = engine.tip();
    const through = db.derivedThrough();
    if (through === tip) return;
    const floor = tip === null ? -1 : Math.min(through ?? -1, tip);
    zonefiles.forgetOnChainAbove(floor);
    if (tip !== null && tip > floor) zonefiles.noteOnChain(zonefileEntriesFromStore(engine.store, floor + 1, tip));
    db.transaction(() => {
      db.clearCreations();
      db.addCreations(nameCreationsFromStore(engine.store));
      db.setDerivedThrough(tip);
    });
    logger.info({ from: floor + 1, to: tip }, 'derived data repaired after an interrupted block');
  }

  #logProgress(force: boolean): void {
    const now = Date.now();
    const elapsed = now - this.#progress.at;
    if (!force && elapsed < PROGRESS_EVERY_MS) return;
    if (this.#progress.blocks === 0 && force) return;
    const height = this.#options.engine.tip();
    const behindBy = this.#lastBlockSeen === null || height === null ? null : Math.max(0, this.#lastBlockSeen - height);
    const blocksPerSecond = elapsed > 0 ? Math.round((this.#progress.blocks * 1000 * 10) / elapsed) / 10 : 0;
    this.#options.logger.info({ height, behindBy, blocksPerSecond }, 'indexer progress');
    this.#progress = { at: now, blocks: 0 };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
