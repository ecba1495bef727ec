import type { NamespaceReady } from '../../wire/types.js';
import { isRevealAlive } from '../expiry.js';
import { accepted, historyOf, type Outcome, type RuleContext, write } from '../outcome.js';
import { rejected, type NamespaceRow, type NamingTx } from '../types.js';

/*
 * NAMESPACE_READY (bns.md §4.16): the reveal key opens the namespace for registrations and ends
 * imports. The record keeps the reveal's `address` and `sender_pubkey` but takes this sender (§6.3).
 */
export function checkNamespaceReady(context: RuleContext, tx: NamingTx, operation: NamespaceReady): Outcome {
  const { params, state, height } = context;
  const namespace = state.getRow('namespace', operation.namespaceId);
  // Looked up at the last processed block: a ready in the reveal's own block finds nothing (§4.1a).
  if (namespace === null || !isRevealAlive(params, namespace, height - 1)) return rejected(tx, 'namespace-not-revealed', 'namespace is not revealed');
  if (tx.sender !== namespace.recipient) return rejected(tx, 'wrong-sender', 'only the reveal key can ready the namespace');
  const record: NamespaceRow = { ...namespace, op: '!', ready_block: height, sender: tx.sender, txid: tx.txid, vtxindex: tx.vtxindex };
  return accepted(tx, record, [write('namespace', namespace.namespace_id, record)], [historyOf(namespace.namespace_id, height, tx, record)]);
}
