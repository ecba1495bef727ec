import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_SETTINGS, NodeConfigError, describeNodeConfig, loadNodeConfig, nodeEnvOf, nodeFlagOf, resolveNodeConfig } from '../src/index.js';

/* Configuration through one schema: flags over BSK_ environment over a JSON file over defaults. */

describe('node configuration', () => {
  it('defaults follow the network (confirmations 6 on mainnet, 0 on devnet)', () => {
    const devnet = resolveNodeConfig();
    expect(devnet).toMatchObject({ network: 'devnet', bitcoindUrl: 'http://127.0.0.1:18443/', bitcoindUser: 'blockstack', bitcoindPassword: 'blockstacksystem', confirmations: 0, apiHost: '127.0.0.1', apiPort: 6270, dnsPort: 5300, logLevel: 'info' });
    expect(resolveNodeConfig({ network: 'mainnet' })).toMatchObject({ confirmations: 6, broadcastConfirmations: 4 });
  });

  it('flags win over the environment, which wins over the file', () => {
    const config = loadNodeConfig({
      argv: ['--api-port', '7000', '--atlas-seeds=a.example:6270,http://b.example:6270'],
      env: { BSK_API_PORT: '7001', BSK_NETWORK: 'regtest', BSK_CONFIRMATIONS: '2' },
      file: { apiPort: 7002, network: 'testnet', dataDir: '/var/lib/bsk', confirmations: 3 },
    });
    expect(config).toMatchObject({ apiPort: 7000, network: 'regtest', confirmations: 2, dataDir: '/var/lib/bsk', atlasSeeds: ['a.example:6270', 'http://b.example:6270'] });
  });

  it('reads a JSON file named by --config or BSK_CONFIG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-node-config-'));
    try {
      const file = join(dir, 'node.json');
      writeFileSync(file, JSON.stringify({ network: 'mainnet', apiPort: 6300 }));
      expect(loadNodeConfig({ argv: ['--config', file] })).toMatchObject({ network: 'mainnet', apiPort: 6300, confirmations: 6 });
      expect(loadNodeConfig({ env: { BSK_CONFIG: file } })).toMatchObject({ network: 'mainnet' });
      writeFileSync(file, '{ not json');
      expect(() => loadNodeConfig({ argv: ['--config', file] })).toThrow(NodeConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad settings with a message naming the setting and its source', () => {
    const cases: [Parameters<typeof loadNodeConfig>[0], RegExp][] = [
      [{ argv: ['--api-port', '70000'] }, /apiPort must be a port number/],
      [{ argv: ['--api-port', 'x'] }, /--api-port: apiPort must be an integer/],
      [{ env: { BSK_NETWORK: 'moonnet' } }, /BSK_NETWORK: network must be one of devnet, regtest, testnet, mainnet/],
      [{ file: { logLevel: 'loud' } }, /config file: logLevel must be one of/],
      [{ file: { colour: 'blue' } }, /unknown setting colour/],
      [{ argv: ['--colour', 'blue'] }, /unknown flag --colour/],
      [{ argv: ['--network'] }, /--network needs a value/],
      [{ argv: ['stray'] }, /unexpected argument stray/],
      [{ argv: ['--bitcoind-url', 'ftp://x'] }, /bitcoindUrl must be an http\(s\) URL/],
      [{ argv: ['--atlas-peers', 'no port'] }, /atlasPeers must be a list of host:port/],
      [{ argv: ['--confirmations', '-1'] }, /confirmations must be 0..100/],
    ];
    for (const [sources, message] of cases) expect(() => loadNodeConfig(sources)).toThrow(message);
  });

  it('names every setting\'s flag and variable in the README table', () => {
    const table = describeNodeConfig();
    for (const setting of NODE_SETTINGS) {
      expect(table).toContain(nodeFlagOf(setting.key));
      expect(table).toContain(nodeEnvOf(setting.key));
    }
    expect(nodeEnvOf('bitcoindUrl')).toBe('BSK_BITCOIND_URL');
  });

  it('the daemon prints one line and exits with code 2 on a bad setting', () => {
    const bin = fileURLToPath(new URL('../bin/node.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', bin, '--api-port', 'seventy'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(['bsk-node: --api-port: apiPort must be an integer']);
  });
});
