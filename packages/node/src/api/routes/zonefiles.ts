import type { FastifyInstance } from 'fastify';
import { parseZoneFileAsCore, zonefileHash } from '@bsk/crypto';
import type { ApiContext } from '../context.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { bytesToText, nameStanding, zonefileBytes } from '../name-status.js';
import { flagQuery, nameParam, paramsSchema, querySchema, zonefileHashParam } from '../schemas.js';
import { flagSet, isOnChainName, requireNameOrSubdomain } from '../validate.js';

/*
 * Zone files (bns.md §7.1, §9.2; rpc.py GET_name_zonefile, GET_name_zonefile_by_hash, GET_zonefile,
 * POST_zonefile). The store accepts a zone file only when its hash was put on chain and it is at
 * most 40,960 bytes.
 */

const MAX_ZONEFILE_TEXT = 40960;
const NOT_HELD = 'Blockstack node does not have this zonefile.  Try again later.';

/** The original's decode_name_zonefile: a zone file its parser accepts, or a legacy JSON profile object. */
function isStandardZonefile(text: string): boolean {
  try {
    parseZoneFileAsCore(text);
    return true;
  } catch {
    try {
      const json: unknown = JSON.parse(text);
      return typeof json === 'object' && json !== null && !Array.isArray(json);
    } catch {
      return false;
    }
  }
}

/** The current zone file of a name or subdomain: its text, or an ApiError as the original answers. */
function currentZonefile(context: ApiContext, name: string): Uint8Array {
  if (isOnChainName(name)) {
    const standing = nameStanding(context, name);
    if (standing === null) throw notFound('Not found.');
    if (standing.expired) throw notFound('Name expired');
    const bytes = zonefileBytes(context, standing.record.value_hash);
    if (bytes === null) throw notFound('No zone file for name');
    return bytes;
  }
  const record = context.subdomains?.resolve(name) ?? null;
  if (record === null) throw notFound('Failed to load subdomain');
  return new TextEncoder().encode(record.zonefileText);
}

/** Whether the name (or subdomain) ever set this zone-file hash (is_name_zonefile_hash). */
function everSet(context: ApiContext, name: string, hash: string): boolean {
  if (isOnChainName(name)) return context.store.history(name).some((entry) => entry.value_hash === hash);
  return (context.subdomains?.history(name) ?? []).some((record) => record.zonefileHash === hash);
}

interface ZonefileBody {
  zonefile?: unknown;
  zonefile_b64?: unknown;
}

/** The bytes of a POST /v1/zonefile body, or null when it is not one the original accepts. */
function postedBytes(body: ZonefileBody | null): Uint8Array | null {
  if (typeof body !== 'object' || body === null) return null;
  if (typeof body.zonefile === 'string' && body.zonefile !== '') {
    return body.zonefile.length <= MAX_ZONEFILE_TEXT ? new TextEncoder().encode(body.zonefile) : null;
  }
  if (typeof body.zonefile_b64 === 'string' && body.zonefile_b64 !== '') {
    const b64 = body.zonefile_b64;
    if (b64.length > (MAX_ZONEFILE_TEXT * 4) / 3 + 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return null;
    return new Uint8Array(Buffer.from(b64, 'base64'));
  }
  return null;
}

export function registerZonefileRoutes(app: FastifyInstance, context: ApiContext): void {
  app.get<{ Params: { name: string }; Querystring: { raw?: string } }>(
    '/v1/names/:name/zonefile',
    { schema: { summary: 'A name\'s current zone file', params: paramsSchema({ name: nameParam }), querystring: querySchema({ raw: flagQuery }) } },
    async (request, reply) => {
      const { name } = request.params;
      requireNameOrSubdomain(name);
      const bytes = currentZonefile(context, name);
      if (flagSet(request.query.raw)) return reply.type('application/octet-stream').send(Buffer.from(bytes));
      const text = bytesToText(bytes);
      if (!isStandardZonefile(text)) return { error: 'Non-standard zone file.  Try passing raw=1 to get the raw zone file.' };
      return { zonefile: text };
    },
  );

  app.get<{ Params: { name: string; zonefileHash: string }; Querystring: { raw?: string } }>(
    '/v1/names/:name/zonefile/:zonefileHash',
    { schema: { summary: 'A zone file the name once set, by hash', params: paramsSchema({ name: nameParam, zonefileHash: zonefileHashParam }), querystring: querySchema({ raw: flagQuery }) } },
    async (request, reply) => {
      const { name } = request.params;
      const hash = request.params.zonefileHash.toLowerCase();
      requireNameOrSubdomain(name);
      if (!everSet(context, name, hash)) throw notFound('No such zonefile');
      const bytes = context.zonefiles.get(hash);
      if (bytes === null) throw notFound('Blockstack does not have this zonefile.  Try again later.');
      if (flagSet(request.query.raw)) return reply.type('application/octet-stream').send(Buffer.from(bytes));
      const text = bytesToText(bytes);
      if (!isStandardZonefile(text)) return reply.code(204).send();
      return { zonefile: text };
    },
  );

  app.get<{ Params: { zonefileHash: string } }>(
    '/v1/zonefiles/:zonefileHash',
    { schema: { summary: 'A zone file\'s bytes, by hash', params: paramsSchema({ zonefileHash: { type: 'string', maxLength: 64 } }) } },
    async (request, reply) => {
      const hash = request.params.zonefileHash;
      if (!/^[0-9a-fA-F]{40}$/.test(hash)) throw badRequest('Invalid zone file hash');
      const bytes = context.zonefiles.get(hash.toLowerCase());
      if (bytes === null) throw notFound(NOT_HELD);
      return reply.type('application/octet-stream').send(Buffer.from(bytes));
    },
  );

  app.post<{ Body: ZonefileBody }>(
    '/v1/zonefile',
    {
      schema: {
        summary: 'Publish a zone file whose hash is already on chain',
        body: { type: 'object', properties: { zonefile: { type: 'string', maxLength: MAX_ZONEFILE_TEXT }, zonefile_b64: { type: 'string', maxLength: Math.floor((MAX_ZONEFILE_TEXT * 4) / 3) + 1 } } },
      },
      // The schema documents the body; the handler checks it (postedBytes), because the shared
      // validator would coerce `{"zonefile": 12}` into a string, where the original answers 400.
      validatorCompiler: () => () => true,
      bodyLimit: 128 * 1024,
    },
    async (request) => {
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) throw badRequest('Invalid request');
      const bytes = postedBytes(request.body);
      if (bytes === null) throw badRequest('Invalid request');
      const outcome = context.zonefiles.put(bytes);
      if (!outcome.stored) {
        request.log.info({ hash: zonefileHash(bytes), reason: outcome.reason }, 'zone file not saved');
        throw new ApiError(400, { error: 'Blockstack node did not save the zone file' });
      }
      return { status: true, servers: [context.selfUrl()] };
    },
  );
}
