/*
 * The seams between the core node's parts (issue 5), fixed first so the indexer, the zone-file
 * store and Atlas, subdomains, DNS and search can be built side by side. The composition root
 * (`createNode`) wires implementations of these together; each part depends only on these
 * interfaces, never on another part's internals.
 */

/** A zone-file hash that an accepted operation put on chain (bns.md §7.1), in chain order. */
export interface ZonefileChainEntry {
  /** Position in chain order, from 0: the Atlas inventory's bit index (bns.md §7.2). */
  readonly seq: number;
  /** The name (or, for NAME_IMPORT and registrations, the name the operation set the hash for). */
  readonly name: string;
  readonly blockHeight: number;
  readonly vtxindex: number;
  readonly txid: string;
  /** 40 hex characters: hash160 of the zone file's bytes. */
  readonly valueHash: string;
}

export type ZonefilePutOutcome =
  | { readonly stored: true; readonly hash: string; readonly fresh: boolean }
  | { readonly stored: false; readonly hash: string; readonly reason: 'not-on-chain' | 'too-large' };

/**
 * Durable zone files, accepted only when their hash is on chain and they are at most the network's
 * size limit (40,960 bytes), served by hash. Synchronous (SQLite through better-sqlite3).
 */
export interface ZonefileStore {
  /** Records the hashes a block's accepted operations put on chain; the indexer calls it after each block, in chain order. */
  noteOnChain(entries: readonly Omit<ZonefileChainEntry, 'seq'>[]): void;
  /** Forgets the on-chain entries of blocks above `height` (a reorganisation). Stored bytes stay. */
  forgetOnChainAbove(height: number): void;
  /** Stores the bytes when their hash is on chain and they fit the limit. */
  put(bytes: Uint8Array): ZonefilePutOutcome;
  get(hash: string): Uint8Array | null;
  has(hash: string): boolean;
  /** On-chain entries with `seq >= fromSeq`, in chain order, at most `limit`. */
  entriesFrom(fromSeq: number, limit: number): ZonefileChainEntry[];
  /** Number of on-chain entries (the inventory's length in bits). */
  entryCount(): number;
  /** The latest on-chain entry for a name, or null. */
  latestEntryOf(name: string): ZonefileChainEntry | null;
  /** Called after bytes are stored for the first time (by POST, broadcast or Atlas). Returns an unsubscribe. */
  onStored(listener: (hash: string) => void): () => void;
  close(): void;
}

/** A subdomain's current record (bns.md §8). */
export interface SubdomainRecord {
  /** `sub.domain.ns` */
  readonly fqn: string;
  readonly domain: string;
  readonly owner: string;
  readonly sequence: number;
  readonly zonefileText: string;
  readonly zonefileHash: string;
  /** The domain operation whose zone file carried the latest accepted record. */
  readonly blockHeight: number;
  readonly txid: string;
  readonly vtxindex: number;
  readonly signature: string | null;
}

/** What the API, DNS and search ask of the subdomain index. */
export interface SubdomainResolver {
  resolve(fqn: string): SubdomainRecord | null;
  /** Every accepted record of the subdomain, oldest first. */
  history(fqn: string): SubdomainRecord[];
  namesOwnedByAddress(address: string): string[];
  /** Subdomains of one domain, sorted. */
  subdomainsOf(domain: string): string[];
}

/** What DNS and the API use to find a name's current zone file (names and subdomains alike). */
export type ZonefileResolver = (fqn: string) => string | null;
