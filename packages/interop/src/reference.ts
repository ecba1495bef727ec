import { createRequire } from 'node:module';
import type * as Blockstack from 'blockstack';
import type * as EC from 'blockstack/lib/encryption/ec.js';
import type * as Hub from 'blockstack/lib/storage/hub.js';
import type * as Bip39 from 'bip39';
import type * as Jsontokens from 'jsontokens';

/*
 * The reference client, blockstack@21.1.1 (CommonJS), and the two libraries it ships with:
 * jsontokens@3.0.0 and zone-file@1.0.0 (auth-and-storage.md §9 names these versions). Loaded with
 * `require` so vitest and tsx both get the very modules the reference itself uses.
 */
const require = createRequire(import.meta.url);

export const blockstack = require('blockstack') as typeof Blockstack;
// The reference logs expected failures at error level (e.g. a profile that does not verify); the
// tests assert on those failures instead.
blockstack.config.logLevel = 'none';

/** ECIES and ECDSA: not re-exported from the reference's entry point. */
export const ec = require('blockstack/lib/encryption/ec.js') as typeof EC;

/** The BIP39 library the reference derives seeds and entropy with (bip39@3). */
export const bip39 = require('bip39') as typeof Bip39;

/** Gaia client internals (connectToGaiaHub makes the auth token): not re-exported either. */
export const hub = require('blockstack/lib/storage/hub.js') as typeof Hub;
export type GaiaHubConfig = Hub.GaiaHubConfig;

export const jsontokens = require('jsontokens') as typeof Jsontokens;
export type Json = Jsontokens.Json;

/** zone-file@1.0.0 ships no types; these are the two functions blockstack.js uses (§5.4). */
export interface ZoneFileLibrary {
  makeZoneFile(zoneFileJson: object, template?: string): string;
  parseZoneFile(text: string): Record<string, unknown>;
}
export const zoneFile = require('zone-file') as ZoneFileLibrary;
