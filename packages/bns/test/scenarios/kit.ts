import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BitcoindClient, BlockFollower, buildTransaction, createDevnet, parseTransaction, transactionNulldata, type Block, type Devnet, type InputSigner, type UnspentOutput } from '@bsk/bitcoin';
import { bytesToHex, sha256 } from '@bsk/crypto';
import {
  DEVNET,
  addressToScriptHex,
  buildNameTransaction,
  createEngine,
  importKeychainPrivateKey,
  planAnnounce,
  lookupName,
  namespaceTerms,
  openSqliteStore,
  planNameImport,
  planNamePreorder,
  planNameRegistration,
  planNameRenewal,
  planNameRevoke,
  planNameTransfer,
  planNameUpdate,
  planNamespacePreorder,
  planNamespaceReady,
  planNamespaceReveal,
  walletAddress,
  type BlockResult,
  type BuiltNameTransaction,
  type Engine,
  type NameStatus,
  type NamespaceRules,
  type NetworkParams,
  type PlannedNameTransaction,
  type Store,
} from '../../src/index.js';

/*
 * The scenario kit (cli-and-scenarios.md §B.1, STYLE.md lesson 8): a real devnet chain on a
 * loopback port, funded wallets, naming transactions built with src/tx and signed for real,
 * broadcast and mined over JSON-RPC, and every block read back through the chain backend
 * (`BitcoindClient` driven by `BlockFollower`, so reorganisations are undone) into an engine with
 * a fresh SQLite store.
 *
 * Operations of one block land in the order they were sent: each spends only confirmed outputs
 * (no in-block parent/child chains) and pays a fee rate 5% below the one sent before it, so the
 * devnet's fee-rate ordering of the block template is the send order (checked on every block).
 */

export interface KitWallet {
  readonly label: string;
  readonly privateKey: string;
  readonly signer: InputSigner;
  readonly address: string;
  readonly script: string;
}

/** One operation, planned when it is sent (so it sees the wallets' outputs at that moment). */
export type Step = (feeRate: number) => PlannedNameTransaction;

interface TrackedOutput extends UnspentOutput {
  readonly owner: KitWallet;
}

/** The namespace of almost every reference scenario (cli-and-scenarios.md §B.3), in epoch-3 devnet terms. */
export const STANDARD_RULES: NamespaceRules = {
  lifetime: 52595,
  coeff: 250,
  base: 4,
  buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  nonalphaDiscount: 10,
  noVowelDiscount: 10,
  version: 1,
};

const RPC = { user: 'bsk', password: 'scenario' };
const COIN = 100_000_000;
const LOWEST_FEE_RATE = 2;

export class ScenarioChain {
  readonly results = new Map<number, BlockResult>();
  /** Every block applied, as the chain backend gave it. */
  private readonly blocks = new Map<number, Block>();
  /** Unspent outputs of the kit's wallets, confirmed (height set) or sent in this block. */
  private readonly unspent = new Map<string, TrackedOutput>();
  private readonly byScript = new Map<string, KitWallet>();
  private readonly follower: BlockFollower;

  private constructor(
    readonly params: NetworkParams,
    readonly devnet: Devnet,
    readonly client: BitcoindClient,
    readonly store: Store,
    readonly engine: Engine,
    private readonly dir: string,
  ) {
    // Prevouts only for transactions with OP_RETURN data, as an indexer asks (backend.ts PrevoutFilter).
    this.follower = new BlockFollower(client, { startHeight: params.firstBlock, blockOptions: { prevouts: (tx) => transactionNulldata(tx.outputs) !== null } });
  }

