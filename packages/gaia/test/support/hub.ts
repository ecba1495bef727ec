import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPublicKeyFromPrivate, makeGaiaAuthHeader, makeGaiaChallenge, makeV1GaiaAuthToken, publicKeyToAddress } from '@bsk/crypto';
import type { MakeV1GaiaAuthTokenOptions } from '@bsk/crypto';
import { createHub } from '@bsk/gaia';
import type { Hub, HubConfig } from '@bsk/gaia';

/*
 * Test scaffolding: a real hub on 127.0.0.1, port 0, over a fresh temporary storage root; tokens for
 * it; and a raw HTTP client for requests a fetch implementation would normalize (`..` segments,
 * lying Content-Length).
 */

export const SERVER_NAME = 'localhost:3900';
export const CHALLENGE = makeGaiaChallenge(SERVER_NAME);
/** §9.9: the legacy app key of http://localhost:3000 for identity 0. */
export const APP_KEY = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
export const APP_ADDRESS = '14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb';
export const OTHER_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';

export function addressOf(privateKey: string): string {
  return publicKeyToAddress(getPublicKeyFromPrivate(privateKey));
}

export interface RunningHub {
  readonly hub: Hub;
  readonly url: string;
  readonly root: string;
  close(): Promise<void>;
}

export async function startHub(config: Partial<HubConfig> = {}): Promise<RunningHub> {
  const root = mkdtempSync(join(tmpdir(), 'bsk-gaia-'));
  const hub = createHub({ storageRootDirectory: root, host: '127.0.0.1', port: 0, serverName: SERVER_NAME, logLevel: 'silent', ...config });
  const url = await hub.listen();
  return {
    hub,
    url,
    root,
    async close() {
      await hub.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** `bearer v1:…` for `privateKey` against a hub named SERVER_NAME. */
export function v1Header(privateKey: string, options: Partial<MakeV1GaiaAuthTokenOptions> = {}): string {
  return makeGaiaAuthHeader(makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey, hubUrl: 'http://127.0.0.1', ...options }));
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): unknown;
}

/**
 * One HTTP/1.1 request with the path sent exactly as given. `declaredLength` overrides Content-Length
 * (to lie); `chunks` are written one by one (chunked when no length is declared).
 */
export function rawRequest(url: string, method: string, path: string, options: {
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  declaredLength?: number;
} = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.declaredLength !== undefined) headers['content-length'] = String(options.declaredLength);
    else if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest({ host: target.hostname, port: target.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
      res.on('error', reject);
    });
    // A server that answers before reading the whole body may reset the socket; the response counts.
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    if (options.declaredLength === undefined || options.body === undefined || Buffer.byteLength(options.body) >= options.declaredLength) req.end();
    else setTimeout(() => req.destroy(), 200);
  });
}

export async function hubFetch(url: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, init);
}
