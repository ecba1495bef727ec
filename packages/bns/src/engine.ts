import type { Block } from '@bsk/bitcoin';
import { genesisSnapshots } from './consensus/genesis.js';
import { NETWORK_PARAMS, type NetworkId, type NetworkParams } from './params.js';
import { applyBlockToStore, type BlockResult } from './state/apply-block.js';
import { undoTipBlock } from './state/undo.js';
import type { Store } from './store/store.js';

/*
 * The BNS engine: the composition root of the naming state machine (STYLE.md lesson 5). It wires
 * one network's parameter table to one store; blocks go in one at a time, in height order from the
 * network's first block; a reorganisation is `undoBlock` down to the fork, then the new blocks.
 */

export interface EngineOptions {
  readonly network: NetworkId | NetworkParams;
  readonly store: Store;
}

export interface Engine {
  readonly params: NetworkParams;
  readonly store: Store;
  /** The last block applied, or null. */
  tip(): number | null;
  applyBlock(block: Block): BlockResult;
  /** Undoes the tip block, which must be `height`. */
  undoBlock(height: number): void;
  consensusHashAt(height: number): string | null;
}

export function createEngine(options: EngineOptions): Engine {
  const params = typeof options.network === 'string' ? NETWORK_PARAMS[options.network] : options.network;
  const { store } = options;
  ensureGenesis(params, store);
  return {
    params,
    store,
    tip: () => store.lastBlock(),
    applyBlock: (block) => applyBlockToStore(params, store, block),
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
