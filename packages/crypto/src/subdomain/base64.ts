import { base64 } from '@scure/base';

/*
 * Base64 as the reference node reads it. Subdomain zone files are decoded with Python 2's
 * `base64.b64decode` (binascii `a2b_base64`), which is lenient: characters outside the
 * alphabet are skipped, a `=` is ignored unless it can end a quantum, and the first real
 * pad ends the input. Only a final quantum that is not filled ("Incorrect padding") is an
 * error. Which bytes a record decodes to decides its zone-file hash, so we read it the same
 * way (bns.md §8.1).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));
const PAD = '=';

function isValidChar(c: string): boolean {
  return c === PAD || VALUE.has(c);
}

/** The next alphabet-or-pad character after position `from`, or undefined. */
function nextValidChar(text: string, from: number): string | undefined {
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (isValidChar(c)) return c;
  }
  return undefined;
}

/** Python 2 `base64.b64decode(text)`; null where Python raises "Incorrect padding". */
export function decodeBase64AsPython2(text: string): Uint8Array | null {
  const out: number[] = [];
  let quadPosition = 0;
  let bits = 0;
  let bitCount = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === PAD) {
      const endsQuantum = quadPosition >= 2 && (quadPosition > 2 || nextValidChar(text, i) === PAD);
      if (!endsQuantum) continue;
      bitCount = 0;
      break;
    }
    const value = VALUE.get(c);
    if (value === undefined) continue;
    quadPosition = (quadPosition + 1) & 3;
    bits = ((bits << 6) | value) & 0xfff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out.push((bits >> bitCount) & 0xff);
      bits &= (1 << bitCount) - 1;
    }
  }
  return bitCount === 0 ? Uint8Array.from(out) : null;
}

/** Standard padded base64 (Python's `base64.b64encode`). */
export function encodeBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}
