import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api/context.js';
import { nameStanding, zonefileBytes, bytesToText } from '../api/name-status.js';
import { isNameOrSubdomain, isOnChainName } from '../api/validate.js';
import { ProfileLookupError, resolveProfile, type ProfileFetchOptions } from './resolve-profile.js';

/*
 * GET /v1/users/{name} (bns.md §9.2; rpc.py GET_user_profile): the verified profile of a name or
 * subdomain, or 404 {"error": ...}. Names in their grace period fail, as in the original (it reads
 * names without the grace period).
 */

function ownerAndZonefile(context: ApiContext, name: string): { owner: string; zonefile: string } {
  if (isOnChainName(name)) {
    const standing = nameStanding(context, name);
    if (standing === null) throw new ProfileLookupError('Not found.');
    if (standing.expired || standing.gracePeriod) throw new ProfileLookupError('Name expired');
    const bytes = zonefileBytes(context, standing.record.value_hash);
    if (bytes === null) throw new ProfileLookupError('No zone file for name');
    return { owner: standing.record.address, zonefile: bytesToText(bytes) };
  }
  const record = context.subdomains?.resolve(name) ?? null;
  if (record === null) throw new ProfileLookupError('Failed to load subdomain');
  return { owner: record.owner, zonefile: record.zonefileText };
}

/** `onProfile` hears of every profile served (search keeps profile fields current with it). */
export function usersRoute(context: ApiContext, options: ProfileFetchOptions = {}, onProfile?: (name: string, profile: Record<string, unknown>) => void): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { name: string } }>(
      '/v1/users/:name',
      { schema: { summary: 'A name\'s profile, fetched through its zone file and verified against its owner', params: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 256 } }, required: ['name'] } } },
      async (request, reply) => {
        const { name } = request.params;
        if (!isNameOrSubdomain(name)) return reply.code(400).send({ error: 'Invalid name or subdomain' });
        try {
          const { owner, zonefile } = ownerAndZonefile(context, name);
          const profile = await resolveProfile(zonefile, owner, options);
          onProfile?.(name, profile);
          return profile;
        } catch (error) {
          if (error instanceof ProfileLookupError) return reply.code(404).send({ error: error.message });
          throw error;
        }
      },
    );
  };
}
