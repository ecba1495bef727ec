import type { Engine, NetworkParams, Store } from '@bsk/bns';
import type { SubdomainRecord, SubdomainResolver, ZonefileStore } from '../contracts.js';
import type { IndexerStatus } from '../indexer/indexer.js';
import type { StateCache } from './state-cache.js';
import type { ZonefileViews } from './zonefile-views.js';

/*
 * What the routes read: the engine's name database, the zone-file store, the subdomain index when
 * there is one, the indexer's progress and the name DIDs. Plain collaborators, wired by createNode.
 */

/** What the subdomain index offers beyond the contract (subdomains/SubdomainIndex has all of it). */
export interface SubdomainExtras {
  count(): number;
  list(offset: number, limit: number): string[];
  operationsAtTxid(txid: string): unknown[];
  didOf(fqn: string): { address: string; index: number } | null;
  resolveDid(owners: readonly string[], index: number): SubdomainRecord | null;
}

/** The version string the original reports (bns.md §9.1); clients only display it. */
export const SERVER_VERSION = '21.0.0.5';

export interface ApiContext {
  readonly params: NetworkParams;
  readonly engine: Engine;
  readonly store: Store;
  readonly zonefiles: ZonefileStore;
  /** The subdomain index; the optional methods serve the subdomain listing, count and DID routes. */
  readonly subdomains: (SubdomainResolver & Partial<SubdomainExtras>) | null;
  readonly indexerStatus: () => IndexerStatus;
  /** The name's DID (`did:stack:v0:<creator>-<index>`), or null. */
  readonly nameDid: (name: string) => string | null;
  /** The name a `did:stack:v0:<address>-<index>` DID names, or null (absent: DIDs are not resolved). */
  readonly didName?: (address: string, index: number) => string | null;
  /** Zone-file texts and resolvers by hash, cached; createApi makes one when absent. */
  readonly zonefileViews?: ZonefileViews;
  /**
   * A number that moves whenever the node's state changes in a way the API's cached answers cannot
   * follow otherwise (createNode: a block undone; blocks applied and zone files stored are told to
   * the state cache itself). With it, answers are cached; without it nothing is.
   */
  readonly stateVersion?: () => number;
  /** Made by createApi from `stateVersion` unless given (createNode gives its own, to tell it of blocks and zone files). */
  readonly stateCache?: StateCache;
  /** The URL this API answers at (POST /v1/zonefile lists it in `servers`). */
  readonly selfUrl: () => string;
}

export function tipOf(context: ApiContext): number | null {
  return context.engine.tip();
}
