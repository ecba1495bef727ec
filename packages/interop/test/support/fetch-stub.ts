/**
 * Serves fixed bodies to the reference client's `fetch` for the duration of `run`, so its network
 * code paths (profile resolution, hub_info) run without a network. Unknown URLs get a 404.
 */
export async function withFetchStub<T>(routes: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  const requested: string[] = [];
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requested.push(url);
    const body = routes[url];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  try {
    return await run();
  } finally {
    globalThis.fetch = realFetch;
  }
}
