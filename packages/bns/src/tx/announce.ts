import type { Announce } from '../wire/types.js';
import { announceOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { walletAddress, type NameTxWallet } from './wallet.js';

export interface AnnounceArgs extends NameTxOptions {
  /** The owner of an announcer name (bns.md §4.17). */
  readonly sender: NameTxWallet;
  /** hash160 of the announcement text, hex. */
  readonly messageHash: string;
}

/** ANNOUNCE (bns.md §3.12, §3.14): OP_RETURN and the sender's change. */
export function planAnnounce(args: AnnounceArgs): PlannedNameTransaction<Announce> {
  const sender = walletAddress(args.params, args.sender.signer);
  const operation: Announce = { type: 'announce', messageHash: args.messageHash };
  return nameTransactionPlan(args, operation, announceOutputs(args.params, operation, { payer: sender }), args.sender);
}
