import { DriverError, HubError } from '../errors.js';

/*
 * What the object-store drivers (S3, Azure Blob) share: how a Gaia file is named in the store, how a
 * backend failure becomes a clear 5xx (auth-and-storage.md §4.12), and small helpers.
 */

/**
 * The object name of `<bucket>/<path>` (§4.11: one S3 bucket or Azure container holds every Gaia
 * bucket, as the original's `${storageTopLevel}/${path}`). With `path` empty, the listing prefix.
 */
export function objectKeyOf(bucket: string, path: string): string {
  return `${bucket}/${path}`;
}

/** The next-page token of a truncated key listing: its last name (relative to the Gaia bucket). */
export function pageTokenOf(names: readonly string[]): string | null {
  return names.length > 0 ? (names[names.length - 1] as string) : null;
}

/** Why a backend call failed, in a few words: a network code, the service's error code, or its message. */
function reasonOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && code.length > 0) return code;
  if (typeof name === 'string' && name !== 'Error' && name.length > 0) return name;
  return typeof message === 'string' && message.length > 0 ? message : 'unknown error';
}

/**
 * Hub errors (e.g. the upload limit cutting the body off) pass through; anything else from the backend
 * is a DriverError (500) naming the service, the action and the reason, never a stack trace.
 */
export function storageFailure(service: string, error: unknown, action: string): HubError {
  if (error instanceof HubError) return error;
  return new DriverError(`${service} driver failed to ${action}: ${reasonOf(error)}`);
}

/** Reads a whole upload; the hub's size limit already wraps `body`, so this is bounded. */
export async function collectBody(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return Buffer.concat(chunks);
}

/** `work` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
