import type { Transaction } from 'bitcoinjs-lib';
import { REGTEST } from '../../consensus/params.js';
import { isUnspendable } from '../../script/chunks.js';
import { feeForSize } from '../../validation/policy.js';
import type { RpcContext, RpcMethod } from '../context.js';
import { RPC_ERROR, RpcError, TRANSACTION_ALREADY_IN_CHAIN, TRANSACTION_ERROR, TRANSACTION_REJECTED } from '../errors.js';
import { txJson } from '../format.js';
import { btc } from '../json.js';
import { decodeTx } from '../lookup.js';
import { parseAmount, parseHash, verbosityArg } from '../params.js';

/** Raw-transaction RPCs (src/rpc/rawtransaction.cpp, src/rpc/mempool.cpp, src/node/transaction.cpp). */

const MAX_PACKAGE_COUNT = 25;

function maxFeeRate(value: unknown): number {
  return value === undefined || value === null ? REGTEST.policy.defaultMaxRawTxFeePerKvB : parseAmount(value);
}

/** BroadcastTransaction: already confirmed → -27; already in the mempool → fine; else ATMP. */
function broadcast(context: RpcContext, tx: Transaction, maxRate: number, maxBurn: number): string {
  const { node } = context;
  const txid = tx.getId();
  for (const out of tx.outs) {
    if (isUnspendable(out.script) && Number(out.value) > maxBurn) {
      throw new RpcError(TRANSACTION_ERROR, 'Unspendable output exceeds maximum configured by user (maxburnamount)');
    }
  }
  if (tx.outs.some((_, vout) => node.chain.getCoin(txid, vout))) {
    throw new RpcError(TRANSACTION_ALREADY_IN_CHAIN, 'Transaction already in block chain');
  }
  if (node.mempool.get(txid)) return txid;
  const test = node.submit(tx, true);
  if (test.accepted && maxRate > 0 && test.fee > feeForSize(maxRate, test.vsize)) {
    throw new RpcError(TRANSACTION_ERROR, 'Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)');
  }
  const result = test.accepted ? node.submit(tx) : test;
  if (!result.accepted) {
    const missing = result.rejection.result === 'missing-inputs';
    throw new RpcError(missing ? TRANSACTION_ERROR : TRANSACTION_REJECTED, result.rejection.toString());
  }
  return txid;
}

function findTransaction(context: RpcContext, txid: string, blockHashValue: unknown) {
  const { chain, mempool } = context.node;
  if (blockHashValue !== undefined && blockHashValue !== null) {
    const entry = chain.get(parseHash(blockHashValue, 'parameter 3'));
    if (!entry) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'Block hash not found');
    const block = chain.readBlock(entry.hash)!;
    const position = block.transactions!.findIndex((tx) => tx.getId() === txid);
    if (position < 0) {
      throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'No such transaction found in the provided block. Use gettransaction for wallet transactions.');
    }
    return { tx: block.transactions![position]!, entry, position, inActiveChain: chain.contains(entry) as boolean | undefined };
  }
  const pooled = mempool.get(txid);
  if (pooled) return { tx: pooled.tx, entry: undefined, position: undefined, inActiveChain: undefined };
  const located = chain.findTx(txid);
  if (located) {
    const block = chain.readBlock(located.entry.hash)!;
    return { tx: block.transactions![located.position]!, entry: located.entry, position: located.position, inActiveChain: undefined };
  }
  const genesis = chain.atHeight(0)!;
  if (txid === genesis.merkleRoot) {
    throw new RpcError(
      RPC_ERROR.INVALID_ADDRESS_OR_KEY,
      'The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved',
    );
  }
  throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.');
}

export const rawTransactionMethods: RpcMethod[] = [
  {
    name: 'getrawtransaction',
    params: [
      { name: 'txid', type: 'string', required: true },
      { name: 'verbosity', type: 'any' },
      { name: 'blockhash', type: 'string' },
    ],
    description: 'By default, this call only returns a transaction if it is in the mempool. With -txindex, any confirmed transaction.',
    handler: ([txidValue, verbosityValue, blockHash], context) => {
      const txid = parseHash(txidValue, 'parameter 1');
      const verbosity = verbosityArg(verbosityValue, 0);
      const found = findTransaction(context, txid, blockHash);
      if (verbosity <= 0) return found.tx.toHex();
      const { chain } = context.node;
      const undo = verbosity >= 2 && found.entry ? chain.undo(found.entry.hash)?.[found.position!] : undefined;
      const result: Record<string, unknown> = {};
      if (found.inActiveChain !== undefined) result.in_active_chain = found.inActiveChain;
      Object.assign(result, txJson(found.tx, { spent: undo, withPrevout: verbosity >= 2 }));
      if (found.entry) {
        result.blockhash = found.entry.hash;
        if (chain.contains(found.entry)) {
          result.confirmations = chain.height() - found.entry.height + 1;
          result.time = found.entry.time;
          result.blocktime = found.entry.time;
        } else {
          result.confirmations = 0;
        }
      }
      return result;
    },
  },
  {
    name: 'decoderawtransaction',
    params: [
      { name: 'hexstring', type: 'string', required: true },
      { name: 'iswitness', type: 'bool' },
    ],
    description: 'Return a JSON object representing the serialized, hex-encoded transaction.',
    handler: ([hex]) => txJson(decodeTx(hex, 'TX decode failed'), { includeHex: false }),
  },
  {
    name: 'sendrawtransaction',
    params: [
      { name: 'hexstring', type: 'string', required: true },
      { name: 'maxfeerate', type: 'amount' },
      { name: 'maxburnamount', type: 'amount' },
    ],
    description: 'Submit a raw transaction (serialized, hex-encoded) to local node and network.',
    handler: ([hex, maxRate, maxBurn], context) => {
      const tx = decodeTx(hex);
      return broadcast(context, tx, maxFeeRate(maxRate), maxBurn === undefined || maxBurn === null ? 0 : parseAmount(maxBurn));
    },
  },
  {
    name: 'testmempoolaccept',
    params: [
      { name: 'rawtxs', type: 'array', required: true },
      { name: 'maxfeerate', type: 'amount' },
    ],
    description: 'Returns result of mempool acceptance tests indicating if raw transaction(s) would be accepted by mempool.',
    handler: ([rawTxs, maxRateValue], { node }) => {
      const list = rawTxs as unknown[];
      if (list.length < 1 || list.length > MAX_PACKAGE_COUNT) {
        throw new RpcError(RPC_ERROR.INVALID_PARAMETER, `Array must contain between 1 and ${MAX_PACKAGE_COUNT} transactions.`);
      }
      const maxRate = maxFeeRate(maxRateValue);
      const txs = list.map((hex) => decodeTx(hex, `TX decode failed: ${String(hex)} Make sure the tx has at least one input.`));
      return node.testAccept(txs).map((result) => {
        const base = { txid: result.txid, wtxid: result.wtxid };
        if (!result.accepted) {
          const reason = result.rejection.result === 'missing-inputs' ? 'missing-inputs' : result.rejection.reason;
          return { ...base, allowed: false, 'reject-reason': reason };
        }
        if (maxRate > 0 && result.fee > feeForSize(maxRate, result.vsize)) {
          return { ...base, allowed: false, 'reject-reason': 'max-fee-exceeded' };
        }
        return {
          ...base,
          allowed: true,
          vsize: result.vsize,
          fees: {
            base: btc(result.fee),
            'effective-feerate': btc(Math.round((result.fee * 1000) / result.vsize)),
            'effective-includes': [result.wtxid],
          },
        };
      });
    },
  },
];
