import { chainworkHex, difficulty } from '../../consensus/pow.js';
import { BlockStatus } from '../../node/store.js';
import { MEMPOOL_HEIGHT } from '../../validation/coins.js';
import { REGTEST } from '../../consensus/params.js';
import { DescriptorError, parseScanDescriptor, withChecksum } from '../../script/descriptor.js';
import type { RpcMethod } from '../context.js';
import { RPC_ERROR, RpcError } from '../errors.js';
import { blockJson, headerJson, scriptPubKeyJson } from '../format.js';
import { btc } from '../json.js';
import { blockArg } from '../lookup.js';
import { boolArg, intArg, parseHash, verbosityArg } from '../params.js';

/** Blockchain RPCs (src/rpc/blockchain.cpp). */
export const blockchainMethods: RpcMethod[] = [
  {
    name: 'getblockchaininfo',
    params: [],
    description: 'Returns an object containing various state info regarding blockchain processing.',
    handler: (_args, { node }) => {
      const tip = node.chain.tip();
      return {
        chain: REGTEST.name,
        blocks: tip.height,
        headers: tip.height,
        bestblockhash: tip.hash,
        difficulty: difficulty(tip.bits),
        time: tip.time,
        mediantime: node.chain.medianTimePast(tip),
        verificationprogress: 1,
        initialblockdownload: false,
        chainwork: chainworkHex(tip.chainWork),
        size_on_disk: [...node.chain.blocks()].reduce((sum, b) => sum + b.size, 0),
        pruned: false,
        warnings: '',
      };
    },
  },
  {
    name: 'getblockcount',
    params: [],
    description: 'Returns the height of the most-work fully-validated chain.',
    handler: (_args, { node }) => node.chain.height(),
  },
  {
    name: 'getbestblockhash',
    params: [],
    description: 'Returns the hash of the best (tip) block in the most-work fully-validated chain.',
    handler: (_args, { node }) => node.chain.tip().hash,
  },
  {
    name: 'getblockhash',
    params: [{ name: 'height', type: 'number', required: true }],
    description: 'Returns hash of block in best-block-chain at height provided.',
    handler: ([height], { node }) => {
      const h = intArg(height, 0);
      const entry = node.chain.atHeight(h);
      if (h < 0 || !entry) throw new RpcError(RPC_ERROR.INVALID_PARAMETER, 'Block height out of range');
      return entry.hash;
    },
  },
  {
    name: 'getblockheader',
    params: [
      { name: 'blockhash', type: 'string', required: true },
      { name: 'verbose', type: 'bool' },
    ],
    description: "If verbose is false, returns a string that is serialized, hex-encoded data for blockheader 'hash'.",
    handler: ([hash, verbose], context) => {
      const entry = blockArg(context, hash, 'hash');
      if (!boolArg(verbose, true)) return context.node.chain.readBlock(entry.hash)!.toHex(true);
      return headerJson(context.node.chain, entry);
    },
  },
  {
    name: 'getblock',
    params: [
      { name: 'blockhash', type: 'string', required: true },
      { name: 'verbosity', type: 'any' },
    ],
    description: 'If verbosity is 0, returns a string that is serialized, hex-encoded data for block \'hash\'.',
    handler: ([hash, verbosityValue], context) => {
      const entry = blockArg(context, hash);
      const verbosity = verbosityArg(verbosityValue, 1);
      const block = context.node.chain.readBlock(entry.hash)!;
      if (verbosity <= 0) return block.toHex();
      return blockJson(context.node.chain, entry, block, verbosity);
    },
  },
  {
    name: 'getdifficulty',
    params: [],
    description: 'Returns the proof-of-work difficulty as a multiple of the minimum difficulty.',
    handler: (_args, { node }) => difficulty(node.chain.tip().bits),
  },
  {
    name: 'getchaintips',
    params: [],
    description: 'Return information about all known tips in the block tree, including the main chain as well as orphaned branches.',
    handler: (_args, { node }) => {
      const { chain } = node;
      const all = [...chain.blocks()];
      const parents = new Set(all.map((b) => b.prev));
      const tips = all.filter((b) => !parents.has(b.hash) || b.hash === chain.tip().hash);
      tips.sort((a, b) => b.height - a.height || a.seq - b.seq);
      return tips.map((tip) => {
        let fork = tip;
        while (!chain.contains(fork)) fork = chain.get(fork.prev)!;
        const status = chain.contains(tip) ? 'active' : tip.status !== BlockStatus.Valid ? 'invalid' : 'valid-fork';
        return { height: tip.height, hash: tip.hash, branchlen: tip.height - fork.height, status };
      });
    },
  },
  {
    name: 'gettxout',
    params: [
      { name: 'txid', type: 'string', required: true },
      { name: 'n', type: 'number', required: true },
      { name: 'include_mempool', type: 'bool' },
    ],
    description: 'Returns details about an unspent transaction output.',
    handler: ([txidValue, n, includeMempool], { node }) => {
      const txid = parseHash(txidValue, 'txid');
      const vout = intArg(n, 0);
      const useMempool = boolArg(includeMempool, true);
      const coin = useMempool ? node.mempool.view.getCoin(txid, vout) : node.chain.getCoin(txid, vout);
      if (!coin) return null;
      const tip = node.chain.tip();
      const confirmed = coin.height !== MEMPOOL_HEIGHT;
      return {
        bestblock: tip.hash,
        confirmations: confirmed ? tip.height - coin.height + 1 : 0,
        value: btc(coin.value),
        scriptPubKey: scriptPubKeyJson(coin.script),
        coinbase: coin.coinbase,
      };
    },
  },
  {
    name: 'getrawmempool',
    params: [
      { name: 'verbose', type: 'bool' },
      { name: 'mempool_sequence', type: 'bool' },
    ],
    description: 'Returns all transaction ids in memory pool as a json array of string transaction ids.',
    handler: ([verbose], { node }) => {
      const entries = node.mempool.all();
      if (!boolArg(verbose, false)) return entries.map((e) => e.txid);
      const result: Record<string, unknown> = {};
      for (const entry of entries) {
        const ancestors = node.mempool.ancestors(entry);
        const descendants = node.mempool.descendants(entry);
        const sum = (list: typeof entries, f: (e: (typeof entries)[number]) => number): number => list.reduce((s, e) => s + f(e), 0);
        result[entry.txid] = {
          vsize: entry.vsize,
          weight: entry.weight,
          time: entry.time,
          height: entry.height,
          descendantcount: descendants.length + 1,
          descendantsize: sum(descendants, (e) => e.vsize) + entry.vsize,
          ancestorcount: ancestors.length + 1,
          ancestorsize: sum(ancestors, (e) => e.vsize) + entry.vsize,
          wtxid: entry.wtxid,
          fees: {
            base: btc(entry.fee),
            modified: btc(entry.fee),
            ancestor: btc(sum(ancestors, (e) => e.fee) + entry.fee),
            descendant: btc(sum(descendants, (e) => e.fee) + entry.fee),
          },
          depends: [...entry.parents],
          spentby: [...entry.children],
          'bip125-replaceable': entry.tx.ins.some((i) => i.sequence < 0xfffffffe),
          unbroadcast: false,
        };
      }
      return result;
    },
  },
  {
    name: 'getmempoolinfo',
    params: [],
    description: 'Returns details on the active state of the TX memory pool.',
    handler: (_args, { node }) => {
      const entries = node.mempool.all();
      return {
        loaded: true,
        size: entries.length,
        bytes: entries.reduce((s, e) => s + e.vsize, 0),
        usage: entries.reduce((s, e) => s + e.tx.byteLength(), 0),
        total_fee: btc(entries.reduce((s, e) => s + e.fee, 0)),
        maxmempool: 300_000_000,
        mempoolminfee: btc(REGTEST.policy.minRelayFeePerKvB),
        minrelaytxfee: btc(REGTEST.policy.minRelayFeePerKvB),
        incrementalrelayfee: btc(REGTEST.policy.incrementalRelayFeePerKvB),
        unbroadcastcount: 0,
        fullrbf: false,
      };
    },
  },
  {
    name: 'scantxoutset',
    params: [
      { name: 'action', type: 'string', required: true },
      { name: 'scanobjects', type: 'array' },
    ],
    description: 'Scans the unspent transaction output set for entries that match certain output descriptors.',
    handler: ([action, scanObjects], { node }) => {
      // Scans run synchronously here, so none is ever in progress for "status"/"abort".
      if (action === 'status') return null;
      if (action === 'abort') return false;
      if (action !== 'start') throw new RpcError(RPC_ERROR.INVALID_PARAMETER, `Invalid action '${String(action)}'`);
      if (!Array.isArray(scanObjects)) throw new RpcError(RPC_ERROR.MISC_ERROR, 'scanobjects argument is required for the start action');
      const wanted = new Map<string, string>();
      for (const object of scanObjects) {
        const text = typeof object === 'string' ? object : (object as { desc?: unknown } | null)?.desc;
        if (typeof text !== 'string') throw new RpcError(RPC_ERROR.INVALID_PARAMETER, 'Scan object needs to be either a string or an object');
        try {
          const script = parseScanDescriptor(text);
          wanted.set(Buffer.from(script).toString('hex'), withChecksum(text.split('#')[0]!));
        } catch (e) {
          if (e instanceof DescriptorError) throw new RpcError(RPC_ERROR.INVALID_ADDRESS_OR_KEY, e.message);
          throw e;
        }
      }
      const tip = node.chain.tip();
      const unspents: Record<string, unknown>[] = [];
      let total = 0;
      for (const [scriptHex, desc] of wanted) {
        for (const coin of node.chain.coinsForScript(Buffer.from(scriptHex, 'hex'))) {
          total += coin.value;
          unspents.push({
            txid: coin.txid,
            vout: coin.vout,
            scriptPubKey: scriptHex,
            desc,
            amount: btc(coin.value),
            coinbase: coin.coinbase,
            height: coin.height,
          });
        }
      }
      return { success: true, txouts: node.store.coinCount(), height: tip.height, bestblock: tip.hash, unspents, total_amount: btc(total) };
    },
  },
  {
    name: 'invalidateblock',
    params: [{ name: 'blockhash', type: 'string', required: true }],
    description: 'Permanently marks a block as invalid, as if it violated a consensus rule.',
    handler: ([hash], context) => {
      const entry = blockArg(context, hash);
      if (entry.height === 0) throw new RpcError(RPC_ERROR.MISC_ERROR, 'Cannot invalidate the genesis block');
      context.node.invalidate(entry);
      return null;
    },
  },
  {
    name: 'reconsiderblock',
    params: [{ name: 'blockhash', type: 'string', required: true }],
    description: 'Removes invalidity status of a block, its ancestors and its descendants, reconsider them for activation.',
    handler: ([hash], context) => {
      context.node.reconsider(blockArg(context, hash));
      return null;
    },
  },
];
