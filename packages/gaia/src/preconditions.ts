import { PreconditionFailedError } from './errors.js';

/*
 * Conditional writes (auth-and-storage.md §4.7): `If-Match: <etag>` must name the current version,
 * `If-None-Match: *` requires that there is none, `If-Match: *` and no header at all always write.
 * Messages are the original hub's. Etags compare without surrounding quotes, so a client that echoes a
 * quoted ETag header matches too.
 */

export interface WritePreconditions {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
}

/** Throws on header combinations the hub refuses before looking at the file. */
export function assertWellFormedPreconditions({ ifMatch, ifNoneMatch }: WritePreconditions): void {
  if (ifMatch && ifNoneMatch) throw new PreconditionFailedError('Request should not contain both if-match and if-none-match headers');
  if (ifNoneMatch && ifNoneMatch !== '*') throw new PreconditionFailedError('Misuse of the if-none-match header. Expected to be * on write requests.');
}

export function unquoteEtag(etag: string): string {
  const weakless = etag.startsWith('W/') ? etag.slice(2) : etag;
  return weakless.length >= 2 && weakless.startsWith('"') && weakless.endsWith('"') ? weakless.slice(1, -1) : weakless;
}

/** Whether the preconditions need the current etag at all. */
export function needsCurrentEtag({ ifMatch, ifNoneMatch }: WritePreconditions): boolean {
  return Boolean((ifMatch && ifMatch !== '*') || ifNoneMatch === '*');
}

/** `currentEtag` is null when the file does not exist. */
export function assertPreconditions({ ifMatch, ifNoneMatch }: WritePreconditions, currentEtag: string | null): void {
  if (ifMatch && ifMatch !== '*') {
    if (currentEtag === null || unquoteEtag(ifMatch) !== unquoteEtag(currentEtag)) {
      throw new PreconditionFailedError('The provided ETag does not match that of the resource on the server');
    }
  } else if (ifNoneMatch === '*' && currentEtag !== null) {
    throw new PreconditionFailedError('The entity you are trying to create already exists');
  }
}
