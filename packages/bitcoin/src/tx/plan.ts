import type { NetworkName } from '@bsk/crypto';
import type { InputSigner } from './signer.js';
import type { UnspentOutput } from './types.js';

/** An output to spend, with what can sign for it. */
export interface SpendableOutput {
  readonly utxo: UnspentOutput;
  readonly signer: InputSigner;
}

/**
 * One output of a planned transaction, in the order it will appear (the naming protocol fixes the
 * order, bns.md §3.14):
 *  - `nulldata`: the one OP_RETURN output (`OP_RETURN <push>`, at most 80 bytes, value 0);
 *  - `address`/`script` + `value`: a payment of `value` satoshis (never dust);
 *  - `change`: the address that receives what is left after the fee. Omitted when below dust,
 *    unless `keep` is set, in which case coin selection spends more until it is not dust.
 */
export type PlannedOutput =
  | { readonly nulldata: string | Uint8Array }
  | { readonly address: string; readonly value: number }
  | { readonly script: string; readonly value: number }
  | { readonly change: string; readonly keep?: boolean };

export interface TransactionPlan {
  readonly network: NetworkName;
  /** Satoshis per virtual byte; the fee is ceil(estimated vsize × feeRate). */
  readonly feeRate: number;
  readonly outputs: readonly PlannedOutput[];
  /** Inputs always spent, first and in this order (e.g. a name owner's input 0). */
  readonly inputs?: readonly SpendableOutput[];
  /** Candidates for coin selection, all spendable by one signer (the payer). */
  readonly funding?: { readonly utxos: readonly UnspentOutput[]; readonly signer: InputSigner };
  /** Transaction version; blockstack.js emits 1 (bns.md §3.14). */
  readonly version?: number;
  readonly locktime?: number;
  /** Dust relay fee rate in sat/vB (bitcoind's default 3). */
  readonly dustRelayFeeRate?: number;
}

export interface BuiltTransaction {
  readonly hex: string;
  readonly txid: string;
  /** Satoshis paid in fee (inputs − outputs). */
  readonly fee: number;
  /** Virtual size of the signed transaction. */
  readonly vsize: number;
  /** Inputs in transaction order. */
  readonly inputs: readonly SpendableOutput[];
  /** Index of the change output, or null when there is none. */
  readonly changeIndex: number | null;
}
