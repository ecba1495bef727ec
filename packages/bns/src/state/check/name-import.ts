import { hashName, nameHash128 } from '@bsk/crypto';
import { priceName } from '../../price.js';
import { isNameValid, splitName } from '../../wire/names.js';
import type { NameImport } from '../../wire/types.js';
import { isRevealAlive, nameExists } from '../expiry.js';
import { importKeychain } from '../import-keychain.js';
import { accepted, historyOf, type Outcome, type RowWrite, type RuleContext, write } from '../outcome.js';
import { curveOf } from '../payment.js';
import { ownerOutput, rejected, type NameRow, type NamingTx } from '../types.js';

/*
 * NAME_IMPORT (bns.md §4.11): while a namespace is revealed and not ready, its reveal key (or a key
 * of its import keychain) creates names directly. The first import fixes the keychain. Imports
 * never collide; a re-import overwrites owner and zone-file hash but keeps the first import's block
 * numbers. `op_fee` is the name's price as a float (a consensus quirk, §6.3).
 */
export function checkNameImport(context: RuleContext, tx: NamingTx, operation: NameImport): Outcome {
  const { params, state, height } = context;
  if (tx.senderType !== 'p2pkh' || tx.senderPubkey === null) return rejected(tx, 'bad-sender', 'imports must be sent from a p2pkh key');
  const fqn = operation.name;
  if (!isNameValid(fqn)) return rejected(tx, 'bad-name', 'invalid name');
  const { name: label, namespaceId } = splitName(fqn);
  const namespace = state.getRow('namespace', namespaceId);
  if (namespace === null || !isRevealAlive(params, namespace, height - 1)) return rejected(tx, 'namespace-not-revealed', 'namespace is not revealed (or already ready)');

  const writes: RowWrite[] = [];
  let keychain = state.getRow('keychain', namespaceId);
  if (keychain === null) {
    if (tx.senderAddress !== namespace.recipient_address) return rejected(tx, 'not-importer', 'the first import must come from the reveal address');
    keychain = importKeychain(params, tx.senderPubkey);
    writes.push(write('keychain', namespaceId, keychain));
  }
  if (!keychain.includes(tx.senderAddress)) return rejected(tx, 'not-importer', 'sender is not in the import keychain');
  const zonefileHash = tx.outputs.zonefileHash;
  if (zonefileHash === null) return rejected(tx, 'bad-sender', 'no zone-file hash output');

  const owner = ownerOutput(tx);
  const existing = state.getRow('name', fqn);
  // get_prev_imported: the name as it exists at the last processed block, if recorded earlier.
  const previous =
    existing !== null && nameExists(params, namespace, existing, height - 1) && (existing.block_number < height || (existing.block_number === height && existing.vtxindex < tx.vtxindex))
      ? existing
      : null;
  const price = priceName(params, curveOf(namespace), label, height);
  const record: NameRow = {
    op: ';',
    name: fqn,
    value_hash: zonefileHash,
    sender: owner.script,
    sender_pubkey: tx.senderPubkey,
    address: owner.address,
    block_number: previous?.block_number ?? height,
    preorder_block_number: previous?.preorder_block_number ?? height,
    first_registered: previous?.first_registered ?? height,
    last_renewed: previous?.last_renewed ?? height,
    revoked: false,
    txid: tx.txid,
    vtxindex: tx.vtxindex,
    op_fee: Number(price.amount),
    importer: tx.sender,
    importer_address: tx.senderAddress,
    consensus_hash: null,
    last_creation_op: ';',
    preorder_hash: previous?.preorder_hash ?? hashName(fqn, tx.sender, owner.address),
    name_hash128: nameHash128(fqn),
    namespace_id: namespaceId,
    namespace_block_number: namespace.block_number,
    token_fee: '0',
  };
  writes.push(write('name', fqn, record));
  // The creator address marks a name's first appearance: no history before this import (db.py
  // namedb_state_create_as_import), even one from earlier in this block.
  const creatorAddress = state.history(fqn).length === 0 ? owner.address : null;
  return accepted(tx, record, writes, [historyOf(fqn, height, tx, record, creatorAddress)]);
}
