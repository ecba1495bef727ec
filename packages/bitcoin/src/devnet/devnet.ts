import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Faucet, type FaucetPayment } from './node/faucet.js';
import { DevnetNode } from './node/node.js';
import { ChainStore } from './node/store.js';
import { WatchOnlyWallet } from './node/wallet.js';
import type { RpcContext } from './rpc/context.js';
import { RpcDispatcher } from './rpc/dispatch.js';
import { blockchainMethods } from './rpc/methods/blockchain.js';
import { miningMethods } from './rpc/methods/mining.js';
import { networkMethods } from './rpc/methods/network.js';
import { rawTransactionMethods } from './rpc/methods/rawtransactions.js';
import { utilMethods } from './rpc/methods/util.js';
import { walletMethods } from './rpc/methods/wallet.js';
import { startRpcServer } from './rpc/server.js';
import { addressToScript } from './script/standard.js';

/** Structured logging as pino provides it; any logger with these methods fits. */
export interface DevnetLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface DevnetConfig {
  /** Directory for the chain database, or ':memory:' for a chain that ends with the process. */
  readonly datadir: string;
  readonly rpc: {
    readonly port: number;
    readonly host?: string;
    readonly user: string;
    readonly password: string;
  };
  /** Mine a block to the faucet every this many seconds (0 or absent: only on demand). */
  readonly mineEvery?: number;
  readonly logger?: DevnetLogger;
  /** Clock in unix seconds (tests). */
  readonly now?: () => number;
}

export interface Devnet {
  /** The RPC endpoint, e.g. http://127.0.0.1:18443/ */
  readonly url: string;
  /** `<datadir>/.cookie` (user `__cookie__`, a password new each run), absent for ':memory:'. */
  readonly cookieFile?: string;
  readonly port: number;
  readonly node: DevnetNode;
  readonly wallet: WatchOnlyWallet;
  readonly faucet: {
    readonly address: string;
    /** Pays `btc` BTC to `address`, mining what it needs, then `confirmations` blocks (default 1). */
    fund(address: string, btc: number, confirmations?: number): FaucetPayment;
    balance(): number;
  };
  /** Mines `count` blocks to `address` (default: the faucet). */
  mine(count: number, address?: string): string[];
  stop(): Promise<void>;
}

const silentLogger: DevnetLogger = { info() {}, warn() {}, error() {} };

export const RPC_METHODS = [...blockchainMethods, ...rawTransactionMethods, ...miningMethods, ...walletMethods, ...networkMethods, ...utilMethods];

/** Checks the configuration up front, with messages that name the setting. */
function validateConfig(config: DevnetConfig): void {
  if (typeof config.datadir !== 'string' || config.datadir === '') throw new TypeError("devnet: datadir must be a directory path or ':memory:'");
  const { rpc } = config;
  if (!rpc || !Number.isInteger(rpc.port) || rpc.port < 0 || rpc.port > 65_535) throw new RangeError('devnet: rpc.port must be an integer from 0 to 65535');
  if (typeof rpc.user !== 'string' || rpc.user === '' || rpc.user.includes(':')) throw new TypeError('devnet: rpc.user must be a non-empty string without ":"');
  if (typeof rpc.password !== 'string' || rpc.password === '') throw new TypeError('devnet: rpc.password must be a non-empty string');
  if (config.mineEvery !== undefined && (!Number.isFinite(config.mineEvery) || config.mineEvery < 0)) {
    throw new RangeError('devnet: mineEvery must be a number of seconds ≥ 0');
  }
}

/** The devnet composition root: store → node (chain + mempool) → wallet, faucet → RPC server. */
export async function createDevnet(config: DevnetConfig): Promise<Devnet> {
  validateConfig(config);
  const logger = config.logger ?? silentLogger;
  let path = ':memory:';
  if (config.datadir !== ':memory:') {
    mkdirSync(config.datadir, { recursive: true });
    path = join(config.datadir, 'chain.sqlite');
  }
  const store = new ChainStore(path);
  const node = new DevnetNode(store, { now: config.now });
  const wallet = new WatchOnlyWallet(node);
  const faucet = new Faucet(node);
  const context: RpcContext = { node, wallet, faucet, startedAt: node.now() };
  const dispatcher = new RpcDispatcher(RPC_METHODS, context, (error) => logger.error({ err: error }, 'RPC handler failed'));
  const host = config.rpc.host ?? '127.0.0.1';
  // Like bitcoind, also accept a random cookie written to <datadir>/.cookie for this run.
  let cookieFile: string | undefined;
  const extraCredentials: string[] = [];
  if (config.datadir !== ':memory:') {
    const cookie = `__cookie__:${randomBytes(32).toString('hex')}`;
    cookieFile = join(config.datadir, '.cookie');
    writeFileSync(cookieFile, cookie, { mode: 0o600 });
    extraCredentials.push(cookie);
  }
  const server = await startRpcServer(dispatcher, {
    host,
    port: config.rpc.port,
    user: config.rpc.user,
    password: config.rpc.password,
    extraCredentials,
  });
  logger.info({ url: server.url, height: node.chain.height(), datadir: config.datadir }, 'devnet RPC listening');

  let timer: NodeJS.Timeout | undefined;
  if (config.mineEvery && config.mineEvery > 0) {
    timer = setInterval(() => {
      try {
        const [hash] = node.mine(1, faucet.script);
        logger.info({ hash, height: node.chain.height() }, 'mined block');
      } catch (error) {
        logger.error({ err: error }, 'periodic mining failed');
      }
    }, config.mineEvery * 1000);
    timer.unref();
  }

  let stopped = false;
  return {
    url: server.url,
    port: server.port,
    cookieFile,
    node,
    wallet,
    faucet: {
      address: faucet.address,
      fund: (address, btc, confirmations = 1) => faucet.fund(address, Math.round(btc * 1e8), confirmations),
      balance: () => faucet.balance(),
    },
    mine(count, address) {
      const script = address === undefined ? faucet.script : addressToScript(address);
      if (!script) throw new Error(`Invalid address: ${address}`);
      return node.mine(count, script);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearInterval(timer);
      await server.close();
      store.close();
      if (cookieFile) rmSync(cookieFile, { force: true });
      logger.info({}, 'devnet stopped');
    },
  };
}
