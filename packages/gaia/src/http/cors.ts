import type { FastifyInstance } from 'fastify';

/*
 * CORS as the original hub and reader (auth-and-storage.md §4.9): any origin; preflight answers 204
 * with the hub's methods, headers and a one-day max age; ETag is exposed so browser apps can read it.
 */

export const CORS_ALLOW_METHODS = 'DELETE,POST,GET,OPTIONS,HEAD';
export const CORS_ALLOW_HEADERS = 'Authorization,Content-Type,If-Match,If-None-Match';
export const CORS_EXPOSE_HEADERS = 'Content-Type,ETag';
export const CORS_MAX_AGE_SECONDS = '86400';
/** The separate read endpoint's preflight (§4.9 "Reader / storage"); see reader-server.ts. */
export const READER_CORS_ALLOW_METHODS = 'GET,HEAD,OPTIONS';

function exposeToAnyOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', CORS_EXPOSE_HEADERS);
    done();
  });
}

export function registerCors(app: FastifyInstance): void {
  exposeToAnyOrigin(app);
  app.options('*', async (_request, reply) => {
    reply
      .header('access-control-allow-methods', CORS_ALLOW_METHODS)
      .header('access-control-allow-headers', CORS_ALLOW_HEADERS)
      .header('access-control-max-age', CORS_MAX_AGE_SECONDS)
      .header('vary', 'Access-Control-Request-Headers')
      .code(204)
      .send();
  });
}

