import { invalid } from '@bsk/crypto';
import type { NameRevoke } from '../wire/types.js';
import { isNameValid } from '../wire/names.js';
import { nameRevokeOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { ownerInput, walletAddress, type NameTxWallet } from './wallet.js';

export interface NameRevokeArgs extends NameTxOptions {
  readonly owner: NameTxWallet;
  readonly payer: NameTxWallet;
  readonly name: string;
}

/** NAME_REVOKE (bns.md §3.7, §3.14): input 0 the owner; OP_RETURN, owner refund, payer change. */
export function planNameRevoke(args: NameRevokeArgs): PlannedNameTransaction<NameRevoke> {
  if (!isNameValid(args.name)) invalid('bad_name', 'invalid name');
  const owner = ownerInput(args.params, args.owner);
  const payer = walletAddress(args.params, args.payer.signer);
  const operation: NameRevoke = { type: 'name-revoke', name: args.name };
  return nameTransactionPlan(args, operation, nameRevokeOutputs(args.params, operation, { owner: owner.address, ownerInputValue: owner.utxo.value, payer }), args.payer, [owner]);
}
