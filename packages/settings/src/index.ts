import { readFileSync } from 'node:fs';

/*
 * The pieces every server's configuration shares (STYLE.md lesson 6: one schema, layered sources).
 * Each server (the Gaia hub, the core node) keeps its own schema, precedence and error class; this
 * module turns raw values from flags, environment variables and JSON files into typed ones, and
 * reports a bad one in one line that names the setting and where it came from.
 */

/** How a setting's value is written and checked. */
export type SettingKind = 'string' | 'enum' | 'integer' | 'number' | 'boolean' | 'list';

/** What coercion needs to know of a setting. */
export interface SettingShape {
  readonly key: string;
  readonly kind: SettingKind;
  /** The values an `enum` setting takes. */
  readonly choices?: readonly string[];
}

/** The server's own error class: its one-line message is what the program prints before exiting. */
export type ConfigErrorClass = new (message: string) => Error;

/** `maxFileUploadSize` → `--max-file-upload-size`. */
export function flagOf(key: string): string {
  return `--${key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/** `bitcoindUrl` with prefix `BSK_` → `BSK_BITCOIND_URL`. */
export function envNameOf(prefix: string, key: string): string {
  return `${prefix}${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/**
 * A raw value (a string from a flag or the environment, or any JSON value from a file) as the
 * setting's kind; anything else throws `errorClass` with `<source>: <key> must be …`.
 */
export function coerceSetting(setting: SettingShape, raw: unknown, source: string, errorClass: ConfigErrorClass): unknown {
  const fail = (why: string): never => {
    throw new errorClass(`${source}: ${setting.key} ${why}`);
  };
  switch (setting.kind) {
    case 'string':
      return typeof raw === 'string' ? raw : fail('must be a string');
    case 'enum':
      return typeof raw === 'string' && setting.choices?.includes(raw) ? raw : fail(`must be one of ${setting.choices?.join(', ')}`);
    case 'integer': {
      const n = typeof raw === 'string' && /^-?[0-9]+$/.test(raw.trim()) ? Number(raw) : raw;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : fail('must be an integer');
    }
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      return typeof n === 'number' && Number.isFinite(n) ? n : fail('must be a number');
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return fail('must be true or false');
    case 'list':
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return raw;
      if (typeof raw === 'string') return raw.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
      return fail('must be a list of strings');
  }
}

export interface ParseFlagsOptions {
  /**
   * What a flag without a value means: `'true'` (a boolean switch, `--fsync`) or an error
   * (`--port` alone is a mistake). Default: an error.
   */
  readonly bareFlag?: 'true' | 'error';
}

/** `--key value` and `--key=value` pairs, by flag (with its dashes); anything else throws `errorClass`. */
export function parseFlags(argv: readonly string[], errorClass: ConfigErrorClass, options: ParseFlagsOptions = {}): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new errorClass(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(0, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--')) flags[arg] = argv[++i] as string;
    else if (options.bareFlag === 'true') flags[arg] = 'true';
    else throw new errorClass(`${arg} needs a value`);
  }
  return flags;
}

/** A configuration file: a JSON object. A missing file, bad JSON or another value throws `errorClass`. */
export function readConfigFile(path: string, errorClass: ConfigErrorClass): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new errorClass(`config file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new errorClass(`config file ${path}: must hold a JSON object`);
  return parsed as Record<string, unknown>;
}
