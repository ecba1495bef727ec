import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coerceSetting, envNameOf, flagOf, parseFlags, readConfigFile, type SettingKind } from '@bsk/settings';

class TestConfigError extends Error {}

const coerce = (kind: SettingKind, raw: unknown, choices?: readonly string[]) => coerceSetting({ key: 'value', kind, choices }, raw, 'source', TestConfigError);

describe('coerceSetting', () => {
  it('reads each kind from a string (flag, environment) or its JSON value (file)', () => {
    expect(coerce('string', 'x')).toBe('x');
    expect(coerce('enum', 'b', ['a', 'b'])).toBe('b');
    expect(coerce('integer', ' 42 ')).toBe(42);
    expect(coerce('integer', -7)).toBe(-7);
    expect(coerce('number', '0.5')).toBe(0.5);
    expect(coerce('number', 3)).toBe(3);
    expect(coerce('boolean', 'true')).toBe(true);
    expect(coerce('boolean', '0')).toBe(false);
    expect(coerce('boolean', false)).toBe(false);
    expect(coerce('list', 'a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(coerce('list', ['x'])).toEqual(['x']);
  });

  it('refuses what is not of the kind, in one line naming the source and the setting', () => {
    expect(() => coerce('integer', '4.5')).toThrow(new TestConfigError('source: value must be an integer'));
    expect(() => coerce('integer', 2 ** 60)).toThrow(TestConfigError);
    expect(() => coerce('number', '')).toThrow(new TestConfigError('source: value must be a number'));
    expect(() => coerce('number', 'abc')).toThrow(TestConfigError);
    expect(() => coerce('boolean', 'yes')).toThrow(new TestConfigError('source: value must be true or false'));
    expect(() => coerce('enum', 'c', ['a', 'b'])).toThrow(new TestConfigError('source: value must be one of a, b'));
    expect(() => coerce('string', 5)).toThrow(new TestConfigError('source: value must be a string'));
    expect(() => coerce('list', [1])).toThrow(new TestConfigError('source: value must be a list of strings'));
  });

  it('any raw value gives a value of the kind or the configuration error, never another exception (property)', () => {
    const kinds: SettingKind[] = ['string', 'enum', 'integer', 'number', 'boolean', 'list'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.oneof(fc.string(), fc.jsonValue()), (kind, raw) => {
        try {
          coerce(kind, raw, ['a']);
        } catch (error) {
          expect(error).toBeInstanceOf(TestConfigError);
        }
      }),
    );
  });
});

describe('names', () => {
  it('turns camelCase keys into flags and environment variables', () => {
    expect(flagOf('maxFileUploadSize')).toBe('--max-file-upload-size');
    expect(flagOf('readURL')).toBe('--read-url');
    expect(envNameOf('BSK_', 'bitcoindUrl')).toBe('BSK_BITCOIND_URL');
  });
});

describe('parseFlags', () => {
  it('reads --key value and --key=value', () => {
    expect(parseFlags(['--a', '1', '--b=2', '--c=x=y'], TestConfigError)).toEqual({ '--a': '1', '--b': '2', '--c': 'x=y' });
  });

  it('a bare flag is a switch or an error, as the caller says', () => {
    expect(parseFlags(['--fsync'], TestConfigError, { bareFlag: 'true' })).toEqual({ '--fsync': 'true' });
    expect(() => parseFlags(['--port'], TestConfigError)).toThrow(new TestConfigError('--port needs a value'));
    expect(() => parseFlags(['stray'], TestConfigError)).toThrow(new TestConfigError('unexpected argument stray'));
  });
});

describe('readConfigFile', () => {
  it('reads a JSON object; a missing file, bad JSON or another value is a configuration error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-settings-'));
    try {
      const path = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      expect(readConfigFile(path('ok.json', '{"port": 1}'), TestConfigError)).toEqual({ port: 1 });
      expect(() => readConfigFile(path('bad.json', '{port'), TestConfigError)).toThrow(TestConfigError);
      expect(() => readConfigFile(path('list.json', '[1]'), TestConfigError)).toThrow(/must hold a JSON object/);
      expect(() => readConfigFile(join(dir, 'missing.json'), TestConfigError)).toThrow(/^config file .*missing\.json: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
