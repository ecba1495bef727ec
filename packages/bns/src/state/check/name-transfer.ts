import { epochHasFeature } from '../../params.js';
import { transferConsensusHash } from '../../consensus/transfer-consensus-hash.js';
import type { NameTransfer } from '../../wire/types.js';
import { blockConsensusHashes } from '../consensus-window.js';
import { inGracePeriod, isExpired, isReady, nameExists } from '../expiry.js';
import { accepted, historyOf, type Outcome, type RuleContext, write } from '../outcome.js';
import { namesOwnedBy } from '../quota.js';
import type { StateReader } from '../../store/store.js';
import { ownerOutput, rejected, type NameRow, type NamingTx } from '../types.js';

/*
 * NAME_TRANSFER (bns.md §4.9). The name travels as hash128(name). The recorded consensus hash is
 * the §4.9 quirk's (the last NAME_UPDATE's since the last registration or import), not
 * necessarily the one this transaction carries.
 */
export function checkNameTransfer(context: RuleContext, tx: NamingTx, operation: NameTransfer): Outcome {
  const { params, state, height } = context;
  const last = height - 1;
  const name = state.nameByHash128(operation.nameHash128);
  const namespace = name === null ? null : state.getRow('namespace', name.namespace_id);
  if (name === null || !nameExists(params, namespace, name, last)) return rejected(tx, 'name-not-registered', 'no such name');
  if (namespace === null || !isReady(namespace)) return rejected(tx, 'namespace-not-ready', 'namespace is not ready');
  if (name.revoked) return rejected(tx, 'name-revoked', 'name is revoked');
  if (isExpired(params, namespace, name, last)) return rejected(tx, 'name-expired', 'name is expired');
  if (inGracePeriod(params, namespace, name, height)) return rejected(tx, 'grace-period', 'only renewals are accepted in the grace period');
  if (!blockConsensusHashes(context).includes(operation.consensusHash)) return rejected(tx, 'stale-consensus-hash', 'consensus hash is not fresh');
  const owner = ownerOutput(tx);
  if (owner.script === tx.sender) return rejected(tx, 'same-owner', 'sender and recipient are the same');
  if (name.sender !== tx.sender) return rejected(tx, 'not-owner', 'sender does not own the name');
  const recipientNames = namesOwnedBy(params, state, owner.script, height);
  if (recipientNames.includes(name.name)) return rejected(tx, 'same-owner', 'recipient already owns the name');
  if (recipientNames.length >= params.maxNamesPerSender) return rejected(tx, 'quota', 'recipient owns too many names');
  if (!epochHasFeature(params, height, 'multisig') && tx.senderType === 'p2sh') return rejected(tx, 'not-in-this-epoch', 'p2sh senders need the multisig epoch');

  const transfer = { blockHeight: height, vtxindex: tx.vtxindex, consensusHash: operation.consensusHash };
  const consensusHash = transferConsensusHash(quirkHistory(state, name, transfer), transfer);
  const record: NameRow = {
    ...name,
    op: operation.keepData ? '>>' : '>~',
    sender: owner.script,
    address: owner.address,
    sender_pubkey: null,
    value_hash: operation.keepData ? name.value_hash : null,
    consensus_hash: consensusHash,
    txid: tx.txid,
    vtxindex: tx.vtxindex,
  };
  return accepted(tx, record, [write('name', name.name, record)], [historyOf(name.name, height, tx, record)]);
}

/** The ops transferConsensusHash stops at (a registration, an import, an update); it passes over the rest. */
const TRANSFER_HASH_OPS: readonly string[] = [':', ';', '+'];

/**
 * The part of the name's history transferConsensusHash reads: it walks back from the newest entry
 * of those ops and stops at the first not "from the future" of the transfer (by its record's block
 * number and vtxindex). The name's row is the record of its newest history entry (every accepted
 * operation writes both), so when the last operation was a registration, an import or an update,
 * the walk stops right there and no history is read. Otherwise the newest such entry is read, and
 * all of them only when it lies in the future.
 */
function quirkHistory(state: StateReader, name: NameRow, transfer: { readonly blockHeight: number; readonly vtxindex: number }): NameRow[] {
  if (TRANSFER_HASH_OPS.includes(name.op) && !fromTheFuture(name, transfer)) return [name];
  const newest = state.history(name.name, TRANSFER_HASH_OPS, 1).map((entry) => entry.history_data as NameRow);
  const last = newest[0];
  return last !== undefined && fromTheFuture(last, transfer) ? state.history(name.name, TRANSFER_HASH_OPS).map((entry) => entry.history_data as NameRow) : newest;
}

function fromTheFuture(record: NameRow, transfer: { readonly blockHeight: number; readonly vtxindex: number }): boolean {
  return record.block_number > transfer.blockHeight || (record.block_number === transfer.blockHeight && record.vtxindex > transfer.vtxindex);
}
