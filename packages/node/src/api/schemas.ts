/*
 * JSON-schema fragments shared by the routes. Path components follow the original's route table
 * (blockstack-core rpc.py `_dispatch`): names up to 256 characters, namespace ids and chains up to 40,
 * zone-file hashes 40 hex digits. What a well-formed string must also be (a valid name, namespace id
 * or address) is checked by the handlers, so that the answer carries the original's message.
 */

export const nameParam = { type: 'string', minLength: 1, maxLength: 256, description: 'A name (`name.ns`) or subdomain (`sub.name.ns`).' } as const;
export const namespaceParam = { type: 'string', minLength: 1, maxLength: 40, description: 'A namespace id.' } as const;
export const chainParam = { type: 'string', minLength: 1, maxLength: 40, description: 'Only `bitcoin` is served.' } as const;
export const addressParam = { type: 'string', minLength: 1, maxLength: 256, description: 'A base58check address.' } as const;
export const zonefileHashParam = { type: 'string', pattern: '^[0-9a-fA-F]{40}$', description: 'hash160 of a zone file, hex.' } as const;
export const pageQuery = { type: 'string', maxLength: 32, description: '0-based page number.' } as const;
export const flagQuery = { type: 'string', maxLength: 8, description: '`1` or `true`.' } as const;

export function paramsSchema(properties: Record<string, object>): object {
  return { type: 'object', properties, required: Object.keys(properties) };
}

export function querySchema(properties: Record<string, object>): object {
  return { type: 'object', properties };
}

/** A response described for the OpenAPI document only (not used to serialize). */
export const errorResponse = { description: 'An error', type: 'object', properties: { error: { type: 'string' } } } as const;
