type FetchInit = { method?: string; headers?: Record<string, string>; body?: unknown };
type Handler = (url: string, init: FetchInit) => Response | Promise<Response>;

/**
 * Replaces the global `fetch` (which the reference client calls at request time) for the duration
 * of `run`, so its network code paths run without a network.
 */
export async function withFetch<T>(handler: Handler, run: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: FetchInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return handler(url, init ?? {});
  }) as typeof fetch;
  try {
    return await run();
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** Serves fixed JSON bodies by URL; anything else is a 404. */
export function withFetchStub<T>(routes: Record<string, string>, run: () => Promise<T>): Promise<T> {
  return withFetch((url) => {
    const body = routes[url];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }, run);
}

export interface StoredFile {
  body: Uint8Array;
  contentType: string;
}

/**
 * The two halves of a Gaia hub the client talks to, in memory: `POST <server>/store/<address>/<path>`
 * saves, `GET <readPrefix><address>/<path>` serves (auth-and-storage.md §4.2). No auth checks: these
 * tests are about what the client writes and reads, not about the hub.
 */
export class MemoryHub {
  readonly files = new Map<string, StoredFile>();
  constructor(readonly server: string, readonly readPrefix: string, readonly address: string) {}

  put(path: string, body: string | Uint8Array, contentType = 'application/json'): void {
    this.files.set(path, { body: typeof body === 'string' ? new TextEncoder().encode(body) : body, contentType });
  }

  text(path: string): string {
    const file = this.files.get(path);
    if (!file) throw new Error(`no file ${path}`);
    return new TextDecoder().decode(file.body);
  }

  readonly handle: Handler = (url, init) => {
    const storePrefix = `${this.server}/store/${this.address}/`;
    if ((init.method ?? 'GET') === 'POST' && url.startsWith(storePrefix)) {
      const path = url.slice(storePrefix.length);
      const body = init.body;
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body as ArrayBufferLike);
      this.files.set(path, { body: bytes, contentType: init.headers?.['Content-Type'] ?? 'application/octet-stream' });
      return Response.json({ publicURL: `${this.readPrefix}${this.address}/${path}`, etag: `"${bytes.length}"` }, { status: 202 });
    }
    const readPrefix = `${this.readPrefix}${this.address}/`;
    const file = url.startsWith(readPrefix) ? this.files.get(url.slice(readPrefix.length)) : undefined;
    if (!file) return new Response('{"message":"File not found"}', { status: 404 });
    return new Response(Buffer.from(file.body), { status: 200, headers: { 'content-type': file.contentType, etag: `"${file.body.length}"` } });
  };
}
