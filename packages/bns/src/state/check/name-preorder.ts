import { blockConsensusHashes } from '../consensus-window.js';
import { accepted, collisionKey, type Outcome, type RuleContext, write } from '../outcome.js';
import { hasRoomForName } from '../quota.js';
import { preorderKey, rejected, type NamingTx, type PreorderRow } from '../types.js';
import type { NamePreorder } from '../../wire/types.js';

/*
 * NAME_PREORDER (bns.md §4.5). The name is hidden in the hash, so only the hash, the consensus
 * hash, the sender's quota and the fee output can be checked now; the price is checked at
 * registration. A preorder row lives until a registration consumes it (the reference's expiry
 * filter is always true, so an unconsumed hash can never be preordered again).
 */
export function checkNamePreorder(context: RuleContext, tx: NamingTx, operation: NamePreorder): Outcome {
  const { params, state, height } = context;
  if (operation.tokenFee !== null) return rejected(tx, 'tokens-out-of-scope', 'token-paid preorders (epoch 4+) are out of scope');
  if (state.getRow('preorder', preorderKey('?', operation.preorderHash)) !== null) return rejected(tx, 'preorder-exists', 'preorder hash already outstanding');
  if (!blockConsensusHashes(context).includes(operation.consensusHash)) return rejected(tx, 'stale-consensus-hash', 'consensus hash is not fresh');
  if (!hasRoomForName(params, state, tx.sender, height)) return rejected(tx, 'quota', 'sender owns too many names');
  const burn = tx.outputs.burn;
  if (burn === null) return rejected(tx, 'bad-payment', 'no fee output');
  const record: PreorderRow = {
    op: '?',
    preorder_hash: operation.preorderHash,
    consensus_hash: operation.consensusHash,
    sender: tx.sender,
    sender_pubkey: tx.senderPubkey,
    address: tx.senderAddress,
    block_number: height,
    txid: tx.txid,
    vtxindex: tx.vtxindex,
    op_fee: burn.value,
    burn_address: burn.address,
    token_fee: '0',
    token_units: 'BTC',
  };
  return accepted(tx, record, [write('preorder', preorderKey('?', record.preorder_hash), record)], [], collisionKey('preorder', record.preorder_hash));
}
