import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BitcoindClient, createDevnet, type Devnet } from '@bsk/bitcoin';
import { pino } from 'pino';
import { createNode, type BskNode, type NodeConfig, type NodeDependencies } from '../../src/index.js';

/*
 * A devnet chain (RPC on an ephemeral loopback port) and a core node following it, each in a fresh
 * temporary directory; `stop()` closes both and removes the directories.
 */

export const RPC_USER = 'blockstack';
export const RPC_PASSWORD = 'blockstacksystem';

export interface DevnetNode {
  readonly devnet: Devnet;
  node: BskNode;
  readonly dataDir: string;
  /** Restarts the node on the same data directory (the devnet keeps running). */
  restart(overrides?: Partial<NodeConfig>): Promise<BskNode>;
  /** Resolves once the node has applied the devnet's tip. */
  synced(): Promise<void>;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function nodeConfig(devnet: Devnet, dataDir: string, overrides: Partial<NodeConfig> = {}): Partial<NodeConfig> {
  return {
    network: 'devnet',
    bitcoindUrl: devnet.url,
    bitcoindUser: RPC_USER,
    bitcoindPassword: RPC_PASSWORD,
    dataDir,
    apiPort: 0,
    dnsPort: 0,
    pollInterval: 0.05,
    logLevel: 'silent',
    ...overrides,
  };
}

export async function startDevnetNode(overrides: Partial<NodeConfig> = {}, dependencies: NodeDependencies = {}): Promise<DevnetNode> {
  const devnet = await createDevnet({ datadir: ':memory:', rpc: { port: 0, host: '127.0.0.1', user: RPC_USER, password: RPC_PASSWORD } });
  const dataDir = tempDir('bsk-node-');
  const logger = pino({ level: 'silent' });
  const start = (extra: Partial<NodeConfig>) => createNode(nodeConfig(devnet, dataDir, { ...overrides, ...extra }), { logger, ...dependencies });
  const handle: DevnetNode = {
    devnet,
    node: await start({}),
    dataDir,
    async restart(extra = {}) {
      await handle.node.close();
      handle.node = await start(extra);
      return handle.node;
    },
    async synced() {
      const client = new BitcoindClient({ url: devnet.url, credentials: { username: RPC_USER, password: RPC_PASSWORD }, network: 'regtest' });
      const deadline = Date.now() + 20_000;
      for (;;) {
        const tip = await client.getTip();
        const applied = handle.node.engine.tip();
        if (applied !== null && applied >= tip.height && (await client.getBlockHash(applied)) === tip.hash) return;
        if (Date.now() > deadline) throw new Error(`node did not reach the devnet tip ${tip.height} (at ${applied})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      await handle.node.close();
      await devnet.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
