import type { Announce } from '../../wire/types.js';
import { nameExists } from '../expiry.js';
import { accepted, type Outcome, type RuleContext } from '../outcome.js';
import { rejected, type NamingTx } from '../types.js';

/*
 * ANNOUNCE (bns.md §4.17): accepted when the sender currently owns one of the announcer names
 * (blockstack-core announce.py; whether the hash is among that name's zone-file hashes only decides
 * whether the node stores the text, not acceptance). It changes no state and never reaches the
 * consensus hash; fetching the announced text is the node's business, keyed by `messageHash`.
 */
export function checkAnnounce(context: RuleContext, tx: NamingTx, operation: Announce): Outcome {
  const { params, state, height } = context;
  for (const fqn of params.announcers) {
    const name = state.getRow('name', fqn);
    if (name === null || !nameExists(params, state.getRow('namespace', name.namespace_id), name, height - 1)) continue;
    if (name.sender === tx.sender) return accepted(tx, null, [], []);
  }
  return rejected(tx, 'not-announcer', `sender owns no announcer name (announcement ${operation.messageHash} ignored)`);
}
