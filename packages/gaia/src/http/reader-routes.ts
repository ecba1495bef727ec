import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GaiaDriver, StoredFileStat } from '../driver.js';
import { READ_BUCKET_PATTERN, pathProblem } from '../paths.js';
import { unquoteEtag } from '../preconditions.js';
import { parseRange } from './range.js';

/*
 * The read endpoint (auth-and-storage.md §4.1, §4.2 "reader"): `GET|HEAD /<bucket>/<path>` serves what
 * a store wrote with its content type, the same ETag the store returned, Last-Modified, the configured
 * Cache-Control, conditional GET (304) and single byte ranges (206/416). Missing: 404 "File not found".
 */

export interface ReaderOptions {
  readonly driver: GaiaDriver;
  readonly cacheControl: string;
}

type ReadParams = { bucket: string; '*': string };

function notModified(request: FastifyRequest, stat: StoredFileStat): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string') {
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || unquoteEtag(tag.trim()) === unquoteEtag(stat.etag));
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (typeof ifModifiedSince === 'string') {
    const since = Date.parse(ifModifiedSince);
    return Number.isFinite(since) && Math.floor(stat.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

function setEntityHeaders(reply: FastifyReply, stat: StoredFileStat, cacheControl: string): void {
  reply
    .header('etag', stat.etag)
    .header('last-modified', stat.lastModified.toUTCString())
    .header('cache-control', cacheControl)
    .header('accept-ranges', 'bytes');
}

export function registerReaderRoutes(app: FastifyInstance, { driver, cacheControl }: ReaderOptions): void {
  const read = async (request: FastifyRequest<{ Params: ReadParams }>, reply: FastifyReply) => {
    const { bucket } = request.params;
    const path = request.params['*'];
    if (!READ_BUCKET_PATTERN.test(bucket) || pathProblem(path) !== null) return reply.code(400).type('text/plain').send('Could not return file');
    const opened = await driver.open(bucket, path);
    if (!opened) return reply.code(404).type('text/plain').send('File not found');
    const { stat } = opened;
    const range = parseRange(request.headers.range, stat.contentLength);
    const bodyless = notModified(request, stat) || request.method === 'HEAD' || range === 'unsatisfiable';
    if (bodyless) await opened.close();
    setEntityHeaders(reply, stat, cacheControl);
    if (notModified(request, stat)) return reply.code(304).send();
    reply.type(stat.contentType);
    if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${stat.contentLength}`).send();
    reply.header('content-length', String(range ? range.end - range.start + 1 : stat.contentLength));
    if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${stat.contentLength}`);
    if (request.method === 'HEAD') return reply.send();
    return reply.send(opened.read(range ?? undefined));
  };
  app.get('/:bucket/*', { exposeHeadRoute: false }, read);
  app.head('/:bucket/*', read);
}
