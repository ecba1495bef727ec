import type { NetworkName } from '@bsk/crypto';
import type { Block, BlockHeader, ChainBackend, ChainInput, ChainTip, ChainTransaction, GetBlockOptions, PrevoutFilter, TransactionStatus } from '../backend.js';
import { classifyScript, scriptHexToAddress } from '../tx/classify.js';
import { parseTransaction } from '../tx/parse.js';
import { spendingPublicKey } from '../tx/sender.js';
import type { ParsedOutput, ParsedTransaction, SpentOutput, UnspentOutput } from '../tx/types.js';
import { hexToBytes } from '@bsk/crypto';
import { RpcMiscError } from './errors.js';
import { LruCache } from '@bsk/crypto';
import { RpcTransport, type RpcCall, type RpcOutcome, type RpcTransportOptions } from './transport.js';

export interface BitcoindClientOptions extends RpcTransportOptions {
  /** Which network the node runs; decides the address encodings. */
  readonly network: NetworkName;
  /**
   * `getblock` verbosity: 2 (default; every bitcoind and the devnet) or 3 (bitcoind ≥ 23, which adds
   * each input's `prevout` and saves fetching previous transactions).
   */
  readonly blockVerbosity?: 2 | 3;
  /**
   * Unspent outputs through `scantxoutset` (default; no wallet needed) or through a watch-only
   * wallet (`importaddress` once per address, then `listunspent`) as blockstack.js did.
   */
  readonly unspentSource?: 'scantxoutset' | 'wallet';
  /** sat/vB returned when `estimatesmartfee` has no estimate (regtest, a fresh node). Default 1. */
  readonly fallbackFeeRate?: number;
  /** Previous transactions kept to resolve inputs (default 2,000). */
  readonly cacheSize?: number;
  /** Calls per batch request when fetching previous transactions (default 200). */
  readonly maxBatchSize?: number;
}

/** bitcoind's JSON amounts are BTC with 8 decimals. */
export function btcToSatoshis(btc: number): number {
  if (typeof btc !== 'number' || !Number.isFinite(btc)) throw new RpcMiscError('amount', null, `not an amount: ${String(btc)}`);
  return Math.round(btc * 1e8);
}

interface VerboseBlock {
  hash: string;
  height: number;
  previousblockhash?: string;
  time: number;
  tx: Array<{ txid: string; hex: string; vin: Array<{ prevout?: { value: number; scriptPubKey: { hex: string } } }> }>;
}

interface VerboseTransaction {
  hex: string;
  blockhash?: string;
  confirmations?: number;
}

type PrevoutSource = ReadonlyMap<string, readonly Pick<ParsedOutput, 'value' | 'script'>[]>;

/**
 * The production chain backend: bitcoind (or the devnet) over JSON-RPC. Inputs' prevouts come from
 * `getblock` verbosity 3 when enabled, from earlier transactions of the same block, or from
 * `getrawtransaction` of the previous transactions (batched, with an LRU cache; a real bitcoind
 * needs `-txindex=1` for confirmed ones, as Blockstack Core always did).
 */
