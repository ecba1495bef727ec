import type { BlockResult, HistoryEntry, Store } from '@bsk/bns';
import type { ZonefileChainEntry } from '../contracts.js';
import type { NameCreation } from './indexer-db.js';

/*
 * What the indexer derives from each applied block for the other parts of the node.
 *
 * Zone-file entries (bns.md §7.2): one per accepted NAME_REGISTRATION, NAME_RENEWAL, NAME_UPDATE or
 * NAME_IMPORT whose resulting value hash is non-null, in transaction order — renewals that keep the
 * hash list it again, transfers never do.
 *
 * Name creations (db.py namedb_get_name_DID_info): history rows carrying a creator address, which the
 * name's DID counts over.
 */

export type ZonefileEntryInput = Omit<ZonefileChainEntry, 'seq'>;

const ZONEFILE_OPCODES = new Set(['NAME_REGISTRATION', 'NAME_RENEWAL', 'NAME_UPDATE', 'NAME_IMPORT']);

function entryOf(history: HistoryEntry): ZonefileEntryInput | null {
  if (!ZONEFILE_OPCODES.has(history.opcode) || history.value_hash === null) return null;
  return { name: history.history_id, blockHeight: history.block_id, vtxindex: history.vtxindex, txid: history.txid, valueHash: history.value_hash };
}

/** A block's zone-file entries, from the engine's result. */
export function zonefileEntriesOf(result: BlockResult): ZonefileEntryInput[] {
  const entries: ZonefileEntryInput[] = [];
  for (const accepted of result.accepted) {
    for (const history of accepted.history) {
      if (history.block_id !== result.height) continue; // a registration also files its preorder at the preorder's block
      const entry = entryOf(history);
      if (entry !== null) entries.push(entry);
    }
  }
  return entries;
}

export function nameCreationsOf(result: BlockResult): NameCreation[] {
  return result.accepted.flatMap((accepted) => accepted.history.flatMap((history) => creationOf(history)));
}

function creationOf(history: HistoryEntry): NameCreation[] {
  // Namespace reveals carry a creator address too; only names (which have a dot) get DIDs.
  if (history.creator_address === null || !history.history_id.includes('.')) return [];
  return [{ creatorAddress: history.creator_address, blockId: history.block_id, vtxindex: history.vtxindex, name: history.history_id }];
}

/** The same entries for blocks [from, to], read back from the name database (repair after a crash). */
export function zonefileEntriesFromStore(store: Store, from: number, to: number): ZonefileEntryInput[] {
  const entries: ZonefileEntryInput[] = [];
  for (const row of store.zonefileHashes(from, to)) {
    const history = store.history(row.name).find((h) => h.txid === row.txid && h.block_id === row.blockHeight);
    const entry = history === undefined ? null : entryOf(history);
    if (entry !== null) entries.push(entry);
  }
  return entries;
}

/** Every name creation in the name database, in chain order (rebuilding the DID index). */
export function nameCreationsFromStore(store: Store): NameCreation[] {
  const creations: NameCreation[] = [];
  for (const namespaceId of store.namespaceIds()) {
    for (const name of store.namesInNamespace(namespaceId)) creations.push(...store.history(name.name).flatMap((h) => creationOf(h)));
  }
  return creations.sort((a, b) => a.blockId - b.blockId || a.vtxindex - b.vtxindex);
}
