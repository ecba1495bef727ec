import type { IncomingMessage } from 'node:http';
import { BadRequestError } from '../errors.js';

/*
 * Request bodies. Uploads are read as a stream by the driver; iterating must not destroy the socket
 * when the hub stops early (size limit), or the 413 could never be sent. The small JSON bodies of
 * list-files and revoke-all are capped at 4096 bytes, as the original (auth-and-storage.md §4.2).
 */

export async function* uploadBody(raw: IncomingMessage): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of raw.iterator({ destroyOnReturn: false })) yield chunk as Uint8Array;
  } catch (error) {
    // The client reset the connection mid-body ("aborted", ECONNRESET): its fault, not the storage's.
    if (raw.errored || raw.destroyed) throw new BadRequestError('Upload ended before the whole body arrived');
    throw error;
  }
  // A client that disconnects mid-body may also end the stream early without an error.
  if (!raw.complete) throw new BadRequestError('Upload ended before the whole body arrived');
}

export const MAX_JSON_BODY_BYTES = 4096;

/** The parsed JSON object of a small body; `{}` when empty. Throws BadRequestError (400). */
export async function readJsonBody(raw: IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(raw.headers['content-length']);
  if (declared > MAX_JSON_BODY_BYTES) throw new BadRequestError('Invalid JSON: too long');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of uploadBody(raw)) {
    size += chunk.length;
    if (size > MAX_JSON_BODY_BYTES) throw new BadRequestError('Invalid JSON: too long');
    chunks.push(Buffer.from(chunk));
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError('Invalid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequestError('Invalid JSON: expected an object');
  return parsed as Record<string, unknown>;
}
