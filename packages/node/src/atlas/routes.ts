import type { FastifyPluginAsync } from 'fastify';
import type { Atlas } from './atlas.js';
import { ATLAS_DEFAULTS } from './constants.js';
import { encodeBase64, makePing, normalisePeerUrl } from './wire.js';

/*
 * The Atlas endpoints a node serves to its peers (docs/atlas.md; the JSON counterparts of the
 * original's ping, get_zonefile_inventory, get_atlas_peers / atlas_peer_exchange and
 * get_zonefiles, bns.md §7.3). Register with `app.register(atlasRoutes, { atlas })`.
 */

export interface AtlasRoutesOptions {
  readonly atlas: Atlas;
}

const HASH_PATTERN = '^[0-9a-f]{40}$';

const inventoryQuery = {
  type: 'object',
  required: ['offset', 'length'],
  additionalProperties: false,
  properties: {
    offset: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 8 },
    length: { type: 'integer', minimum: 0, maximum: ATLAS_DEFAULTS.maxInventoryBitsPerRequest },
  },
} as const;

const announceBody = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: { url: { type: 'string', maxLength: 256 } },
} as const;

const zonefilesBody = {
  type: 'object',
  required: ['hashes'],
  additionalProperties: false,
  properties: {
    hashes: { type: 'array', maxItems: ATLAS_DEFAULTS.maxHashesPerRequest, items: { type: 'string', pattern: HASH_PATTERN } },
  },
} as const;

export const atlasRoutes: FastifyPluginAsync<AtlasRoutesOptions> = async (app, { atlas }) => {
  const store = atlas.store;

  app.get('/v1/atlas/ping', async () => makePing(store.entryCount()));

  // bns.md §7.2–7.3: the inventory vector's bits over [offset, offset + length), cut at our length.
  app.get<{ Querystring: { offset: number; length: number } }>('/v1/atlas/inventory', { schema: { querystring: inventoryQuery } }, async (request) => {
    const { offset } = request.query;
    const inventoryLength = store.entryCount();
    const length = Math.max(0, Math.min(request.query.length, inventoryLength - offset));
    return { offset, length, inventoryLength, inv: encodeBase64(store.inventoryBits(offset, length)) };
  });

  app.get('/v1/atlas/peers', async () => ({ peers: atlas.neighbours() }));

  app.post<{ Body: { url: string } }>('/v1/atlas/peers/announce', { schema: { body: announceBody }, bodyLimit: 4096 }, async (request, reply) => {
    const url = normalisePeerUrl(request.body.url);
    if (url === null) return reply.code(400).send({ error: 'url must be an http(s) base URL without a path' });
    atlas.noteCandidate(url);
    return { peers: atlas.neighbours() };
  });

  // At most 100 hashes, so at most 100 × 40,960 bytes of zone files in one answer.
  app.post<{ Body: { hashes: string[] } }>('/v1/atlas/zonefiles', { schema: { body: zonefilesBody }, bodyLimit: 16 * 1024 }, async (request) => {
    const zonefiles: Record<string, string> = {};
    for (const hash of new Set(request.body.hashes)) {
      const bytes = store.get(hash);
      if (bytes !== null) zonefiles[hash] = encodeBase64(bytes);
    }
    return { zonefiles };
  });
};
