import type { FastifyInstance } from 'fastify';
import { addressToNetwork } from '@bsk/crypto';
import type { ApiContext } from '../context.js';
import { unsupportedBlockchain } from '../errors.js';
import { nameStanding } from '../name-status.js';
import { addressParam, chainParam, paramsSchema } from '../schemas.js';
import { requireAddress } from '../validate.js';

/*
 * GET /v1/addresses/{blockchain}/{address} (bns.md §9.2; rpc.py GET_names_owned_by_address): the
 * on-chain names the address owns that are neither revoked nor expired, then its subdomains. The
 * address is re-encoded to the network's version first (virtualchain.address_reencode), so a
 * mainnet-form address finds names on the devnet too.
 */

export function namesOwnedBy(context: ApiContext, address: string): string[] {
  let networkAddress = address;
  try {
    networkAddress = addressToNetwork(address, context.params.addressNetwork);
  } catch {
    // keep the address as given (a version the network does not know)
  }
  const names = context.store
    .namesOwnedByAddress(networkAddress)
    .filter((row) => {
      const standing = nameStanding(context, row.name);
      return standing !== null && !standing.expired && !standing.record.revoked;
    })
    .map((row) => row.name);
  const subdomains = context.subdomains?.namesOwnedByAddress(address) ?? [];
  return [...names, ...subdomains];
}

export function registerAddressRoutes(app: FastifyInstance, context: ApiContext): void {
  app.get<{ Params: { blockchain: string; address: string } }>(
    '/v1/addresses/:blockchain/:address',
    { schema: { summary: 'Names and subdomains an address owns', params: paramsSchema({ blockchain: chainParam, address: addressParam }) } },
    async (request) => {
      requireAddress(request.params.address);
      if (request.params.blockchain !== 'bitcoin') throw unsupportedBlockchain();
      return { names: namesOwnedBy(context, request.params.address) };
    },
  );
}
