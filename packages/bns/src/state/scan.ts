import { senderPublicKey, transactionNulldataBytes, type Block, type ChainTransaction } from '@bsk/bitcoin';
import { epochAt, type NetworkParams } from '../params.js';
import { decodeContextAt, decodeOperation } from '../wire/decode.js';
import { classifyOutputScript, outputScriptAddress, readOperationOutputs, type ScriptAddressCache } from '../wire/extract.js';
import type { NamingTx } from './types.js';

/*
 * Scanning a block for naming operations (bns.md §1.1–§1.2): the last `OP_RETURN <push>` output of
 * each transaction, decoded for the block's epoch; the whole-transaction sender filter (every
 * spent output a p2pkh or p2sh script with one address); the sender is input 0's spent output; the
 * parties are read from the outputs. Nothing here throws on chain data: what does not qualify is
 * reported with a reason and skipped.
 */

export interface IgnoredTx {
  readonly txid: string;
  readonly vtxindex: number;
  readonly reason: string;
  readonly message: string;
}

export interface ScannedBlock {
  readonly transactions: NamingTx[];
  /** Transactions that carried our magic bytes but cannot be an operation. */
  readonly ignored: IgnoredTx[];
}

export function scanBlock(params: NetworkParams, block: Block, addresses?: ScriptAddressCache): ScannedBlock {
  const transactions: NamingTx[] = [];
  const ignored: IgnoredTx[] = [];
  for (let vtxindex = 0; vtxindex < block.transactions.length; vtxindex++) {
    const scanned = scanTransaction(params, block.height, block.transactions[vtxindex]!, vtxindex, addresses);
    if (scanned === null) continue;
    if ('reason' in scanned) ignored.push(scanned);
    else transactions.push(scanned);
  }
  return { transactions, ignored };
}

function scanTransaction(params: NetworkParams, height: number, tx: ChainTransaction, vtxindex: number, addresses?: ScriptAddressCache): NamingTx | IgnoredTx | null {
  const data = transactionNulldataBytes(tx.outputs);
  if (data === null) return null;
  const decoded = decodeOperation(data, decodeContextAt(params, height, tx.outputs.length));
  if (decoded.type === 'rejected') return decoded.reason === 'not-an-operation' ? null : { txid: tx.txid, vtxindex, reason: decoded.reason, message: decoded.message };
  if (decoded.type === 'out-of-scope') return { txid: tx.txid, vtxindex, reason: 'out-of-scope', message: `${decoded.operation} is not part of the Bitcoin-only protocol` };

  if (tx.inputs.length === 0) return { txid: tx.txid, vtxindex, reason: 'bad-sender', message: 'no inputs' };
  const allowedSenders: readonly string[] = epochAt(params, height).senderScriptTypes;
  let senderType: ReturnType<typeof classifyOutputScript> = 'other';
  for (const input of tx.inputs) {
    const script = input.prevout?.script;
    const type = script === undefined ? 'other' : classifyOutputScript(script);
    if (!allowedSenders.includes(type)) {
      return { txid: tx.txid, vtxindex, reason: 'bad-sender', message: 'every input must spend a p2pkh or p2sh output' };
    }
    if (input === tx.inputs[0]) senderType = type;
  }
  // Classification ignores case, so input 0's type is the sender's.
  const sender = tx.inputs[0]!.prevout!.script.toLowerCase();
  const senderAddress = outputScriptAddress(params, sender, addresses);
  if (senderAddress === null) return { txid: tx.txid, vtxindex, reason: 'bad-sender', message: 'sender has no address' };
  const outputs = readOperationOutputs(params, height, decoded.type, tx.outputs, addresses);
  if ('type' in outputs) return { txid: tx.txid, vtxindex, reason: outputs.reason, message: outputs.message };
  return {
    txid: tx.txid,
    vtxindex,
    sender,
    senderType: senderType === 'p2sh' ? 'p2sh' : 'p2pkh',
    senderAddress,
    senderPubkey: senderPubkeyOf(tx, sender, senderType === 'p2pkh'),
    operation: decoded,
    outputs,
  };
}

/**
 * `sender_pubkey` (bns.md §1.2). Input 0 spends the sender's output, so when the backend already
 * found the key that input reveals (same two-push test, same key validation) it is the first match
 * of the reference's scan over all inputs; otherwise scan them.
 */
function senderPubkeyOf(tx: ChainTransaction, sender: string, senderIsP2pkh: boolean): string | null {
  const first = tx.inputs[0]!;
  // `sender` is input 0's spent script, lowercased.
  if (first.publicKey !== null && senderIsP2pkh) return first.publicKey;
  return senderPublicKey(tx.inputs, sender);
}
