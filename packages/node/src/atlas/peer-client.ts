import { MAX_RESPONSE_BYTES } from './constants.js';
import { AtlasProtocolError, parseInventory, parsePeers, parsePing, parseZonefiles, type AtlasInventory, type AtlasPeers, type AtlasPing, type AtlasZonefiles } from './wire.js';

/*
 * Calls to one remote Atlas node (docs/atlas.md). Every call has its own timeout (bns.md §7.4)
 * and a cap on the response size; a failure is one of two kinds, because they are punished
 * differently (atlas.ts): `AtlasPeerUnreachableError` (refused, timed out, HTTP error — maybe
 * transient) and `AtlasProtocolError` (the peer answered garbage — misbehaviour).
 */

export class AtlasPeerUnreachableError extends Error {
  override readonly name = 'AtlasPeerUnreachableError';
}

export interface PeerCallTimeouts {
  readonly pingTimeoutMs: number;
  readonly inventoryTimeoutMs: number;
  readonly neighborsTimeoutMs: number;
  readonly zonefilesTimeoutMs: number;
}

async function readBodyLimited(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AtlasProtocolError(`response larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function callJson(url: string, init: RequestInit, timeoutMs: number, maxBytes: number, closing: AbortSignal | undefined): Promise<unknown> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = closing === undefined ? timeout : AbortSignal.any([timeout, closing]);
  let text: string;
  try {
    const response = await fetch(url, { ...init, signal });
    if (!response.ok) {
      await response.body?.cancel();
      throw new AtlasPeerUnreachableError(`${url}: HTTP ${response.status}`);
    }
    text = await readBodyLimited(response, maxBytes);
  } catch (error) {
    if (error instanceof AtlasProtocolError || error instanceof AtlasPeerUnreachableError) throw error;
    throw new AtlasPeerUnreachableError(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AtlasProtocolError(`${url}: response is not JSON`);
  }
}

const JSON_POST = { method: 'POST', headers: { 'content-type': 'application/json' } } as const;

/** The calls Atlas makes to one peer, by its base URL. */
export class AtlasPeerClient {
  constructor(
    readonly baseUrl: string,
    readonly timeouts: PeerCallTimeouts,
    /** Aborts every call in flight when Atlas closes. */
    readonly closing?: AbortSignal,
  ) {}

  async ping(): Promise<AtlasPing> {
    return parsePing(await callJson(`${this.baseUrl}/v1/atlas/ping`, {}, this.timeouts.pingTimeoutMs, MAX_RESPONSE_BYTES.small, this.closing));
  }

  /** Bits [offset, offset + length) of the peer's inventory; `offset` must be a multiple of 8. */
  async inventory(offset: number, length: number): Promise<AtlasInventory> {
    const body = await callJson(`${this.baseUrl}/v1/atlas/inventory?offset=${offset}&length=${length}`, {}, this.timeouts.inventoryTimeoutMs, MAX_RESPONSE_BYTES.inventory, this.closing);
    return parseInventory(body, offset, length);
  }

  async peers(maxNeighbors: number): Promise<AtlasPeers> {
    return parsePeers(await callJson(`${this.baseUrl}/v1/atlas/peers`, {}, this.timeouts.neighborsTimeoutMs, MAX_RESPONSE_BYTES.small, this.closing), maxNeighbors);
  }

  /** Tells the peer our URL (it may add us after pinging us back) and gets its neighbours. */
  async announce(selfUrl: string, maxNeighbors: number): Promise<AtlasPeers> {
    const body = await callJson(`${this.baseUrl}/v1/atlas/peers/announce`, { ...JSON_POST, body: JSON.stringify({ url: selfUrl }) }, this.timeouts.neighborsTimeoutMs, MAX_RESPONSE_BYTES.small, this.closing);
    return parsePeers(body, maxNeighbors);
  }

  async zonefiles(hashes: readonly string[], maxZonefileSize: number): Promise<AtlasZonefiles> {
    const body = await callJson(`${this.baseUrl}/v1/atlas/zonefiles`, { ...JSON_POST, body: JSON.stringify({ hashes }) }, this.timeouts.zonefilesTimeoutMs, MAX_RESPONSE_BYTES.zonefiles, this.closing);
    return parseZonefiles(body, new Set(hashes), maxZonefileSize);
  }
}
