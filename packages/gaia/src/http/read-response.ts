import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { GaiaDriver, StoredFileStat } from '../driver.js';
import { READ_BUCKET_PATTERN, pathProblem } from '../paths.js';
import { unquoteEtag } from '../preconditions.js';
import { parseRange } from './range.js';

/*
 * What the read endpoint answers (auth-and-storage.md §4.1, §4.2 "reader"), independent of the HTTP
 * server that sends it: `GET|HEAD /<bucket>/<path>` gives what a store wrote with its content type, the
 * same ETag the store returned, Last-Modified, the configured Cache-Control, conditional GET (304) and
 * single byte ranges (206/416). Missing: 404 "File not found"; a bad bucket or path: 400 "Could not
 * return file", as the original reader. The hub's own port (fastify) and the separate reader port
 * (node:http, the hot path) both send these answers.
 */

export interface ReadRequest {
  readonly method: string;
  readonly bucket: string;
  /** URL-decoded. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ReadAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The file's bytes (the sender must send or destroy the stream), a short text, or nothing. */
  readonly body: Readable | string | null;
}

function notModified(headers: IncomingHttpHeaders, stat: StoredFileStat): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (typeof ifNoneMatch === 'string') {
    const current = unquoteEtag(stat.etag);
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || unquoteEtag(tag.trim()) === current);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (typeof ifModifiedSince === 'string') {
    const since = Date.parse(ifModifiedSince);
    return Number.isFinite(since) && Math.floor(stat.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

function text(status: number, body: string): ReadAnswer {
  return { status, headers: { 'content-type': 'text/plain' }, body };
}

export async function answerRead(driver: GaiaDriver, cacheControl: string, request: ReadRequest): Promise<ReadAnswer> {
  if (!READ_BUCKET_PATTERN.test(request.bucket) || pathProblem(request.path) !== null) return text(400, 'Could not return file');
  const opened = await driver.open(request.bucket, request.path);
  if (!opened) return text(404, 'File not found');
  const { stat } = opened;
  const headers: Record<string, string> = {
    etag: stat.etag,
    'last-modified': stat.lastModified.toUTCString(),
    'cache-control': cacheControl,
    'accept-ranges': 'bytes',
  };
  if (notModified(request.headers, stat)) {
    await opened.close();
    return { status: 304, headers, body: null };
  }
  headers['content-type'] = stat.contentType;
  const range = parseRange(request.headers.range, stat.contentLength);
  if (range === 'unsatisfiable') {
    await opened.close();
    headers['content-range'] = `bytes */${stat.contentLength}`;
    return { status: 416, headers, body: null };
  }
  headers['content-length'] = String(range ? range.end - range.start + 1 : stat.contentLength);
  if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${stat.contentLength}`;
  const status = range ? 206 : 200;
  if (request.method === 'HEAD') {
    await opened.close();
    return { status, headers, body: null };
  }
  return { status, headers, body: opened.read(range ?? undefined) };
}
