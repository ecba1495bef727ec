import type { ApiContext } from '../api/context.js';
import { nameStanding } from '../api/name-status.js';

/**
 * Which search results may be shown: a name, or a subdomain of a name, while that on-chain name is
 * neither revoked nor past its renewal deadline at the node's last block (a name in its grace
 * period is still shown, as the API still serves it). Expiry comes from the chain moving on, with no
 * event to remove the name on, so search checks this when it answers.
 */
export function liveForSearch(context: ApiContext): (fqn: string) => boolean {
  return (fqn) => {
    const standing = nameStanding(context, fqn.split('.').slice(-2).join('.'));
    return standing !== null && !standing.expired && !standing.record.revoked;
  };
}
