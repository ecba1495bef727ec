import type { NameRegistration } from '../wire/types.js';
import { nameRegistrationOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { walletAddress, type NameTxWallet } from './wallet.js';

export interface NameRegistrationArgs extends NameTxOptions {
  /** The preorder's payer: its script must send the registration too (bns.md §4.6 rule 8). */
  readonly payer: NameTxWallet;
  readonly name: string;
  /** The address committed in the preorder hash. */
  readonly owner: string;
  /** A zone-file hash to set at once (epoch 3+, "register with zone-file hash"); default none. */
  readonly valueHash?: string | null;
}

/**
 * NAME_REGISTRATION (bns.md §3.3, §3.14): OP_RETURN, the new owner (dust), the payer's change when
 * it is not dust — never more than three outputs, or the indexer would read a renewal.
 */
export function planNameRegistration(args: NameRegistrationArgs): PlannedNameTransaction<NameRegistration> {
  const payer = walletAddress(args.params, args.payer.signer);
  const operation: NameRegistration = { type: 'name-registration', name: args.name, valueHash: args.valueHash ?? null, tokenFee: null };
  return nameTransactionPlan(args, operation, nameRegistrationOutputs(args.params, operation, { owner: args.owner, payer }), args.payer);
}
