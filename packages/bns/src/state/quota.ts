import type { NetworkParams } from '../params.js';
import type { StateReader } from '../store/store.js';
import { nameExists } from './expiry.js';

/*
 * Names per owner script (bns.md §4.5.3, §4.6.4; MAX_NAMES_PER_SENDER). Ownership is read at the
 * last processed block L = B − 1 (§4.1a), so names registered earlier in this block would be missed;
 * the reference adds them back explicitly, which here is "first registered at B".
 */
export function namesOwnedCount(params: NetworkParams, state: StateReader, sender: string, height: number): number {
  let count = 0;
  for (const name of state.namesOwnedBy(sender)) {
    const namespace = state.getRow('namespace', name.namespace_id);
    if (name.first_registered === height || nameExists(params, namespace, name, height - 1)) count++;
  }
  return count;
}

export function hasRoomForName(params: NetworkParams, state: StateReader, owner: string, height: number): boolean {
  return namesOwnedCount(params, state, owner, height) < params.maxNamesPerSender;
}
