import { epochAt, type NetworkParams } from '../params.js';
import type { NameRow, NamespaceRow } from './types.js';

/*
 * Expiry, renewal deadline and grace period, exactly as bns.md §4.20 states them. The multiplier and
 * grace are those of the epoch of the height asked about, not of the registration (§4.4 notes).
 * Callers pass the reference height the reference uses (§4.1a): L = B − 1 for "does it exist",
 * B for the grace test and revoke's expiry test.
 */

type NamespaceTimes = Pick<NamespaceRow, 'op' | 'lifetime' | 'ready_block' | 'reveal_block'>;
type NameTimes = Pick<NameRow, 'first_registered' | 'last_renewed'>;

/** A revealed (not ready) namespace lives for `namespaceRevealExpire` blocks from its reveal. */
export function isRevealAlive(params: NetworkParams, namespace: NamespaceTimes, height: number): boolean {
  return namespace.op === '&' && namespace.reveal_block <= height && height < namespace.reveal_block + params.namespaceRevealExpire;
}

export function isReady(namespace: NamespaceTimes | null): boolean {
  return namespace !== null && namespace.op === '!';
}

/** `expire_block`, or null when names of this namespace do not expire (infinite lifetime, or not ready). */
export function expireBlock(params: NetworkParams, namespace: NamespaceTimes, name: NameTimes, height: number): number | null {
  if (namespace.op !== '!' || namespace.lifetime === params.namespaceLifeInfinite) return null;
  const lifetime = namespace.lifetime * epochAt(params, height).lifetimeMultiplier;
  return Math.max(namespace.ready_block, name.last_renewed) + lifetime;
}

/** `renewal_deadline` = expire_block + grace, or null when names never expire. */
export function renewalDeadline(params: NetworkParams, namespace: NamespaceTimes, name: NameTimes, height: number): number | null {
  const expire = expireBlock(params, namespace, name, height);
  return expire === null ? null : expire + epochAt(params, height).gracePeriod;
}

/**
 * Whether the name "exists" at `height` (the lookups used for consensus; revoked names exist):
 * registered by then, and either in a live reveal or within its lifetime plus grace — note the reference's `>` vs `≥` asymmetry.
 */
export function nameExists(params: NetworkParams, namespace: NamespaceTimes | null, name: NameTimes, height: number): boolean {
  // No filter on the reveal a name was imported in: the reference's query (db.py
  // namedb_select_where_unexpired_names) has none, so imports of an expired reveal come back if the
  // id is revealed again.
  if (namespace === null || name.first_registered > height) return false;
  if (namespace.op === '&') return isRevealAlive(params, namespace, height);
  if (namespace.lifetime === params.namespaceLifeInfinite) return true;
  const epoch = epochAt(params, height);
  const span = namespace.lifetime * epoch.lifetimeMultiplier + epoch.gracePeriod;
  return namespace.ready_block + span > height || name.last_renewed + span >= height;
}

/**
 * "Expired" as the reference's `is_name_expired` means it: the name does not exist at `height`
 * (lifetime and grace both over). A name in its grace period is not expired in this sense.
 */
export function isExpired(params: NetworkParams, namespace: NamespaceTimes | null, name: NameTimes, height: number): boolean {
  return !nameExists(params, namespace, name, height);
}

/** In the grace period at `height`: it exists and expire_block ≤ height < renewal_deadline (only renewals then). */
export function inGracePeriod(params: NetworkParams, namespace: NamespaceTimes, name: NameTimes, height: number): boolean {
  if (!nameExists(params, namespace, name, height)) return false;
  const expire = expireBlock(params, namespace, name, height);
  if (expire === null) return false;
  return expire <= height && height < expire + epochAt(params, height).gracePeriod;
}
