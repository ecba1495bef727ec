import { coerceSetting, flagOf, parseFlags as parseSettingFlags, readConfigFile, type SettingKind } from '@bsk/settings';

/*
 * Hub configuration (auth-and-storage.md §4.11) through one schema: each setting has one key, its
 * environment variables (`GAIA_…` as the original, `BSK_GAIA_…` as this project), a `--flag`, a default
 * and a description. Precedence: flags over environment over config file (`--config` or `CONFIG_PATH`,
 * the original's JSON format) over defaults. `describeConfig()` renders the table in the README.
 */

/** The storage backends (§4.11 `driver`); `s3` is accepted as an alias of the original's `aws`. */
export type HubDriverName = 'disk' | 'aws' | 'azure';
const DRIVER_NAMES = ['disk', 'aws', 's3', 'azure'];

export interface HubConfig {
  driver: HubDriverName;
  serverName: string;
  host: string;
  port: number;
  /** When set, the read endpoint also listens on this port on its own (the local network's 8008). */
  readerPort: number | undefined;
  /** The `read_url_prefix`; default: this hub's own read endpoint, `http://<host>:<port>/`. */
  readURL: string | undefined;
  storageRootDirectory: string;
  fsync: boolean;
  /** S3 bucket or Azure container holding every Gaia bucket as `<address>/<path>` (§4.11 `bucket`). */
  bucket: string;
  s3Endpoint: string | undefined;
  s3Region: string;
  s3ForcePathStyle: boolean;
  s3AccessKeyId: string | undefined;
  s3SecretAccessKey: string | undefined;
  s3SessionToken: string | undefined;
  azureConnectionString: string | undefined;
  azureAccountName: string | undefined;
  azureAccountKey: string | undefined;
  azureEndpoint: string | undefined;
  /** MB, fractions allowed. */
  maxFileUploadSize: number;
  pageSize: number;
  cacheControl: string;
  /** Signer addresses allowed to write; undefined = open hub. */
  whitelist: string[] | undefined;
  requireCorrectHubUrl: boolean;
  validHubUrls: string[];
  authTimestampCacheSize: number;
  tokenCacheSize: number;
  /** Serve Prometheus metrics at GET /metrics. */
  metrics: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

interface Setting {
  readonly key: keyof HubConfig;
  readonly kind: SettingKind;
  readonly default: unknown;
  readonly env: string;
  readonly description: string;
  /** Where the original's config.json keeps it, when not at the top level. */
  readonly filePath?: readonly string[];
  readonly check?: (value: never) => string | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const HUB_SETTINGS: readonly Setting[] = Object.freeze([
  { key: 'driver', kind: 'string', default: 'disk', env: 'DRIVER', description: 'Storage driver: `disk`, `aws` (S3 or S3-compatible; `s3` is an alias) or `azure` (Blob storage).', check: (v: string) => (DRIVER_NAMES.includes(v) ? null : `must be one of ${DRIVER_NAMES.join(', ')}`) },
  { key: 'serverName', kind: 'string', default: 'gaia-0', env: 'SERVER_NAME', description: 'Names the hub in its challenge text; `https://<serverName>` is always a valid hub URL.', check: (v: string) => (v.length > 0 ? null : 'must not be empty') },
  { key: 'host', kind: 'string', default: '127.0.0.1', env: 'HOST', description: 'Address to listen on.' },
  { key: 'port', kind: 'integer', default: 3000, env: 'PORT', description: 'Port to listen on (0 = any free port).', check: (v: number) => (v >= 0 && v <= 65535 ? null : 'must be 0..65535') },
  { key: 'readerPort', kind: 'integer', default: undefined, env: 'READER_PORT', description: 'When set, the read endpoint also listens on this port, alone (0 = any free port); `read_url_prefix` then defaults to it.', check: (v: number) => (v >= 0 && v <= 65535 ? null : 'must be 0..65535') },
  { key: 'readURL', kind: 'string', default: undefined, env: 'READ_URL', description: '`read_url_prefix` announced in /hub_info (a trailing `/` is added). Default: the reader port\'s URL when set, else this hub\'s own read endpoint.' },
  { key: 'storageRootDirectory', kind: 'string', default: '/tmp/gaia-disk', env: 'DISK_STORAGE_ROOT_DIR', filePath: ['diskSettings', 'storageRootDirectory'], description: 'Disk driver: where buckets live.' },
  { key: 'fsync', kind: 'boolean', default: false, env: 'DISK_FSYNC', filePath: ['diskSettings', 'fsync'], description: 'Disk driver: fsync every file before renaming it into place.' },
  { key: 'bucket', kind: 'string', default: 'hub', env: 'BUCKET_NAME', description: 'S3 bucket / Azure container (`aws`, `azure`); objects are named `<address>/<path>`. Created when missing.', check: (v: string) => (v.length > 0 ? null : 'must not be empty') },
  { key: 's3Endpoint', kind: 'string', default: undefined, env: 'S3_ENDPOINT', filePath: ['awsCredentials', 'endpoint'], description: 'S3: endpoint URL of an S3-compatible service (`https://` is assumed without a scheme). Default: AWS.' },
  { key: 's3Region', kind: 'string', default: 'us-east-1', env: 'S3_REGION', filePath: ['awsCredentials', 'region'], description: 'S3: region.' },
  { key: 's3ForcePathStyle', kind: 'boolean', default: false, env: 'S3_FORCE_PATH_STYLE', filePath: ['awsCredentials', 'forcePathStyle'], description: 'S3: path-style URLs (`<endpoint>/<bucket>/<key>`), as most S3-compatible servers need.' },
  { key: 's3AccessKeyId', kind: 'string', default: undefined, env: 'S3_ACCESS_KEY_ID', filePath: ['awsCredentials', 'accessKeyId'], description: 'S3: access key id. Unset: the AWS SDK\'s default credential chain.' },
  { key: 's3SecretAccessKey', kind: 'string', default: undefined, env: 'S3_SECRET_ACCESS_KEY', filePath: ['awsCredentials', 'secretAccessKey'], description: 'S3: secret access key (with `s3AccessKeyId`).' },
  { key: 's3SessionToken', kind: 'string', default: undefined, env: 'S3_SESSION_TOKEN', filePath: ['awsCredentials', 'sessionToken'], description: 'S3: session token of temporary credentials.' },
  { key: 'azureConnectionString', kind: 'string', default: undefined, env: 'AZURE_CONNECTION_STRING', filePath: ['azCredentials', 'connectionString'], description: 'Azure: storage connection string (instead of account name and key).' },
  { key: 'azureAccountName', kind: 'string', default: undefined, env: 'AZURE_ACCOUNT_NAME', filePath: ['azCredentials', 'accountName'], description: 'Azure: storage account name.' },
  { key: 'azureAccountKey', kind: 'string', default: undefined, env: 'AZURE_ACCOUNT_KEY', filePath: ['azCredentials', 'accountKey'], description: 'Azure: storage account key.' },
  { key: 'azureEndpoint', kind: 'string', default: undefined, env: 'AZURE_ENDPOINT', filePath: ['azCredentials', 'endpoint'], description: 'Azure: blob service URL (e.g. Azurite\'s `http://127.0.0.1:10000/devstoreaccount1`). Default: `https://<account>.blob.core.windows.net`.' },
  { key: 'maxFileUploadSize', kind: 'number', default: 20, env: 'MAX_FILE_UPLOAD_SIZE', description: 'Upload limit in megabytes (MiB), reported in /hub_info.', check: (v: number) => (v > 0 ? null : 'must be positive') },
  { key: 'pageSize', kind: 'integer', default: 100, env: 'PAGE_SIZE', description: 'list-files page size.', check: (v: number) => (v >= 1 && v <= 4096 ? null : 'must be 1..4096') },
  { key: 'cacheControl', kind: 'string', default: 'no-cache', env: 'CACHE_CONTROL', description: 'Cache-Control of the read endpoint.' },
  { key: 'whitelist', kind: 'list', default: undefined, env: 'WHITELIST', description: 'Comma list of signer addresses allowed to write (association-token issuers count). Unset = open hub.' },
  { key: 'requireCorrectHubUrl', kind: 'boolean', default: false, env: 'REQUIRE_CORRECT_HUB_URL', description: 'Refuse tokens whose `hubUrl` is not one of this hub\'s URLs.' },
  { key: 'validHubUrls', kind: 'list', default: [], env: 'VALID_HUB_URLS', description: 'Comma list of hub URLs accepted in tokens, besides `https://<serverName>`.' },
  { key: 'authTimestampCacheSize', kind: 'integer', default: 50000, env: 'AUTH_TIMESTAMP_CACHE_SIZE', description: 'Buckets whose revocation timestamp is kept in memory.', check: (v: number) => (v >= 1 ? null : 'must be at least 1') },
  { key: 'tokenCacheSize', kind: 'integer', default: 10000, env: 'TOKEN_CACHE_SIZE', description: 'Verified tokens kept in memory (until expiry or eviction).', check: (v: number) => (v >= 1 ? null : 'must be at least 1') },
  { key: 'metrics', kind: 'boolean', default: true, env: 'METRICS', description: 'Serve Prometheus metrics at `GET /metrics`.' },
  { key: 'logLevel', kind: 'string', default: 'warn', env: 'LOG_LEVEL', description: `pino log level: ${LOG_LEVELS.join(', ')}.`, check: (v: string) => (LOG_LEVELS.includes(v) ? null : `must be one of ${LOG_LEVELS.join(', ')}`) },
] as Setting[]);

export class HubConfigError extends Error {
  override readonly name = 'HubConfigError';
}

export { flagOf };

const coerce = (setting: Setting, raw: unknown, source: string): unknown => coerceSetting(setting, raw, source, HubConfigError);

function fromFile(file: Record<string, unknown>, setting: Setting): unknown {
  const nested = setting.filePath?.reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), file);
  return nested ?? file[setting.key];
}

