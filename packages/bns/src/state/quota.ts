import type { NetworkParams } from '../params.js';
import type { StateReader } from '../store/store.js';
import { nameExists } from './expiry.js';
import type { NameRow, NamespaceRow } from './types.js';

/*
 * Names per owner script (bns.md §4.5.3, §4.6.4; MAX_NAMES_PER_SENDER). The reference has two counts:
 * `get_names_owned_by_sender` (unrevoked names that exist at the last processed block L = B − 1,
 * §4.1a) for transfers and updates, and `get_num_names_owned`, which adds the registrations already
 * accepted in this block (they are not visible at L), for preorders, registrations and renewals.
 */

/** Unrevoked names owned by `sender` that exist at block `height − 1`. */
export function namesOwnedBy(params: NetworkParams, state: StateReader, sender: string, height: number): string[] {
  return liveNamesOwnedBy(params, state, sender, height).map((name) => name.name);
}

/** The rows of namesOwnedBy(). */
export function liveNamesOwnedBy(params: NetworkParams, state: StateReader, sender: string, height: number): NameRow[] {
  const live: NameRow[] = [];
  liveNames(params, state, state.namesOwnedBy(sender), height, live);
  return live;
}

/** `get_num_names_owned`: the names above plus this block's accepted registrations to `sender`. */
export function namesOwnedCount(params: NetworkParams, state: StateReader, sender: string, height: number): number {
  const rows = state.namesOwnedBy(sender);
  let count = 0;
  for (const name of rows) if (name.op === ':' && name.first_registered === height) count++;
  return count + liveNames(params, state, rows, height, null);
}

/**
 * How many of `rows` are unrevoked and exist at `height − 1`, pushed to `live` when given. One loop,
 * no map: a sender's names mostly share a namespace, so the last namespace read is kept.
 */
function liveNames(params: NetworkParams, state: StateReader, rows: readonly NameRow[], height: number, live: NameRow[] | null): number {
  let count = 0;
  let namespaceId: string | null = null;
  let namespace: NamespaceRow | null = null;
  for (const name of rows) {
    if (name.revoked) continue;
    if (name.namespace_id !== namespaceId) {
      namespaceId = name.namespace_id;
      namespace = state.getRow('namespace', namespaceId);
    }
    if (!nameExists(params, namespace, name, height - 1)) continue;
    count++;
    live?.push(name);
  }
  return count;
}

export function hasRoomForName(params: NetworkParams, state: StateReader, owner: string, height: number): boolean {
  return namesOwnedCount(params, state, owner, height) < params.maxNamesPerSender;
}
