#!/usr/bin/env node
/**
 * The Gaia hub as a process, with its read endpoint on the same port (disk driver).
 *
 *   node --conditions=source --import tsx packages/gaia/bin/gaia-hub.ts --port 3000 --server-name localhost:3000 --storage-root-directory ./.devnet/gaia
 *
 * Flags win over environment variables (GAIA_… or BSK_GAIA_…), which win over the config file
 * (--config or CONFIG_PATH), which wins over the defaults. `--help` prints every setting.
 * Prints one JSON line {"url","readUrlPrefix"} on stdout once listening.
 */
import { HubConfigError, createHub, describeConfig, loadHubConfig } from '../src/index.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(`gaia-hub [--flag value …]\n\n${describeConfig()}\n`);
    return;
  }
  const hub = createHub(loadHubConfig({ argv, env: process.env }));
  const url = await hub.listen();
  process.stdout.write(`${JSON.stringify({ url, readUrlPrefix: hub.readUrlPrefix() })}\n`);
  const stop = () => {
    void hub.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof HubConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
