import { invalid } from '@bsk/crypto';
import type { NameImport } from '../wire/types.js';
import { isNameValid } from '../wire/names.js';
import { nameImportOutputs } from '../wire/outputs.js';
import { nameTransactionPlan, type NameTxOptions, type PlannedNameTransaction } from './plan.js';
import { walletAddress, type NameTxWallet } from './wallet.js';

export interface NameImportArgs extends NameTxOptions {
  /** The reveal key or one of its import-keychain children (see `importKeychainPrivateKey`). */
  readonly importer: NameTxWallet;
  readonly name: string;
  readonly recipient: string;
  /** The zone-file hash, carried as the hash of output 2's address (bns.md §3.8). */
  readonly valueHash: string;
}

/**
 * NAME_IMPORT (bns.md §3.8, §3.14): OP_RETURN, the recipient (dust), p2pkh(zone-file hash) (dust),
 * the importer's change. The importer must be a p2pkh key: the rules recover its public key from
 * the signature (§4.11 step 1), so a multisig import could never be accepted.
 */
export function planNameImport(args: NameImportArgs): PlannedNameTransaction<NameImport> {
  if (args.importer.signer.type !== 'p2pkh') invalid('bad_signer', 'a NAME_IMPORT must be sent by a p2pkh key (bns.md §4.11)');
  if (!isNameValid(args.name)) invalid('bad_name', 'invalid name');
  const importer = walletAddress(args.params, args.importer.signer);
  const operation: NameImport = { type: 'name-import', name: args.name };
  return nameTransactionPlan(args, operation, nameImportOutputs(args.params, operation, { recipient: args.recipient, valueHash: args.valueHash, importer }), args.importer);
}
