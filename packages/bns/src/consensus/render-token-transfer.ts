import { invalid } from '@bsk/crypto';
import { pythonInt, pythonRequiredText } from './python-str.js';
import type { RenderedFields, UntypedRecord } from './rendered-fields.js';

/**
 * TOKEN_TRANSFER (epoch 4+, bns.md §3.13, §6.3): `token_fee` is the decimal string the reference
 * keeps to avoid overflow, `scratch_area` hex, `block_id` the height.
 */
export function renderTokenTransfer(record: UntypedRecord): RenderedFields {
  return {
    sender: pythonRequiredText(record.sender, 'sender'),
    address: pythonRequiredText(record.address, 'address'),
    recipient: pythonRequiredText(record.recipient, 'recipient'),
    recipient_address: pythonRequiredText(record.recipient_address, 'recipient_address'),
    token_units: pythonRequiredText(record.token_units, 'token_units'),
    token_fee: renderTokenFee(record.token_fee),
    block_id: pythonInt(record.block_id, 'block_id'),
    op: '$',
    txid: pythonRequiredText(record.txid, 'txid'),
    vtxindex: pythonInt(record.vtxindex, 'vtxindex'),
    consensus_hash: pythonRequiredText(record.consensus_hash, 'consensus_hash'),
    scratch_area: pythonRequiredText(record.scratch_area, 'scratch_area'),
  };
}

function renderTokenFee(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) {
    invalid('bad_record_field', 'token_fee: expected a decimal string');
  }
  return value;
}
