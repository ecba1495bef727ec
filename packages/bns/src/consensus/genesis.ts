import type { NetworkParams } from '../params.js';

/**
 * The genesis pseudo-snapshots to store before indexing (bns.md §4.3, §10; blockstack-core
 * `GENESIS_SNAPSHOT`): heights firstBlock−4 … firstBlock−1 carry the network's genesis consensus
 * hash, so the first operations have a fresh hash to cite. They are stored like real snapshots
 * but never enter a skip list (§6.4, `previousSnapshotHeights`).
 */
export function genesisSnapshots(params: Pick<NetworkParams, 'firstBlock' | 'genesisConsensusHash'>): ReadonlyMap<number, string> {
  const snapshots = new Map<number, string>();
  for (let height = params.firstBlock - 4; height < params.firstBlock; height++) {
    snapshots.set(height, params.genesisConsensusHash);
  }
  return snapshots;
}
