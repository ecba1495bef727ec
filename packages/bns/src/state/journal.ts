import type { StateWriter, StateReader } from '../store/store.js';
import type { Accepted } from './outcome.js';

/*
 * Committing an accepted operation (bns.md §1.3 step 3) so that its block can be undone: every row
 * it replaces is first saved as a before-image under the block's height; every history entry is
 * tagged with the block that wrote it. A block too deep below the chain tip to ever be undone is
 * committed without before-images (`journal` false; the engine raises the undo floor past it).
 */
export function commitOperation(store: StateReader & StateWriter, height: number, outcome: Accepted, journal = true): void {
  for (const { kind, key, row } of outcome.writes) {
    if (journal) store.addUndo(height, { kind, key, before: store.getRow(kind, key) });
    store.setRow(kind, key, row);
  }
  for (const entry of outcome.history) store.addHistory(entry, height);
}
