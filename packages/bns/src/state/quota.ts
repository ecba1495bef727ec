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
  return liveNames(params, state, state.namesOwnedBy(sender), height);
}

/** `get_num_names_owned`: the names above plus this block's accepted registrations to `sender`. */
export function namesOwnedCount(params: NetworkParams, state: StateReader, sender: string, height: number): number {
  const rows = state.namesOwnedBy(sender);
  const registeredThisBlock = rows.filter((name) => name.op === ':' && name.first_registered === height).length;
  return liveNames(params, state, rows, height).length + registeredThisBlock;
}

function liveNames(params: NetworkParams, state: StateReader, rows: readonly NameRow[], height: number): NameRow[] {
  const namespaces = new Map<string, NamespaceRow | null>();
  const namespaceOf = (id: string): NamespaceRow | null => {
    if (!namespaces.has(id)) namespaces.set(id, state.getRow('namespace', id));
    return namespaces.get(id) ?? null;
  };
  return rows.filter((name) => !name.revoked && nameExists(params, namespaceOf(name.namespace_id), name, height - 1));
}

export function hasRoomForName(params: NetworkParams, state: StateReader, owner: string, height: number): boolean {
  return namesOwnedCount(params, state, owner, height) < params.maxNamesPerSender;
}
