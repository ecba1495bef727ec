import { invalid, nameConsensusHash, nameHash128 } from '@bsk/crypto';
import { pythonFloatStr } from './python-float.js';
import { pythonBool, pythonInt, pythonRequiredText, pythonText } from './python-str.js';
import type { NameRecordOp } from './records.js';
import type { RenderedFields, UntypedRecord } from './rendered-fields.js';

/** NAME_PREORDER: the preorder row as committed (bns.md §6.3). */
export function renderNamePreorder(record: UntypedRecord): RenderedFields {
  return {
    preorder_hash: pythonRequiredText(record.preorder_hash, 'preorder_hash'),
    consensus_hash: pythonRequiredText(record.consensus_hash, 'consensus_hash'),
    sender: pythonRequiredText(record.sender, 'sender'),
    sender_pubkey: pythonText(record.sender_pubkey, 'sender_pubkey'),
    address: pythonRequiredText(record.address, 'address'),
    block_number: pythonInt(record.block_number, 'block_number'),
    op: '?',
    txid: pythonRequiredText(record.txid, 'txid'),
    vtxindex: pythonInt(record.vtxindex, 'vtxindex'),
    op_fee: pythonInt(record.op_fee, 'op_fee'),
  };
}

/**
 * A name record after register, renew, update, transfer, revoke or import, with the fields the
 * reference derives while serializing (bns.md §6.3):
 * - update: `name_consensus_hash` = hash128(name ‖ matched consensus hash);
 * - transfer: `name_hash128` = hash128(name), `keep_data` from the op (`>>` keeps, `>~` drops);
 * - `op_fee` as a float when the record was created by NAME_IMPORT (see `renderNameOpFee`).
 */
export function renderNameRecord(record: UntypedRecord, op: NameRecordOp): RenderedFields {
  const name = pythonRequiredText(record.name, 'name');
  const common: Record<string, string> = {
    name,
    value_hash: pythonText(record.value_hash, 'value_hash'),
    sender: pythonRequiredText(record.sender, 'sender'),
    sender_pubkey: pythonText(record.sender_pubkey, 'sender_pubkey'),
    address: pythonRequiredText(record.address, 'address'),
    block_number: pythonInt(record.block_number, 'block_number'),
    preorder_block_number: pythonInt(record.preorder_block_number, 'preorder_block_number'),
    first_registered: pythonInt(record.first_registered, 'first_registered'),
    last_renewed: pythonInt(record.last_renewed, 'last_renewed'),
    revoked: pythonBool(record.revoked, 'revoked'),
    op,
    txid: pythonRequiredText(record.txid, 'txid'),
    vtxindex: pythonInt(record.vtxindex, 'vtxindex'),
    op_fee: renderNameOpFee(record, op),
    importer: pythonText(record.importer, 'importer'),
    importer_address: pythonText(record.importer_address, 'importer_address'),
  };
  if (op === '+') {
    const consensusHash = pythonRequiredText(record.consensus_hash, 'consensus_hash');
    common.name_consensus_hash = nameConsensusHash(name, consensusHash);
    common.consensus_hash = consensusHash;
  } else if (op === '>>' || op === '>~') {
    common.name_hash128 = nameHash128(name);
    common.consensus_hash = pythonText(record.consensus_hash, 'consensus_hash');
    common.keep_data = op === '>>' ? 'True' : 'False';
  }
  return common;
}

/**
 * The `op_fee` quirk (blockstack-core `op_canonicalize_quirks`): for the state transitions of a
 * name (import, renew, update, transfer, revoke) the fee is `float(op_fee)` when the record's
 * `last_creation_op` is NAME_IMPORT and `int(op_fee)` otherwise. A NAME_IMPORT sets
 * `last_creation_op` to `;` itself, so imports are always floats; a registration is not a
 * transition and keeps the preorder's integer fee.
 */
function renderNameOpFee(record: UntypedRecord, op: NameRecordOp): string {
  const fee = record.op_fee;
  if (typeof fee !== 'number' || !Number.isFinite(fee)) invalid('bad_record_field', 'op_fee: expected a finite number');
  if (op === ':') return pythonInt(fee, 'op_fee');
  const lastCreationOp = record.last_creation_op;
  if (lastCreationOp !== '?' && lastCreationOp !== ';') {
    invalid('bad_record_field', "last_creation_op: expected '?' or ';'");
  }
  if (op === ';' || lastCreationOp === ';') return pythonFloatStr(fee);
  return pythonInt(Math.trunc(fee), 'op_fee');
}
