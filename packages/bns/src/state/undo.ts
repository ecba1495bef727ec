import type { Store } from '../store/store.js';

/*
 * Undoing the tip block (reorganisations: undo k blocks, then apply the new branch). The block's
 * before-images are restored newest first, so the rows end exactly as they were; its history rows,
 * snapshot and tip marker go with it. One store transaction: a crash leaves the block either fully
 * applied or fully undone.
 */
export function undoTipBlock(store: Store, height: number, firstBlock: number): void {
  const tip = store.lastBlock();
  if (tip !== height) throw new RangeError(`can only undo the tip block ${String(tip)}, not ${height}`);
  if (height < store.undoFloor()) throw new RangeError(`block ${height} is beyond the kept undo depth`);
  store.transaction(() => {
    const entries = store.takeUndo(height);
    for (let i = entries.length - 1; i >= 0; i--) {
      const { kind, key, before } = entries[i]!;
      store.setRow(kind, key, before);
    }
    store.removeHistoryAppliedIn(height);
    store.setSnapshot(height, null);
    store.setLastBlock(height === firstBlock ? null : height - 1);
  });
}
