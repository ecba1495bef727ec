import { addressToScript, scriptToAddress, solve } from './standard.js';

/**
 * Output descriptors, only as far as bitcoind's RPC shows and accepts them: the BIP380
 * checksum, the descriptor bitcoind infers for a bare output (InferDescriptor without keys:
 * pk/multi/addr/rawtr/raw), and parsing `addr(...)`/`raw(...)` scan objects.
 */

const INPUT_CHARSET = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];

function polymod(c: bigint, value: number): bigint {
  const c0 = c >> 35n;
  let next = ((c & 0x7ffffffffn) << 5n) ^ BigInt(value);
  for (let i = 0; i < 5; i++) if ((c0 >> BigInt(i)) & 1n) next ^= GENERATORS[i]!;
  return next;
}

/** The 8-character BIP380 checksum, or '' when the text has a character outside the charset. */
export function descriptorChecksum(descriptor: string): string {
  let c = 1n;
  let cls = 0;
  let clsCount = 0;
  for (const ch of descriptor) {
    const pos = INPUT_CHARSET.indexOf(ch);
    if (pos < 0) return '';
    c = polymod(c, pos & 31);
    cls = cls * 3 + (pos >> 5);
    if (++clsCount === 3) {
      c = polymod(c, cls);
      cls = 0;
      clsCount = 0;
    }
  }
  if (clsCount > 0) c = polymod(c, cls);
  for (let j = 0; j < 8; j++) c = polymod(c, 0);
  c ^= 1n;
  let out = '';
  for (let j = 0; j < 8; j++) out += CHECKSUM_CHARSET[Number((c >> BigInt(5 * (7 - j))) & 31n)];
  return out;
}

export function withChecksum(descriptor: string): string {
  return `${descriptor}#${descriptorChecksum(descriptor)}`;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The descriptor bitcoind infers for an output script it holds no keys for. */
export function inferDescriptor(script: Uint8Array): string {
  const solution = solve(script);
  switch (solution.type) {
    case 'pubkey':
      return withChecksum(`pk(${hex(solution.solutions[0]!)})`);
    case 'multisig':
      return withChecksum(`multi(${solution.required},${solution.solutions.map(hex).join(',')})`);
    case 'witness_v1_taproot':
      return withChecksum(`rawtr(${hex(solution.solutions[0]!)})`);
    default: {
      const address = scriptToAddress(script);
      return withChecksum(address ? `addr(${address})` : `raw(${hex(script)})`);
    }
  }
}

export class DescriptorError extends Error {}

/**
 * The output script a scan object names: `addr(ADDRESS)` or `raw(HEX)`, with an optional
 * `#checksum` that must match (bitcoind's Parse with require_checksum=false).
 */
export function parseScanDescriptor(text: string): Uint8Array {
  let body = text;
  const hash = text.indexOf('#');
  if (hash >= 0) {
    body = text.slice(0, hash);
    const given = text.slice(hash + 1);
    if (given.length !== 8) throw new DescriptorError(`Expected 8 character checksum, not ${given.length} characters`);
    const computed = descriptorChecksum(body);
    if (computed === '') throw new DescriptorError('Invalid characters in payload');
    if (given !== computed) throw new DescriptorError(`Provided checksum '${given}' does not match computed checksum '${computed}'`);
  }
  const match = /^([a-z_]+)\((.*)\)$/.exec(body);
  if (!match) throw new DescriptorError(`'${body}' is not a valid descriptor function`);
  const [, fn, arg] = match as unknown as [string, string, string];
  if (fn === 'addr') {
    const script = addressToScript(arg);
    if (!script) throw new DescriptorError(`Address is not valid`);
    return script;
  }
  if (fn === 'raw') {
    if (!/^([0-9a-fA-F]{2})*$/.test(arg)) throw new DescriptorError('Raw script is not hex');
    return Uint8Array.from(Buffer.from(arg, 'hex'));
  }
  throw new DescriptorError(`'${body}' is not a valid descriptor function`);
}
