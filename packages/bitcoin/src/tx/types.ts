import type { ScriptType } from './classify.js';

/*
 * Plain-data shapes of a parsed transaction. Bytes travel as lowercase hex strings; amounts are
 * satoshis as `number` (every valid amount is at most 21e14 sat, well inside 2^53).
 */

export interface ParsedOutput {
  /** Position in the transaction's outputs. */
  readonly index: number;
  /** Satoshis. */
  readonly value: number;
  /** scriptPubKey, hex. */
  readonly script: string;
  readonly type: ScriptType;
  /** p2pkh/p2sh (base58) or p2wpkh/p2wsh (bech32) address on the parsing network; null otherwise. */
  readonly address: string | null;
}

export interface ParsedInput {
  readonly index: number;
  /** Id of the transaction whose output this input spends (display order, as txids are shown). */
  readonly txid: string;
  /** Index of the spent output in that transaction. */
  readonly vout: number;
  /** scriptSig, hex. */
  readonly scriptSig: string;
  /** Witness stack items, hex (empty for legacy inputs). */
  readonly witness: readonly string[];
  readonly sequence: number;
  readonly isCoinbase: boolean;
}

export interface ParsedTransaction {
  readonly txid: string;
  /** Witness txid (equal to txid when the transaction carries no witness). */
  readonly wtxid: string;
  /** The raw transaction, hex, exactly as given. */
  readonly hex: string;
  readonly version: number;
  readonly locktime: number;
  readonly size: number;
  readonly vsize: number;
  readonly weight: number;
  readonly inputs: readonly ParsedInput[];
  readonly outputs: readonly ParsedOutput[];
}

/** The previous output an input spends, as the chain backend resolves it (bns.md §1.2 "senders"). */
export interface SpentOutput {
  readonly value: number;
  readonly script: string;
  readonly type: ScriptType;
  readonly address: string | null;
}

/** An unspent output as a chain backend reports it. */
export interface UnspentOutput {
  readonly txid: string;
  readonly vout: number;
  /** Satoshis. */
  readonly value: number;
  /** scriptPubKey, hex. */
  readonly script: string;
  /** Height of the block that holds it; null while unconfirmed (when the backend reports those). */
  readonly height: number | null;
  readonly coinbase?: boolean;
}
