import type { NetworkName } from '@bsk/crypto';
import type { ParsedInput, ParsedTransaction, SpentOutput, UnspentOutput } from './tx/types.js';

/*
 * The chain backend: everything the layers above (indexer, CLI, SDK node helpers) need from
 * Bitcoin, and nothing more (DESIGN.md layer 2). Production implements it over bitcoind's
 * JSON-RPC (`BitcoindClient`); the devnet serves the same RPC, so one implementation covers both.
 *
 * Plain data only: hashes and scripts are lowercase hex, amounts are satoshis as `number`
 * (every valid amount is at most 21e14 sat, well inside 2^53), fee rates are sat/vB.
 */

export interface ChainTip {
  readonly height: number;
  readonly hash: string;
}

export interface BlockHeader {
  readonly hash: string;
  readonly height: number;
  /** Null for the genesis block. */
  readonly previousBlockHash: string | null;
  /** Block timestamp, seconds since the epoch. */
  readonly time: number;
}

/** An input with the output it spends (the protocol's "sender", bns.md §1.2) resolved. */
export interface ChainInput extends ParsedInput {
  /** The spent output; null for coinbase inputs and when resolution was not asked for. */
  readonly prevout: SpentOutput | null;
  /**
   * The public key this input reveals when spending its prevout (P2PKH scriptSig, P2WPKH and
   * P2SH-P2WPKH witness, P2PK script); null otherwise or when the prevout is unknown.
   */
  readonly publicKey: string | null;
}

export interface ChainTransaction extends Omit<ParsedTransaction, 'inputs'> {
  readonly inputs: readonly ChainInput[];
}

export interface Block extends BlockHeader {
  /** Transactions in block order; the coinbase is at index 0 (its `vtxindex`, bns.md §1.1). */
  readonly transactions: readonly ChainTransaction[];
}

/** Where a transaction stands: unconfirmed (mempool) or in a block of the current best chain. */
export interface TransactionStatus {
  readonly transaction: ChainTransaction;
  readonly blockHash: string | null;
  readonly blockHeight: number | null;
  readonly confirmations: number;
}

/**
 * Which transactions of a block get their prevouts resolved. Resolving costs a lookup per
 * distinct previous transaction, so the indexer asks only for the ones that carry OP_RETURN data.
 */
export type PrevoutFilter = boolean | ((transaction: ParsedTransaction) => boolean);

export interface GetBlockOptions {
  /** Default true: resolve every input's prevout. */
  readonly prevouts?: PrevoutFilter;
}

export interface ChainBackend {
  readonly network: NetworkName;
  getTip(): Promise<ChainTip>;
  /** Hash of the best chain's block at `height`; rejects when the height is above the tip. */
  getBlockHash(height: number): Promise<string>;
  getBlockHeader(hashOrHeight: string | number): Promise<BlockHeader>;
  getBlock(hashOrHeight: string | number, options?: GetBlockOptions): Promise<Block>;
  getTransaction(txid: string): Promise<TransactionStatus>;
  /** Sends a signed raw transaction; resolves to its txid. */
  broadcast(rawTransactionHex: string): Promise<string>;
  /** Confirmed unspent outputs paying `address`. */
  getUnspentOutputs(address: string): Promise<UnspentOutput[]>;
  /** Estimated fee rate (sat/vB) for confirmation within `targetBlocks`. */
  getFeeRate(targetBlocks?: number): Promise<number>;
}
