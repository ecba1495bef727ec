/*
 * The per-opcode field lists that virtualchain serializes (bns.md §6.2; blockstack-core
 * `SERIALIZE_FIELDS` and `NAMEREC_FIELDS`). Order matters and the duplicates are intentional:
 * NAME_REGISTRATION and NAME_IMPORT repeat `sender` and `address` at the end.
 */

/** The common name-record fields, in the order that "must be preserved for all eternity". */
export const NAMEREC_FIELDS = Object.freeze([
  'name',
  'value_hash',
  'sender',
  'sender_pubkey',
  'address',
  'block_number',
  'preorder_block_number',
  'first_registered',
  'last_renewed',
  'revoked',
  'op',
  'txid',
  'vtxindex',
  'op_fee',
  'importer',
  'importer_address',
] as const);

const NAMESPACE_REVEAL_FIELDS = Object.freeze([
  'namespace_id',
  'preorder_hash',
  'version',
  'sender',
  'sender_pubkey',
  'address',
  'recipient',
  'recipient_address',
  'block_number',
  'reveal_block',
  'op',
  'txid',
  'vtxindex',
  'lifetime',
  'coeff',
  'base',
  'buckets',
  'nonalpha_discount',
  'no_vowel_discount',
] as const);

/** The opcode bytes whose accepted operations are serialized (ANNOUNCE `#` never is). */
export type SerializedOpcode = '?' | ':' | '+' | '>' | '~' | ';' | '*' | '&' | '!' | '$';

/** Keyed by the OP_RETURN opcode byte; registration and renewal share `:`. */
export const SERIALIZE_FIELDS: Readonly<Record<SerializedOpcode, readonly string[]>> = Object.freeze({
  '?': Object.freeze([
    'preorder_hash',
    'consensus_hash',
    'sender',
    'sender_pubkey',
    'address',
    'block_number',
    'op',
    'txid',
    'vtxindex',
    'op_fee',
  ]),
  ':': Object.freeze([...NAMEREC_FIELDS, 'sender', 'address']),
  '+': Object.freeze([...NAMEREC_FIELDS, 'name_consensus_hash', 'consensus_hash']),
  '>': Object.freeze([...NAMEREC_FIELDS, 'name_hash128', 'consensus_hash', 'keep_data']),
  '~': Object.freeze([...NAMEREC_FIELDS]),
  ';': Object.freeze([...NAMEREC_FIELDS, 'sender', 'address']),
  '*': Object.freeze([
    'preorder_hash',
    'consensus_hash',
    'op',
    'op_fee',
    'txid',
    'vtxindex',
    'block_number',
    'sender',
    'sender_pubkey',
    'address',
  ]),
  '&': NAMESPACE_REVEAL_FIELDS,
  '!': Object.freeze([...NAMESPACE_REVEAL_FIELDS, 'ready_block']),
  '$': Object.freeze([
    'sender',
    'address',
    'recipient',
    'recipient_address',
    'token_units',
    'token_fee',
    'block_id',
    'op',
    'txid',
    'vtxindex',
    'consensus_hash',
    'scratch_area',
  ]),
});
