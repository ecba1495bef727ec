import type { FastifyPluginAsync } from 'fastify';
import { addressToNetwork, parseProfileJson, parseZoneFile, verifyProfileToken } from '@bsk/crypto';
import type { ApiContext } from '../api/context.js';
import { nameStanding, zonefileView } from '../api/name-status.js';
import { ProfileLookupError, fetchProfileFile, type ProfileFetchOptions } from './resolve-profile.js';
import { parseStackDid, type ParsedStackDid } from './stack-did.js';

/*
 * GET /v1/dids/{did} (bns.md §9.2; rpc.py GET_did, client.py resolve_DID): a name's DID
 * `did:stack:v0:<creator address>-<index>` → the name → its zone file → each URI's profile file →
 * the first token that verifies against the owner → `{"public_key": issuer key, "document": claim}`,
 * the claim made a DID document (`@context`, `publicKey`). A subdomain's DID (its address under the
 * subdomain versions, stack-did.ts) → the owner's `index`-th subdomain creation → its zone file, the
 * profile verified against the subdomain's current owner.
 */

/** The zone file and the owner a DID's profile is looked up with, or a lookup error. */
function didSubject(context: ApiContext, did: ParsedStackDid, text: string): { zonefileText: string; zonefileHash: string | null; owner: string } {
  if (did.kind === 'subdomain') {
    const record = context.subdomains?.resolveDid?.(did.owners, did.index) ?? null;
    if (record === null) throw new ProfileLookupError('Failed to get DID record: Not found.');
    return { zonefileText: record.zonefileText, zonefileHash: record.zonefileHash, owner: record.owner };
  }
  const name = context.didName?.(did.address, did.index) ?? null;
  if (name === null) throw new ProfileLookupError('Failed to get DID record: Not found.');
  const standing = nameStanding(context, name);
  if (standing === null || standing.expired) throw new ProfileLookupError('Failed to get DID record: Not found.');
  const view = zonefileView(context, standing.record.value_hash);
  if (view === null) throw new ProfileLookupError(`Failed to get zone file for ${text}`);
  return { zonefileText: view.text, zonefileHash: standing.record.value_hash, owner: standing.record.address };
}

async function resolveDid(context: ApiContext, did: ParsedStackDid, text: string, options: ProfileFetchOptions): Promise<Record<string, unknown>> {
  const subject = didSubject(context, did, text);
  const uris = parseZoneFile(subject.zonefileText).uri ?? [];
  if (uris.length === 0) throw new ProfileLookupError(`No URI records in zone file ${subject.zonefileHash} for ${text}`);
  const owner = addressToNetwork(subject.owner, 'mainnet');
  for (const uri of uris) {
    const url = uri.target.startsWith('http') ? uri.target : `https://${uri.target}`;
    let token: string | undefined;
    try {
      token = parseProfileJson(await fetchProfileFile(url, options))[0]?.token;
    } catch {
      continue;
    }
    if (token === undefined) continue;
    const verified = verifyProfileToken(token, owner);
    if (!verified.ok) continue;
    const payload = verified.decodedToken.payload as { issuer: { publicKey: string }; claim: unknown };
    if (typeof payload.claim !== 'object' || payload.claim === null || Array.isArray(payload.claim)) continue;
    const publicKey = payload.issuer.publicKey;
    return {
      public_key: publicKey,
      document: { ...(payload.claim as Record<string, unknown>), '@context': 'https://w3id.org/did/v1', publicKey: [{ id: text, type: 'secp256k1', publicKeyHex: publicKey }] },
    };
  }
  throw new ProfileLookupError(`No valid profile token for ${text}`);
}

export function didRoute(context: ApiContext, options: ProfileFetchOptions = {}): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { did: string } }>(
      '/v1/dids/:did',
      { schema: { summary: 'A name\'s DID resolved to its public key and DID document', params: { type: 'object', properties: { did: { type: 'string', minLength: 1, maxLength: 256 } }, required: ['did'] } } },
      async (request, reply) => {
        const did = parseStackDid(context.params, request.params.did);
        if (did === null) return reply.code(400).send({ error: 'Invalid DID' });
        try {
          return await resolveDid(context, did, request.params.did, options);
        } catch (error) {
          if (error instanceof ProfileLookupError) return reply.code(404).send({ error: error.message });
          throw error;
        }
      },
    );
  };
}
