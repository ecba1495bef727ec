import type { NamePreorder } from '../wire/types.js';
import { makeNamePreorder } from '../wire/make.js';
import { namePreorderOutputs } from '../wire/outputs.js';
import { nameFee, type NamespaceTerms } from './fee.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { walletAddress, type NameTxWallet } from './wallet.js';

export interface NamePreorderArgs extends NameTxOptions {
  /** Pays the fee and must also send the NAME_REGISTRATION. */
  readonly payer: NameTxWallet;
  readonly name: string;
  /** The address that will own the name (the registration's output 1). */
  readonly owner: string;
  readonly consensusHash: string;
  /** The name's namespace (price curve, version, reveal block, creator). */
  readonly namespace: NamespaceTerms;
  /** The block the transaction is expected in (price epoch and pay-to-creator window). */
  readonly height: number;
  /** Override the fee (satoshis) or where it goes; by default the price and `nameFeeAddress`. */
  readonly fee?: number;
  readonly feeAddress?: string;
}

/**
 * NAME_PREORDER (bns.md §3.2, §3.14): exactly three outputs — OP_RETURN, the payer's change (kept),
 * the fee to the burn address or to a young version-2 namespace's creator (§4.13). The preorder
 * hash commits to the payer's script and the owner's address text (§2.2).
 */
export function planNamePreorder(args: NamePreorderArgs): PlannedNameTransaction<NamePreorder> {
  const payer = walletAddress(args.params, args.payer.signer);
  const operation = makeNamePreorder(args.params, { name: args.name, payer, registerAddress: args.owner, consensusHash: args.consensusHash });
  const price = nameFee(args.params, args.namespace, args.name, args.height);
  const outputs = namePreorderOutputs(args.params, operation, { payer, fee: args.fee ?? price.amount, burnAddress: args.feeAddress ?? price.address });
  return nameTransactionPlan(args, operation, outputs, args.payer);
}
