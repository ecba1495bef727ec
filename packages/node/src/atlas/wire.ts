import { ATLAS_PROTOCOL_VERSION } from './constants.js';

/*
 * The Atlas wire protocol: JSON over HTTP (packages/node/docs/atlas.md). It carries what the
 * original's XML-RPC methods carried (bns.md §7.3: ping, get_zonefile_inventory, get_atlas_peers /
 * atlas_peer_exchange, get_zonefiles), without the XML envelope. Responses from peers are untrusted:
 * each is checked here, and anything else is an `AtlasProtocolError` (the peer sent garbage).
 */

export class AtlasProtocolError extends Error {
  override readonly name = 'AtlasProtocolError';
}

export interface AtlasPing {
  readonly status: 'alive';
  readonly version: string;
  /** The peer's inventory length in bits (its number of on-chain rows). */
  readonly inventoryLength: number;
}

export interface AtlasInventory {
  /** First bit of the range (a multiple of 8). */
  readonly offset: number;
  /** Bits the range covers (the requested length, cut at the peer's inventory length). */
  readonly length: number;
  /** The peer's whole inventory length in bits. */
  readonly inventoryLength: number;
  /** The bits, MSB-first (bns.md §7.2). */
  readonly bits: Uint8Array;
}

export interface AtlasPeers {
  readonly peers: string[];
}

export interface AtlasZonefiles {
  /** hash → bytes, only the hashes the peer has. */
  readonly zonefiles: Map<string, Uint8Array>;
}

const HASH = /^[0-9a-f]{40}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A strict base64 decode (Buffer's decoder silently skips bad characters). */
export function decodeBase64Strict(text: unknown, what: string): Uint8Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new AtlasProtocolError(`${what} is not base64`);
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function parsePing(body: unknown): AtlasPing {
  if (!isRecord(body) || body.status !== 'alive' || typeof body.version !== 'string' || !isCount(body.inventoryLength)) throw new AtlasProtocolError('malformed ping');
  return { status: 'alive', version: body.version, inventoryLength: body.inventoryLength };
}

export function parseInventory(body: unknown, requestedOffset: number, requestedLength: number): AtlasInventory {
  if (!isRecord(body) || !isCount(body.offset) || !isCount(body.length) || !isCount(body.inventoryLength)) throw new AtlasProtocolError('malformed inventory');
  if (body.offset !== requestedOffset || body.length > requestedLength) throw new AtlasProtocolError('inventory range differs from the one asked for');
  const bits = decodeBase64Strict(body.inv, 'inventory');
  if (bits.length !== Math.ceil(body.length / 8)) throw new AtlasProtocolError('inventory length does not match its bits');
  return { offset: body.offset, length: body.length, inventoryLength: body.inventoryLength, bits };
}

export function parsePeers(body: unknown, max: number): AtlasPeers {
  if (!isRecord(body) || !Array.isArray(body.peers) || body.peers.length > max) throw new AtlasProtocolError('malformed peer list');
  const peers = body.peers.map((peer) => {
    const url = typeof peer === 'string' ? normalisePeerUrl(peer) : null;
    if (url === null) throw new AtlasProtocolError('peer list holds something that is not an http(s) URL');
    return url;
  });
  return { peers };
}

/** Zone files answered for `asked`; a hash not asked for, or bytes not hashing to their key, is the caller's check (it needs hash160). */
export function parseZonefiles(body: unknown, asked: ReadonlySet<string>, maxZonefileSize: number): AtlasZonefiles {
  if (!isRecord(body) || !isRecord(body.zonefiles)) throw new AtlasProtocolError('malformed zone-file answer');
  const zonefiles = new Map<string, Uint8Array>();
  for (const [hash, encoded] of Object.entries(body.zonefiles)) {
    if (!HASH.test(hash) || !asked.has(hash)) throw new AtlasProtocolError(`zone file ${hash.slice(0, 40)} was not asked for`);
    const bytes = decodeBase64Strict(encoded, `zone file ${hash}`);
    if (bytes.length > maxZonefileSize) throw new AtlasProtocolError(`zone file ${hash} is larger than ${maxZonefileSize} bytes`);
    zonefiles.set(hash, bytes);
  }
  return { zonefiles };
}

/**
 * A peer's canonical URL: http(s), host and optional port, no path, query, fragment or
 * credentials. null when `text` is not one.
 */
export function normalisePeerUrl(text: string): string | null {
  if (text.length > 256) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return null;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}

export function makePing(inventoryLength: number): AtlasPing {
  return { status: 'alive', version: ATLAS_PROTOCOL_VERSION, inventoryLength };
}

export function isZonefileHash(text: string): boolean {
  return HASH.test(text);
}
