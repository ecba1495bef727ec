import type { NamespacePreorder } from '../../wire/types.js';
import { blockConsensusHashes } from '../consensus-window.js';
import { accepted, collisionKey, type Outcome, type RuleContext, write } from '../outcome.js';
import { preorderKey, rejected, type NamingTx, type PreorderRow } from '../types.js';

/*
 * NAMESPACE_PREORDER (bns.md §4.14): the id is hidden in the hash; the fee must be burned. Its price
 * is checked at the reveal. STACKS-paid preorders (epoch 4+) are out of scope.
 */
export function checkNamespacePreorder(context: RuleContext, tx: NamingTx, operation: NamespacePreorder): Outcome {
  const { params, state, height } = context;
  if (operation.tokenFee !== null) return rejected(tx, 'tokens-out-of-scope', 'STACKS-paid namespace preorders (epoch 4+) are out of scope');
  if (state.getRow('preorder', preorderKey('*', operation.preorderHash)) !== null) return rejected(tx, 'preorder-exists', 'preorder hash already outstanding');
  if (!blockConsensusHashes(context).includes(operation.consensusHash)) return rejected(tx, 'stale-consensus-hash', 'consensus hash is not fresh');
  const burn = tx.outputs.burn;
  if (burn === null || burn.address !== params.burnAddress) return rejected(tx, 'bad-payment', 'the fee must be burned');
  const record: PreorderRow = {
    op: '*',
    preorder_hash: operation.preorderHash,
    consensus_hash: operation.consensusHash,
    op_fee: burn.value,
    txid: tx.txid,
    vtxindex: tx.vtxindex,
    block_number: height,
    sender: tx.sender,
    sender_pubkey: tx.senderPubkey,
    address: tx.senderAddress,
    burn_address: burn.address,
    token_fee: '0',
    token_units: 'BTC',
  };
  return accepted(tx, record, [write('preorder', preorderKey('*', record.preorder_hash), record)], [], collisionKey('preorder', record.preorder_hash));
}
