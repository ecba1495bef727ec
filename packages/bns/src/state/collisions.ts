import { checkOperation } from './check/index.js';
import { collisionKey, type RuleContext } from './outcome.js';
import type { NamingTx } from './types.js';

/*
 * The same-block collision pre-scan (bns.md §1.3 step 2, §4.12; virtualchain_hooks `db_scan_block`):
 * before any operation of the block is applied, every state-creating operation — registrations (not
 * renewals) and namespace reveals; imports never collide — is checked against the state as of the
 * previous block. A name or namespace id that two or more of them would create is a collision, and
 * every such creation is then rejected.
 */
export function findCollisions(context: Omit<RuleContext, 'collisions'>, transactions: readonly NamingTx[]): Set<string> {
  const counts = new Map<string, number>();
  const dryRun: RuleContext = { ...context, collisions: new Set() };
  for (const tx of transactions) {
    const key = creationKey(tx);
    if (key === null || !checkOperation(dryRun, tx).accepted) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count > 1).map(([key]) => key));
}

function creationKey(tx: NamingTx): string | null {
  const operation = tx.operation;
  if (operation.type === 'name-registration') return collisionKey('name', operation.name);
  if (operation.type === 'namespace-reveal') return collisionKey('namespace', operation.namespaceId);
  return null;
}