/** `--key value` and `--key=value` pairs; a bare boolean flag means true. */
export function parseFlags(argv: readonly string[]): Record<string, string> {
  return parseSettingFlags(argv, HubConfigError, { bareFlag: 'true' });
}

export interface ConfigSources {
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A parsed config file; else read from `--config` / `CONFIG_PATH` when given. */
  readonly file?: Record<string, unknown>;
}

/** Builds a validated HubConfig; throws HubConfigError with a message naming the setting and source. */
export function loadHubConfig(sources: ConfigSources = {}): HubConfig {
  const flags = parseFlags(sources.argv ?? []);
  const env = sources.env ?? {};
  const known = new Set([...HUB_SETTINGS.map((s) => flagOf(s.key)), '--config']);
  for (const flag of Object.keys(flags)) if (!known.has(flag)) throw new HubConfigError(`unknown flag ${flag}`);
  const configPath = flags['--config'] ?? env.CONFIG_PATH;
  const file = sources.file ?? (configPath ? readConfigFile(configPath, HubConfigError) : {});
  const config: Record<string, unknown> = {};
  for (const setting of HUB_SETTINGS) {
    const flag = flags[flagOf(setting.key)];
    const envValue = env[`GAIA_${setting.env}`] ?? env[`BSK_GAIA_${setting.env}`];
    const fileValue = fromFile(file, setting);
    if (flag !== undefined) config[setting.key] = coerce(setting, flag, flagOf(setting.key));
    else if (envValue !== undefined) config[setting.key] = coerce(setting, envValue, `GAIA_${setting.env}`);
    else if (fileValue !== undefined && fileValue !== null) config[setting.key] = coerce(setting, fileValue, 'config file');
    else config[setting.key] = setting.default;
  }
  return resolveHubConfig(config as Partial<HubConfig>);
}

