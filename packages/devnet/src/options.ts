/*
 * What `npm start` can be told (issue 5): where the local network keeps its data and which loopback
 * ports its parts listen on. Defaults are the ports tools and the reference client look for
 * without set-up; each can be changed by a flag or a `BSK_…` environment variable (flags win).
 */

export interface LocalNetworkOptions {
  readonly dataDir: string;
  /** Start from scratch: delete `dataDir` first. */
  readonly reset: boolean;
  readonly host: string;
  readonly chainPort: number;
  readonly rpcUser: string;
  readonly rpcPassword: string;
  /** Seconds between blocks mined on a timer (0: only when something is sent). */
  readonly mineEvery: number;
  readonly apiPort: number;
  readonly dnsPort: number;
  readonly hubPort: number;
  readonly readerPort: number;
  /** pino level of every part's log (quiet by default: the table is what a person reads). */
  readonly logLevel: LocalNetworkLogLevel;
}

export type LocalNetworkLogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

interface Setting {
  readonly key: keyof LocalNetworkOptions;
  readonly flag: string;
  readonly env: string;
  readonly kind: 'string' | 'port' | 'seconds' | 'boolean' | 'level';
  readonly fallback: string;
  readonly help: string;
}

export const LOCAL_NETWORK_SETTINGS: readonly Setting[] = [
  { key: 'dataDir', flag: 'data-dir', env: 'BSK_DATA_DIR', kind: 'string', fallback: './.devnet', help: 'where the chain, node and hub keep their data' },
  { key: 'reset', flag: 'reset', env: 'BSK_RESET', kind: 'boolean', fallback: 'false', help: 'delete the data directory and start from scratch' },
  { key: 'host', flag: 'host', env: 'BSK_HOST', kind: 'string', fallback: '127.0.0.1', help: 'address every service listens on' },
  { key: 'chainPort', flag: 'chain-port', env: 'BSK_CHAIN_PORT', kind: 'port', fallback: '18443', help: 'devnet chain JSON-RPC port' },
  { key: 'rpcUser', flag: 'rpc-user', env: 'BSK_RPC_USER', kind: 'string', fallback: 'blockstack', help: 'chain RPC user' },
  { key: 'rpcPassword', flag: 'rpc-password', env: 'BSK_RPC_PASSWORD', kind: 'string', fallback: 'blockstacksystem', help: 'chain RPC password' },
  { key: 'mineEvery', flag: 'mine-every', env: 'BSK_MINE_EVERY', kind: 'seconds', fallback: '10', help: 'mine a block every N seconds (0: never on a timer)' },
  { key: 'apiPort', flag: 'api-port', env: 'BSK_API_PORT', kind: 'port', fallback: '6270', help: 'core node REST API port' },
  { key: 'dnsPort', flag: 'dns-port', env: 'BSK_DNS_PORT', kind: 'port', fallback: '5300', help: 'DNS bridge port (UDP and TCP)' },
  { key: 'hubPort', flag: 'hub-port', env: 'BSK_HUB_PORT', kind: 'port', fallback: '4000', help: 'Gaia hub port' },
  { key: 'readerPort', flag: 'reader-port', env: 'BSK_READER_PORT', kind: 'port', fallback: '8008', help: "Gaia hub's read endpoint port" },
  { key: 'logLevel', flag: 'log-level', env: 'BSK_LOG_LEVEL', kind: 'level', fallback: 'warn', help: `log level: ${LOG_LEVELS.join(', ')}` },
];

export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

/** Flags (`--name value`, `--name=value`, bare `--reset`) over environment over defaults. */
export function parseLocalNetworkOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LocalNetworkOptions {
  const flags = readFlags(argv);
  const values: Record<string, unknown> = {};
  for (const setting of LOCAL_NETWORK_SETTINGS) {
    const text = flags.get(setting.flag) ?? env[setting.env] ?? setting.fallback;
    values[setting.key] = convert(setting, text);
  }
  return values as unknown as LocalNetworkOptions;
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const known = new Map(LOCAL_NETWORK_SETTINGS.map((s) => [s.flag, s]));
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new OptionsError(`unexpected argument '${arg}'`);
    const [flag, inline] = splitFlag(arg.slice(2));
    const setting = known.get(flag);
    if (setting === undefined) throw new OptionsError(`unknown option --${flag} (see --help)`);
    if (inline !== null) flags.set(flag, inline);
    else if (setting.kind === 'boolean') flags.set(flag, 'true');
    else {
      const next = argv[++i];
      if (next === undefined) throw new OptionsError(`--${flag} needs a value`);
      flags.set(flag, next);
    }
  }
  return flags;
}

function splitFlag(text: string): [string, string | null] {
  const at = text.indexOf('=');
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1)];
}

function convert(setting: Setting, text: string): string | number | boolean {
  switch (setting.kind) {
    case 'string':
      if (text === '') throw new OptionsError(`--${setting.flag} must not be empty`);
      return text;
    case 'boolean':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0' || text === '') return false;
      throw new OptionsError(`--${setting.flag} must be true or false, got '${text}'`);
    case 'port':
      return integer(setting, text, 0, 65_535);
    case 'level':
      if (!LOG_LEVELS.includes(text)) throw new OptionsError(`--${setting.flag} must be one of ${LOG_LEVELS.join(', ')}, got '${text}'`);
      return text;
    case 'seconds':
      return integer(setting, text, 0, 86_400);
  }
}

function integer(setting: Setting, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new OptionsError(`--${setting.flag} must be an integer from ${min} to ${max}, got '${text}'`);
  return value;
}

export function describeLocalNetworkOptions(): string {
  return LOCAL_NETWORK_SETTINGS.map((s) => `  --${s.flag.padEnd(14)} ${s.help} [env ${s.env}, default ${s.fallback}]`).join('\n');
}
