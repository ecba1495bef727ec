import type { ChainBackend, InputSigner } from '@bsk/bitcoin';
import {
  buildNameTransaction,
  planNamespacePreorder,
  planNamespaceReady,
  planNamespaceReveal,
  walletAddress,
  type NameTxWallet,
  type NamespaceRules,
  type NetworkParams,
} from '@bsk/bns';

/*
 * The namespaces a fresh local network starts with (issue 5: `id` and `test`, "with the parameters
 * the original networks used"), created the way anyone would: a NAMESPACE_PREORDER, then its
 * NAMESPACE_REVEAL, then NAMESPACE_READY, each in its own block (a ready in the reveal's block is
 * rejected, cli-and-scenarios.md §B.3 rule 3).
 */

const ID_CURVE = { coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } as const;

/** `.id` as on mainnet (bns.md §5.3): discounts 4/4, lifetime 52595 blocks, pay-to-burn. */
export const ID_NAMESPACE: NamespaceRules = { ...ID_CURVE, lifetime: 52_595, nonalphaDiscount: 4, noVowelDiscount: 4, version: 1 };

/** `.test` as the reference's integration tests made it (cli-and-scenarios.md §B.3): discounts 10/10. */
export const TEST_NAMESPACE: NamespaceRules = { ...ID_CURVE, lifetime: 52_595, nonalphaDiscount: 10, noVowelDiscount: 10, version: 1 };

export const DEFAULT_NAMESPACES: ReadonlyMap<string, NamespaceRules> = new Map([
  ['id', ID_NAMESPACE],
  ['test', TEST_NAMESPACE],
]);

export interface NamespaceBootstrap {
  readonly params: NetworkParams;
  readonly backend: ChainBackend;
  /** Pays the namespace prices and sends preorders and reveals. */
  readonly payer: InputSigner;
  /** The reveal address's key: it readies the namespaces (and may import names into them). */
  readonly revealer: InputSigner;
  readonly namespaces: ReadonlyMap<string, NamespaceRules>;
  readonly feeRate: number;
  /** Mines one block and resolves once the naming state has indexed it. */
  mineAndIndex(): Promise<void>;
  /** A consensus hash the node accepts now (bns.md §4.3). */
  consensusHash(): Promise<string>;
}

/** Runs the three steps for every namespace; resolves to the txids, step by step. */
export async function bootstrapNamespaces(setup: NamespaceBootstrap): Promise<{ preorders: string[]; reveals: string[]; readies: string[] }> {
  const { params, backend, namespaces } = setup;
  const revealAddress = walletAddress(params, setup.revealer);
  const base = { params, feeRate: setup.feeRate };

  const preorders: string[] = [];
  for (const namespaceId of namespaces.keys()) {
    const consensusHash = await setup.consensusHash();
    const height = (await backend.getTip()).height + 1;
    const payer = await wallet(setup, setup.payer);
    preorders.push(await send(backend, buildNameTransaction(planNamespacePreorder({ ...base, payer, namespaceId, revealAddress, consensusHash, height })).hex));
    // The next preorder spends this one's change, which the backend only lists once confirmed.
    await setup.mineAndIndex();
  }

  const reveals: string[] = [];
  for (const [namespaceId, rules] of namespaces) {
    const payer = await wallet(setup, setup.payer);
    reveals.push(await send(backend, buildNameTransaction(planNamespaceReveal({ ...base, payer, namespaceId, revealAddress, rules })).hex));
    await setup.mineAndIndex();
  }

  const readies: string[] = [];
  for (const namespaceId of namespaces.keys()) {
    const revealer = await wallet(setup, setup.revealer);
    readies.push(await send(backend, buildNameTransaction(planNamespaceReady({ ...base, revealer, namespaceId })).hex));
    await setup.mineAndIndex();
  }
  return { preorders, reveals, readies };
}

async function wallet(setup: NamespaceBootstrap, signer: InputSigner): Promise<NameTxWallet> {
  const utxos = await setup.backend.getUnspentOutputs(walletAddress(setup.params, signer));
  return { signer, utxos };
}

function send(backend: ChainBackend, hex: string): Promise<string> {
  return backend.broadcast(hex);
}
