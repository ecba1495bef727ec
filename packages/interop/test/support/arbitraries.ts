import fc from 'fast-check';
import { bytesToHex, isValidPrivateKey } from '@bsk/crypto';

/*
 * Random inputs shared by the interop tests. The reference client is slow (elliptic, bn.js), so the
 * tests keep numRuns modest; these generators aim at the edges that matter for interop instead:
 * keys with leading zero bytes, empty and non-ASCII content, binary content.
 */

export const RUNS = { numRuns: 30 } as const;

/** A valid secp256k1 private key as 64 hex characters; about one in eight starts with a 00 byte. */
export const privateKeyHex: fc.Arbitrary<string> = fc
  .tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat({ max: 7 }))
  .map(([bytes, leadingZero]) => {
    const key = Uint8Array.from(bytes);
    if (leadingZero === 0) key[0] = 0;
    return bytesToHex(key);
  })
  .filter(isValidPrivateKey);

/** Text as a user would put it in a file: any grapheme, including the empty string. */
export const text: fc.Arbitrary<string> = fc.string({ unit: 'grapheme', maxLength: 200 });

export const binary: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 300 });

/** Either form of content the reference accepts (strings are UTF-8 encoded by both sides). */
export const content: fc.Arbitrary<string | Uint8Array> = fc.oneof(text, binary);

/**
 * A JSON object payload such as a token carries. Passed through JSON once, because a value such
 * as -0 has no JSON form: what a token can carry is what survives serialisation.
 */
export const jsonObject: fc.Arbitrary<Record<string, unknown>> = fc
  .dictionary(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8, noNullPrototype: true })
  .map((object) => JSON.parse(JSON.stringify(object)) as Record<string, unknown>);

/** A 12- or 24-word BIP39 phrase built from random entropy (by the reference's own bip39). */
export function mnemonicFrom(entropyToMnemonic: (hex: string) => string): fc.Arbitrary<string> {
  return fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 32, maxLength: 32 })).map((entropy) => entropyToMnemonic(bytesToHex(entropy)));
}

/** App origins as auth requests carry them, plus arbitrary text (the derivation hashes any string). */
export const appDomain: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('https://example.com', 'http://localhost:3000', 'https://app.co', 'https://banter.pub'),
  fc.webUrl().map((url) => new URL(url).origin),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
