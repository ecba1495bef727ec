#!/usr/bin/env node
/**
 * The devnet chain as a process: a regtest chain speaking bitcoind's JSON-RPC.
 *
 *   node --conditions=source --import tsx packages/bitcoin/bin/devnet.ts --datadir ./.devnet/chain --port 18443 --mine-every 10
 *
 * Flags win over environment variables (BSK_DEVNET_*), which win over the defaults.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createDevnet } from '../src/devnet/index.js';

interface Option {
  readonly flag: string;
  readonly env: string;
  readonly fallback: string;
  readonly help: string;
}

const OPTIONS: readonly Option[] = [
  { flag: 'datadir', env: 'BSK_DEVNET_DATADIR', fallback: './.devnet/chain', help: "chain database directory, or ':memory:'" },
  { flag: 'host', env: 'BSK_DEVNET_HOST', fallback: '127.0.0.1', help: 'RPC listen address (loopback)' },
  { flag: 'port', env: 'BSK_DEVNET_PORT', fallback: '18443', help: 'RPC port (regtest default 18443)' },
  { flag: 'rpcuser', env: 'BSK_DEVNET_RPC_USER', fallback: 'blockstack', help: 'RPC user name' },
  { flag: 'rpcpassword', env: 'BSK_DEVNET_RPC_PASSWORD', fallback: 'blockstacksystem', help: 'RPC password' },
  { flag: 'mine-every', env: 'BSK_DEVNET_MINE_EVERY', fallback: '0', help: 'mine a block every N seconds (0: only on demand)' },
];

function usage(): string {
  const lines = OPTIONS.map((o) => `  --${o.flag.padEnd(12)} ${o.help} [env ${o.env}, default ${o.fallback}]`);
  return `usage: devnet [options]\n${lines.join('\n')}\n`;
}

function fail(message: string): never {
  process.stderr.write(`devnet: ${message}\n\n${usage()}`);
  process.exit(2);
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) fail(`--${name} must be an integer from ${min} to ${max}, got '${text}'`);
  return value;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: { ...Object.fromEntries(OPTIONS.map((o) => [o.flag, { type: 'string' as const }])), help: { type: 'boolean' } },
      strict: true,
    });
  } catch (e) {
    fail((e as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(usage());
    return;
  }
  const values = parsed.values as Record<string, string | undefined>;
  const setting = (flag: string): string => {
    const option = OPTIONS.find((o) => o.flag === flag)!;
    return values[flag] ?? process.env[option.env] ?? option.fallback;
  };
  const logger = pino({ name: 'devnet' });
  const devnet = await createDevnet({
    datadir: setting('datadir'),
    rpc: {
      host: setting('host'),
      port: integer('port', setting('port'), 0, 65_535),
      user: setting('rpcuser'),
      password: setting('rpcpassword'),
    },
    mineEvery: integer('mine-every', setting('mine-every'), 0, 86_400),
    logger,
  });
  logger.info({ faucet: devnet.faucet.address }, 'devnet ready');
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    void devnet.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`devnet: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
