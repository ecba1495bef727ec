import type { FastifyInstance } from 'fastify';
import { curveOf, epochAt, priceCeiling, priceName, priceNamespace, splitName, type Price } from '@bsk/bns';
import type { ApiContext } from '../context.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { nameParam, namespaceParam, paramsSchema } from '../schemas.js';
import { isOnChainName, requireNamespaceId } from '../validate.js';

/*
 * Prices (bns.md §5, §9.4; rpc.py GET_prices_name, GET_prices_namespace): ceil(price) at the node's
 * last block, from the namespace's revealed curve even before it is ready; `amount` is a decimal
 * string, `satoshis` (the v1 field) is added when the units are BTC. /v2/ routes share the handlers.
 */

function priceJson(price: Price): Record<string, unknown> {
  const amount = priceCeiling(price);
  const json: Record<string, unknown> = { amount: amount.toString(), units: price.units };
  if (price.units === 'BTC') json.satoshis = Number(amount);
  return json;
}

const heightOf = (context: ApiContext): number => context.engine.tip() ?? context.params.firstBlock;

export function namePrice(context: ApiContext, name: string): Record<string, unknown> {
  if (!isOnChainName(name)) throw badRequest('Invalid name');
  const { name: label, namespaceId } = splitName(name);
  const namespace = context.store.getRow('namespace', namespaceId);
  if (namespace === null) throw notFound('Unknown/invalid namespace');
  return { name_price: priceJson(priceName(context.params, curveOf(namespace), label, heightOf(context))) };
}

export function namespacePrice(context: ApiContext, namespaceId: string): Record<string, unknown> {
  requireNamespaceId(namespaceId);
  const height = heightOf(context);
  const price = priceNamespace(context.params, namespaceId, height, epochAt(context.params, height).namespacePriceUnits);
  if (price === null) throw new ApiError(404, { error: 'Unknown/invalid namespace' });
  return priceJson(price);
}

export function registerPriceRoutes(app: FastifyInstance, context: ApiContext): void {
  for (const version of ['v1', 'v2']) {
    app.get<{ Params: { name: string } }>(
      `/${version}/prices/names/:name`,
      { schema: { summary: 'What registering a name costs now', params: paramsSchema({ name: nameParam }) } },
      async (request) => namePrice(context, request.params.name),
    );
    app.get<{ Params: { namespaceId: string } }>(
      `/${version}/prices/namespaces/:namespaceId`,
      { schema: { summary: 'What creating a namespace costs now', params: paramsSchema({ namespaceId: namespaceParam }) } },
      async (request) => namespacePrice(context, request.params.namespaceId),
    );
  }
}
