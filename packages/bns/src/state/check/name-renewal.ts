import { epochHasFeature } from '../../params.js';
import { isNameValid, splitName } from '../../wire/names.js';
import type { NameRenewal } from '../../wire/types.js';
import { isReady, nameExists } from '../expiry.js';
import { accepted, historyOf, type Outcome, type RuleContext, write } from '../outcome.js';
import { checkNamePayment } from '../payment.js';
import { hasRoomForName } from '../quota.js';
import { ownerOutput, rejected, type NameRow, type NamingTx } from '../types.js';

/*
 * NAME_RENEWAL (`:` with 4 or more outputs; bns.md §4.7). The only operation accepted in the grace
 * period. From epoch 3 a renewal may also transfer (output 1 is the new owner) and set a zone-file
 * hash. The fee (output 3) is priced at the current block.
 */
export function checkNameRenewal(context: RuleContext, tx: NamingTx, operation: NameRenewal): Outcome {
  const { params, state, height } = context;
  const fqn = operation.name;
  if (!isNameValid(fqn)) return rejected(tx, 'bad-name', 'invalid name');
  const namespace = state.getRow('namespace', splitName(fqn).namespaceId);
  const name = state.getRow('name', fqn);
  if (name === null || !nameExists(params, namespace, name, height - 1)) return rejected(tx, 'name-not-registered', 'name is not registered');
  if (name.revoked) return rejected(tx, 'name-revoked', 'name is revoked');
  if (namespace === null || !isReady(namespace)) return rejected(tx, 'namespace-not-ready', 'namespace is not ready');
  const owner = ownerOutput(tx);
  // The reference counts the recipient's names unconditionally, so an owner of 25 names cannot renew.
  if (!hasRoomForName(params, state, owner.script, height)) return rejected(tx, 'quota', 'recipient owns too many names');
  if (tx.sender !== name.sender) return rejected(tx, 'not-owner', 'sender does not own the name');
  if (!epochHasFeature(params, height, 'op_renew_transfer_update') && owner.script !== tx.sender) {
    return rejected(tx, 'not-in-this-epoch', 'renewal with transfer needs epoch 3');
  }
  const fee = tx.outputs.fee;
  if (fee === null) return rejected(tx, 'bad-payment', 'no fee output');
  if (operation.tokenFee !== null && operation.tokenFee !== 0n) return rejected(tx, 'tokens-out-of-scope', 'token-paid renewal');
  const payment = checkNamePayment(params, namespace, fqn, { fee: fee.value, paidTo: fee.address, priceHeight: height }, height);
  if (!payment.ok) return rejected(tx, payment.reason, payment.message);

  const keepsValue = operation.valueHash === null || !epochHasFeature(params, height, 'op_register_update');
  const record: NameRow = {
    ...name,
    op: '::',
    sender: owner.script,
    address: owner.address,
    value_hash: keepsValue ? name.value_hash : operation.valueHash,
    last_renewed: height,
    op_fee: fee.value,
    txid: tx.txid,
    vtxindex: tx.vtxindex,
  };
  return accepted(tx, record, [write('name', fqn, record)], [historyOf(fqn, height, tx, record)]);
}
