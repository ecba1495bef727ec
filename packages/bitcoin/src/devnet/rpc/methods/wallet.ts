import { payments } from 'bitcoinjs-lib';
import { REGTEST } from '../../consensus/params.js';
import type { Mempool } from '../../node/mempool.js';
import { addressToScript, scriptToAddress } from '../../script/standard.js';
import type { RpcMethod } from '../context.js';
import { RPC_ERROR, RpcError } from '../errors.js';
import { wtxid } from '../../validation/tx-util.js';
import { btc } from '../json.js';
import { boolArg, intArg, parseHash } from '../params.js';

/**
 * The watch-only calls of a legacy bitcoind wallet (src/wallet/rpc/*.cpp) that clients use to
 * follow addresses: importaddress, listunspent, gettransaction.
 */

const COINBASE_WALLET_MATURITY = REGTEST.coinbaseMaturity + 1;

/** listunspent's ancestor fields, present for outputs of mempool transactions. */
function ancestorFields(mempool: Mempool, txid: string): Record<string, unknown> {
  const entry = mempool.get(txid);
  if (!entry) return {};
  const ancestors = mempool.ancestors(entry);
  return {
    ancestorcount: ancestors.length + 1,
    ancestorsize: ancestors.reduce((sum, a) => sum + a.vsize, entry.vsize),
    ancestorfees: ancestors.reduce((sum, a) => sum + a.fee, entry.fee),
  };
}

export const walletMethods: RpcMethod[] = [
  {
    name: 'importaddress',
    params: [
      { name: 'address', type: 'string', required: true },
      { name: 'label', type: 'string' },
      { name: 'rescan', type: 'bool' },
      { name: 'p2sh', type: 'bool' },
    ],
    description: 'Adds an address or script (in hex) that can be watched as if it were in your wallet but cannot be used to spend.',
    handler: ([address, label, _rescan, p2sh], { wallet }) => {
      const text = String(address);
      const labelText = label === undefined || label === null ? '' : String(label);
      const script = addressToScript(text);
      if (script) {
        if (boolArg(p2sh, false)) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'Cannot use the p2sh flag with an address - use a script instead');
        wallet.watch(script, labelText);
        return null;
      }
      if (/^([0-9a-fA-F]{2})*$/.test(text)) {
        const raw = Uint8Array.from(Buffer.from(text, 'hex'));
        wallet.watch(raw, labelText);
        if (boolArg(p2sh, false)) wallet.watch(payments.p2sh({ redeem: { output: raw }, network: REGTEST.network }).output!, labelText);
        return null;
      }
      throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'Invalid Bitcoin address or script');
    },
  },
  {
    name: 'listunspent',
    params: [
      { name: 'minconf', type: 'number' },
      { name: 'maxconf', type: 'number' },
      { name: 'addresses', type: 'array' },
      { name: 'include_unsafe', type: 'bool' },
      { name: 'query_options', type: 'object' },
    ],
    description: 'Returns array of unspent transaction outputs with between minconf and maxconf (inclusive) confirmations.',
    handler: ([minconfValue, maxconfValue, addressesValue, includeUnsafeValue], { node, wallet }) => {
      const minconf = intArg(minconfValue, 1);
      const maxconf = intArg(maxconfValue, 9_999_999);
      const includeUnsafe = boolArg(includeUnsafeValue, true);
      let only: Set<string> | undefined;
      if (Array.isArray(addressesValue)) {
        only = new Set();
        for (const item of addressesValue) {
          const text = String(item);
          if (!addressToScript(text)) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, `Invalid Bitcoin address: ${text}`);
          if (only.has(text)) throw new RpcError(RPC_ERROR.INVALID_PARAMETER, `Invalid parameter, duplicated address: ${text}`);
          only.add(text);
        }
      }
      return wallet
        .unspent()
        .filter((o) => o.confirmations >= minconf && o.confirmations <= maxconf)
        .filter((o) => !o.coinbase || o.confirmations >= COINBASE_WALLET_MATURITY)
        .filter((o) => !only || (o.address !== undefined && only.has(o.address)))
        .filter((o) => includeUnsafe || o.confirmations > 0)
        .sort((a, b) => b.confirmations - a.confirmations || a.txid.localeCompare(b.txid) || a.vout - b.vout)
        .map((o) => ({
          txid: o.txid,
          vout: o.vout,
          address: o.address,
          label: o.label,
          scriptPubKey: Buffer.from(o.script).toString('hex'),
          amount: btc(o.value),
          confirmations: o.confirmations,
          ...ancestorFields(node.mempool, o.txid),
          spendable: false,
          solvable: false,
          parent_descs: [],
          safe: o.confirmations > 0,
        }));
    },
  },
  {
    name: 'gettransaction',
    params: [
      { name: 'txid', type: 'string', required: true },
      { name: 'include_watchonly', type: 'bool' },
      { name: 'verbose', type: 'bool' },
    ],
    description: 'Get detailed information about in-wallet transaction <txid>',
    handler: ([txidValue], { node, wallet }) => {
      const txid = parseHash(txidValue, 'txid');
      const found = wallet.transaction(txid);
      if (!found) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, 'Invalid or non-wallet transaction id');
      const { tx, block } = found;
      const credit = tx.outs.reduce((sum, o) => sum + (wallet.isWatched(o.script) ? Number(o.value) : 0), 0);
      const debit = found.spent.reduce((sum, c) => sum + (wallet.isWatched(c.script) ? c.value : 0), 0);
      const valueOut = tx.outs.reduce((sum, o) => sum + Number(o.value), 0);
      const fee = debit > 0 ? debit - valueOut : 0;
      const confirmations = block ? node.chain.height() - block.height + 1 : 0;
      const coinbase = tx.isCoinbase();
      const details: Record<string, unknown>[] = [];
      if (debit > 0) {
        tx.outs.forEach((out, vout) => {
          if (wallet.isWatched(out.script)) return;
          details.push({
            involvesWatchonly: true,
            address: scriptToAddress(out.script),
            category: 'send',
            amount: btc(-Number(out.value)),
            vout,
            fee: btc(-fee),
            abandoned: false,
          });
        });
      }
      tx.outs.forEach((out, vout) => {
        if (!wallet.isWatched(out.script)) return;
        const category = !coinbase ? 'receive' : confirmations >= COINBASE_WALLET_MATURITY ? 'generate' : confirmations > 0 ? 'immature' : 'orphan';
        details.push({
          involvesWatchonly: true,
          address: scriptToAddress(out.script),
          category,
          amount: btc(Number(out.value)),
          label: wallet.labelOf(out.script),
          vout,
        });
      });
      return {
        amount: btc(credit - debit + fee),
        fee: debit > 0 ? btc(-fee) : undefined,
        confirmations,
        generated: coinbase ? true : undefined,
        trusted: block ? undefined : false,
        blockhash: block?.hash,
        blockheight: block?.height,
        blockindex: found.position,
        blocktime: block?.time,
        txid,
        wtxid: wtxid(tx),
        walletconflicts: [],
        time: found.time,
        timereceived: found.time,
        'bip125-replaceable': block ? 'no' : tx.ins.some((i) => i.sequence < 0xfffffffe) ? 'yes' : 'no',
        details,
        hex: tx.toHex(),
      };
    },
  },
];
