import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDevnet, type Devnet } from '@bsk/bitcoin';
import { DEVNET, namespaceFee } from '@bsk/bns';
import { createHub, type Hub } from '@bsk/gaia';
import { createNode, type BskNode } from '@bsk/node';
import { destination, pino, type Logger } from 'pino';
import { loadOrMakeKeys, signerOf, type LocalKey, type LocalKeys } from './keys.js';
import { DEFAULT_NAMESPACES, bootstrapNamespaces, type NamespaceStage } from './namespaces.js';
import type { LocalNetworkOptions } from './options.js';
import { PortInUseError, assertPortsFree, isAddressInUse, localNetworkPorts, type WantedPort } from './ports.js';

/*
 * `npm start`'s composition root (issues 5 and 6; STYLE.md lesson 5): in one process, on loopback,
 * the devnet chain (`<dataDir>/chain`), a core node following it with 0 confirmations
 * (`<dataDir>/node`) with its DNS bridge, and a Gaia hub on the disk driver (`<dataDir>/gaia`) with
 * its read endpoint. At first start the faucet funds the keys and the namespaces `id` and `test`
 * are preordered, revealed and readied, each step mined and indexed before the next; later starts
 * find them in the node and skip all that. `stop()` stops the hub, the node, then the chain.
 */

export interface LocalNetworkEndpoints {
  readonly chainRpc: string;
  readonly rpcUser: string;
  readonly rpcPassword: string;
  readonly nodeApi: string;
  /** `host:port`, UDP and TCP. */
  readonly dns: string;
  readonly dnsPort: number;
  readonly hub: string;
  /** The read endpoint, as `read_url_prefix` announces it (trailing `/`). */
  readonly reader: string;
}

