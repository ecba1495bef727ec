import type { NetworkParams } from '../params.js';
import type { StateReader, StoreQueries } from '../store/store.js';
import { splitName } from '../wire/names.js';
import { expireBlock, inGracePeriod, nameExists, renewalDeadline } from './expiry.js';
import type { NameRow, NamespaceRow } from './types.js';

/*
 * Name lookups as the node's API answers them (bns.md §4.20, §9.2): a name is returned while it
 * exists (through its grace period, revoked or not), with its expiry block, renewal deadline and
 * whether it is in the grace period. Heights default to the last block applied.
 */

export interface NameStatus {
  readonly record: NameRow;
  readonly namespace: NamespaceRow;
  /** null when names of the namespace never expire (the REST API reports -1) or it is not ready yet. */
  readonly expireBlock: number | null;
  readonly renewalDeadline: number | null;
  readonly gracePeriod: boolean;
}

export function lookupName(params: NetworkParams, state: StateReader, fqn: string, height: number | null = state.lastBlock()): NameStatus | null {
  if (height === null) return null;
  const record = state.getRow('name', fqn);
  const namespace = state.getRow('namespace', splitName(fqn).namespaceId);
  if (record === null || namespace === null || !nameExists(params, namespace, record, height)) return null;
  return {
    record,
    namespace,
    expireBlock: expireBlock(params, namespace, record, height),
    renewalDeadline: renewalDeadline(params, namespace, record, height),
    gracePeriod: inGracePeriod(params, namespace, record, height),
  };
}

/** Names that exist at `height` (or every name ever registered, with `includeExpired`). */
export function countNames(params: NetworkParams, state: StateReader & Pick<StoreQueries, 'namespaceIds' | 'nameCount'>, options: { readonly height?: number | null; readonly includeExpired?: boolean } = {}): number {
  if (options.includeExpired === true) return state.nameCount();
  const height = options.height ?? state.lastBlock();
  if (height === null) return 0;
  let count = 0;
  for (const namespaceId of state.namespaceIds()) {
    const namespace = state.getRow('namespace', namespaceId);
    for (const name of state.namesInNamespace(namespaceId)) if (nameExists(params, namespace, name, height)) count++;
  }
  return count;
}
