/*
 * The canonical records that feed the consensus hash (bns.md §6.1, §6.3, §4.21).
 *
 * A canonical record is the post-state row that an accepted operation wrote: for creations the
 * new row, for state transitions the current row overlaid with the operation's changes. Keys are
 * spelled exactly as the protocol's columns (snake_case) because these records are also what the
 * name history keeps and serves (`history_data`), and because the field lists of §6.2 name them.
 *
 * They are plain data so the state machine can produce them and the store can persist them. A
 * stored row may carry more columns (token_fee, burn_address, namespace_block_number, …); the
 * serializer reads only the ones below. Values that the reference derives at serialization time
 * (name_hash128, name_consensus_hash, keep_data, the float/int form of op_fee, the text form of
 * buckets) are derived by `serializeOp`, not stored here.
 */

/** `op` strings of the name operations (bns.md §3.1); the first character is the opcode byte. */
export type NameRecordOp = ':' | '::' | '+' | '>>' | '>~' | '~' | ';';

/** NAME_PREORDER `?`: the preorder row (bns.md §4.5, §4.21 "preorders"). */
export interface NamePreorderRecord {
  readonly op: '?';
  readonly preorder_hash: string;
  readonly consensus_hash: string;
  /** The preorderer's scriptPubKey, hex. */
  readonly sender: string;
  readonly sender_pubkey: string | null;
  readonly address: string;
  /** The preorder's own height. */
  readonly block_number: number;
  readonly txid: string;
  readonly vtxindex: number;
  /** Satoshis paid to the burn output. */
  readonly op_fee: number;
}

/**
 * A name record after NAME_REGISTRATION `:`, NAME_RENEWAL `::`, NAME_UPDATE `+`, NAME_TRANSFER
 * `>>`/`>~`, NAME_REVOKE `~` or NAME_IMPORT `;` (bns.md §4.6–§4.11, §6.3).
 */
export interface NameRecord {
  readonly op: NameRecordOp;
  readonly name: string;
  readonly value_hash: string | null;
  /** The owner after the operation (the recipient for register, renew, transfer, import). */
  readonly sender: string;
  readonly sender_pubkey: string | null;
  readonly address: string;
  /** The record's creation block (its first preorder, or the import), not the current block. */
  readonly block_number: number;
  readonly preorder_block_number: number;
  readonly first_registered: number;
  readonly last_renewed: number;
  readonly revoked: boolean;
  readonly txid: string;
  readonly vtxindex: number;
  /**
   * Satoshis. Rendered as a Python float when the record was created by NAME_IMPORT and never
   * re-registered (`last_creation_op` is `;`), otherwise as an int (§6.3 quirk).
   */
  readonly op_fee: number;
  readonly importer: string | null;
  readonly importer_address: string | null;
  /**
   * NAME_UPDATE: the consensus hash its name-consensus hash matched. NAME_TRANSFER: the hash the
   * §4.9 quirk selects. Other operations do not serialize it.
   */
  readonly consensus_hash: string | null;
  /** `?` when the record was created by a registration, `;` when by an import. */
  readonly last_creation_op: '?' | ';';
}

/** NAMESPACE_PREORDER `*` (bns.md §4.14). */
export interface NamespacePreorderRecord {
  readonly op: '*';
  readonly preorder_hash: string;
  readonly consensus_hash: string;
  readonly op_fee: number;
  readonly txid: string;
  readonly vtxindex: number;
  readonly block_number: number;
  readonly sender: string;
  readonly sender_pubkey: string | null;
  readonly address: string;
}

/**
 * A namespace row after NAMESPACE_REVEAL `&` or NAMESPACE_READY `!` (bns.md §4.15, §4.16).
 * After READY, `sender` is the READY transaction's sender (the reveal's recipient) while
 * `address` and `sender_pubkey` stay the preorderer's: they no longer correspond (§6.3 quirk).
 */
export interface NamespaceRecord {
  readonly op: '&' | '!';
  readonly namespace_id: string;
  readonly preorder_hash: string;
  readonly version: number;
  readonly sender: string;
  readonly sender_pubkey: string | null;
  readonly address: string;
  readonly recipient: string;
  readonly recipient_address: string;
  /** The namespace preorder's block (or the first reveal's on a re-reveal). */
  readonly block_number: number;
  readonly reveal_block: number;
  readonly txid: string;
  readonly vtxindex: number;
  readonly lifetime: number;
  readonly coeff: number;
  readonly base: number;
  /** The 16 bucket exponents. */
  readonly buckets: readonly number[];
  readonly nonalpha_discount: number;
  readonly no_vowel_discount: number;
  /** 0 until NAMESPACE_READY; serialized only for `!`. */
  readonly ready_block: number;
}

/** TOKEN_TRANSFER `$` (epoch 4+; out of this project's scope, kept so the table is complete). */
export interface TokenTransferRecord {
  readonly op: '$';
  readonly sender: string;
  readonly address: string;
  readonly recipient: string;
  readonly recipient_address: string;
  readonly token_units: string;
  /** Micro-units, as the decimal string the reference stores. */
  readonly token_fee: string | bigint;
  /** The block height. */
  readonly block_id: number;
  readonly txid: string;
  readonly vtxindex: number;
  readonly consensus_hash: string;
  /** Hex of the optional scratch area ('' when absent). */
  readonly scratch_area: string;
}

/** Every record that contributes to a block's consensus hash. ANNOUNCE `#` never does. */
export type CanonicalRecord =
  | NamePreorderRecord
  | NameRecord
  | NamespacePreorderRecord
  | NamespaceRecord
  | TokenTransferRecord;