export interface LocalNetwork {
  readonly options: LocalNetworkOptions;
  /** Absolute. */
  readonly dataDir: string;
  readonly devnet: Devnet;
  readonly node: BskNode;
  readonly hub: Hub;
  readonly keys: LocalKeys;
  readonly endpoints: LocalNetworkEndpoints;
  /** True when this start created the namespaces (a first start). */
  readonly bootstrapped: boolean;
  /** Confirmed satoshis a key holds. */
  balanceOf(key: LocalKey): Promise<number>;
  /** Mines `count` blocks and resolves once the node has indexed them. */
  mine(count?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalNetworkDependencies {
  readonly logger?: Logger;
}

const SATOSHIS_PER_BTC = 100_000_000;
/** Funds handed out at first start. */
const FUNDED_KEY_BTC = 100;
const REVEALER_SATOSHIS = SATOSHIS_PER_BTC;
/** Above the namespace prices, for transaction fees. */
const FEE_MARGIN_SATOSHIS = SATOSHIS_PER_BTC;
/** sat/vB of the bootstrap's transactions. */
const FEE_RATE = 2;
const INDEX_TIMEOUT_MS = 60_000;

/** The hub's name in its challenge text (auth-and-storage.md §4.3); `https://localhost` is one of its valid URLs. */
export const LOCAL_HUB_SERVER_NAME = 'localhost';

export async function startLocalNetwork(options: LocalNetworkOptions, dependencies: LocalNetworkDependencies = {}): Promise<LocalNetwork> {
  const logger = dependencies.logger ?? pino({ level: options.logLevel, name: 'bsk-devnet' }, destination(2));
  const dataDir = resolve(options.dataDir);
  const [chainPort, apiPort, dnsPort, hubPort, readerPort] = localNetworkPorts(options);
  await assertPortsFree(options.host, [chainPort, apiPort, dnsPort, hubPort, readerPort]);
  if (options.reset) resetDataDir(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const { keys } = loadOrMakeKeys(dataDir);

  const started: { close(): Promise<void> }[] = [];
  try {
    const devnet = await listening(chainPort, options.host, () =>
      createDevnet({
        datadir: join(dataDir, 'chain'),
        rpc: { host: options.host, port: options.chainPort, user: options.rpcUser, password: options.rpcPassword },
        mineEvery: options.mineEvery,
        logger: logger.child({ part: 'chain' }),
      }),
    );
    started.push({ close: () => devnet.stop() });

    const node = await listening(apiPort, options.host, () =>
      createNode(
        {
          network: 'devnet',
          bitcoindUrl: devnet.url,
          bitcoindUser: options.rpcUser,
          bitcoindPassword: options.rpcPassword,
          confirmations: 0,
          dataDir: join(dataDir, 'node'),
          apiHost: options.host,
          apiPort: options.apiPort,
          dnsPort: options.dnsPort,
          pollInterval: 0.2,
          logLevel: options.logLevel,
        },
        { logger: logger.child({ part: 'node' }) },
      ),
      dnsPort,
    );
    started.push({ close: () => node.close() });

    const hub = createHub(
      {
        driver: 'disk',
        storageRootDirectory: join(dataDir, 'gaia'),
        host: options.host,
        port: options.hubPort,
        readerPort: options.readerPort,
        serverName: LOCAL_HUB_SERVER_NAME,
        logLevel: options.logLevel,
      },
      { logger: logger.child({ part: 'gaia' }) },
    );
    const hubUrl = await listening(hubPort, options.host, () => hub.listen(), readerPort);
    started.push({ close: () => hub.close() });

    const chain = new ChainSteps(devnet, node);
    await chain.indexed(devnet.node.chain.height());
    const bootstrapped = await prepareFirstStart(chain, keys, logger);

    const endpoints: LocalNetworkEndpoints = {
      chainRpc: devnet.url,
      rpcUser: options.rpcUser,
      rpcPassword: options.rpcPassword,
      nodeApi: node.apiUrl,
      dns: `${options.host}:${node.dns.port}`,
      dnsPort: node.dns.port,
      hub: hubUrl,
      reader: hub.readUrlPrefix(),
    };
    logger.info({ endpoints, dataDir, bootstrapped }, 'local network ready');

    let stopping: Promise<void> | null = null;
    return {
      options,
      dataDir,
      devnet,
      node,
      hub,
      keys,
      endpoints,
      bootstrapped,
      balanceOf: (key) => chain.balanceOf(key.address),
      mine: (count = 1) => chain.mineAndIndex(count),
      stop() {
        stopping ??= stopAll(started);
        return stopping;
      },
    };
  } catch (error) {
    await stopAll(started).catch((stopError: unknown) => logger.error({ err: stopError }, 'stopping after a failed start failed'));
    throw error;
  }
}

/** Stops in the reverse order of starting: hub, node (with its DNS bridge), chain. */
async function stopAll(started: { close(): Promise<void> }[]): Promise<void> {
  while (started.length > 0) await started.pop()!.close();
}

/**
 * Runs a part's start, turning "address in use" (a port taken between the check and the listen)
 * into the same one-line error as the check. With two ports the error's own port decides.
 */
async function listening<T>(wanted: WantedPort, host: string, start: () => Promise<T>, other?: WantedPort): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    const port = (error as { port?: unknown }).port;
    throw new PortInUseError(other !== undefined && port === other.port ? other : wanted, host);
  }
}

/** `--reset`: deletes the data directory, refusing one that holds something else. */
function resetDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const ours = new Set(['keys.json', 'chain', 'node', 'gaia']);
  const strangers = readdirSync(dataDir).filter((entry) => !ours.has(entry) && !entry.startsWith('keys.json'));
  if (strangers.length > 0) throw new Error(`--reset refuses to delete ${dataDir}: it holds ${strangers.slice(0, 3).join(', ')}, which a local network does not make`);
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * First start: fund what is unfunded, then create the namespaces the node lacks (bns.md §3.9–3.11).
 * Resolves to true when any namespace was created.
 */
async function prepareFirstStart(chain: ChainSteps, keys: LocalKeys, logger: Logger): Promise<boolean> {
  const params = DEVNET;
  const missing = [...DEFAULT_NAMESPACES.keys()].filter((id) => chain.stageOf(id) !== 'ready');
  // Amounts still owed to each key; a key that already holds enough gets nothing.
  const owed: [LocalKey, number][] = [];
  if ((await chain.balanceOf(keys.funded.address)) === 0) owed.push([keys.funded, FUNDED_KEY_BTC * SATOSHIS_PER_BTC]);
  if (missing.length > 0) {
    const height = chain.height() + 1;
    const prices = missing.reduce((sum, id) => sum + namespaceFee(params, id, height).amount, 0);
    const held = await chain.balanceOf(keys.namespaceCreator.address);
    if (held < prices + FEE_MARGIN_SATOSHIS) owed.push([keys.namespaceCreator, prices + FEE_MARGIN_SATOSHIS - held]);
    if ((await chain.balanceOf(keys.namespaceRevealer.address)) === 0) owed.push([keys.namespaceRevealer, REVEALER_SATOSHIS]);
  }
  for (const [key, satoshis] of owed) chain.devnet.faucet.fund(key.address, satoshis / SATOSHIS_PER_BTC, 0);
  if (owed.length > 0) await chain.mineAndIndex(1);
  if (missing.length === 0) return false;

  logger.info({ namespaces: missing }, 'creating namespaces');
  await bootstrapNamespaces({
    params,
    backend: chain.node.backend,
    payer: signerOf(keys.namespaceCreator),
    revealer: signerOf(keys.namespaceRevealer),
    namespaces: new Map(missing.map((id) => [id, DEFAULT_NAMESPACES.get(id)!])),
    feeRate: FEE_RATE,
    mineAndIndex: () => chain.mineAndIndex(1),
    consensusHash: async () => chain.consensusHash(),
    stageOf: (id) => chain.stageOf(id),
  });
  return true;
}

/** The chain and the node seen together: mine, then wait for the node to index. */
class ChainSteps {
  constructor(
    readonly devnet: Devnet,
    readonly node: BskNode,
  ) {}

  height(): number {
    return this.devnet.node.chain.height();
  }

  async mineAndIndex(count: number): Promise<void> {
    this.devnet.mine(count);
    await this.indexed(this.height());
  }

  /** Resolves once the node's naming state reaches `height` (at once below the network's first block). */
  async indexed(height: number): Promise<void> {
    if (height < this.node.engine.params.firstBlock) return;
    const deadline = Date.now() + INDEX_TIMEOUT_MS;
    for (;;) {
      const tip = this.node.engine.tip();
      if (tip !== null && tip >= height) return;
      const failure = this.node.indexer.failure();
      if (failure !== null) throw failure;
      if (Date.now() > deadline) throw new Error(`the node did not index block ${height} within ${INDEX_TIMEOUT_MS / 1000} s (it is at ${tip ?? 'none'})`);
      await new Promise((wake) => setTimeout(wake, 25));
    }
  }

  async balanceOf(address: string): Promise<number> {
    const outputs = await this.node.backend.getUnspentOutputs(address);
    return outputs.reduce((sum, output) => sum + output.value, 0);
  }

  consensusHash(): string {
    const tip = this.node.engine.tip();
    const hash = tip === null ? null : this.node.engine.consensusHashAt(tip);
    if (hash === null) throw new Error('the node has no consensus hash yet');
    return hash;
  }

  stageOf(namespaceId: string): NamespaceStage {
    const row = this.node.store.getRow('namespace', namespaceId);
    if (row === null) return 'absent';
    return row.op === '!' ? 'ready' : 'revealed';
  }
}
