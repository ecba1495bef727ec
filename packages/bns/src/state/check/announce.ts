import type { Announce } from '../../wire/types.js';
import { nameExists } from '../expiry.js';
import { accepted, type Outcome, type RuleContext } from '../outcome.js';
import { rejected, type NamingTx } from '../types.js';

/*
 * ANNOUNCE (bns.md §4.17): accepted when the sender owns one of the announcer names and the hash is
 * among that name's zone-file hashes. It changes no state and never reaches the consensus hash;
 * fetching the announced text is the node's business.
 */
export function checkAnnounce(context: RuleContext, tx: NamingTx, operation: Announce): Outcome {
  const { params, state, height } = context;
  for (const fqn of params.announcers) {
    const name = state.getRow('name', fqn);
    if (name === null || name.sender !== tx.sender) continue;
    if (!nameExists(params, state.getRow('namespace', name.namespace_id), name, height - 1)) continue;
    if (state.history(fqn).some((entry) => entry.value_hash === operation.messageHash)) return accepted(tx, null, [], []);
  }
  return rejected(tx, 'not-announcer', 'sender owns no announcer name with this hash');
}
