import { PayloadTooLargeError } from './errors.js';

/*
 * Upload size (auth-and-storage.md §4.7): a declared Content-Length over the limit is refused before
 * reading anything; the body is also counted while it streams, so a chunked upload or one that lies
 * about its length is cut off as soon as it passes the limit, and the driver stores nothing.
 */

export function megabytesToBytes(megabytes: number): number {
  return Math.floor(megabytes * 1024 * 1024);
}

function tooLarge(maxMegabytes: number, what: string, bytes: number): PayloadTooLargeError {
  // The original prints bytes as "megabytes"; we print the real unit.
  return new PayloadTooLargeError(`Max file upload size is ${maxMegabytes} megabytes. Rejected ${what} of ${bytes} bytes`);
}

/** The declared Content-Length as a number, or null when absent or not a decimal integer. */
export function declaredLength(header: string | undefined): number | null {
  if (header === undefined || !/^[0-9]+$/.test(header)) return null;
  return Number(header);
}

export function assertDeclaredLength(declared: number | null, maxMegabytes: number): void {
  if (declared !== null && declared > megabytesToBytes(maxMegabytes)) throw tooLarge(maxMegabytes, 'Content-Length', declared);
}

/** Passes `body` through, throwing PayloadTooLargeError once more than the limit has arrived. */
export async function* limitSize(body: AsyncIterable<Uint8Array>, maxMegabytes: number): AsyncIterable<Uint8Array> {
  const limit = megabytesToBytes(maxMegabytes);
  let received = 0;
  for await (const chunk of body) {
    received += chunk.length;
    if (received > limit) throw tooLarge(maxMegabytes, 'POST body stream', received);
    yield chunk;
  }
}
