import type { NameRenewal } from '../wire/types.js';
import { nameRenewalOutputs } from '../wire/outputs.js';
import { nameFee, type NamespaceTerms } from './fee.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { ownerInput, walletAddress, type NameTxWallet } from './wallet.js';

export interface NameRenewalArgs extends NameTxOptions {
  /** The current owner: signs input 0. */
  readonly owner: NameTxWallet;
  /** Pays the fee and the transaction fee (may be the owner). */
  readonly payer: NameTxWallet;
  readonly name: string;
  /** Renew and transfer in one (epoch 3+); default: the current owner keeps it. */
  readonly newOwner?: string;
  /** Renew and set a zone-file hash (epoch 3+); default none, which keeps the current one. */
  readonly valueHash?: string | null;
  readonly namespace: NamespaceTerms;
  /** The block the transaction is expected in: a renewal is priced at its own block (§4.13). */
  readonly height: number;
  readonly fee?: number;
  readonly feeAddress?: string;
}

/**
 * NAME_RENEWAL (bns.md §3.4, §3.14), as blockstack.js `makeRenewal`: input 0 the owner's smallest
 * output; outputs OP_RETURN, the (new) owner (dust), the owner's input value back to the owner,
 * the fee, then the payer's change. Four outputs or more is what makes `:` a renewal.
 */
export function planNameRenewal(args: NameRenewalArgs): PlannedNameTransaction<NameRenewal> {
  const { params } = args;
  const owner = ownerInput(params, args.owner);
  const payer = walletAddress(params, args.payer.signer);
  const operation: NameRenewal = { type: 'name-renewal', name: args.name, valueHash: args.valueHash ?? null, tokenFee: null };
  const price = nameFee(params, args.namespace, args.name, args.height);
  const outputs = nameRenewalOutputs(params, operation, {
    newOwner: args.newOwner ?? owner.address,
    owner: owner.address,
    ownerInputValue: owner.utxo.value,
    fee: args.fee ?? price.amount,
    feeAddress: args.feeAddress ?? price.address,
    payer,
  });
  return nameTransactionPlan(args, operation, outputs, args.payer, [owner]);
}
