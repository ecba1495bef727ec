import { createRequire } from 'node:module';
import type * as Blockstack from 'blockstack';
import type * as Hub from 'blockstack/lib/storage/hub.js';

/*
 * The reference client, blockstack@21.1.1, run against our hub over real HTTP. Node 20's fetch
 * refuses the client's `referrer: 'no-referrer'`, so fetch is cross-fetch while it runs
 * (auth-and-storage.md §0.4). Sessions keep their state in the reference's InstanceDataStore.
 */
const require = createRequire(import.meta.url);

export const blockstack = require('blockstack') as typeof Blockstack;
blockstack.config.logLevel = 'none';
export const referenceHub = require('blockstack/lib/storage/hub.js') as typeof Hub;
export type GaiaHubConfig = Hub.GaiaHubConfig;

/** The reference's error classes (not re-exported from its entry point). */
export const referenceErrors = require('blockstack/lib/errors.js') as {
  DoesNotExist: new (...args: never[]) => Error;
  PayloadTooLargeError: new (...args: never[]) => Error;
  PreconditionFailedError: new (...args: never[]) => Error;
};

const crossFetch = require('cross-fetch') as typeof fetch;
const { InstanceDataStore } = require('blockstack/lib/auth/sessionStore.js') as { InstanceDataStore: new (data: object) => unknown };

/** Runs `work` with the global fetch replaced by cross-fetch. */
export async function withCrossFetch<T>(work: () => Promise<T>): Promise<T> {
  const nativeFetch = globalThis.fetch;
  globalThis.fetch = crossFetch;
  try {
    return await work();
  } finally {
    globalThis.fetch = nativeFetch;
  }
}

/** A signed-in reference app session for `appPrivateKey`, connected to the hub at `hubUrl`. */
export async function referenceSession(hubUrl: string, appPrivateKey: string): Promise<Blockstack.UserSession> {
  const gaiaHubConfig = await withCrossFetch(() => referenceHub.connectToGaiaHub(hubUrl, appPrivateKey));
  const sessionStore = new InstanceDataStore({ userData: { appPrivateKey, hubUrl, gaiaHubConfig } });
  return new blockstack.UserSession({ appConfig: new blockstack.AppConfig(['store_write'], 'http://localhost:3000'), sessionStore } as never);
}
