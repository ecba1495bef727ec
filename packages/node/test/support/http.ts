import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/* Small HTTP helpers for the node's tests: JSON calls against the API, and a static file server on loopback. */

export interface JsonReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

export async function call(base: string, path: string, init: RequestInit = {}): Promise<JsonReply> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

export function postJson(base: string, path: string, body: unknown): Promise<JsonReply> {
  return call(base, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Serves fixed files by path (e.g. a profile.json) on an ephemeral loopback port. */
export async function startFileServer(files: Map<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const body = files.get(request.url ?? '');
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
