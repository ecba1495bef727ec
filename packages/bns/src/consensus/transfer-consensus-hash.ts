import { invalid } from '@bsk/crypto';

/** What the transfer quirk reads from each entry of a name's history (its `history_data`). */
export interface NameHistoryState {
  readonly op: string;
  readonly consensus_hash: string | null;
  /** The record's `block_number` as that history entry holds it. */
  readonly block_number: number;
  readonly vtxindex: number;
}

/**
 * The `consensus_hash` a NAME_TRANSFER's canonical record carries (bns.md §4.9 quirk, §6.3;
 * blockstack-core `find_transfer_consensus_hash`): walking the name's history from the newest
 * entry back, the consensus hash of the most recent NAME_UPDATE, unless a NAME_REGISTRATION (`:`)
 * or NAME_IMPORT (`;`) comes first; with neither, the transfer's own consensus hash. Renewals,
 * transfers, revokes and preorders are passed over. Entries "from the future" of the transfer
 * (by the entry's block_number and vtxindex, as the reference compares them) are skipped.
 *
 * `history` is oldest first, as the history table orders it (block, then vtxindex).
 */
export function transferConsensusHash(
  history: readonly NameHistoryState[],
  transfer: { readonly blockHeight: number; readonly vtxindex: number; readonly consensusHash: string },
): string {
  if (!Array.isArray(history)) invalid('bad_history', 'expected the name history as a list');
  for (let i = history.length - 1; i >= 0; i--) {
    const state: unknown = history[i];
    if (typeof state !== 'object' || state === null) invalid('bad_history', 'history entries are records');
    if (!isHistoryState(state)) invalid('bad_history', 'a history entry lacks op, block_number or vtxindex');
    const fromTheFuture =
      state.block_number > transfer.blockHeight ||
      (state.block_number === transfer.blockHeight && state.vtxindex > transfer.vtxindex);
    if (fromTheFuture) continue;
    if (state.op === ':' || state.op === ';') return transfer.consensusHash;
    if (state.op === '+') {
      if (typeof state.consensus_hash !== 'string') invalid('bad_history', 'a NAME_UPDATE in the history has no consensus hash');
      return state.consensus_hash;
    }
  }
  return transfer.consensusHash;
}

function isHistoryState(state: object): state is NameHistoryState {
  const { op, block_number: blockNumber, vtxindex } = state as Record<string, unknown>;
  return typeof op === 'string' && typeof blockNumber === 'number' && typeof vtxindex === 'number';
}
