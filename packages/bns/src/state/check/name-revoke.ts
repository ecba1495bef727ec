import { isNameValid, splitName } from '../../wire/names.js';
import type { NameRevoke } from '../../wire/types.js';
import { inGracePeriod, isExpired, isReady, nameExists } from '../expiry.js';
import { accepted, historyOf, type Outcome, type RuleContext, write } from '../outcome.js';
import { rejected, type NameRow, type NamingTx } from '../types.js';

/*
 * NAME_REVOKE (bns.md §4.10): the owner kills the name until it expires. Expiry and grace are
 * tested at the current block B here, not at the last processed block.
 */
export function checkNameRevoke(context: RuleContext, tx: NamingTx, operation: NameRevoke): Outcome {
  const { params, state, height } = context;
  const fqn = operation.name;
  if (!isNameValid(fqn)) return rejected(tx, 'bad-name', 'invalid name');
  const namespace = state.getRow('namespace', splitName(fqn).namespaceId);
  const name = state.getRow('name', fqn);
  if (name === null || !nameExists(params, namespace, name, height - 1)) return rejected(tx, 'name-not-registered', 'no such name');
  if (namespace === null || !isReady(namespace)) return rejected(tx, 'namespace-not-ready', 'namespace is not ready');
  if (name.revoked) return rejected(tx, 'name-revoked', 'name is already revoked');
  if (isExpired(params, namespace, name, height)) return rejected(tx, 'name-expired', 'name is expired');
  if (inGracePeriod(params, namespace, name, height)) return rejected(tx, 'grace-period', 'only renewals are accepted in the grace period');
  if (name.sender !== tx.sender) return rejected(tx, 'not-owner', 'sender does not own the name');

  const record: NameRow = { ...name, op: '~', revoked: true, value_hash: null, txid: tx.txid, vtxindex: tx.vtxindex };
  return accepted(tx, record, [write('name', fqn, record)], [historyOf(fqn, height, tx, record)]);
}
