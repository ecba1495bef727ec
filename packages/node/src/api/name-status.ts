import { epochAt, expireBlock, renewalDeadline, splitName, type NameRow, type NamespaceRow, type NetworkParams } from '@bsk/bns';
import type { ApiContext } from './context.js';
import { ZonefileViews, resolverOfZonefile } from './zonefile-views.js';

/*
 * A name's standing at the node's last block, as the original REST API derives it (blockstack-core
 * blockstackd.py load_name_info and client.py get_name_record): expire block and renewal deadline
 * (−1 when names never expire or the namespace is not ready), "expired" once the last block reaches
 * the renewal deadline, the grace period between expire block and deadline.
 */

export interface NameStanding {
  /** The last block the standing was read at. */
  readonly height: number;
  readonly record: NameRow;
  readonly namespace: NamespaceRow;
  readonly expireBlock: number;
  readonly renewalDeadline: number;
  readonly gracePeriod: boolean;
  /** Past the renewal deadline: the API answers 404 "Name expired". */
  readonly expired: boolean;
}

/**
 * `cacheRow: false` reads the name's row without entering it in the store's rows cache: for callers
 * that cache their whole answer (GET /v1/names/{name}), whose lookups at random would only churn it.
 */
export function nameStanding(context: ApiContext, name: string, cacheRow = true): NameStanding | null {
  const { store, params } = context;
  const height = context.stateCache?.tip() ?? context.engine.tip();
  if (height === null) return null;
  const record = cacheRow ? store.getRow('name', name) : store.nameRowUncached(name);
  if (record === null) return null;
  const namespaceId = splitName(name).namespaceId;
  const namespace = context.stateCache?.namespace(namespaceId) ?? store.getRow('namespace', namespaceId);
  if (namespace === null) return null;
  const expire = expireBlock(params, namespace, record, height) ?? -1;
  const deadline = renewalDeadline(params, namespace, record, height) ?? -1;
  const expired = deadline > 0 && height >= deadline;
  const gracePeriod = deadline > 0 && height >= expire && height < deadline;
  return { height, record, namespace, expireBlock: expire, renewalDeadline: deadline, gracePeriod, expired };
}

/**
 * The first last-block height above the standing's at which it may read differently while the name
 * and its namespace stay untouched: its expire block (the grace period starts), its renewal
 * deadline (it expires), or the next epoch's first block (lifetimes and grace periods are the
 * epoch's); null when none comes.
 */
export function standingChangesAt(params: NetworkParams, standing: NameStanding): number | null {
  const { height } = standing;
  const changes = [standing.expireBlock, standing.renewalDeadline].filter((at) => at > height);
  const epochEnd = epochAt(params, height).endBlock;
  if (epochEnd !== null) changes.push(epochEnd + 1);
  return changes.length === 0 ? null : Math.min(...changes);
}

/** The zone file bytes of a hash, or null when the hash is null or the node lacks the bytes. */
export function zonefileBytes(context: ApiContext, hash: string | null): Uint8Array | null {
  return hash === null ? null : context.zonefiles.get(hash);
}

const decoder = new TextDecoder('utf-8', { fatal: false });
export const bytesToText = (bytes: Uint8Array): string => decoder.decode(bytes);

/**
 * The text of a zone file and the `_resolver` it names, by hash; null when the node lacks it.
 * `remember: false` leaves the view cache as it was (see ZonefileViews.view).
 */
export function zonefileView(context: ApiContext, hash: string | null, remember = true): { text: string; resolver: string | null } | null {
  return (context.zonefileViews ?? new ZonefileViews(context.zonefiles, 1)).view(hash, remember);
}

/** The subdomain resolver a zone file names, or null. */
export function resolverOf(zonefileText: string | null): string | null {
  return zonefileText === null ? null : resolverOfZonefile(zonefileText);
}
