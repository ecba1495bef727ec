import { coerceSetting as coerceValue, parseFlags, readConfigFile } from '@bsk/settings';
import type { NetworkId } from '@bsk/bns';
import { NODE_SETTINGS, nodeEnvOf, nodeFlagOf, type NodeConfig, type NodeSetting } from './settings.js';

/*
 * Layered configuration (STYLE.md lesson 6): flags over environment (`BSK_…`) over a JSON file
 * (`--config <file>` or `BSK_CONFIG`, keys as in NodeConfig) over defaults, some of which depend on
 * the network. Every value is coerced and checked here; a bad one is a NodeConfigError whose one-line
 * message names the setting and where it came from (the daemon prints it and exits with code 2).
 */

export class NodeConfigError extends Error {
  override readonly name = 'NodeConfigError';
}

export interface NodeConfigSources {
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A parsed config file; otherwise read from `--config` / `BSK_CONFIG` when given. */
  readonly file?: Record<string, unknown>;
}

const coerceSetting = (setting: NodeSetting, raw: unknown, source: string): unknown => coerceValue(setting, raw, source, NodeConfigError);

/** `--key value` and `--key=value`. */
export function parseNodeFlags(argv: readonly string[]): Record<string, string> {
  return parseFlags(argv, NodeConfigError);
}

/** Builds a validated NodeConfig from flags, environment and file; throws NodeConfigError. */
export function loadNodeConfig(sources: NodeConfigSources = {}): NodeConfig {
  const flags = parseNodeFlags(sources.argv ?? []);
  const env = sources.env ?? {};
  const known = new Set([...NODE_SETTINGS.map((s) => nodeFlagOf(s.key)), '--config']);
  for (const flag of Object.keys(flags)) if (!known.has(flag)) throw new NodeConfigError(`unknown flag ${flag} (see --help)`);
  const configPath = flags['--config'] ?? env.BSK_CONFIG;
  const file = sources.file ?? (configPath ? readConfigFile(configPath, NodeConfigError) : {});
  const keys = new Set(NODE_SETTINGS.map((s) => s.key as string));
  for (const key of Object.keys(file)) if (!keys.has(key)) throw new NodeConfigError(`config file: unknown setting ${key}`);
  const partial: Partial<Record<keyof NodeConfig, unknown>> = {};
  for (const setting of NODE_SETTINGS) {
    const flag = flags[nodeFlagOf(setting.key)];
    const envValue = env[nodeEnvOf(setting.key)];
    const fileValue = file[setting.key];
    if (flag !== undefined) partial[setting.key] = coerceSetting(setting, flag, nodeFlagOf(setting.key));
    else if (envValue !== undefined && envValue !== '') partial[setting.key] = coerceSetting(setting, envValue, nodeEnvOf(setting.key));
    else if (fileValue !== undefined && fileValue !== null) partial[setting.key] = coerceSetting(setting, fileValue, 'config file');
  }
  return resolveNodeConfig(partial as Partial<NodeConfig>);
}

/** Fills the defaults (network-dependent ones from the chosen network) and checks every setting. */
export function resolveNodeConfig(partial: Partial<NodeConfig> = {}): NodeConfig {
  const networkSetting = NODE_SETTINGS.find((s) => s.key === 'network') as NodeSetting;
  const network = coerceSetting(networkSetting, partial.network ?? networkSetting.default, 'config') as NetworkId;
  const config: Record<string, unknown> = {};
  for (const setting of NODE_SETTINGS) {
    const fallback = typeof setting.default === 'function' ? (setting.default as (id: NetworkId) => unknown)(network) : setting.default;
    const value = coerceSetting(setting, partial[setting.key] ?? fallback, 'config');
    const problem = setting.check?.(value as never);
    if (problem) throw new NodeConfigError(`config: ${setting.key} ${problem}`);
    config[setting.key] = value;
  }
  return config as unknown as NodeConfig;
}
