import type { NamespaceReveal } from '../wire/types.js';
import { namespaceRevealOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { walletAddress, type NameTxWallet } from './wallet.js';

/** A namespace's rules as a NAMESPACE_REVEAL sets them (bns.md §3.10). */
export type NamespaceRules = Omit<NamespaceReveal, 'type' | 'namespaceId'>;

export interface NamespaceRevealArgs extends NameTxOptions {
  /** The namespace preorder's payer: the reveal's sender must be the same script. */
  readonly payer: NameTxWallet;
  readonly namespaceId: string;
  readonly revealAddress: string;
  readonly rules: NamespaceRules;
}

/**
 * NAMESPACE_REVEAL (bns.md §3.10, §3.14): exactly three outputs — OP_RETURN, the reveal address
 * (dust), the payer's change (kept). The reveal address should be p2pkh: its key imports names
 * and readies the namespace.
 */
export function planNamespaceReveal(args: NamespaceRevealArgs): PlannedNameTransaction<NamespaceReveal> {
  const payer = walletAddress(args.params, args.payer.signer);
  const operation: NamespaceReveal = { type: 'namespace-reveal', namespaceId: args.namespaceId, ...args.rules, buckets: [...args.rules.buckets] };
  return nameTransactionPlan(args, operation, namespaceRevealOutputs(args.params, operation, { revealAddress: args.revealAddress, payer }), args.payer);
}
