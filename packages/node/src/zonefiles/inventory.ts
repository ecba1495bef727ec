import type { ZonefileChainEntry, ZonefileStore } from '../contracts.js';

/*
 * What Atlas needs of a zone-file store beyond the contract (bns.md §7.2, §7.5): the inventory
 * vector (which on-chain rows this node has the bytes of) and the rows it still lacks, read in
 * bulk, and a batch put, so replicating many zone files costs one transaction per batch.
 */
export interface ZonefileInventory extends ZonefileStore {
  /**
   * The inventory vector's bits for rows `[fromSeq, fromSeq + count)`, packed MSB-first (bit i of
   * the range is byte i/8, bit 7 − i mod 8; bns.md §7.2). Rows past the end are 0.
   */
  inventoryBits(fromSeq: number, count: number): Uint8Array;
  /** On-chain rows with `seq >= fromSeq` whose zone file is not stored, in chain order, at most `limit`. */
  missingFrom(fromSeq: number, limit: number): ZonefileChainEntry[];
  /** `put` of each item, in one transaction; listeners fire after it commits. */
  putMany(items: readonly Uint8Array[]): ReturnType<ZonefileStore['put']>[];
}

/** Bit `index` of an MSB-first packed bit vector (bns.md §7.2); false past its end. */
export function inventoryBit(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  return byte !== undefined && (byte & (0x80 >> (index & 7))) !== 0;
}

/** Packs booleans MSB-first, zero-padding the final byte (bns.md §7.2). */
export function packInventoryBits(present: readonly boolean[]): Uint8Array {
  const bits = new Uint8Array(Math.ceil(present.length / 8));
  present.forEach((isPresent, index) => {
    if (isPresent) bits[index >> 3]! |= 0x80 >> (index & 7);
  });
  return bits;
}
