import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToHex, LruCache } from '@bsk/crypto';
import { DEVNET, MAINNET } from '@bsk/bns';
import { classifyOutputScript, outputScriptAddress } from '../src/wire/extract.js';
import { bytesToLatin1 } from '../src/wire/bytes.js';

// The character-level fast paths of the scan against the straightforward definitions they replaced.

/** virtualchain `btc_script_classify` as regular expressions over the lowercased hex. */
function classifyByRegExp(scriptHex: string): string {
  const script = scriptHex.toLowerCase();
  if (/^76a914[0-9a-f]{40}88ac$/.test(script)) return 'p2pkh';
  if (/^a914[0-9a-f]{40}87$/.test(script)) return 'p2sh';
  if (/^0014[0-9a-f]{40}$/.test(script)) return 'p2wpkh';
  if (/^0020[0-9a-f]{64}$/.test(script)) return 'p2wsh';
  if (script.startsWith('6a')) return 'nulldata';
  return 'other';
}

const hexOf = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map(bytesToHex);
const mixedCase = (hex: string, flips: boolean[]) => [...hex].map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toUpperCase() : c)).join('');
/** Scripts near each template: right shapes, wrong lengths, stray characters, either case. */
const scriptLike = fc.oneof(
  hexOf(20, 20).map((h) => `76a914${h}88ac`),
  hexOf(20, 20).map((h) => `a914${h}87`),
  hexOf(20, 20).map((h) => `0014${h}`),
  hexOf(32, 32).map((h) => `0020${h}`),
  hexOf(0, 80).map((h) => `6a${h}`),
  hexOf(19, 21).map((h) => `76a914${h}88ac`),
  fc.tuple(hexOf(20, 20), fc.constantFrom('g', 'G', ' ', 'é', 'İ', 'K', '-'), fc.nat(40)).map(([h, c, at]) => `76a914${h.slice(0, at)}${c}${h.slice(at + 1)}88ac`),
  hexOf(0, 40),
  fc.string({ maxLength: 60 }),
);
const anyCase = fc.tuple(scriptLike, fc.array(fc.boolean(), { maxLength: 8 })).map(([s, flips]) => mixedCase(s, flips));

describe('classifyOutputScript', () => {
  it('classifies as the regular expressions over the lowercased hex do', () => {
    fc.assert(
      fc.property(anyCase, (script) => {
        expect(classifyOutputScript(script)).toBe(classifyByRegExp(script));
      }),
    );
  });
});

describe('outputScriptAddress with a cache', () => {
  it('gives the uncached address, whatever was cached before', () => {
    fc.assert(
      fc.property(fc.array(anyCase, { maxLength: 20 }), (scripts) => {
        const cache = new LruCache<string, string | null>(4);
        for (const params of [MAINNET, DEVNET]) {
          for (const script of scripts) {
            const plain = outputScriptAddress(params, script);
            expect(outputScriptAddress(params, script, params === MAINNET ? cache : new LruCache(4))).toBe(plain);
          }
        }
      }),
    );
  });
});

describe('bytesToLatin1', () => {
  it('is one character per byte, of the same code, at any length', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ minLength: 4000, maxLength: 9000 })), (bytes) => {
        let expected = '';
        for (const byte of bytes) expected += String.fromCharCode(byte);
        expect(bytesToLatin1(bytes)).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });
});
