import { bytesToHex, concatBytes, equalBytes, hexToBytes } from './bytes.js';
import { invalid } from './errors.js';
import { doubleSha256 } from './hash.js';
import { decodeAddress, hashToAddress } from './address.js';

/*
 * c32check Stacks addresses, as the CLI prints them next to BTC addresses
 * (cli-and-scenarios.md §A.5 `make_keychain`, `get_payment_key`; character set §A.2; the one
 * protocol vector is bns.md's exported namespace address). Facts from npm `c32check`:
 * address = "S" ‖ c32[version] ‖ c32(hash160 ‖ first 4 bytes of SHA256d(version ‖ hash160)),
 * where c32 treats its input as one big-endian number and writes one extra "0" per leading
 * zero byte (base58-style).
 */

const C32_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Bitcoin base58 version → Stacks c32 version (c32check `b58ToC32`); others keep their number. */
const BITCOIN_TO_STACKS_VERSION: Readonly<Record<number, number>> = Object.freeze({ 0: 22, 5: 20, 111: 26, 196: 21 });
const STACKS_TO_BITCOIN_VERSION: Readonly<Record<number, number>> = Object.freeze({ 22: 0, 20: 5, 26: 111, 21: 196 });

export const STACKS_ADDRESS_VERSIONS = Object.freeze({
  mainnet: Object.freeze({ p2pkh: 22, p2sh: 20 }),
  testnet: Object.freeze({ p2pkh: 26, p2sh: 21 }),
});

function c32Encode(data: Uint8Array): string {
  let value = data.length === 0 ? 0n : BigInt(`0x${bytesToHex(data)}`);
  let digits = '';
  while (value > 0n) {
    digits = C32_ALPHABET[Number(value & 31n)]! + digits;
    value >>= 5n;
  }
  let leadingZeroBytes = 0;
  while (leadingZeroBytes < data.length && data[leadingZeroBytes] === 0) leadingZeroBytes++;
  return '0'.repeat(leadingZeroBytes) + digits;
}

/** Upper-cases and maps the look-alikes O→0 and I, L→1, as c32check does. */
function c32Normalize(text: string): string {
  return text.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

function c32Decode(text: string): Uint8Array {
  let value = 0n;
  for (const char of text) {
    const digit = C32_ALPHABET.indexOf(char);
    if (digit < 0) invalid('bad_c32', 'not a c32 string');
    value = (value << 5n) | BigInt(digit);
  }
  let hex = value === 0n ? '' : value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const leadingZeros = /^0*/.exec(text)![0].length;
  return hexToBytes('00'.repeat(leadingZeros) + hex);
}

function checksum(version: number, data: Uint8Array): Uint8Array {
  return doubleSha256(concatBytes(Uint8Array.of(version), data)).slice(0, 4);
}

function checkVersion(version: number): void {
  if (!Number.isInteger(version) || version < 0 || version > 31) invalid('bad_version', 'a c32 version is 0..31');
}

/** `S` ‖ c32check(version, hash160). */
export function c32address(version: number, hash160: string | Uint8Array): string {
  checkVersion(version);
  const hash = typeof hash160 === 'string' ? hexToBytes(hash160) : hash160;
  if (hash.length !== 20) invalid('bad_hash', 'a c32 address carries a 20-byte hash160');
  return `S${C32_ALPHABET[version]!}${c32Encode(concatBytes(hash, checksum(version, hash)))}`;
}

export interface DecodedC32Address {
  readonly version: number;
  /** hash160, hex. */
  readonly hash: string;
}

/** Decodes and checks a c32 address; throws InvalidInputError on anything malformed. */
export function c32addressDecode(address: string): DecodedC32Address {
  if (typeof address !== 'string' || address.length <= 5 || address[0] !== 'S') invalid('bad_address', 'a c32 address starts with S');
  const body = c32Normalize(address.slice(1));
  const version = C32_ALPHABET.indexOf(body[0]!);
  if (version < 0) invalid('bad_address', 'bad c32 version character');
  const payload = c32Decode(body.slice(1));
  if (payload.length !== 24) invalid('bad_address', 'a c32 address carries 20 bytes and a 4-byte checksum');
  const hash = payload.subarray(0, 20);
  if (!equalBytes(payload.subarray(20), checksum(version, hash))) invalid('bad_address', 'c32 checksum mismatch');
  return { version, hash: bytesToHex(hash) };
}

/** The Stacks address of a base58check Bitcoin address (same hash160; c32check `b58ToC32`). */
export function b58ToC32(address: string, version?: number): string {
  const decoded = decodeAddress(address);
  return c32address(version ?? BITCOIN_TO_STACKS_VERSION[decoded.version] ?? decoded.version, decoded.hash);
}

/** The Bitcoin address of a c32 address (c32check `c32ToB58`). */
export function c32ToB58(address: string, version?: number): string {
  const decoded = c32addressDecode(address);
  return hashToAddress(decoded.hash, version ?? STACKS_TO_BITCOIN_VERSION[decoded.version] ?? decoded.version);
}
