import { crypto as bcrypto, type Block, type Transaction } from 'bitcoinjs-lib';
import { chainworkHex, difficulty } from '../consensus/pow.js';
import type { Chain, IndexEntry } from '../node/chain.js';
import { scriptToAsm } from '../script/asm.js';
import { inferDescriptor } from '../script/descriptor.js';
import { scriptToAddress, solve } from '../script/standard.js';
import type { Coin } from '../validation/coins.js';
import { prevoutTxid, reversedHex, toHex, txidOf } from '../validation/tx-util.js';
import { btc } from './json.js';

/** bitcoind's JSON shapes for scripts, transactions and blocks (src/core_write.cpp, rpc/blockchain.cpp). */

/** Recently described output scripts: addresses repeat, and descriptors cost a checksum each. */
const scriptJsonCache = new Map<string, Readonly<Record<string, unknown>>>();
const SCRIPT_CACHE_SIZE = 4_096;

/** ScriptToUniv with hex and address: asm, desc, hex, address (not for bare pubkeys), type. */
export function scriptPubKeyJson(script: Uint8Array): Readonly<Record<string, unknown>> {
  const key = toHex(script);
  const cached = scriptJsonCache.get(key);
  if (cached) return cached;
  const json = describeScript(script);
  if (scriptJsonCache.size >= SCRIPT_CACHE_SIZE) scriptJsonCache.delete(scriptJsonCache.keys().next().value!);
  scriptJsonCache.set(key, json);
  return json;
}

function describeScript(script: Uint8Array): Readonly<Record<string, unknown>> {
  const type = solve(script).type;
  return Object.freeze({
    asm: scriptToAsm(script),
    desc: inferDescriptor(script),
    hex: toHex(script),
    address: type === 'pubkey' ? undefined : scriptToAddress(script),
    type,
  });
}

export interface TxJsonOptions {
  /** Coins spent by each input (undo data); adds "fee", and "prevout" at verbosity 3. */
  readonly spent?: readonly (Coin & { readonly height: number })[];
  readonly withPrevout?: boolean;
  readonly blockHash?: string;
  readonly includeHex?: boolean;
}

/** TxToUniv. */
export function txJson(tx: Transaction, options: TxJsonOptions = {}): Record<string, unknown> {
  const weight = tx.weight();
  const raw = tx.toBuffer();
  const txid = txidOf(tx);
  const json: Record<string, unknown> = {
    txid,
    hash: tx.hasWitnesses() ? reversedHex(bcrypto.hash256(raw)) : txid,
    version: tx.version,
    size: raw.length,
    vsize: Math.ceil(weight / 4),
    weight,
    locktime: tx.locktime,
    vin: tx.ins.map((input, i) => {
      const vin: Record<string, unknown> = tx.isCoinbase()
        ? { coinbase: toHex(input.script) }
        : {
            txid: prevoutTxid(input),
            vout: input.index,
            scriptSig: { asm: scriptToAsm(input.script, true), hex: toHex(input.script) },
          };
      if (input.witness.length > 0) vin.txinwitness = input.witness.map(toHex);
      const coin = options.spent?.[i];
      if (coin && options.withPrevout) {
        vin.prevout = { generated: coin.coinbase, height: coin.height, value: btc(coin.value), scriptPubKey: scriptPubKeyJson(coin.script) };
      }
      vin.sequence = input.sequence;
      return vin;
    }),
    vout: tx.outs.map((out, n) => ({ value: btc(Number(out.value)), n, scriptPubKey: scriptPubKeyJson(out.script) })),
  };
  if (options.spent && !tx.isCoinbase()) {
    const valueIn = options.spent.reduce((sum, c) => sum + c.value, 0);
    json.fee = btc(valueIn - tx.outs.reduce((sum, o) => sum + Number(o.value), 0));
  }
  if (options.blockHash) json.blockhash = options.blockHash;
  if (options.includeHex !== false) json.hex = toHex(raw);
  return json;
}

/** blockheaderToJSON. */
export function headerJson(chain: Chain, entry: IndexEntry): Record<string, unknown> {
  const inActive = chain.contains(entry);
  const next = inActive ? chain.atHeight(entry.height + 1) : undefined;
  return {
    hash: entry.hash,
    confirmations: inActive ? chain.height() - entry.height + 1 : -1,
    height: entry.height,
    version: entry.version,
    versionHex: (entry.version >>> 0).toString(16).padStart(8, '0'),
    merkleroot: entry.merkleRoot,
    time: entry.time,
    mediantime: chain.medianTimePast(entry),
    nonce: entry.nonce,
    bits: entry.bits.toString(16).padStart(8, '0'),
    difficulty: difficulty(entry.bits),
    chainwork: chainworkHex(entry.chainWork),
    nTx: entry.nTx,
    previousblockhash: entry.height > 0 ? entry.prev : undefined,
    nextblockhash: next?.hash,
  };
}

/** blockToJSON at verbosity 1 (txids), 2 (transactions with fee) or 3 (and prevouts). */
export function blockJson(chain: Chain, entry: IndexEntry, block: Block, verbosity: number): Record<string, unknown> {
  const txs = block.transactions!;
  const undo = verbosity >= 2 ? chain.undo(entry.hash) : undefined;
  return {
    ...headerJson(chain, entry),
    strippedsize: entry.strippedSize,
    size: entry.size,
    weight: entry.weight,
    tx:
      verbosity <= 1
        ? txs.map((tx) => txidOf(tx))
        : txs.map((tx, i) => txJson(tx, { spent: i > 0 ? undo?.[i] : undefined, withPrevout: verbosity >= 3 })),
  };
}
