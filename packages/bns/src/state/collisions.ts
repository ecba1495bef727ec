import { checkOperation } from './check/index.js';
import { collisionKey, type RuleContext } from './outcome.js';
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
  const contested = contestedKeys(transactions);
  for (const tx of transactions) {
    const key = creationKey(tx);
    if (key === null || !contested.has(key)) continue;
    const outcome = checkOperation(context, tx);
    if (outcome.accepted && outcome.claim !== null && seen.claim(outcome.claim)) collided.add(outcome.claim);
  }
  return collided;
}

/**
 * The key an accepted registration or reveal claims is its name or namespace id, so only keys that
 * two or more of the block's creations name can collide; only those need the dry run.
 */
function contestedKeys(transactions: readonly NamingTx[]): Set<string> {
  const named = new Set<string>();
  const contested = new Set<string>();
  for (const tx of transactions) {
    const key = creationKey(tx);
    if (key === null) continue;
    if (named.has(key)) contested.add(key);
    else named.add(key);
  }
  return contested;
}

function creationKey(tx: NamingTx): string | null {
  const { operation } = tx;
  if (operation.type === 'name-registration') return collisionKey('name', operation.name);
  if (operation.type === 'namespace-reveal') return collisionKey('namespace', operation.namespaceId);
  return null;
}
