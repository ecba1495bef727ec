import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HUB_SETTINGS, HubConfigError, describeConfig, flagOf, loadHubConfig, parseFlags, resolveHubConfig } from '@bsk/gaia';

// Configuration through one schema (auth-and-storage.md §4.11): flags over env over file over defaults.

describe('loadHubConfig', () => {
  it('has the original defaults', () => {
    const config = loadHubConfig();
    expect(config).toMatchObject({ driver: 'disk', serverName: 'gaia-0', port: 3000, maxFileUploadSize: 20, pageSize: 100, cacheControl: 'no-cache', authTimestampCacheSize: 50000, requireCorrectHubUrl: false, validHubUrls: [] });
    expect(config.whitelist).toBeUndefined();
    expect(config.readURL).toBeUndefined();
  });

  it('layers flags over environment over file over defaults', () => {
    const file = { serverName: 'from-file', pageSize: 7, port: 1, diskSettings: { storageRootDirectory: '/from/file' }, whitelist: ['1A'] };
    const env = { GAIA_SERVER_NAME: 'from-env', BSK_GAIA_PAGE_SIZE: '8', GAIA_WHITELIST: '1B, 1C', GAIA_REQUIRE_CORRECT_HUB_URL: 'true' };
    const config = loadHubConfig({ file, env, argv: ['--server-name', 'from-flag', '--read-url=http://r.example', '--fsync'] });
    expect(config.serverName).toBe('from-flag');
    expect(config.pageSize).toBe(8);
    expect(config.port).toBe(1);
    expect(config.storageRootDirectory).toBe('/from/file');
    expect(config.whitelist).toEqual(['1B', '1C']);
    expect(config.requireCorrectHubUrl).toBe(true);
    expect(config.readURL).toBe('http://r.example/');
    expect(config.fsync).toBe(true);
  });

  it('reads the file named by --config or CONFIG_PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-config-'));
    try {
      const path = join(dir, 'config.json');
      writeFileSync(path, JSON.stringify({ serverName: 'filed', maxFileUploadSize: 1.5 }));
      expect(loadHubConfig({ env: { CONFIG_PATH: path } })).toMatchObject({ serverName: 'filed', maxFileUploadSize: 1.5 });
      expect(loadHubConfig({ argv: ['--config', path] }).serverName).toBe('filed');
      expect(() => loadHubConfig({ argv: ['--config', join(dir, 'missing.json')] })).toThrow(HubConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad values with a message naming the setting and its source', () => {
    expect(() => loadHubConfig({ env: { GAIA_PORT: 'eighty' } })).toThrow('GAIA_PORT: port must be an integer');
    expect(() => loadHubConfig({ argv: ['--page-size', '0'] })).toThrow('pageSize must be 1..4096');
    expect(() => loadHubConfig({ argv: ['--driver', 'google-cloud'] })).toThrow('driver must be one of disk, aws, s3, azure');
    expect(() => loadHubConfig({ argv: ['--no-such-flag'] })).toThrow('unknown flag --no-such-flag');
    expect(() => loadHubConfig({ file: { fsync: 'perhaps' } })).toThrow('config file: fsync must be true or false');
    expect(() => resolveHubConfig({ logLevel: 'loud' as never })).toThrow(HubConfigError);
  });

  it('only ever throws HubConfigError on arbitrary env values (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...HUB_SETTINGS.map((s) => s.env)), fc.string({ maxLength: 20 }), (env, value) => {
      try {
        loadHubConfig({ env: { [`GAIA_${env}`]: value } });
      } catch (error) {
        expect(error).toBeInstanceOf(HubConfigError);
      }
    }));
  });
});

describe('flags and docs', () => {
  it('maps keys to kebab-case flags and parses both flag forms', () => {
    expect(flagOf('maxFileUploadSize')).toBe('--max-file-upload-size');
    expect(flagOf('readURL')).toBe('--read-url');
    expect(parseFlags(['--a', '1', '--b=2', '--c'])).toEqual({ '--a': '1', '--b': '2', '--c': 'true' });
    expect(() => parseFlags(['stray'])).toThrow(HubConfigError);
  });

  it('documents every setting in one table', () => {
    const table = describeConfig();
    for (const setting of HUB_SETTINGS) expect(table).toContain(`\`${setting.key}\``);
  });
});
