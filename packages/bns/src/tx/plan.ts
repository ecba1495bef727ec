import { buildTransaction, parseTransaction, type BuiltTransaction, type SpendableOutput, type TransactionPlan, type UnspentOutput } from '@bsk/bitcoin';
import type { NetworkParams } from '../params.js';
import type { NameTxOutput } from '../wire/outputs.js';
import type { Operation } from '../wire/types.js';
import type { NameTxWallet } from './wallet.js';

/*
 * A naming operation and the transaction plan that carries it (bns.md §3.14): outputs in the
 * order blockstack.js emitted them, the owner's input first where the operation has one, then
 * the payer's inputs chosen by @bsk/bitcoin's coin selection. Building signs every input.
 */

export interface PlannedNameTransaction<Op extends Operation = Operation> {
  readonly operation: Op;
  readonly plan: TransactionPlan;
}

export interface BuiltNameTransaction<Op extends Operation = Operation> extends BuiltTransaction {
  readonly operation: Op;
}

/** What every builder takes besides the operation's own inputs. */
export interface NameTxOptions {
  readonly params: NetworkParams;
  /** Satoshis per virtual byte. */
  readonly feeRate: number;
}

export function nameTransactionPlan<Op extends Operation>(
  options: NameTxOptions,
  operation: Op,
  outputs: readonly NameTxOutput[],
  funding: NameTxWallet,
  inputs: readonly SpendableOutput[] = [],
): PlannedNameTransaction<Op> {
  return {
    operation,
    // version 1: blockstack.js `txB.setVersion(1)` (bns.md §3.14)
    plan: { network: options.params.addressNetwork, feeRate: options.feeRate, outputs, inputs, funding: { utxos: funding.utxos, signer: funding.signer }, version: 1 },
  };
}

/**
 * Funds and signs a planned naming transaction. Throws @bsk/bitcoin's InsufficientFundsError or
 * TransactionPlanError.
 */
export function buildNameTransaction<Op extends Operation>(planned: PlannedNameTransaction<Op>): BuiltNameTransaction<Op> {
  return { ...buildTransaction(planned.plan), operation: planned.operation };
}

/**
 * The payer's change of a built transaction as an unspent output, so a follow-up transaction can
 * spend it before it confirms (blockstack.js's `register` spends the preorder's change). Null when
 * the transaction has no change output.
 */
export function changeOutputOf(params: NetworkParams, built: BuiltTransaction): UnspentOutput | null {
  if (built.changeIndex === null) return null;
  const output = parseTransaction(built.hex, params.addressNetwork).outputs[built.changeIndex]!;
  return { txid: built.txid, vout: built.changeIndex, value: output.value, script: output.script, height: null };
}
