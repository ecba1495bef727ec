import { nameExists, type NamespaceRow, type Store } from '@bsk/bns';
import type { ApiContext } from './context.js';

/*
 * Pages of names sorted by name (bns.md §9.2 GET /v1/names, §9.3 GET /v1/namespaces/{ns}/names):
 * 100 per page; names that exist at the last block (grace-period and revoked names included), or
 * every name with `all`. The store pages each namespace by key; namespaces are merged in name order
 * and filtered as they are walked, so a page costs O((page + 1) · 100) rows.
 */

export const NAMES_PAGE_SIZE = 100;
const CHUNK = 500;

function* namesOf(store: Store, namespaceId: string): Generator<string> {
  for (let page = 0; ; page++) {
    const chunk = store.namespaceNamesPage(namespaceId, page, CHUNK);
    yield* chunk;
    if (chunk.length < CHUNK) return;
  }
}

/** k-way merge of sorted name streams. */
function* mergeSorted(streams: Generator<string>[]): Generator<string> {
  const heads = streams.map((stream) => ({ stream, next: stream.next() }));
  for (;;) {
    let best: (typeof heads)[number] | null = null;
    for (const head of heads) if (!head.next.done && (best === null || (head.next.value as string) < (best.next.value as string))) best = head;
    if (best === null) return;
    yield best.next.value as string;
    best.next = best.stream.next();
  }
}

export interface NamePageOptions {
  readonly page: number;
  /** Only this namespace; all namespaces otherwise. */
  readonly namespaceId?: string;
  readonly includeExpired?: boolean;
}

export function namesPage(context: ApiContext, options: NamePageOptions): string[] {
  const { store, params } = context;
  const height = context.engine.tip();
  if (height === null) return [];
  const ids = options.namespaceId === undefined ? store.namespaceIds() : [options.namespaceId];
  const namespaces = new Map<string, NamespaceRow | null>(ids.map((id) => [id, store.getRow('namespace', id)]));
  const live = (name: string): boolean => {
    if (options.includeExpired === true) return true;
    const record = store.getRow('name', name);
    const namespace = namespaces.get(record?.namespace_id ?? '') ?? null;
    return record !== null && nameExists(params, namespace, record, height);
  };
  const skip = options.page * NAMES_PAGE_SIZE;
  const page: string[] = [];
  let seen = 0;
  for (const name of mergeSorted(ids.map((id) => namesOf(store, id)))) {
    if (!live(name)) continue;
    if (seen++ < skip) continue;
    page.push(name);
    if (page.length === NAMES_PAGE_SIZE) break;
  }
  return page;
}

/** Names that exist in one namespace at the last block. */
export function namespaceNameCount(context: ApiContext, namespaceId: string): number {
  const { store, params } = context;
  const height = context.engine.tip();
  if (height === null) return 0;
  const namespace = store.getRow('namespace', namespaceId);
  return store.namesInNamespace(namespaceId).filter((name) => nameExists(params, namespace, name, height)).length;
}
