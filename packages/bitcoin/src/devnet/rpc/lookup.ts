import { Transaction } from 'bitcoinjs-lib';
import type { IndexEntry } from '../node/chain.js';
import type { RpcContext } from './context.js';
import { RPC_ERROR, RpcError } from './errors.js';
import { parseHash } from './params.js';

/** Shared argument lookups of the RPC handlers, with bitcoind's errors. */

export function blockArg(context: RpcContext, value: unknown, name = 'blockhash'): IndexEntry {
  const entry = context.node.chain.get(parseHash(value, name));
  if (!entry) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'Block not found');
  return entry;
}

/** DecodeHexTx: hex of a transaction with at least one input; -22 otherwise. */
export function decodeTx(hex: unknown, message = 'TX decode failed. Make sure the tx has at least one input.'): Transaction {
  if (typeof hex !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(hex)) throw new RpcError(RPC_ERROR.DESERIALIZATION_ERROR, message);
  try {
    const tx = Transaction.fromHex(hex);
    if (tx.ins.length === 0) throw new Error('no inputs');
    return tx;
  } catch {
    throw new RpcError(RPC_ERROR.DESERIALIZATION_ERROR, message);
  }
}
