import type { NamespaceReady } from '../wire/types.js';
import { namespaceReadyOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { walletAddress, type NameTxWallet } from './wallet.js';

export interface NamespaceReadyArgs extends NameTxOptions {
  /** The reveal address's key: it sends and pays. */
  readonly revealer: NameTxWallet;
  readonly namespaceId: string;
}

/** NAMESPACE_READY (bns.md §3.11, §3.14): OP_RETURN and the revealer's change. */
export function planNamespaceReady(args: NamespaceReadyArgs): PlannedNameTransaction<NamespaceReady> {
  const revealer = walletAddress(args.params, args.revealer.signer);
  const operation: NamespaceReady = { type: 'namespace-ready', namespaceId: args.namespaceId };
  return nameTransactionPlan(args, operation, namespaceReadyOutputs(args.params, operation, { revealer }), args.revealer);
}
