import { createRequire } from 'node:module';
import type * as Blockstack from 'blockstack';

/*
 * The reference client, blockstack@21.1.1 (CommonJS, loaded with require as packages/interop does),
 * pointed at a node's API: `config.network.blockstackAPIUrl` is where getNameInfo, the price calls
 * and lookupProfile (without a lookup URL) send their requests. Node 20's fetch refuses the client's
 * `referrer: 'no-referrer'`, so fetch is cross-fetch while it runs (as the Gaia tests do).
 */

const require = createRequire(import.meta.url);
const blockstack = require('blockstack') as typeof Blockstack;
blockstack.config.logLevel = 'none';
const crossFetch = require('cross-fetch') as typeof fetch;

/** Runs `work` with the reference client aimed at `apiUrl` and the global fetch replaced by cross-fetch. */
export async function withReferenceClient<T>(apiUrl: string, work: (client: typeof Blockstack) => Promise<T>): Promise<T> {
  blockstack.config.network.blockstackAPIUrl = apiUrl;
  const nativeFetch = globalThis.fetch;
  globalThis.fetch = crossFetch;
  try {
    return await work(blockstack);
  } finally {
    globalThis.fetch = nativeFetch;
  }
}
