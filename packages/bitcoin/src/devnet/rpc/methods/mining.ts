import { Block } from 'bitcoinjs-lib';
import { FaucetError } from '../../node/faucet.js';
import { REGTEST } from '../../consensus/params.js';
import { difficulty } from '../../consensus/pow.js';
import { addressToScript } from '../../script/standard.js';
import type { RpcMethod } from '../context.js';
import { RPC_ERROR, RpcError } from '../errors.js';
import { btc } from '../json.js';
import { intArg, parseAmount } from '../params.js';

const MAX_CONF_TARGET = 1008;

/** Mining and fee RPCs (src/rpc/mining.cpp, src/rpc/fees.cpp) and the devnet's faucet. */
export const miningMethods: RpcMethod[] = [
  {
    name: 'generatetoaddress',
    params: [
      { name: 'nblocks', type: 'number', required: true },
      { name: 'address', type: 'string', required: true },
      { name: 'maxtries', type: 'number' },
    ],
    description: 'Mine to a specified address and return the block hashes.',
    handler: ([nblocks, address], { node }) => {
      const script = addressToScript(String(address));
      if (!script) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'Error: Invalid address');
      return node.mine(Math.max(0, intArg(nblocks, 0)), script);
    },
  },
  {
    name: 'getmininginfo',
    params: [],
    description: 'Returns a json object containing mining-related information.',
    handler: (_args, { node }) => {
      const tip = node.chain.tip();
      return {
        blocks: tip.height,
        difficulty: difficulty(tip.bits),
        networkhashps: 0,
        pooledtx: node.mempool.size,
        chain: REGTEST.name,
        warnings: '',
      };
    },
  },
  {
    name: 'submitblock',
    params: [
      { name: 'hexdata', type: 'string', required: true },
      { name: 'dummy', type: 'any' },
    ],
    description: 'Attempts to submit new block to network.',
    handler: ([hex], { node }) => {
      let block: Block;
      try {
        if (!/^([0-9a-fA-F]{2})+$/.test(String(hex))) throw new Error('not hex');
        block = Block.fromHex(String(hex));
      } catch {
        throw new RpcError(RPC_ERROR.DESERIALIZATION_ERROR, 'Block decode failed');
      }
      return node.submitBlock(block);
    },
  },
  {
    name: 'estimatesmartfee',
    params: [
      { name: 'conf_target', type: 'number', required: true },
      { name: 'estimate_mode', type: 'string' },
    ],
    description: 'Estimates the approximate fee per kilobyte needed for a transaction to begin confirmation within conf_target blocks.',
    handler: ([target, mode], { node }) => {
      const confTarget = intArg(target, 0);
      if (confTarget < 1 || confTarget > MAX_CONF_TARGET) {
        throw new RpcError(RPC_ERROR.INVALID_PARAMETER, `Invalid conf_target, must be between 1 and ${MAX_CONF_TARGET}`);
      }
      if (mode !== undefined && mode !== null && !['unset', 'economical', 'conservative'].includes(String(mode).toLowerCase())) {
        throw new RpcError(RPC_ERROR.INVALID_PARAMETER, 'Invalid estimate_mode parameter, must be one of: "unset", "economical", "conservative"');
      }
      return { feerate: btc(Math.round(node.feeRateEstimate() * 1000)), blocks: Math.max(2, confTarget) };
    },
  },
  {
    name: 'faucet',
    params: [
      { name: 'address', type: 'string', required: true },
      { name: 'amount', type: 'amount', required: true },
      { name: 'confirmations', type: 'number' },
    ],
    description: 'Devnet extension: pays amount BTC to address from the devnet faucet, mining what it needs, then mines confirmations blocks (default 1).',
    handler: ([address, amount, confirmations], { faucet }) => {
      const satoshis = parseAmount(amount);
      if (satoshis <= 0) throw new RpcError(RPC_ERROR.TYPE_ERROR, 'Invalid amount for send');
      try {
        const paid = faucet.fund(String(address), satoshis, Math.max(0, intArg(confirmations, 1)));
        return { txid: paid.txid, vout: paid.vout, address: paid.address, amount: btc(paid.amount), blockhashes: paid.blocks };
      } catch (e) {
        if (e instanceof FaucetError) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, e.message);
        throw e;
      }
    },
  },
  {
    name: 'sendtoaddress',
    params: [
      { name: 'address', type: 'string', required: true },
      { name: 'amount', type: 'amount', required: true },
    ],
    description: 'Devnet: sends amount BTC to address from the faucet, leaving the transaction in the mempool; returns the txid.',
    handler: ([address, amount], { faucet }) => {
      const satoshis = parseAmount(amount);
      if (satoshis <= 0) throw new RpcError(RPC_ERROR.TYPE_ERROR, 'Invalid amount for send');
      if (!addressToScript(String(address))) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'Invalid address');
      try {
        return faucet.fund(String(address), satoshis, 0).txid;
      } catch (e) {
        if (e instanceof FaucetError) throw new RpcError(RPC_ERROR.WALLET_INSUFFICIENT_FUNDS, e.message);
        throw e;
      }
    },
  },
];
