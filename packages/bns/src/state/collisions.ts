import { checkOperation } from './check/index.js';
import type { RuleContext } from './outcome.js';
import type { NamingTx } from './types.js';

/*
 * Same-block collisions (bns.md §1.3 step 2, §4.12; blockstack-core virtualchain_hooks
 * `db_scan_block` and namedb `check_collision`). Each accepted registration, namespace reveal and
 * preorder claims its name, namespace id or preorder hash for the block; a second claim of the same
 * key in the block is a collision and is rejected. Before any operation is applied, the pre-scan
 * dry-runs the block's state-creating operations (registrations — not renewals — and reveals;
 * imports never collide) against the state as of the previous block: every key two of them would
 * claim starts the block as already collided, so all of those creations are rejected.
 */
export class BlockCollisions {
  readonly #claimed: Set<string>;

  constructor(collided: Iterable<string> = []) {
    this.#claimed = new Set(collided);
  }

  /** Claims `key`; true when it was already claimed in this block (a collision). */
  claim(key: string): boolean {
    if (this.#claimed.has(key)) return true;
    this.#claimed.add(key);
    return false;
  }
}

/** The keys that two or more of the block's state-creating operations would claim. */
export function findCollisions(context: RuleContext, transactions: readonly NamingTx[]): Set<string> {
  const seen = new BlockCollisions();
  const collided = new Set<string>();
  for (const tx of transactions) {
    if (tx.operation.type !== 'name-registration' && tx.operation.type !== 'namespace-reveal') continue;
    const outcome = checkOperation(context, tx);
    if (outcome.accepted && outcome.claim !== null && seen.claim(outcome.claim)) collided.add(outcome.claim);
  }
  return collided;
}
