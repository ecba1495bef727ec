import { NETWORK_PARAMS, type NetworkId } from '@bsk/bns';
import { envNameOf, flagOf, type SettingKind } from '@bsk/settings';

/*
 * The node's settings (issue 5 "Operations"): one table gives each setting its key, kind, default,
 * `BSK_…` environment variable, `--flag` and description. The loader (load-config.ts) and the
 * README's table (describeNodeConfig) both read it, so they cannot drift apart.
 */

export type NodeLogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface NodeConfig {
  network: NetworkId;
  /** bitcoind (or devnet) JSON-RPC endpoint. */
  bitcoindUrl: string;
  bitcoindUser: string;
  bitcoindPassword: string;
  /** Blocks a block must have on top of it before it is indexed (bns.md §10: 6 on mainnet). */
  confirmations: number;
  /** Where the node keeps its SQLite databases. */
  dataDir: string;
  apiHost: string;
  apiPort: number;
  dnsPort: number;
  /** Atlas peers to keep, `host:port`. */
  atlasPeers: string[];
  /** Atlas seeds to discover peers from, `host:port`. */
  atlasSeeds: string[];
  /** Seconds between polls of the chain backend. */
  pollInterval: number;
  /** Confirmations a broadcaster waits for before sending the next step (register, zone file). */
  broadcastConfirmations: number;
  /** Memory for the REST API's cached name answers, in MiB (0: none cached). */
  apiCacheMegabytes: number;
  logLevel: NodeLogLevel;
}

export type { SettingKind };

export interface NodeSetting {
  readonly key: keyof NodeConfig;
  readonly kind: SettingKind;
  /** A constant, or a function of the network (per-network defaults). */
  readonly default: unknown | ((network: NetworkId) => unknown);
  readonly description: string;
  readonly choices?: readonly string[];
  readonly check?: (value: never) => string | null;
}

export const NETWORK_IDS: readonly NetworkId[] = ['devnet', 'regtest', 'testnet', 'mainnet'];
const LOG_LEVELS: readonly NodeLogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const port = (v: number): string | null => (v >= 0 && v <= 65_535 ? null : 'must be a port number from 0 to 65535');
const peerList = (v: string[]): string | null => (v.every((peer) => /^https?:\/\/[^\s/]+\/?$/.test(peer) || /^[^\s:/]+:\d{1,5}$/.test(peer)) ? null : 'must be a list of host:port or http://host:port');

export const NODE_SETTINGS: readonly NodeSetting[] = Object.freeze([
  { key: 'network', kind: 'enum', choices: NETWORK_IDS, default: 'devnet', description: 'BNS network parameters: devnet, regtest, testnet or mainnet.' },
  { key: 'bitcoindUrl', kind: 'string', default: 'http://127.0.0.1:18443/', description: 'Bitcoin JSON-RPC endpoint (bitcoind or the devnet chain).', check: (v: string) => (/^https?:\/\/.+/.test(v) ? null : 'must be an http(s) URL') },
  { key: 'bitcoindUser', kind: 'string', default: 'blockstack', description: 'RPC user.' },
  { key: 'bitcoindPassword', kind: 'string', default: 'blockstacksystem', description: 'RPC password.' },
  { key: 'confirmations', kind: 'integer', default: (network: NetworkId) => NETWORK_PARAMS[network].confirmations, description: 'Confirmations before a block is indexed (default: the network\'s, 6 on mainnet, 0 on devnet).', check: (v: number) => (v >= 0 && v <= 100 ? null : 'must be 0..100') },
  { key: 'dataDir', kind: 'string', default: './.bsk-node', description: 'Directory of the node\'s databases (names.db, zonefiles.db, …).', check: (v: string) => (v.length > 0 ? null : 'must not be empty') },
  { key: 'apiHost', kind: 'string', default: '127.0.0.1', description: 'Address the REST API (and DNS) listen on.' },
  { key: 'apiPort', kind: 'integer', default: 6270, description: 'REST API port (0 = any free port).', check: port },
  { key: 'dnsPort', kind: 'integer', default: 5300, description: 'DNS bridge port, UDP and TCP (0 = any free port).', check: port },
  { key: 'atlasPeers', kind: 'list', default: [], description: 'Comma list of Atlas peers (`host:port` or `http://host:port`), kept whatever their health.', check: peerList },
  { key: 'atlasSeeds', kind: 'list', default: [], description: 'Comma list of Atlas seed nodes (`host:port` or `http://host:port`) to discover peers from.', check: peerList },
  { key: 'pollInterval', kind: 'number', default: (network: NetworkId) => (network === 'devnet' || network === 'regtest' ? 0.5 : 10), description: 'Seconds between polls of the chain backend.', check: (v: number) => (v > 0 && v <= 3600 ? null : 'must be more than 0 and at most 3600') },
  { key: 'broadcastConfirmations', kind: 'integer', default: (network: NetworkId) => (network === 'devnet' || network === 'regtest' ? 1 : 4), description: 'Confirmations the broadcaster waits for (preorder before register, register before zone file) unless a request names its own.', check: (v: number) => (v >= 1 && v <= 10 ? null : 'must be 1..10') },
  { key: 'apiCacheMegabytes', kind: 'integer', default: 128, description: 'MiB of memory for cached GET /v1/names/{name} answers (about 600 bytes a name; 0 = none).', check: (v: number) => (v >= 0 && v <= 65_536 ? null : 'must be 0..65536') },
  { key: 'logLevel', kind: 'enum', choices: LOG_LEVELS, default: 'info', description: 'pino log level.' },
] as NodeSetting[]);

/** `bitcoindUrl` → `--bitcoind-url`. */
export function nodeFlagOf(key: string): string {
  return flagOf(key);
}

/** `bitcoindUrl` → `BSK_BITCOIND_URL`. */
export function nodeEnvOf(key: string): string {
  return envNameOf('BSK_', key);
}

/** The settings as a Markdown table (README, `--help`). */
export function describeNodeConfig(): string {
  const shown = (setting: NodeSetting): string => {
    if (typeof setting.default === 'function') return `per network: ${NETWORK_IDS.map((n) => `${n} ${JSON.stringify((setting.default as (id: NetworkId) => unknown)(n))}`).join(', ')}`;
    return `\`${JSON.stringify(setting.default)}\``;
  };
  const rows = NODE_SETTINGS.map((s) => `| \`${s.key}\` | \`${nodeFlagOf(s.key)}\` | \`${nodeEnvOf(s.key)}\` | ${shown(s)} | ${s.description} |`);
  return ['| key | flag | environment | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
