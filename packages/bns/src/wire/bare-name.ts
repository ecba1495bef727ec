import { invalid } from '@bsk/crypto';
import { asciiToBytes, bytesToLatin1, describeValue } from './bytes.js';
import { isNameValid } from './names.js';

/* Payloads that are just the ASCII name, no padding (NAME_REVOKE, NAME_IMPORT; bns.md §3.7–§3.8). */

export function decodeBareName(payload: Uint8Array): string | null {
  const name = bytesToLatin1(payload);
  return isNameValid(name) ? name : null;
}

export function encodeBareName(name: string): Uint8Array {
  if (!isNameValid(name)) invalid('bad_name', `invalid name ${describeValue(name)}`);
  return asciiToBytes(name, 'name');
}