/** Fills defaults into a partial config (as createHub receives it) and validates every setting. */
export function resolveHubConfig(partial: Partial<HubConfig>): HubConfig {
  const config: Record<string, unknown> = {};
  for (const setting of HUB_SETTINGS) {
    const value = partial[setting.key] === undefined ? setting.default : partial[setting.key];
    if (value !== undefined) {
      const coerced = coerce(setting, value, 'config');
      const problem = setting.check?.(coerced as never);
      if (problem) throw new HubConfigError(`config: ${setting.key} ${problem}`);
      config[setting.key] = coerced;
    }
  }
  const readURL = config.readURL as string | undefined;
  if (readURL !== undefined && !readURL.endsWith('/')) config.readURL = `${readURL}/`;
  if (config.driver === 's3') config.driver = 'aws';
  const problem = driverCredentialsProblem(config as unknown as HubConfig);
  if (problem) throw new HubConfigError(`config: ${problem}`);
  return config as unknown as HubConfig;
}

/** Settings that only make sense together (§4.11 `awsCredentials`, `azCredentials`). */
function driverCredentialsProblem(config: HubConfig): string | null {
  if (config.driver === 'aws' && (config.s3AccessKeyId === undefined) !== (config.s3SecretAccessKey === undefined)) {
    return 'the aws driver needs s3AccessKeyId and s3SecretAccessKey together (awsCredentials, GAIA_S3_…)';
  }
  if (config.driver === 'azure' && config.azureConnectionString === undefined && (config.azureAccountName === undefined || config.azureAccountKey === undefined)) {
    return 'the azure driver needs azureConnectionString, or azureAccountName and azureAccountKey (azCredentials, GAIA_AZURE_…)';
  }
  return null;
}

/** The settings as a Markdown table (README). */
export function describeConfig(): string {
  const rows = HUB_SETTINGS.map((s) => `| \`${s.key}\` | \`${flagOf(s.key)}\` | \`GAIA_${s.env}\` | ${s.default === undefined ? '—' : `\`${JSON.stringify(s.default)}\``} | ${s.description} |`);
  return ['| key | flag | env (or `BSK_GAIA_…`) | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
