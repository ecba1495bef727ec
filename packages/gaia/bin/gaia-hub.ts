#!/usr/bin/env node
/**
 * The Gaia hub as a process, with its read endpoint on the same port and, with --reader-port, on a
 * port of its own (the local network runs the hub on 4000 and the reader on 8008).
 *
 *   node --conditions=source --import tsx packages/gaia/bin/gaia-hub.ts --port 4000 --reader-port 8008 --server-name localhost:4000 --storage-root-directory ./.devnet/gaia
 *
 * Flags win over environment variables (GAIA_… or BSK_GAIA_…), which win over the config file
 * (--config or CONFIG_PATH), which wins over the defaults. `--help` prints every setting.
 * Prints one JSON line {"url","readerUrl","readUrlPrefix"} on stdout once listening (readerUrl is
 * null without --reader-port).
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
  process.stdout.write(`${JSON.stringify({ url, readerUrl: hub.readerUrl(), readUrlPrefix: hub.readUrlPrefix() })}\n`);
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
