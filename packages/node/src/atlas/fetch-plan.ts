/*
 * Which zone files to ask which peer for (bns.md §7.5). The original meant to fetch rarest-first
 * but lost the order in a `set`; here the order holds: hashes with the fewest holders come first,
 * each goes to the holder with the least work so far (spreading the load), and each peer's
 * hashes are cut into requests of at most `maxHashesPerRequest`. Pure, so it is tested alone.
 */

/** A missing on-chain row: its inventory bit and the hash it needs. */
export interface MissingRow {
  readonly seq: number;
  readonly valueHash: string;
}

/** What the plan needs to know of a peer. */
export interface PlanPeer {
  readonly url: string;
  hasRow(seq: number): boolean;
  /** Whether the peer advertised the hash but failed to deliver it lately. */
  lacks(hash: string): boolean;
}

export interface FetchRequestPlan {
  readonly peerUrl: string;
  readonly hashes: string[];
}

export interface FetchPlan {
  /** Requests, interleaved across peers so concurrent work spreads over them. */
  readonly requests: FetchRequestPlan[];
  /** Missing hashes no peer advertises. */
  readonly unavailable: number;
}

export function planZonefileFetches(missing: readonly MissingRow[], peers: readonly PlanPeer[], maxHashesPerRequest: number): FetchPlan {
  // One hash may fill many rows (bns.md §7.2): a peer holds it if any of its rows' bits is set.
  const rowsByHash = new Map<string, number[]>();
  for (const row of missing) {
    const rows = rowsByHash.get(row.valueHash);
    if (rows === undefined) rowsByHash.set(row.valueHash, [row.seq]);
    else rows.push(row.seq);
  }
  const candidates = [...rowsByHash].map(([hash, seqs], order) => ({
    hash,
    order,
    holders: peers.filter((peer) => !peer.lacks(hash) && seqs.some((seq) => peer.hasRow(seq))),
  }));
  const available = candidates.filter((candidate) => candidate.holders.length > 0);
  available.sort((a, b) => a.holders.length - b.holders.length || a.order - b.order);

  const assigned = new Map<string, string[]>(peers.map((peer) => [peer.url, []]));
  for (const { hash, holders } of available) {
    let least = holders[0]!;
    for (const holder of holders) if (assigned.get(holder.url)!.length < assigned.get(least.url)!.length) least = holder;
    assigned.get(least.url)!.push(hash);
  }

  const perPeer = [...assigned].map(([peerUrl, hashes]) => chunk(hashes, maxHashesPerRequest).map((batch) => ({ peerUrl, hashes: batch })));
  return { requests: interleave(perPeer), unavailable: candidates.length - available.length };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function interleave<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}
