import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GaiaDriver } from '../driver.js';
import { answerRead } from './read-response.js';

/*
 * The read endpoint on the hub's own port (auth-and-storage.md §4.1, §4.2 "reader"): `GET|HEAD
 * /<bucket>/<path>`, answered by read-response.ts, as the separate reader port answers it.
 */

export interface ReaderOptions {
  readonly driver: GaiaDriver;
  readonly cacheControl: string;
}

type ReadParams = { bucket: string; '*': string };

export function registerReaderRoutes(app: FastifyInstance, { driver, cacheControl }: ReaderOptions): void {
  const read = async (request: FastifyRequest<{ Params: ReadParams }>, reply: FastifyReply) => {
    const answer = await answerRead(driver, cacheControl, { method: request.method, bucket: request.params.bucket, path: request.params['*'], headers: request.headers });
    reply.code(answer.status).headers(answer.headers);
    return answer.body === null ? reply.send() : reply.send(answer.body);
  };
  app.get('/:bucket/*', { exposeHeadRoute: false }, read);
  app.head('/:bucket/*', read);
}
