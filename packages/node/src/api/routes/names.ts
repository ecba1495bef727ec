import type { FastifyInstance, FastifyReply } from 'fastify';
import { splitSubdomainName } from '@bsk/crypto';
import type { ApiContext } from '../context.js';
import { makeSubdomainDid } from '../../profiles/stack-did.js';
import { ApiError, notFound } from '../errors.js';
import { namesPage } from '../name-listing.js';
import { nameStanding, standingChangesAt, zonefileView, type NameStanding } from '../name-status.js';
import { nameParam, pageQuery, flagQuery, paramsSchema, querySchema } from '../schemas.js';
import { flagSet, historyPage, isOnChainName, requireNameOrSubdomain, requirePage } from '../validate.js';

/*
 * Names (bns.md §9.2; blockstack-core rpc.py GET_names, GET_name_info, GET_name_history).
 */

/** The content type fastify gives a serialized object; a cached JSON text is sent with it. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A name record's fields the original puts in GET /v1/names/{name}. `remember: false` when the
 * caller caches the whole answer: neither the name's row nor its zone file's view is cached again.
 */
export function nameInfo(context: ApiContext, name: string, remember = true): Record<string, unknown> {
  return nameAnswer(context, name, remember).info;
}

/** nameInfo, with the standing it was made from (what the answer cache needs to know when it goes stale). */
function nameAnswer(context: ApiContext, name: string, remember: boolean): { info: Record<string, unknown>; standing: NameStanding } {
  const standing = nameStanding(context, name, remember);
  if (standing === null) throw new ApiError(404, { status: 'available' });
  if (standing.expired) throw notFound('Name expired');
  const { record } = standing;
  const view = zonefileView(context, record.value_hash, remember);
  const info = {
    status: record.revoked ? 'revoked' : 'registered',
    zonefile: view?.text ?? null,
    zonefile_hash: record.value_hash,
    address: record.address,
    last_txid: record.txid,
    blockchain: 'bitcoin',
    expire_block: standing.expireBlock,
    renewal_deadline: standing.renewalDeadline,
    grace_period: standing.gracePeriod,
    resolver: view?.resolver ?? null,
    did: context.nameDid(name) ?? { error: 'Not supported for this name' },
  };
  return { info, standing };
}

export function subdomainDid(context: ApiContext, fqn: string): string | { error: string } {
  const did = context.subdomains?.didOf?.(fqn) ?? null;
  return did === null ? { error: 'Not supported for this name' } : makeSubdomainDid(context.params, did.address, did.index);
}

function subdomainInfo(context: ApiContext, fqn: string, reply: FastifyReply): Record<string, unknown> {
  const record = context.subdomains?.resolve(fqn) ?? null;
  if (record !== null) {
    return {
      status: 'registered_subdomain',
      zonefile: record.zonefileText,
      zonefile_hash: record.zonefileHash,
      address: record.owner,
      blockchain: 'bitcoin',
      last_txid: record.txid,
      did: subdomainDid(context, fqn),
    };
  }
  // Unknown subdomain: send the client to the domain's own resolver, if its zone file names one.
  const domain = splitSubdomainName(fqn)?.domain ?? '';
  const standing = nameStanding(context, domain);
  if (standing === null || standing.expired) throw new ApiError(404, { status: 'available', more: 'failed to look up parent domain' });
  const resolver = zonefileView(context, standing.record.value_hash)?.resolver ?? null;
  if (resolver === null) throw new ApiError(404, { status: 'available', more: "failed to find parent domain's resolver" });
  reply.code(301).header('location', `${resolver}/v1/names/${fqn}`);
  return { status: 'redirect' };
}

/** History rows newest first, `offset = 20·page`, at most `20·(page+1)` rows (the original's overlapping pages), grouped by block. */
function historyPageOf(context: ApiContext, name: string, page: number): Record<string, unknown[]> {
  const offset = page * 20;
  const count = (page + 1) * 20;
  const grouped: Record<string, unknown[]> = {};
  if (isOnChainName(name)) {
    const rows = context.store.history(name).reverse().slice(offset, offset + count);
    for (const row of rows) (grouped[String(row.block_id)] ??= []).push({ ...row.history_data, opcode: row.opcode });
  } else {
    const rows = (context.subdomains?.history(name) ?? []).reverse().slice(offset, offset + count);
    for (const row of rows) {
      (grouped[String(row.blockHeight)] ??= []).push({
        address: row.owner,
        domain: row.domain,
        block_number: row.blockHeight,
        sequence: row.sequence,
        txid: row.txid,
        value_hash: row.zonefileHash,
        zonefile: Buffer.from(row.zonefileText, 'utf8').toString('base64'),
        name: row.fqn,
      });
    }
  }
  return grouped;
}

export function registerNameRoutes(app: FastifyInstance, context: ApiContext): void {
  app.get<{ Querystring: { page?: string; all?: string } }>(
    '/v1/names',
    { schema: { summary: 'Names, 100 per page, sorted', querystring: querySchema({ page: pageQuery, all: flagQuery }) } },
    async (request) => namesPage(context, { page: requirePage(request.query.page), includeExpired: flagSet(request.query.all) }),
  );

  app.get<{ Params: { name: string } }>(
    '/v1/names/:name',
    { schema: { summary: 'A name or subdomain: owner, zone file, expiry', params: paramsSchema({ name: nameParam }) } },
    async (request, reply) => {
      const { name } = request.params;
      // The cached JSON text is what fastify's default serializer (JSON.stringify) would send, with its content type.
      const cached = context.stateCache?.cachedNameJson(name);
      if (cached !== undefined) return reply.type(JSON_CONTENT_TYPE).send(cached);
      // An on-chain name passes requireNameOrSubdomain: checked once, not twice.
      if (!isOnChainName(name)) {
        requireNameOrSubdomain(name);
        return subdomainInfo(context, name, reply);
      }
      if (context.stateCache?.cachesAnswers !== true) return nameInfo(context, name);
      const json = context.stateCache.computeNameJson(name, () => {
        const { info, standing } = nameAnswer(context, name, false);
        return {
          json: JSON.stringify(info),
          missingZonefile: info.zonefile === null ? standing.record.value_hash : null,
          staleAt: standingChangesAt(context.params, standing),
        };
      });
      return reply.type(JSON_CONTENT_TYPE).send(json);
    },
  );

  app.get<{ Params: { name: string }; Querystring: { page?: string } }>(
    '/v1/names/:name/history',
    { schema: { summary: 'A name\'s historic states, grouped by block, newest first', params: paramsSchema({ name: nameParam }), querystring: querySchema({ page: pageQuery }) } },
    async (request) => {
      const { name } = request.params;
      requireNameOrSubdomain(name);
      const history = historyPageOf(context, name, historyPage(request.query.page));
      if (Object.keys(history).length === 0) throw notFound('Not found');
      return history;
    },
  );
}
