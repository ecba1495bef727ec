import type { NameUpdate } from '../wire/types.js';
import { makeNameUpdate } from '../wire/make.js';
import { nameUpdateOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { ownerInput, walletAddress, type NameTxWallet } from './wallet.js';

export interface NameUpdateArgs extends NameTxOptions {
  readonly owner: NameTxWallet;
  readonly payer: NameTxWallet;
  readonly name: string;
  /** A recent consensus hash: the name travels as hash128(name ‖ this) (bns.md §2.3, §4.8). */
  readonly consensusHash: string;
  /** The new zone-file hash. */
  readonly valueHash: string;
}

/** NAME_UPDATE (bns.md §3.5, §3.14): input 0 the owner; OP_RETURN, owner refund, payer change. */
export function planNameUpdate(args: NameUpdateArgs): PlannedNameTransaction<NameUpdate> {
  const owner = ownerInput(args.params, args.owner);
  const payer = walletAddress(args.params, args.payer.signer);
  const operation = makeNameUpdate({ name: args.name, consensusHash: args.consensusHash, valueHash: args.valueHash });
  const outputs = nameUpdateOutputs(args.params, operation, { owner: owner.address, ownerInputValue: owner.utxo.value, payer });
  return nameTransactionPlan(args, operation, outputs, args.payer, [owner]);
}
