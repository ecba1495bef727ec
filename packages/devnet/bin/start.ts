#!/usr/bin/env node
/**
 * `npm start`: the whole local network in one process, on loopback — the devnet chain (auto-mining),
 * a core node following it (REST API, DNS bridge), and a Gaia hub with its read endpoint; namespaces
 * `id` and `test` ready and a funded key.
 *
 *   npm start                      # data in ./.devnet, default ports
 *   npm start -- --reset           # delete ./.devnet first
 *   node --conditions=source --import tsx packages/devnet/bin/start.ts --help
 *
 * Prints a table of endpoints and the funded key on stdout; logs (pino, quiet by default) go to
 * stderr. SIGINT/SIGTERM stop the hub, the node and the chain, then exit 0. A taken port prints one
 * line naming it and its flag, and exits 1.
 */
import type { LocalNetwork } from '../src/local-network.js';
import { OptionsError, describeLocalNetworkOptions, parseLocalNetworkOptions } from '../src/options.js';
import { PortInUseError, assertPortsFree, localNetworkPorts } from '../src/ports.js';

const PROGRAM = 'bsk start';

function fail(message: string, code: number): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`usage: npm start -- [options]\n\nStarts the devnet chain, a core node and a Gaia hub on loopback.\n\n${describeLocalNetworkOptions()}\n`);
    return;
  }
  let options;
  try {
    options = parseLocalNetworkOptions(argv, process.env);
  } catch (error) {
    if (error instanceof OptionsError) fail(`${error.message}`, 2);
    throw error;
  }

  // A signal during start-up stops the network as soon as it is up.
  let network: LocalNetwork | null = null;
  let stopRequested = false;
  const stop = (): void => {
    stopRequested = true;
    if (network === null) return;
    void network.stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`stopping failed: ${error instanceof Error ? error.message : String(error)}`, 1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  process.stdout.write(`starting the local network in ${options.dataDir}${options.reset ? ' (reset)' : ''} …\n`);
  try {
    // Taken ports are found before the parts' (large) modules load, so that mistake fails at once.
    await assertPortsFree(options.host, localNetworkPorts(options));
    const { startLocalNetwork, formatLocalNetworkTable } = await import('../src/index.js');
    network = await startLocalNetwork(options);
    if (stopRequested) return stop();
    process.stdout.write(formatLocalNetworkTable(network, await network.balanceOf(network.keys.funded)));
  } catch (error) {
    if (error instanceof PortInUseError) fail(error.message, 1);
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
