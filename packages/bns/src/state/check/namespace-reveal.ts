import { hashName } from '@bsk/crypto';
import { NAMESPACE_VERSION, epochHasFeature } from '../../params.js';
import { paysAtLeast, priceNamespace } from '../../price.js';
import { isNamespaceIdValid } from '../../wire/names.js';
import type { NamespaceReveal } from '../../wire/types.js';
import { isReady, isRevealAlive } from '../expiry.js';
import { accepted, collisionKey, historyOf, type Outcome, type RuleContext, write } from '../outcome.js';
import { ownerOutput, preorderKey, rejected, type NamespaceRow, type NamingTx } from '../types.js';

/*
 * NAMESPACE_REVEAL (bns.md §4.15): the preorderer reveals the id and its price curve, naming the
 * reveal address (output 1) that will import names and ready the namespace. The preorder is
 * consumed; the reference never enforces its 144-block expiry.
 */
export function checkNamespaceReveal(context: RuleContext, tx: NamingTx, operation: NamespaceReveal): Outcome {
  const { params, state, height } = context;
  const id = operation.namespaceId;
  if (!isNamespaceIdValid(id)) return rejected(tx, 'bad-name', 'invalid namespace id');
  const existing = state.getRow('namespace', id);
  if (existing !== null && (isReady(existing) || isRevealAlive(params, existing, height - 1))) return rejected(tx, 'namespace-exists', 'namespace is already revealed or ready');
  const reveal = ownerOutput(tx);
  const preorder = state.getRow('preorder', preorderKey('*', hashName(id, tx.sender, reveal.address)));
  if (preorder === null || preorder.op !== '*') return rejected(tx, 'no-preorder', 'no matching namespace preorder');
  if (preorder.sender !== tx.sender) return rejected(tx, 'wrong-sender', 'reveal not sent by the preorderer');
  const versionFeature = VERSION_FEATURE[operation.version];
  if (versionFeature === undefined) return rejected(tx, 'namespace-version', `unknown namespace version ${operation.version}`);
  if (versionFeature !== null && !epochHasFeature(params, height, versionFeature)) return rejected(tx, 'not-in-this-epoch', `version ${operation.version} is not allowed in this epoch`);
  if (operation.version === NAMESPACE_VERSION.PAY_WITH_STACKS) return rejected(tx, 'tokens-out-of-scope', 'pay-with-STACKS namespaces are out of scope');
  const price = priceNamespace(params, id, height, 'BTC');
  // Python 2 quirk: a missing price compares as "not greater", so the check passes (§4.15 step 5).
  if (price !== null && !paysAtLeast(preorder.op_fee, price)) return rejected(tx, 'fee-too-low', 'namespace preorder fee is below the price');

  const record: NamespaceRow = {
    op: '&',
    namespace_id: id,
    preorder_hash: preorder.preorder_hash,
    version: operation.version,
    sender: tx.sender,
    sender_pubkey: tx.senderPubkey,
    address: tx.senderAddress,
    recipient: reveal.script,
    recipient_address: reveal.address,
    // A re-reveal after the previous reveal expired keeps the first record's block number.
    block_number: existing?.block_number ?? preorder.block_number,
    reveal_block: height,
    txid: tx.txid,
    vtxindex: tx.vtxindex,
    lifetime: operation.lifetime,
    coeff: operation.coeff,
    base: operation.base,
    buckets: [...operation.buckets],
    nonalpha_discount: operation.nonalphaDiscount,
    no_vowel_discount: operation.noVowelDiscount,
    ready_block: 0,
    op_fee: preorder.op_fee,
    token_fee: '0',
  };
  return accepted(
    tx,
    record,
    // A previous, expired reveal's import keychain goes with it.
    [write('preorder', preorderKey('*', preorder.preorder_hash), null), write('keychain', id, null), write('namespace', id, record)],
    // The consumed preorder is filed in the namespace's history at its own block (db.py namedb_state_create).
    [{ ...historyOf(id, preorder.block_number, tx, preorder), vtxindex: preorder.vtxindex, txid: preorder.txid }, historyOf(id, height, tx, record, tx.senderAddress)],
    collisionKey('namespace', id),
  );
}

const VERSION_FEATURE: Readonly<Record<number, 'namespace_burn_to_creator' | 'namespace_pay_with_stacks' | null>> = {
  [NAMESPACE_VERSION.PAY_TO_BURN]: null,
  [NAMESPACE_VERSION.PAY_TO_CREATOR]: 'namespace_burn_to_creator',
  [NAMESPACE_VERSION.PAY_WITH_STACKS]: 'namespace_pay_with_stacks',
};
