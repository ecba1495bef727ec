import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { makeGaiaChallenge } from '@bsk/crypto';
import { BadRequestError } from '../errors.js';
import type { HubService } from '../hub-service.js';
import { isBucketAddress, stripTrailingSlash } from '../paths.js';
import { declaredLength } from '../size-limit.js';
import { readJsonBody, uploadBody } from './request-body.js';

/*
 * The hub's write-side endpoints (auth-and-storage.md §4.2, statuses §9.12): hub_info 200; store and
 * list-files 202 with JSON; delete 202 with an empty body; revoke-all 202 {"status":"success"}.
 */

export interface HubInfo {
  challenge_text: string;
  latest_auth_version: 'v1';
  max_file_upload_size_megabytes: number;
  read_url_prefix: string;
}

export interface HubRoutesOptions {
  readonly service: HubService;
  readonly hubInfo: () => HubInfo;
}

type AddressParams = { address: string };
type FileParams = { address: string; '*': string };

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The original's routes only match `[a-zA-Z0-9]+` addresses; anything else is a plain 404. */
function unknownBucket(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ message: 'Not Found' });
}

/** revoke-all's integer, with the original's two 400 messages. */
function parseOldestValidTimestamp(body: Record<string, unknown>): number {
  const raw = body.oldestValidTimestamp;
  if (!raw) throw new BadRequestError('Invalid JSON: missing oldestValidTimestamp');
  // The original's parseInt: "123abc" is 123 and 12.9 is 12.
  const timestamp = typeof raw === 'number' ? Math.trunc(raw) : typeof raw === 'string' && /^\s*[0-9]+/.test(raw) ? parseInt(raw, 10) : NaN;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new BadRequestError('Invalid JSON: oldestValidTimestamp is not a valid integer');
  return timestamp;
}

export function makeHubInfo(serverName: string, maxFileUploadSize: number, readUrlPrefix: string): HubInfo {
  return {
    challenge_text: makeGaiaChallenge(serverName),
    latest_auth_version: 'v1',
    max_file_upload_size_megabytes: maxFileUploadSize,
    read_url_prefix: readUrlPrefix,
  };
}

export function registerHubRoutes(app: FastifyInstance, { service, hubInfo }: HubRoutesOptions): void {
  const info = async () => hubInfo();
  app.get('/hub_info', info);
  app.get('/hub_info/', info);

  app.post<{ Params: FileParams }>('/store/:address/*', async (request, reply) => {
    const { address } = request.params;
    if (!isBucketAddress(address)) return unknownBucket(reply);
    const result = await service.store({
      address,
      path: stripTrailingSlash(request.params['*']),
      authorization: header(request, 'authorization'),
      contentType: header(request, 'content-type'),
      contentLength: declaredLength(header(request, 'content-length')),
      ifMatch: header(request, 'if-match'),
      ifNoneMatch: header(request, 'if-none-match'),
      body: uploadBody(request.raw),
    });
    return reply.code(202).send(result);
  });

  app.delete<{ Params: FileParams }>('/delete/:address/*', async (request, reply) => {
    const { address } = request.params;
    if (!isBucketAddress(address)) return unknownBucket(reply);
    await service.delete(address, stripTrailingSlash(request.params['*']), header(request, 'authorization'));
    return reply.code(202).send();
  });

  const listFiles = async (request: FastifyRequest<{ Params: AddressParams }>, reply: FastifyReply) => {
    const { address } = request.params;
    if (!isBucketAddress(address)) return unknownBucket(reply);
    const body = await readJsonBody(request.raw);
    const page = body.page ? String(body.page) : null;
    const result = await service.listFiles(address, page, Boolean(body.stat), header(request, 'authorization'));
    return reply.code(202).send({ entries: result.entries, page: result.page });
  };
  app.post('/list-files/:address', listFiles);
  app.post('/list-files/:address/', listFiles);

  const revokeAll = async (request: FastifyRequest<{ Params: AddressParams }>, reply: FastifyReply) => {
    const { address } = request.params;
    if (!isBucketAddress(address)) return unknownBucket(reply);
    const timestamp = parseOldestValidTimestamp(await readJsonBody(request.raw));
    await service.revokeAll(address, timestamp, header(request, 'authorization'));
    return reply.code(202).send({ status: 'success' });
  };
  app.post('/revoke-all/:address', revokeAll);
  app.post('/revoke-all/:address/', revokeAll);
}
