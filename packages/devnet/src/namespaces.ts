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

/** Where a namespace stands in the node's naming state. */
export type NamespaceStage = 'absent' | 'revealed' | 'ready';

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
  /** The namespace's stage in the naming state, read after the last `mineAndIndex`. */
  stageOf(namespaceId: string): NamespaceStage;
}

export interface BootstrapTxids {
  readonly preorders: string[];
  readonly reveals: string[];
  readonly readies: string[];
}

/**
 * Runs the steps each namespace still lacks: preorder and reveal for an absent one, ready for a
 * revealed one, nothing for a ready one — so a first start interrupted half-way finishes on the
 * next. (A preorder left outstanding by an interrupted start makes the new preorder a rejected
 * duplicate, bns.md §4.14; the reveal then matches the old one, whose hash is the same.)
 */
export async function bootstrapNamespaces(setup: NamespaceBootstrap): Promise<BootstrapTxids> {
  const { params, backend } = setup;
  const revealAddress = walletAddress(params, setup.revealer);
  const base = { params, feeRate: setup.feeRate };
  const ids = [...setup.namespaces.keys()];
  const absent = ids.filter((id) => setup.stageOf(id) === 'absent');

  const preorders: string[] = [];
  for (const namespaceId of absent) {
    const consensusHash = await setup.consensusHash();
    const height = (await backend.getTip()).height + 1;
    const payer = await wallet(setup, setup.payer);
    preorders.push(await send(backend, buildNameTransaction(planNamespacePreorder({ ...base, payer, namespaceId, revealAddress, consensusHash, height })).hex));
    // The next preorder spends this one's change, which the backend only lists once confirmed.
    await setup.mineAndIndex();
  }

  const reveals: string[] = [];
  for (const namespaceId of absent) {
    const rules = setup.namespaces.get(namespaceId)!;
    const payer = await wallet(setup, setup.payer);
    reveals.push(await send(backend, buildNameTransaction(planNamespaceReveal({ ...base, payer, namespaceId, revealAddress, rules })).hex));
    await setup.mineAndIndex();
  }

  const readies: string[] = [];
  for (const namespaceId of ids.filter((id) => setup.stageOf(id) === 'revealed')) {
    const revealer = await wallet(setup, setup.revealer);
    readies.push(await send(backend, buildNameTransaction(planNamespaceReady({ ...base, revealer, namespaceId })).hex));
    await setup.mineAndIndex();
  }

  const unready = ids.filter((id) => setup.stageOf(id) !== 'ready');
  if (unready.length > 0) throw new Error(`namespace bootstrap left ${unready.join(', ')} not ready; start with --reset to begin again`);
  return { preorders, reveals, readies };
}

async function wallet(setup: NamespaceBootstrap, signer: InputSigner): Promise<NameTxWallet> {
  const utxos = await setup.backend.getUnspentOutputs(walletAddress(setup.params, signer));
  return { signer, utxos };
}

function send(backend: ChainBackend, hex: string): Promise<string> {
  return backend.broadcast(hex);
}