export class BitcoindClient implements ChainBackend {
  readonly network: NetworkName;
  readonly rpc: RpcTransport;
  private readonly previousOutputs: LruCache<string, readonly Pick<ParsedOutput, 'value' | 'script'>[]>;
  private readonly imported = new Set<string>();
  private scanQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BitcoindClientOptions) {
    this.network = options.network;
    this.rpc = new RpcTransport(options);
    this.previousOutputs = new LruCache(options.cacheSize ?? 2_000);
  }

  /** Any RPC, for what the backend interface does not cover (mining on regtest, node info…). */
  call<T = unknown>(method: string, ...params: unknown[]): Promise<T> {
    return this.rpc.call<T>(method, params);
  }

  batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]> {
    return this.rpc.batch(calls);
  }

  async getTip(): Promise<ChainTip> {
    // One call, so height and hash come from the same moment.
    const info = await this.call<{ blocks: number; bestblockhash: string }>('getblockchaininfo');
    return { height: info.blocks, hash: info.bestblockhash };
  }

  getBlockHash(height: number): Promise<string> {
    return this.call<string>('getblockhash', height);
  }

  async getBlockHeader(hashOrHeight: string | number): Promise<BlockHeader> {
    const hash = typeof hashOrHeight === 'number' ? await this.getBlockHash(hashOrHeight) : hashOrHeight;
    const header = await this.call<{ hash: string; height: number; previousblockhash?: string; time: number }>('getblockheader', hash, true);
    return { hash: header.hash, height: header.height, previousBlockHash: header.previousblockhash ?? null, time: header.time };
  }

  async getBlock(hashOrHeight: string | number, options: GetBlockOptions = {}): Promise<Block> {
    const hash = typeof hashOrHeight === 'number' ? await this.getBlockHash(hashOrHeight) : hashOrHeight;
    const block = await this.call<VerboseBlock>('getblock', hash, this.options.blockVerbosity ?? 2);
    const parsed = block.tx.map((tx) => parseTransaction(tx.hex, this.network));
    const wanted = prevoutPredicate(options.prevouts ?? true);
    const known = new Map<string, readonly Pick<ParsedOutput, 'value' | 'script'>[]>();
    const missing = new Set<string>();
    parsed.forEach((tx, t) => {
      if (wanted(tx) && tx.inputs[0]?.isCoinbase !== true) {
        tx.inputs.forEach((input, i) => {
          const prevout = block.tx[t]!.vin[i]?.prevout;
          if (prevout !== undefined) recordOutput(known, input.txid, input.vout, { value: btcToSatoshis(prevout.value), script: prevout.scriptPubKey.hex });
          else if (!known.has(input.txid)) missing.add(input.txid);
        });
      }
      known.set(tx.txid, tx.outputs);
    });
    const fetched = await this.previousTransactionOutputs([...missing].filter((txid) => !known.has(txid)));
    const sources: PrevoutSource = new Map([...fetched, ...known]);
    return {
      hash: block.hash,
      height: block.height,
      previousBlockHash: block.previousblockhash ?? null,
      time: block.time,
      transactions: parsed.map((tx) => (wanted(tx) ? this.withPrevouts(tx, sources) : withoutPrevouts(tx))),
    };
  }

  async getTransaction(txid: string): Promise<TransactionStatus> {
    const verbose = await this.call<VerboseTransaction>('getrawtransaction', txid, 1);
    const tx = parseTransaction(verbose.hex, this.network);
    const sources = tx.inputs[0]?.isCoinbase === true ? new Map() : await this.previousTransactionOutputs(tx.inputs.map((input) => input.txid));
    const blockHeight = verbose.blockhash === undefined ? null : (await this.getBlockHeader(verbose.blockhash)).height;
    return { transaction: this.withPrevouts(tx, sources), blockHash: verbose.blockhash ?? null, blockHeight, confirmations: verbose.confirmations ?? 0 };
  }

  broadcast(rawTransactionHex: string): Promise<string> {
    return this.call<string>('sendrawtransaction', rawTransactionHex);
  }

  getUnspentOutputs(address: string): Promise<UnspentOutput[]> {
    return this.options.unspentSource === 'wallet' ? this.walletUnspent(address) : this.scanUnspent(address);
  }

  async getFeeRate(targetBlocks = 6): Promise<number> {
    const estimate = await this.call<{ feerate?: number; errors?: string[] }>('estimatesmartfee', targetBlocks);
    // BTC per 1,000 vbytes → satoshis per vbyte
    if (typeof estimate.feerate !== 'number' || estimate.feerate <= 0) return this.options.fallbackFeeRate ?? 1;
    return (estimate.feerate * 1e8) / 1000;
  }

  /** `scantxoutset start ["addr(<address>)"]`: confirmed outputs, no wallet. One scan at a time per node. */
  private scanUnspent(address: string): Promise<UnspentOutput[]> {
    const run = async (): Promise<UnspentOutput[]> => {
      const scan = await this.call<{ unspents: Array<{ txid: string; vout: number; scriptPubKey: string; amount: number; height: number; coinbase?: boolean }> }>('scantxoutset', 'start', [`addr(${address})`]);
      return scan.unspents.map((u) => ({
        txid: u.txid,
        vout: u.vout,
        value: btcToSatoshis(u.amount),
        script: u.scriptPubKey,
        height: u.height,
        ...(u.coinbase === undefined ? {} : { coinbase: u.coinbase }),
      }));
    };
    const result = this.scanQueue.then(run, run);
    this.scanQueue = result.catch(() => undefined);
    return result;
  }

  /** blockstack.js's way: import the address watch-only once (no rescan), then `listunspent`. */
  private async walletUnspent(address: string): Promise<UnspentOutput[]> {
    if (!this.imported.has(address)) {
      await this.call('importaddress', address, '', false);
      this.imported.add(address);
    }
    const [unspent, count] = await this.rpc.batch([
      { method: 'listunspent', params: [1, 9_999_999, [address]] },
      { method: 'getblockcount', params: [] },
    ]);
    if (!unspent!.ok) throw unspent!.error;
    if (!count!.ok) throw count!.error;
    const height = count!.result as number;
    return (unspent!.result as Array<{ txid: string; vout: number; scriptPubKey: string; amount: number; confirmations: number }>).map((u) => ({
      txid: u.txid,
      vout: u.vout,
      value: btcToSatoshis(u.amount),
      script: u.scriptPubKey,
      height: u.confirmations > 0 ? height - u.confirmations + 1 : null,
    }));
  }

  /** Outputs of previous transactions, from the cache or batched `getrawtransaction` calls. */
  private async previousTransactionOutputs(txids: readonly string[]): Promise<PrevoutSource> {
    const found = new Map<string, readonly Pick<ParsedOutput, 'value' | 'script'>[]>();
    const toFetch: string[] = [];
    for (const txid of new Set(txids)) {
      const cached = this.previousOutputs.get(txid);
      if (cached !== undefined) found.set(txid, cached);
      else toFetch.push(txid);
    }
    const chunk = this.options.maxBatchSize ?? 200;
    for (let i = 0; i < toFetch.length; i += chunk) {
      const ids = toFetch.slice(i, i + chunk);
      const outcomes = await this.rpc.batch(ids.map((txid) => ({ method: 'getrawtransaction', params: [txid, 1] })));
      outcomes.forEach((outcome, j) => {
        if (!outcome.ok) throw outcome.error;
        const tx = parseTransaction((outcome.result as VerboseTransaction).hex, this.network);
        const outputs = tx.outputs.map(({ value, script }) => ({ value, script }));
        this.previousOutputs.set(ids[j]!, outputs);
        found.set(ids[j]!, outputs);
      });
    }
    return found;
  }

  private withPrevouts(tx: ParsedTransaction, sources: PrevoutSource): ChainTransaction {
    const inputs = tx.inputs.map((input): ChainInput => {
      const spent = input.isCoinbase ? undefined : sources.get(input.txid)?.[input.vout];
      if (spent === undefined) return { ...input, prevout: null, publicKey: null };
      const prevout: SpentOutput = { value: spent.value, script: spent.script, type: classifyScript(hexToBytes(spent.script)).type, address: scriptHexToAddress(spent.script, this.network) };
      return { ...input, prevout, publicKey: spendingPublicKey(input, spent.script) };
    });
    return { ...tx, inputs };
  }
}

function prevoutPredicate(filter: PrevoutFilter): (tx: ParsedTransaction) => boolean {
  return typeof filter === 'function' ? filter : () => filter;
}

function withoutPrevouts(tx: ParsedTransaction): ChainTransaction {
  return { ...tx, inputs: tx.inputs.map((input) => ({ ...input, prevout: null, publicKey: null })) };
}

function recordOutput(known: Map<string, readonly Pick<ParsedOutput, 'value' | 'script'>[]>, txid: string, vout: number, output: Pick<ParsedOutput, 'value' | 'script'>): void {
  const outputs = [...(known.get(txid) ?? [])];
  outputs[vout] = output;
  known.set(txid, outputs);
}
