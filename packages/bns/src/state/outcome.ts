import type { NetworkParams } from '../params.js';
import type { RowKind, RowOf, StateReader } from '../store/store.js';
import type { OperationType } from '../wire/types.js';
import type { HistoryEntry, NamingTx, Rejected, StateRecord } from './types.js';

/*
 * What a rule sees and what it returns. Rules are pure: they read state and describe the writes of
 * an accepted operation; apply-block.ts commits them (journalled for undo) before the next operation
 * of the block is checked (bns.md §1.3 step 3), and the pre-scan simply discards them.
 */

export interface RuleContext {
  readonly params: NetworkParams;
  /** B, the block being processed. Generic lookups use B − 1 (bns.md §4.1a). */
  readonly height: number;
  readonly state: StateReader;
  /** The block's fresh consensus hashes (consensus-window.ts), when the caller has read them already. */
  readonly consensusWindow?: readonly string[];
  /** Search-order hints kept from block to block by the engine (they never change an outcome). */
  readonly hints?: RuleHints;
}

/** What the rules remember to search faster; any value gives the same outcomes. */
export interface RuleHints {
  /** The consensus hash the last NAME_UPDATE found was cited with (name-update.ts tries it first). */
  updateCited: string | null;
}

export interface RowWrite<K extends RowKind = RowKind> {
  readonly kind: K;
  readonly key: string;
  readonly row: RowOf[K] | null;
}

export interface Accepted {
  readonly accepted: true;
  readonly type: OperationType;
  readonly txid: string;
  readonly vtxindex: number;
  /** The canonical record (bns.md §6.3), or null for ANNOUNCE, which never contributes. */
  readonly record: StateRecord | null;
  readonly writes: readonly RowWrite[];
  readonly history: readonly HistoryEntry[];
  /**
   * What this operation creates or preorders (collisionKey()), for the same-block collision rule
   * (bns.md §4.12): registrations, namespace reveals and both kinds of preorder; null otherwise.
   */
  readonly claim: string | null;
}

export type Outcome = Accepted | Rejected;

export function write<K extends RowKind>(kind: K, key: string, row: RowOf[K] | null): RowWrite {
  return { kind, key, row } as RowWrite;
}

export function accepted(tx: NamingTx, record: StateRecord | null, writes: readonly RowWrite[], history: readonly HistoryEntry[], claim: string | null = null): Accepted {
  return { accepted: true, type: tx.operation.type, txid: tx.txid, vtxindex: tx.vtxindex, record, writes, history, claim };
}

/** A history entry for the record an operation wrote at block `height`. */
export function historyOf(historyId: string, height: number, tx: NamingTx, record: StateRecord, creatorAddress: string | null = null): HistoryEntry {
  return {
    history_id: historyId,
    block_id: height,
    vtxindex: tx.vtxindex,
    txid: tx.txid,
    op: record.op,
    opcode: opcodeName(record.op),
    history_data: record,
    value_hash: 'value_hash' in record ? record.value_hash : null,
    creator_address: creatorAddress,
  };
}

const OPCODE_NAMES: Readonly<Record<string, string>> = {
  '?': 'NAME_PREORDER',
  ':': 'NAME_REGISTRATION',
  '::': 'NAME_RENEWAL',
  '+': 'NAME_UPDATE',
  '>>': 'NAME_TRANSFER',
  '>~': 'NAME_TRANSFER',
  '~': 'NAME_REVOKE',
  ';': 'NAME_IMPORT',
  '*': 'NAMESPACE_PREORDER',
  '&': 'NAMESPACE_REVEAL',
  '!': 'NAMESPACE_READY',
};

export function opcodeName(op: string): string {
  return OPCODE_NAMES[op] ?? op;
}

export function collisionKey(kind: 'name' | 'namespace' | 'preorder', id: string): string {
  return `${kind}:${id}`;
}