  /** A devnet with the standard wallets w0…w5 and the default payment wallet, each holding ten 1-BTC outputs. */
  static async start(params: NetworkParams = DEVNET): Promise<ScenarioChain> {
    const devnet = await createDevnet({ datadir: ':memory:', rpc: { port: 0, host: '127.0.0.1', ...RPC } });
    const client = new BitcoindClient({ url: devnet.url, credentials: { username: RPC.user, password: RPC.password }, network: params.addressNetwork });
    const dir = mkdtempSync(join(tmpdir(), 'bsk-bns-scenario-'));
    const store = openSqliteStore(join(dir, 'names.sqlite'));
    const chain = new ScenarioChain(params, devnet, client, store, createEngine({ network: params, store }), dir);
    await chain.fund(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'payment'].map((label) => chain.wallet(label)));
    return chain;
  }

  async stop(): Promise<void> {
    this.store.close();
    await this.devnet.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  // --- wallets ---------------------------------------------------------------------------------

  /** A deterministic wallet for `label` (p2pkh, compressed key). */
  wallet(label: string): KitWallet {
    const privateKey = bytesToHex(sha256(`scenario wallet ${label}`));
    return this.adopt(label, privateKey);
  }

  /** The harness's five wallets w0…w5 (cli-and-scenarios.md §B.1); w2 usually pays for w3. */
  standardWallets(): [KitWallet, KitWallet, KitWallet, KitWallet, KitWallet, KitWallet] {
    return [0, 1, 2, 3, 4, 5].map((i) => this.wallet(`w${i}`)) as [KitWallet, KitWallet, KitWallet, KitWallet, KitWallet, KitWallet];
  }

  /** A wallet for a private key the scenario derived itself (p2pkh, compressed). */
  adopt(label: string, privateKey: string): KitWallet {
    return this.adoptSigner(label, { type: 'p2pkh', privateKey }, privateKey);
  }

  /** A wallet of any signer BNS can see: p2pkh, p2sh multisig, p2sh-p2wpkh (bns.md §1.2). */
  adoptSigner(label: string, signer: InputSigner, privateKey = ''): KitWallet {
    const address = walletAddress(this.params, signer);
    const script = addressToScriptHex(this.params, address);
    const known = this.byScript.get(script);
    if (known) return known;
    const wallet = { label, privateKey, signer, address, script };
    this.byScript.set(script, wallet);
    return wallet;
  }

  /** Child `index` of a reveal key's import keychain, as a wallet (bns.md §4.11). */
  importKey(revealer: KitWallet, index: number): KitWallet {
    return this.adopt(`${revealer.label}/${index}`, importKeychainPrivateKey(revealer.privateKey, index));
  }

  /** Gives each wallet `coins` confirmed outputs of `btc` each (faucet, then a split), in one block. */
  async fund(wallets: readonly KitWallet[], coins = 10, btc = 1): Promise<void> {
    for (const wallet of wallets) {
      const amount = Math.round(coins * btc * COIN) + 100_000;
      const payment = this.devnet.faucet.fund(wallet.address, amount / COIN, 0);
      const input = { txid: payment.txid, vout: payment.vout, value: amount, script: wallet.script, height: null };
      const split = buildTransaction({
        network: this.params.addressNetwork,
        feeRate: LOWEST_FEE_RATE,
        outputs: Array.from({ length: coins }, () => ({ address: wallet.address, value: Math.round(btc * COIN) })),
        inputs: [{ utxo: input, signer: wallet.signer }],
      });
      await this.client.broadcast(split.hex);
      this.track(split.hex, [input]);
    }
    await this.mine(1);
  }

  /** Confirmed unspent outputs of a wallet, as the builders take them. */
  coins(wallet: KitWallet): { signer: InputSigner; utxos: UnspentOutput[] } {
    const utxos = [...this.unspent.values()].filter((u) => u.owner === wallet && u.height !== null);
    return { signer: wallet.signer, utxos: utxos.map(({ owner: _owner, ...utxo }) => utxo) };
  }

  /** Removes what a transaction spent and adds what it pays the kit's wallets. */
  private track(hex: string, spent: readonly Pick<UnspentOutput, 'txid' | 'vout'>[]): void {
    for (const input of spent) this.unspent.delete(`${input.txid}:${input.vout}`);
    const tx = parseTransaction(hex, this.params.addressNetwork);
    for (const output of tx.outputs) {
      const owner = this.byScript.get(output.script);
      if (owner) this.unspent.set(`${tx.txid}:${output.index}`, { txid: tx.txid, vout: output.index, value: output.value, script: output.script, height: null, owner });
    }
  }

  // --- chain -----------------------------------------------------------------------------------

  get height(): number {
    return this.engine.tip() ?? this.params.firstBlock - 1;
  }

  /** The consensus hash a client reads from its node: the last processed block's (or an older one's). */
  ch(height = this.height): string {
    const hash = this.store.consensusHashAt(height);
    if (hash === null) throw new Error(`no consensus hash at ${height}`);
    return hash;
  }

  /** Sends the steps in order (fee rates falling by 5% each), mines one block, and returns its result. */
  async block(...steps: Step[]): Promise<BlockResult & { readonly sent: readonly BuiltNameTransaction[] }> {
    const sent: BuiltNameTransaction[] = [];
    for (const [index, step] of steps.entries()) sent.push(await this.send(step, LOWEST_FEE_RATE * 1.05 ** (steps.length - 1 - index)));
    const [result] = await this.mine(1, sent.map((built) => built.txid));
    return { ...result!, sent };
  }

  async send(step: Step, feeRate = LOWEST_FEE_RATE): Promise<BuiltNameTransaction> {
    const built = buildNameTransaction(step(feeRate));
    await this.client.broadcast(built.hex);
    this.track(built.hex, built.inputs.map((input) => input.utxo));
    return built;
  }

  /** Mines `count` blocks over RPC and applies them; `order` is the txids the first block must hold, in order. */
  async mine(count = 1, order?: readonly string[]): Promise<BlockResult[]> {
    await this.client.call('generatetoaddress', count, this.devnet.faucet.address);
    for (const output of this.unspent.values()) if (output.height === null) this.unspent.set(`${output.txid}:${output.vout}`, { ...output, height: this.height + 1 });
    return this.sync(order);
  }

  /**
   * Brings the engine to the chain's tip through the chain backend, as the indexer does
   * (`BlockFollower`): blocks that left the best chain are undone newest first, new ones applied.
   */
  async sync(order?: readonly string[]): Promise<BlockResult[]> {
    const results: BlockResult[] = [];
    for await (const event of this.follower.sync()) {
      if (event.type === 'disconnect') {
        this.engine.undoBlock(event.height);
        this.blocks.delete(event.height);
        this.results.delete(event.height);
        continue;
      }
      const { block } = event;
      if (order !== undefined && results.length === 0) expect(block.transactions.slice(1).map((tx) => tx.txid)).toEqual(order);
      const result = this.engine.applyBlock(block);
      this.blocks.set(block.height, block);
      this.results.set(block.height, result);
      results.push(result);
    }
    return results;
  }

  /** `invalidateblock` over RPC: the block and its descendants leave the best chain; their transactions return to the mempool. */
  async invalidate(height: number): Promise<void> {
    await this.client.call('invalidateblock', await this.client.getBlockHash(height));
  }

  /**
   * The history replay of cli-and-scenarios.md §B.2: a fresh index of the same chain (the blocks the
   * chain backend gave) has the same consensus hash at every height and the same rows.
   */
  async expectReplayMatches(): Promise<void> {
    const replay = createEngine({ network: this.params, store: openSqliteStore(':memory:') });
    for (let height = this.params.firstBlock; height <= this.height; height++) {
      const block = this.blocks.get(height)!;
      replay.applyBlock(block);
      expect(replay.consensusHashAt(block.height), `consensus hash at ${block.height}`).toBe(this.engine.consensusHashAt(block.height));
    }
    expect(replay.store.dump()).toEqual(this.store.dump());
    replay.store.close();
  }

  // --- state -----------------------------------------------------------------------------------

  lookup(name: string): NameStatus | null {
    return lookupName(this.params, this.store, name);
  }

  // --- operations (cli-and-scenarios.md §A.7: the CLI commands the harness drove) ---------------

  namespacePreorder(namespaceId: string, payer: KitWallet, revealer: KitWallet, options: { fee?: number; consensusHash?: string } = {}): Step {
    return (feeRate) =>
      planNamespacePreorder({ params: this.params, feeRate, payer: this.coins(payer), namespaceId, revealAddress: revealer.address, consensusHash: options.consensusHash ?? this.ch(), height: this.height + 1, fee: options.fee });
  }

  namespaceReveal(namespaceId: string, payer: KitWallet, revealer: KitWallet, rules: Partial<NamespaceRules> = {}): Step {
    return (feeRate) => planNamespaceReveal({ params: this.params, feeRate, payer: this.coins(payer), namespaceId, revealAddress: revealer.address, rules: { ...STANDARD_RULES, ...rules } });
  }

  namespaceReady(namespaceId: string, revealer: KitWallet): Step {
    return (feeRate) => planNamespaceReady({ params: this.params, feeRate, revealer: this.coins(revealer), namespaceId });
  }

  preorder(name: string, payer: KitWallet, owner: KitWallet, options: { fee?: number; feeAddress?: string; consensusHash?: string } = {}): Step {
    return (feeRate) =>
      planNamePreorder({
        params: this.params,
        feeRate,
        payer: this.coins(payer),
        name,
        owner: owner.address,
        consensusHash: options.consensusHash ?? this.ch(),
        namespace: this.terms(name),
        height: this.height + 1,
        fee: options.fee,
        feeAddress: options.feeAddress,
      });
  }

  register(name: string, payer: KitWallet, owner: KitWallet, valueHash: string | null = null): Step {
    return (feeRate) => planNameRegistration({ params: this.params, feeRate, payer: this.coins(payer), name, owner: owner.address, valueHash });
  }

  update(name: string, owner: KitWallet, valueHash: string, options: { consensusHash?: string; payer?: KitWallet } = {}): Step {
    return (feeRate) =>
      planNameUpdate({ params: this.params, feeRate, owner: this.coins(owner), payer: this.coins(options.payer ?? this.payment), name, valueHash, consensusHash: options.consensusHash ?? this.ch() });
  }

  transfer(name: string, owner: KitWallet, newOwner: KitWallet, keepData: boolean, options: { consensusHash?: string } = {}): Step {
    return (feeRate) =>
      planNameTransfer({
        params: this.params,
        feeRate,
        owner: this.coins(owner),
        payer: this.coins(this.payment),
        name,
        newOwner: newOwner.address,
        keepData,
        consensusHash: options.consensusHash ?? this.ch(),
      });
  }

  renew(name: string, owner: KitWallet, options: { newOwner?: KitWallet; valueHash?: string; fee?: number; feeAddress?: string } = {}): Step {
    return (feeRate) =>
      planNameRenewal({
        params: this.params,
        feeRate,
        owner: this.coins(owner),
        payer: this.coins(this.payment),
        name,
        newOwner: options.newOwner?.address,
        valueHash: options.valueHash,
        namespace: this.terms(name),
        height: this.height + 1,
        fee: options.fee,
        feeAddress: options.feeAddress,
      });
  }

  revoke(name: string, owner: KitWallet): Step {
    return (feeRate) => planNameRevoke({ params: this.params, feeRate, owner: this.coins(owner), payer: this.coins(this.payment), name });
  }

  import(name: string, importer: KitWallet, recipient: KitWallet, valueHash: string): Step {
    return (feeRate) => planNameImport({ params: this.params, feeRate, importer: this.coins(importer), name, recipient: recipient.address, valueHash });
  }

  announce(sender: KitWallet, messageHash: string): Step {
    return (feeRate) => planAnnounce({ params: this.params, feeRate, sender: this.coins(sender), messageHash });
  }

  /** The default payment wallet that pays for update/transfer/renew/revoke (§A.7). */
  get payment(): KitWallet {
    return this.wallet('payment');
  }

  /** The price terms of a name's namespace; a namespace the node does not know prices as the standard one. */
  private terms(name: string) {
    const row = this.store.getRow('namespace', name.slice(name.lastIndexOf('.') + 1));
    return row === null ? { ...STANDARD_RULES, revealBlock: 0, address: this.params.burnAddress } : namespaceTerms(row);
  }

  // --- composite steps -------------------------------------------------------------------------

  /** Preorder, reveal and ready, one block each (cli-and-scenarios.md §B.3). */
  async createNamespace(namespaceId: string, payer: KitWallet, revealer: KitWallet, rules: Partial<NamespaceRules> = {}): Promise<void> {
    expectAllAccepted(await this.block(this.namespacePreorder(namespaceId, payer, revealer)));
    expectAllAccepted(await this.block(this.namespaceReveal(namespaceId, payer, revealer, rules)));
    expectAllAccepted(await this.block(this.namespaceReady(namespaceId, revealer)));
  }

  /** Preorder (one block) and register (the next). */
  async registerName(name: string, payer: KitWallet, owner: KitWallet, valueHash: string | null = null): Promise<void> {
    expectAllAccepted(await this.block(this.preorder(name, payer, owner)));
    expectAllAccepted(await this.block(this.register(name, payer, owner, valueHash)));
  }
}

/** Types of the accepted operations of a block, in order. */
export function acceptedTypes(result: BlockResult): string[] {
  return result.accepted.map((outcome) => outcome.type);
}

/** Reasons of the rejected operations of a block, in order. */
export function rejectedReasons(result: BlockResult): string[] {
  return result.rejected.map((r) => r.reason);
}

export function expectAllAccepted(result: BlockResult): void {
  expect({ rejected: result.rejected, ignored: result.ignored }).toEqual({ rejected: [], ignored: [] });
  expect(result.accepted.length).toBeGreaterThan(0);
}
