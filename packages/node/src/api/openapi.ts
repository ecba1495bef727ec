import type { FastifyInstance, RouteOptions } from 'fastify';
import { SERVER_VERSION } from './context.js';

/*
 * The OpenAPI 3 document at GET /v1/openapi.json, generated from the routes' own JSON schemas as
 * they are registered (so it cannot drift from what the server validates).
 */

interface CollectedRoute {
  readonly method: string;
  readonly url: string;
  readonly schema: Record<string, unknown>;
}

type JsonSchemaObject = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

function parametersOf(schema: JsonSchemaObject | undefined, location: 'path' | 'query'): object[] {
  if (schema?.properties === undefined) return [];
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: location, required: location === 'path' || (schema.required ?? []).includes(name), ...(description === undefined ? {} : { description }), schema: rest };
  });
}

function operationOf(route: CollectedRoute): object {
  const { schema } = route;
  const requestBody = schema.body === undefined ? undefined : { content: { 'application/json': { schema: schema.body } } };
  return {
    summary: schema.summary ?? '',
    parameters: [...parametersOf(schema.params as JsonSchemaObject | undefined, 'path'), ...parametersOf(schema.querystring as JsonSchemaObject | undefined, 'query')],
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: {
      200: { description: 'OK (JSON)' },
      400: { description: 'Malformed argument: `{"error": "..."}`' },
      404: { description: 'Not found: `{"error": "..."}` (unregistered names: `{"status": "available"}`)' },
    },
  };
}

/** Collects every route registered after this call; call it before registering routes. */
export function collectOpenApi(app: FastifyInstance): () => object {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS' || route.schema === undefined || (route.schema as { hide?: boolean }).hide === true) continue;
      routes.push({ method: method.toLowerCase(), url: route.url, schema: route.schema as Record<string, unknown> });
    }
  });
  return () => {
    const paths: Record<string, Record<string, object>> = {};
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      (paths[path] ??= {})[route.method] = operationOf(route);
    }
    return {
      openapi: '3.0.3',
      info: { title: 'BNS core node REST API (blockstack-core v1 compatible)', version: SERVER_VERSION },
      paths,
    };
  };
}

declare module 'fastify' {
  interface FastifySchema {
    /** One line for the OpenAPI document. */
    summary?: string;
    /** Left out of the OpenAPI document. */
    hide?: boolean;
  }
}
