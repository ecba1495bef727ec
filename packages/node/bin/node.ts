#!/usr/bin/env node
/**
 * The core node as a daemon: follows bitcoind (or the devnet chain), indexes BNS, serves the REST API
 * v1, Atlas and the broadcaster.
 *
 *   node --conditions=source --import tsx packages/node/bin/node.ts --network devnet --data-dir ./.devnet/node
 *
 * Flags win over environment variables (BSK_…), which win over the config file (--config or
 * BSK_CONFIG), which wins over the defaults. `--help` prints every setting. A bad setting prints one
 * line and exits with code 2. SIGINT/SIGTERM stop it gracefully.
 */
import { NodeConfigError, createNode, describeNodeConfig, loadNodeConfig } from '../src/index.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`bsk-node [--flag value …]\n\nSettings (flag, environment variable, config-file key):\n\n${describeNodeConfig()}\n`);
    return;
  }
  let config;
  try {
    config = loadNodeConfig({ argv, env: process.env });
  } catch (error) {
    if (error instanceof NodeConfigError) {
      process.stderr.write(`bsk-node: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const node = await createNode(config);
  const endpoints: [string, string][] = [
    ['REST API v1', node.apiUrl],
    ['OpenAPI', `${node.apiUrl}/v1/openapi.json`],
    ['metrics', `${node.apiUrl}/metrics`],
    ['broadcaster', `${node.apiUrl}/v1/broadcast/…`],
    ['Atlas', `${node.apiUrl}/v1/atlas/…`],
    ['DNS', `${config.apiHost}:${node.dns.port} (UDP and TCP)`],
    ['bitcoind RPC', config.bitcoindUrl],
    ['data', config.dataDir],
  ];
  process.stdout.write(`bsk-node (${config.network})\n${endpoints.map(([what, where]) => `  ${what.padEnd(12)} ${where}`).join('\n')}\n`);
  const stop = (signal: string) => {
    node.logger.info({ signal }, 'stopping');
    void node.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`bsk-node: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
