import { invalid } from '@bsk/crypto';

/**
 * The heights whose consensus hashes block `height` mixes in (bns.md §6.4 step 4; virtualchain
 * `snapshot`): `height − (2^i − 1)` for i = 1, 2, 3, … (height−1, −3, −7, −15, …) while that is
 * at least `firstBlock`. The genesis pseudo-snapshots below the first block are never included.
 * Exported so an engine with an asynchronous store can fetch them before snapshotting.
 */
export function previousSnapshotHeights(height: number, firstBlock: number): number[] {
  if (!Number.isSafeInteger(height) || height < 0) invalid('bad_height', 'height must be a non-negative integer');
  if (!Number.isSafeInteger(firstBlock) || firstBlock < 0) {
    invalid('bad_height', 'first block must be a non-negative integer');
  }
  const heights: number[] = [];
  for (let distance = 1; height - distance >= firstBlock; distance = distance * 2 + 1) {
    heights.push(height - distance);
  }
  return heights;
}
