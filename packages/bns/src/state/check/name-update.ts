import { nameConsensusHash } from '@bsk/crypto';
import type { NameUpdate } from '../../wire/types.js';
import { blockConsensusHashes } from '../consensus-window.js';
import { inGracePeriod, isExpired, isReady } from '../expiry.js';
import { accepted, historyOf, type Outcome, type RuleContext, write } from '../outcome.js';
import { liveNamesOwnedBy } from '../quota.js';
import { rejected, type NameRow, type NamingTx } from '../types.js';

/*
 * NAME_UPDATE (bns.md §4.8). The payload names the name only as hash128(name ‖ consensus hash), so
 * the name is found by trying every live name of the sender with every consensus hash of the
 * window: a stale hash, or one from another fork, finds nothing.
 */
export function checkNameUpdate(context: RuleContext, tx: NamingTx, operation: NameUpdate): Outcome {
  const { params, state, height } = context;
  const last = height - 1;
  // Over quota (e.g. after transfers in): only transfers and revokes are allowed.
  const owned = liveNamesOwnedBy(params, state, tx.sender, height);
  if (owned.length > params.maxNamesPerSender) return rejected(tx, 'quota', 'sender owns too many names');
  const found = findUpdatedName(context, owned, operation.nameConsensusHash);
  if (found === null) return rejected(tx, 'name-not-registered', 'no name of the sender matches (stale consensus hash or not the owner)');
  const { name, consensusHash } = found;
  const namespace = state.getRow('namespace', name.namespace_id);
  if (namespace === null || !isReady(namespace)) return rejected(tx, 'namespace-not-ready', 'namespace is not ready');
  if (name.revoked) return rejected(tx, 'name-revoked', 'name is revoked');
  if (namespace.lifetime !== params.namespaceLifeInfinite) {
    if (isExpired(params, namespace, name, last)) return rejected(tx, 'name-expired', 'name is expired');
    if (inGracePeriod(params, namespace, name, height)) return rejected(tx, 'grace-period', 'only renewals are accepted in the grace period');
  }
  if (name.sender !== tx.sender) return rejected(tx, 'not-owner', 'sender does not own the name');

  const record: NameRow = { ...name, op: '+', value_hash: operation.valueHash, consensus_hash: consensusHash, txid: tx.txid, vtxindex: tx.vtxindex };
  return accepted(tx, record, [write('name', name.name, record)], [historyOf(name.name, height, tx, record)]);
}

/** Which of `names` (the sender's live, unrevoked names) with which fresh consensus hash gives `nameHash`. */
function findUpdatedName(context: RuleContext, names: readonly NameRow[], nameHash: string): { name: NameRow; consensusHash: string } | null {
  const hashes = blockConsensusHashes(context);
  // The hash the last update was found with first (clients cite the hash of the block at which they
  // built the transaction, rarely the newest of the window, and updates of one block and of the next
  // few mostly cite the same one), then newest first: the usual match costs one hash per name. Any
  // order finds the same pair, short of a 128-bit hash collision.
  const lastCited = context.hints?.updateCited ?? null;
  const hint = lastCited !== null && hashes.includes(lastCited) ? lastCited : null;
  if (hint !== null) {
    const name = nameWith(names, hint, nameHash);
    if (name !== null) return { name, consensusHash: hint };
  }
  for (const consensusHash of hashes) {
    if (consensusHash === hint) continue;
    const name = nameWith(names, consensusHash, nameHash);
    if (name !== null) {
      if (context.hints !== undefined) context.hints.updateCited = consensusHash;
      return { name, consensusHash };
    }
  }
  return null;
}

function nameWith(names: readonly NameRow[], consensusHash: string, nameHash: string): NameRow | null {
  for (const name of names) if (nameConsensusHash(name.name, consensusHash) === nameHash) return name;
  return null;
}
