import { invalid } from '@bsk/crypto';

/*
 * Python 2 `str()` of the value types that appear in canonical records (bns.md §6.1):
 * None → '', int/long → decimal, bool → True/False, str → itself, list of ints → its repr.
 * Floats are in python-float.ts.
 */

// Python 2 `str()` of a non-ASCII unicode value raises, so no accepted record ever held one;
// rejecting them keeps byte length and character length the same.
const NON_ASCII = /[\u0080-\uffff]/; // any UTF-16 code unit outside ASCII, surrogates included

/** A text field; `null` (Python None) renders as the empty string. */
export function pythonText(value: unknown, field: string): string {
  if (value === null) return '';
  if (typeof value !== 'string') invalid('bad_record_field', `${field}: expected a string or null`);
  if (NON_ASCII.test(value)) invalid('bad_record_field', `${field}: expected ASCII text`);
  return value;
}

/** A text field that must be present. */
export function pythonRequiredText(value: unknown, field: string): string {
  if (typeof value !== 'string') invalid('bad_record_field', `${field}: expected a string`);
  return pythonText(value, field);
}

/** An int or long, in decimal. */
export function pythonInt(value: unknown, field: string): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    invalid('bad_record_field', `${field}: expected an integer`);
  }
  // Below 1e21 JavaScript prints integers in plain decimal (and -0 as 0, as Python does); beyond,
  // it switches to exponent form, which BigInt avoids.
  if (value < 1e21 && value > -1e21) return String(value);
  return BigInt(value).toString();
}

export function pythonBool(value: unknown, field: string): string {
  if (typeof value !== 'boolean') invalid('bad_record_field', `${field}: expected a boolean`);
  return value ? 'True' : 'False';
}

/** `str([6, 5, 4])` → `[6, 5, 4]`: how the reference stores and serializes namespace buckets. */
export function pythonIntList(value: unknown, field: string): string {
  if (!Array.isArray(value)) invalid('bad_record_field', `${field}: expected a list of integers`);
  // Array.from visits holes too, so a sparse list fails like any other non-integer item
  return `[${Array.from(value as unknown[], (item, i) => pythonInt(item, `${field}[${i}]`)).join(', ')}]`;
}
