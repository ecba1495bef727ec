import type { FastifyError, FastifyInstance } from 'fastify';
import { HubError, PayloadTooLargeError } from '../errors.js';

/*
 * The one place hub errors become responses (auth-and-storage.md §4.12): `{"message","error"}` with the
 * error's own status; anything unexpected is logged and answered 500 `{"message":"Server Error"}`, as
 * the original. An oversize upload also closes the connection so the rest of the body is not read.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof HubError) {
      if (error instanceof PayloadTooLargeError) reply.header('connection', 'close');
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      else request.log.info({ err: error }, error.message);
      return reply.code(error.status).send(error.named ? { message: error.message, error: error.name } : { message: error.message });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send({ message: error.message });
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ message: 'Server Error' });
  });
}
