import type { FastifyError, FastifyInstance } from 'fastify';

/*
 * API errors carry their HTTP status and the JSON body the original answers with (bns.md §9: errors
 * are `{"error": "..."}`, a few are `{"status": "available"}`-shaped); one handler turns them into
 * responses. Schema failures become 400 `{"error": "<what was wrong>"}`; anything unexpected is
 * logged and answered 500 `{"error": "Internal error"}`, never with a stack trace.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(typeof body.error === 'string' ? body.error : JSON.stringify(body));
    this.name = 'ApiError';
  }
}

export const badRequest = (error: string): ApiError => new ApiError(400, { error });
export const notFound = (error: string): ApiError => new ApiError(404, { error });
export const unsupportedBlockchain = (): ApiError => notFound('Unsupported blockchain');

export function registerApiErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send(error.body);
    const fastifyError = error as FastifyError;
    if (fastifyError.validation !== undefined) return reply.code(400).send({ error: `Invalid request: ${fastifyError.message}` });
    const status = fastifyError.statusCode;
    if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send({ error: error.message });
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: 'Internal error' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'No such endpoint' }));
}
