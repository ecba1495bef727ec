import type { NamespacePreorder } from '../wire/types.js';
import { makeNamespacePreorder } from '../wire/make.js';
import { namespacePreorderOutputs } from '../wire/outputs.js';
import { namespaceFee } from './fee.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { walletAddress, type NameTxWallet } from './wallet.js';

export interface NamespacePreorderArgs extends NameTxOptions {
  readonly payer: NameTxWallet;
  readonly namespaceId: string;
  /** The address the later NAMESPACE_REVEAL names (committed in the preorder hash, bns.md §2.2). */
  readonly revealAddress: string;
  /** A recent consensus hash (bns.md §4.3). */
  readonly consensusHash: string;
  /** The block the transaction is expected in: the namespace price depends on its epoch. */
  readonly height: number;
  /** Satoshis to burn instead of the price (the reveal rejects less than the price). */
  readonly fee?: number;
}

/**
 * NAMESPACE_PREORDER (bns.md §3.9, §3.14): OP_RETURN, the payer's change (kept: the burn must be
 * output 2), the price burned. Input 0 is the payer, whose script the preorder hash commits to.
 */
export function planNamespacePreorder(args: NamespacePreorderArgs): PlannedNameTransaction<NamespacePreorder> {
  const payer = walletAddress(args.params, args.payer.signer);
  const operation = makeNamespacePreorder(args.params, { namespaceId: args.namespaceId, payer, revealAddress: args.revealAddress, consensusHash: args.consensusHash });
  const fee = args.fee ?? namespaceFee(args.params, args.namespaceId, args.height).amount;
  return nameTransactionPlan(args, operation, namespacePreorderOutputs(args.params, operation, { payer, fee }), args.payer);
}
