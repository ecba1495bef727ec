import type { NetworkParams } from '../params.js';
import type { StateReader } from '../store/store.js';
import type { RuleContext } from './outcome.js';

/*
 * Consensus-hash freshness (bns.md §4.3): a hash cited at block B is fresh iff it is the stored
 * consensus hash of a block in [B − window, B]. Block B's own hash does not exist yet, so in effect
 * the previous `window` blocks; the genesis pseudo-snapshots count.
 */

/** The distinct consensus hashes of the window, newest first. */
export function recentConsensusHashes(params: NetworkParams, state: StateReader, height: number): string[] {
  const hashes: string[] = [];
  for (let h = height - 1; h >= height - params.consensusHashWindow && h >= 0; h--) {
    const hash = state.consensusHashAt(h);
    if (hash !== null && !hashes.includes(hash)) hashes.push(hash);
  }
  return hashes;
}

/**
 * The window of the context's block. Every operation of a block sees the same window (it holds
 * only earlier blocks), so applyBlockToStore reads it once per block into the context.
 */
export function blockConsensusHashes(context: RuleContext): readonly string[] {
  return context.consensusWindow ?? recentConsensusHashes(context.params, context.state, context.height);
}

export function isConsensusHashFresh(params: NetworkParams, state: StateReader, height: number, consensusHash: string): boolean {
  return recentConsensusHashes(params, state, height).includes(consensusHash);
}
