import { pythonInt, pythonIntList, pythonRequiredText, pythonText } from './python-str.js';
import type { RenderedFields, UntypedRecord } from './rendered-fields.js';

/** NAMESPACE_PREORDER: the preorder row as committed (bns.md §4.14). */
export function renderNamespacePreorder(record: UntypedRecord): RenderedFields {
  return {
    preorder_hash: pythonRequiredText(record.preorder_hash, 'preorder_hash'),
    consensus_hash: pythonRequiredText(record.consensus_hash, 'consensus_hash'),
    op: '*',
    op_fee: pythonInt(record.op_fee, 'op_fee'),
    txid: pythonRequiredText(record.txid, 'txid'),
    vtxindex: pythonInt(record.vtxindex, 'vtxindex'),
    block_number: pythonInt(record.block_number, 'block_number'),
    sender: pythonRequiredText(record.sender, 'sender'),
    sender_pubkey: pythonText(record.sender_pubkey, 'sender_pubkey'),
    address: pythonRequiredText(record.address, 'address'),
  };
}

/**
 * NAMESPACE_REVEAL and NAMESPACE_READY: the namespace row (bns.md §4.15, §4.16, §6.3).
 * `buckets` is serialized as the Python list repr the reference stores, `[6, 5, 4, …]`;
 * `ready_block` only for READY (the reveal's field list stops before it).
 */
export function renderNamespace(record: UntypedRecord, op: '&' | '!'): RenderedFields {
  const rendered: Record<string, string> = {
    namespace_id: pythonRequiredText(record.namespace_id, 'namespace_id'),
    preorder_hash: pythonRequiredText(record.preorder_hash, 'preorder_hash'),
    version: pythonInt(record.version, 'version'),
    sender: pythonRequiredText(record.sender, 'sender'),
    sender_pubkey: pythonText(record.sender_pubkey, 'sender_pubkey'),
    address: pythonRequiredText(record.address, 'address'),
    recipient: pythonRequiredText(record.recipient, 'recipient'),
    recipient_address: pythonRequiredText(record.recipient_address, 'recipient_address'),
    block_number: pythonInt(record.block_number, 'block_number'),
    reveal_block: pythonInt(record.reveal_block, 'reveal_block'),
    op,
    txid: pythonRequiredText(record.txid, 'txid'),
    vtxindex: pythonInt(record.vtxindex, 'vtxindex'),
    lifetime: pythonInt(record.lifetime, 'lifetime'),
    coeff: pythonInt(record.coeff, 'coeff'),
    base: pythonInt(record.base, 'base'),
    buckets: pythonIntList(record.buckets, 'buckets'),
    nonalpha_discount: pythonInt(record.nonalpha_discount, 'nonalpha_discount'),
    no_vowel_discount: pythonInt(record.no_vowel_discount, 'no_vowel_discount'),
  };
  if (op === '!') rendered.ready_block = pythonInt(record.ready_block, 'ready_block');
  return rendered;
}
