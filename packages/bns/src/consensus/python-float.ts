import { invalid } from '@bsk/crypto';

/*
 * Python 2.7 `str(float)`, which the reference uses to render a NAME_IMPORT's `op_fee`
 * (bns.md §6.1, §6.3). CPython formats it as `'%.12g'` with the ".0" flag: the exact binary value
 * correctly rounded (half to even) to 12 significant digits, trailing zeros dropped, exponent
 * form when the decimal point would sit more than 11 places right or 4 or more places left, and
 * ".0" appended to integral fixed-form values. JavaScript's toPrecision(12) rounds ties away from
 * zero, so the digits are computed exactly here instead.
 */

const STR_PRECISION = 12;

/** Python 2.7 `str(x)` for a float. */
export function pythonFloatStr(x: number): string {
  if (typeof x !== 'number') invalid('bad_float', 'expected a number');
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const rounded = roundHalfEven(exactDecimal(Math.abs(x)), STR_PRECISION);
  const digits = rounded.digits.replace(/0+$/, '');
  const decpt = rounded.decpt;
  // With the ".0" flag CPython switches to exponent form one digit early (precision - 1).
  if (decpt <= -4 || decpt > STR_PRECISION - 1) return sign + exponentForm(digits, decpt);
  return sign + fixedForm(digits, decpt);
}

/** Significant digits (no leading zeros) and the decimal point's position: value = 0.DIGITS × 10^decpt. */
interface Decimal {
  readonly digits: string;
  readonly decpt: number;
}

/** The exact decimal expansion of a finite positive double (every double is a dyadic rational). */
function exactDecimal(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  if (exponent >= 0) {
    const digits = (mantissa << BigInt(exponent)).toString();
    return { digits, decpt: digits.length };
  }
  // m·2^-k = m·5^k / 10^k
  const digits = (mantissa * 5n ** BigInt(-exponent)).toString();
  return { digits, decpt: digits.length + exponent };
}

function roundHalfEven(value: Decimal, precision: number): Decimal {
  if (value.digits.length <= precision) return value;
  const head = value.digits.slice(0, precision);
  const tail = value.digits.slice(precision);
  const first = tail.charCodeAt(0) - 48;
  const beyondHalf = /[1-9]/.test(tail.slice(1));
  const lastIsOdd = (head.charCodeAt(precision - 1) - 48) % 2 === 1;
  const roundUp = first > 5 || (first === 5 && (beyondHalf || lastIsOdd));
  if (!roundUp) return { digits: head, decpt: value.decpt };
  const bumped = (BigInt(head) + 1n).toString();
  // 999…9 + 1 carries into a new leading digit
  if (bumped.length > precision) return { digits: bumped.slice(0, precision), decpt: value.decpt + 1 };
  return { digits: bumped, decpt: value.decpt };
}

function exponentForm(digits: string, decpt: number): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exponent = decpt - 1;
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function fixedForm(digits: string, decpt: number): string {
  if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
