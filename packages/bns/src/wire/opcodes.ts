/*
 * Opcodes and field lengths of the operation wire format (bns.md §3.1; reference config.py
 * `OPCODES`, `LENGTHS`). Offsets in this package are within the OP_RETURN data push: magic at
 * 0–1, opcode at 2, payload from 3.
 */

export const OPCODE = Object.freeze({
  NAME_PREORDER: '?',
  NAME_REGISTRATION: ':', // also NAME_RENEWAL, told apart by the output count (§3.4)
  NAME_UPDATE: '+',
  NAME_TRANSFER: '>',
  NAME_REVOKE: '~',
  NAME_IMPORT: ';',
  NAMESPACE_PREORDER: '*',
  NAMESPACE_REVEAL: '&',
  NAMESPACE_READY: '!',
  ANNOUNCE: '#',
  TOKEN_TRANSFER: '$', // epoch 4+ (Stacks v1 tokens): recognised, out of scope
} as const);

export type Opcode = (typeof OPCODE)[keyof typeof OPCODE];

/** The second byte of a NAME_TRANSFER payload (reference TRANSFER_KEEP_DATA / TRANSFER_REMOVE_DATA). */
export const TRANSFER_KEEP_DATA = '>';
export const TRANSFER_REMOVE_DATA = '~';

/** A NAME_REGISTRATION with at least this many outputs is a NAME_RENEWAL (register.py tx_extract). */
export const RENEWAL_MIN_OUTPUTS = 4;

export const LENGTHS = Object.freeze({
  magicBytes: 2,
  opcode: 1,
  header: 3,
  preorderHash: 20,
  consensusHash: 16,
  nameHash: 16,
  nameConsensusHash: 16,
  valueHash: 20,
  fqnMax: 37, // `blockchain_id_name`: a name field is NUL-padded to this in the name+value form
  namespaceIdMax: 19,
  tokenUnits: 19, // token units field of an epoch-4 preorder (the `namespace_id` length in the reference)
  tokens: 8,
  namespaceLifetime: 4,
  namespaceBuckets: 8,
  namespaceVersion: 2,
  announce: 20,
  maxOpReturn: 80, // standardness limit of the data push
} as const);

/** Payload length of the fixed fields of a NAMESPACE_REVEAL (life, coeff, base, buckets, discounts, version). */
export const NAMESPACE_REVEAL_FIXED = 17;
