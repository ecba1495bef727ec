import { decodeAddress } from '../address.js';
import { isIndependentSubdomainRecord } from './record.js';
import type { SubdomainRecord } from './record.js';
import { verifySubdomainSignature } from './signature.js';

/*
 * Which records may start or continue a subdomain's history (bns.md §8.3;
 * `check_initial_subdomain`, `check_subdomain_transition` in blockstack-core).
 */

/** A creation: sequence 0, published by the subdomain's own parent domain. */
export function isValidInitialSubdomainRecord(record: SubdomainRecord): boolean {
  return record.sequence === 0 && !isIndependentSubdomainRecord(record);
}

/** Same address up to network: the reference re-encodes both before comparing. */
function sameOwner(a: string, b: string): boolean {
  try {
    const x = decodeAddress(a);
    const y = decodeAddress(b);
    const isP2SH = (v: number) => v === 5 || v === 0xc4;
    return x.hash === y.hash && isP2SH(x.version) === isP2SH(y.version);
  } catch {
    return a === b;
  }
}

/**
 * `next` may follow `previous` iff same fqn, sequence + 1, signed by `previous.owner`, and
 * — when the owner changes (a transfer) — published by the parent domain itself.
 */
export function isValidSubdomainTransition(previous: SubdomainRecord, next: SubdomainRecord): boolean {
  if (previous.fqn !== next.fqn || previous.sequence + 1 !== next.sequence) return false;
  if (!verifySubdomainSignature(next, previous.owner)) return false;
  return sameOwner(previous.owner, next.owner) || !isIndependentSubdomainRecord(next);
}
