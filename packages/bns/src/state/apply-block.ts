import type { Block } from '@bsk/bitcoin';
import { snapshotBlock } from '../consensus/consensus-hash.js';
import type { CanonicalRecord } from '../consensus/records.js';
import type { NetworkParams } from '../params.js';
import type { Store } from '../store/store.js';
import { checkOperation } from './check/index.js';
import { BlockCollisions, findCollisions } from './collisions.js';
import { recentConsensusHashes } from './consensus-window.js';
import { commitOperation } from './journal.js';
import type { Accepted, RuleHints } from './outcome.js';
import type { ScriptAddressCache } from '../wire/extract.js';
import { scanBlock, type IgnoredTx } from './scan.js';
import { rejected, type Rejected } from './types.js';

/*
 * Applying one block (bns.md §1.3; STYLE.md lesson 1: scan → parse → check → apply → snapshot).
 * Operations are checked in transaction order after the collision pre-scan; each accepted one is
 * committed before the next is checked; the block's consensus hash is computed from the accepted
 * canonical records. All in one store transaction.
 */

export interface BlockResult {
  readonly height: number;
  readonly consensusHash: string;
  readonly opsHash: string;
  readonly accepted: readonly Accepted[];
  readonly rejected: readonly Rejected[];
  readonly ignored: readonly IgnoredTx[];
}

export interface ApplyBlockOptions {
  /** Record before-images so the block can be undone (default true; see journal.ts). */
  readonly journal?: boolean;
  /**
   * Sender and output addresses by script, kept across blocks (scan.ts): the same wallets send
   * operation after operation, and each address is a base58check encoding. One cache per network.
   */
  readonly addresses?: ScriptAddressCache;
  /** The rules' search-order hints, kept across blocks (outcome.ts RuleHints; one per engine). */
  readonly hints?: RuleHints;
}

export function applyBlockToStore(params: NetworkParams, store: Store, block: Block, options: ApplyBlockOptions = {}): BlockResult {
  return store.transaction(() => applyBlockInTransaction(params, store, block, options));
}

/**
 * applyBlockToStore for a caller that holds the store's transaction already (the engine, which
 * applies a group of blocks in one): no nested transaction, so the group's writes stay pending
 * together until the group commits.
 */
export function applyBlockInTransaction(params: NetworkParams, store: Store, block: Block, options: ApplyBlockOptions = {}): BlockResult {
  const journal = options.journal ?? true;
  const tip = store.lastBlock();
  const expected = tip === null ? params.firstBlock : tip + 1;
  if (block.height !== expected) throw new RangeError(`expected block ${expected}, got ${block.height}`);
  const { height } = block;
  const scanned = scanBlock(params, block, options.addresses);
  const base = { params, height, state: store, consensusWindow: recentConsensusHashes(params, store, height), hints: options.hints };
  const collisions = new BlockCollisions(findCollisions(base, scanned.transactions));
  const accepted: Accepted[] = [];
  const refused: Rejected[] = [];
  for (const tx of scanned.transactions) {
    const outcome = checkOperation(base, tx);
    if (!outcome.accepted) {
      refused.push(outcome);
      continue;
    }
    if (outcome.claim !== null && collisions.claim(outcome.claim)) {
      refused.push(rejected(tx, 'collision', `${outcome.claim} is claimed twice in this block`));
      continue;
    }
    commitOperation(store, height, outcome, journal);
    accepted.push(outcome);
  }
  const records = accepted.flatMap((outcome) => (outcome.record === null ? [] : [outcome.record as CanonicalRecord]));
  const snapshot = snapshotBlock({ height, firstBlock: params.firstBlock, records, lookup: store });
  store.setSnapshot(height, snapshot);
  store.setLastBlock(height);
  return { height, consensusHash: snapshot.consensusHash, opsHash: snapshot.opsHash, accepted, rejected: refused, ignored: scanned.ignored };
}
