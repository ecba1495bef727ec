import { hashName, nameHash128 } from '@bsk/crypto';
import { epochAt, epochHasFeature } from '../../params.js';
import { classifyOutputScript } from '../../wire/extract.js';
import { isNameValid, splitName } from '../../wire/names.js';
import type { NameRegistration } from '../../wire/types.js';
import { isReady, nameExists } from '../expiry.js';
import { accepted, collisionKey, historyOf, type Outcome, type RuleContext, write } from '../outcome.js';
import { checkNamePayment } from '../payment.js';
import { hasRoomForName } from '../quota.js';
import { ownerOutput, preorderKey, rejected, type NameRow, type NamingTx } from '../types.js';

/*
 * NAME_REGISTRATION (`:` with at most 3 outputs; bns.md §4.6). The preorder is found by recomputing
 * its hash from the name, this transaction's sender script and the owner output's address; the fee
 * the preorder paid is checked against the price at the preorder's height (§4.13).
 */
export function checkNameRegistration(context: RuleContext, tx: NamingTx, operation: NameRegistration): Outcome {
  const { params, state, height } = context;
  const last = height - 1; // generic lookups are at the last processed block (§4.1a)
  const fqn = operation.name;
  if (!isNameValid(fqn)) return rejected(tx, 'bad-name', 'invalid name');
  const { namespaceId } = splitName(fqn);
  const namespace = state.getRow('namespace', namespaceId);
  const existing = state.getRow('name', fqn);
  if (existing !== null && nameExists(params, namespace, existing, last)) {
    return rejected(tx, existing.revoked ? 'name-revoked' : 'name-registered', 'name is registered');
  }
  if (namespace === null || !isReady(namespace)) return rejected(tx, 'namespace-not-ready', 'namespace is not ready');
  const owner = ownerOutput(tx);
  if (!hasRoomForName(params, state, owner.script, height)) return rejected(tx, 'quota', 'recipient owns too many names');
  if (!epochHasFeature(params, height, 'multisig') && classifyOutputScript(owner.script) === 'p2sh') {
    return rejected(tx, 'not-in-this-epoch', 'p2sh owners need the multisig epoch');
  }
  const preorder = state.getRow('preorder', preorderKey('?', hashName(fqn, tx.sender, owner.address)));
  if (preorder === null || preorder.op !== '?') return rejected(tx, 'no-preorder', 'no matching preorder');
  const lifetime = namespace.lifetime * epochAt(params, last).lifetimeMultiplier;
  if (preorder.block_number + lifetime <= last) return rejected(tx, 'preorder-expired', 'preorder is older than a name lifetime');
  if (epochHasFeature(params, height, 'fix_preorder_expire') && preorder.block_number + params.namePreorderExpire < height) {
    return rejected(tx, 'preorder-expired', 'preorder expired');
  }
  if (preorder.block_number < namespace.ready_block) return rejected(tx, 'preorder-too-early', 'preorder predates the namespace being ready');
  if (preorder.sender !== tx.sender) return rejected(tx, 'wrong-sender', 'registration not sent by the preorderer');
  const payment = checkNamePayment(params, namespace, fqn, { fee: preorder.op_fee, paidTo: preorder.burn_address, priceHeight: preorder.block_number }, height);
  if (!payment.ok) return rejected(tx, payment.reason, payment.message);
  if (operation.valueHash !== null && !epochHasFeature(params, height, 'op_register_update')) {
    return rejected(tx, 'not-in-this-epoch', 'registration with a zone-file hash needs epoch 3');
  }
  if (operation.tokenFee !== null && operation.tokenFee !== 0n) return rejected(tx, 'tokens-out-of-scope', 'token-paid registration');

  const record: NameRow = {
    op: ':',
    name: fqn,
    value_hash: operation.valueHash,
    sender: owner.script,
    sender_pubkey: tx.senderPubkey, // the payer's key, not the owner's (§6.3)
    address: owner.address,
    // A re-registration after expiry keeps the original row's block number (§4.6 effects).
    block_number: existing?.block_number ?? preorder.block_number,
    preorder_block_number: preorder.block_number,
    first_registered: height,
    last_renewed: height,
    revoked: false,
    txid: tx.txid,
    vtxindex: tx.vtxindex,
    op_fee: preorder.op_fee,
    importer: null,
    importer_address: null,
    consensus_hash: null, // the reference sets None
    last_creation_op: '?',
    preorder_hash: preorder.preorder_hash,
    name_hash128: nameHash128(fqn),
    namespace_id: namespaceId,
    namespace_block_number: namespace.block_number,
    token_fee: '0',
  };
  // The consumed preorder is filed in the name's history at its own block (§4.21).
  const preorderEntry = { ...historyOf(fqn, preorder.block_number, tx, preorder), vtxindex: preorder.vtxindex, txid: preorder.txid };
  return accepted(tx, record, [write('preorder', preorderKey('?', preorder.preorder_hash), null), write('name', fqn, record)], [preorderEntry, historyOf(fqn, height, tx, record, owner.address)], collisionKey('name', fqn));
}
