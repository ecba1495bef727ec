import type { Block } from '@bsk/bitcoin';
import { LruCache } from '@bsk/crypto';
import { genesisSnapshots } from './consensus/genesis.js';
import { NETWORK_PARAMS, type NetworkId, type NetworkParams } from './params.js';
import { applyBlockInTransaction, type BlockResult } from './state/apply-block.js';
import type { RuleHints } from './state/outcome.js';
import type { ScriptAddressCache } from './wire/extract.js';
import { undoTipBlock } from './state/undo.js';
import type { Store } from './store/store.js';

/*
 * The BNS engine: the composition root of the naming state machine (STYLE.md lesson 5). It wires
 * one network's parameter table to one store; blocks go in one at a time, in height order from the
 * network's first block; a reorganisation is `undoBlock` down to the fork, then the new blocks.
 */

/** Sender and output addresses kept by script (scan.ts). */
const ADDRESS_CACHE_SIZE = 50_000;

export interface EngineOptions {
  readonly network: NetworkId | NetworkParams;
  readonly store: Store;
  /**
   * Deepest reorganisation to keep undo data for; older blocks' undo entries are pruned as blocks
   * are applied. Default: keep everything.
   */
  readonly maxReorgDepth?: number;
}

export interface ApplyOptions {
  /**
   * The height of the best chain's tip as the caller knows it. Blocks more than `maxReorgDepth`
   * below it can never be undone, so they are applied without undo data.
   */
  readonly chainTip?: number;
  /**
   * false (catch-up): the blocks' writes are held uncommitted and committed with the next call
   * that commits (the default), so one commit covers several calls' blocks (Store
   * TransactionOptions: a crash, or a later call that throws, loses the held blocks too, and
   * tip() says where the store stands).
   */
  readonly commit?: boolean;
}

export interface Engine {
  readonly params: NetworkParams;
  readonly store: Store;
  /** The last block applied, or null. */
  tip(): number | null;
  applyBlock(block: Block, options?: ApplyOptions): BlockResult;
  /**
   * Applies consecutive blocks in one store transaction (group commit, for catch-up): all of them
   * are committed together, or — if one throws — none is.
   */
  applyBlocks(blocks: readonly Block[], options?: ApplyOptions): BlockResult[];
  /** Undoes the tip block, which must be `height` (and within `maxReorgDepth` of the highest block applied). */
  undoBlock(height: number): void;
  consensusHashAt(height: number): string | null;
}

export function createEngine(options: EngineOptions): Engine {
  const params = typeof options.network === 'string' ? NETWORK_PARAMS[options.network] : options.network;
  const { store } = options;
  ensureGenesis(params, store);
  const { maxReorgDepth } = options;
  const addresses: ScriptAddressCache = new LruCache(ADDRESS_CACHE_SIZE);
  const hints: RuleHints = { updateCited: null };
  const apply = (block: Block, applyOptions: ApplyOptions): BlockResult => {
    // A block at least maxReorgDepth below the known tip can never be undone: no before-images,
    // and the undo floor moves past it (so an attempt to undo it is refused, not half done).
    const journal = maxReorgDepth === undefined || applyOptions.chainTip === undefined || applyOptions.chainTip - block.height < maxReorgDepth;
    const result = applyBlockInTransaction(params, store, block, { journal, addresses, hints });
    if (maxReorgDepth !== undefined) store.pruneUndo(journal ? block.height - maxReorgDepth + 1 : block.height + 1);
    return result;
  };
  return {
    params,
    store,
    tip: () => store.lastBlock(),
    applyBlock: (block, applyOptions = {}) => store.transaction(() => apply(block, applyOptions), { commit: applyOptions.commit }),
    applyBlocks: (blocks, applyOptions = {}) => store.transaction(() => blocks.map((block) => apply(block, applyOptions)), { commit: applyOptions.commit }),
    undoBlock: (height) => undoTipBlock(store, height, params.firstBlock),
    consensusHashAt: (height) => store.consensusHashAt(height),
  };
}

/** The genesis pseudo-snapshots (bns.md §4.3) are stored once, before the first block. */
function ensureGenesis(params: NetworkParams, store: Store): void {
  const snapshots = genesisSnapshots(params);
  const missing = [...snapshots].filter(([height]) => store.consensusHashAt(height) === null);
  if (missing.length === 0) return;
  store.transaction(() => {
    for (const [height, consensusHash] of missing) store.setSnapshot(height, { consensusHash, opsHash: null });
  });
}
