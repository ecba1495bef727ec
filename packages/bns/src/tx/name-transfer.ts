import type { NameTransfer } from '../wire/types.js';
import { makeNameTransfer } from '../wire/make.js';
import { nameTransferOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { ownerInput, walletAddress, type NameTxWallet } from './wallet.js';

export interface NameTransferArgs extends NameTxOptions {
  readonly owner: NameTxWallet;
  readonly payer: NameTxWallet;
  readonly name: string;
  readonly newOwner: string;
  /** true keeps the zone-file hash (`>`), false clears it (`~`). */
  readonly keepData: boolean;
  readonly consensusHash: string;
}

/**
 * NAME_TRANSFER (bns.md §3.6, §3.14): input 0 the owner; OP_RETURN, the new owner (dust), the
 * owner's input value back, payer change.
 */
export function planNameTransfer(args: NameTransferArgs): PlannedNameTransaction<NameTransfer> {
  const owner = ownerInput(args.params, args.owner);
  const payer = walletAddress(args.params, args.payer.signer);
  const operation = makeNameTransfer({ name: args.name, consensusHash: args.consensusHash, keepData: args.keepData });
  const outputs = nameTransferOutputs(args.params, operation, { newOwner: args.newOwner, owner: owner.address, ownerInputValue: owner.utxo.value, payer });
  return nameTransactionPlan(args, operation, outputs, args.payer, [owner]);
}
