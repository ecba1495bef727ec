import type { NamePreorderRecord, NameRecord, NamespacePreorderRecord, NamespaceRecord } from '../consensus/records.js';
import type { AddressedOutput, OperationOutputs } from '../wire/extract.js';
import type { Operation, OperationType } from '../wire/types.js';

/*
 * The rows the name database keeps (bns.md §4.21) and the values the state machine passes around.
 * Rows extend the canonical records of consensus/records.ts with the columns that never reach the
 * consensus hash; keys stay snake_case because they are the protocol's column names and the
 * history keeps them as its `history_data`.
 */

/** A preorder row (`preorders` table): a NAME_PREORDER `?` or a NAMESPACE_PREORDER `*`. */
export type PreorderRow = (NamePreorderRecord | NamespacePreorderRecord) & {
  /** The address the preorder's fee output paid (the burn address, or a namespace creator). */
  readonly burn_address: string;
  readonly token_fee: string;
  readonly token_units: string;
};

/**
 * The store key of a preorder row: its op and hash. Name and namespace preorders share the
 * reference's `preorders` table, but each lookup filters by op, so the same 20 bytes sent as both
 * kinds are two different rows.
 */
export function preorderKey(op: '?' | '*', preorderHash: string): string {
  return `${op}${preorderHash}`;
}

/** A `name_records` row. */
export interface NameRow extends NameRecord {
  readonly preorder_hash: string;
  readonly name_hash128: string;
  readonly namespace_id: string;
  readonly namespace_block_number: number;
  readonly token_fee: string;
}

/** A `namespaces` row. */
export interface NamespaceRow extends NamespaceRecord {
  readonly op_fee: number;
  readonly token_fee: string;
}

/** The record an accepted operation wrote (what history keeps and the consensus hash serializes). */
export type StateRecord = PreorderRow | NameRow | NamespaceRow;

/** One `history` row: an accepted operation as it affected one name or namespace. */
export interface HistoryEntry {
  /** The name or namespace id. */
  readonly history_id: string;
  /** The block the entry is shown at (a registration also files its preorder at the preorder's block). */
  readonly block_id: number;
  readonly vtxindex: number;
  readonly txid: string;
  readonly op: string;
  readonly opcode: string;
  readonly history_data: StateRecord;
  readonly value_hash: string | null;
  /** Set for registrations, namespace reveals and first imports (bns.md §4.21). */
  readonly creator_address: string | null;
}

/** The naming-relevant view of one transaction (bns.md §1.2), after the whole-transaction filter. */
export interface NamingTx {
  readonly txid: string;
  readonly vtxindex: number;
  /** scriptPubKey spent by input 0, hex. */
  readonly sender: string;
  readonly senderType: 'p2pkh' | 'p2sh';
  readonly senderAddress: string;
  /** `sender_pubkey`: only for a p2pkh sender whose key some input reveals. */
  readonly senderPubkey: string | null;
  readonly operation: Operation;
  readonly outputs: OperationOutputs;
}

/** Why a rule refused an operation; stable machine codes. */
export type RejectReason =
  | 'bad-name'
  | 'stale-consensus-hash'
  | 'preorder-exists'
  | 'no-preorder'
  | 'preorder-expired'
  | 'preorder-too-early'
  | 'wrong-sender'
  | 'quota'
  | 'name-registered'
  | 'name-not-registered'
  | 'name-revoked'
  | 'name-expired'
  | 'grace-period'
  | 'not-owner'
  | 'same-owner'
  | 'namespace-not-ready'
  | 'namespace-not-revealed'
  | 'namespace-exists'
  | 'namespace-version'
  | 'bad-payment'
  | 'fee-too-low'
  | 'collision'
  | 'not-in-this-epoch'
  | 'bad-sender'
  | 'not-importer'
  | 'tokens-out-of-scope'
  | 'not-announcer';

/** A refused operation: a value with a reason, never an exception (STYLE.md lesson 3). */
export interface Rejected {
  readonly accepted: false;
  readonly type: OperationType;
  readonly txid: string;
  readonly vtxindex: number;
  readonly reason: RejectReason;
  readonly message: string;
}

export function rejected(tx: Pick<NamingTx, 'txid' | 'vtxindex' | 'operation'>, reason: RejectReason, message: string): Rejected {
  return { accepted: false, type: tx.operation.type, txid: tx.txid, vtxindex: tx.vtxindex, reason, message };
}

/** The owner output of an operation that must have one (the layout guarantees it). */
export function ownerOutput(tx: NamingTx): AddressedOutput {
  const owner = tx.outputs.owner ?? tx.outputs.revealAddress;
  if (owner === null) throw new Error(`${tx.operation.type} has no owner output`);
  return owner;
}
