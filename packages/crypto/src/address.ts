import { base58check as makeBase58check, bech32 } from '@scure/base';
import { bytesToHex, hexToBytes } from './bytes.js';
import { invalid } from './errors.js';
import { hash160, sha256 } from './hash.js';
import { publicKeyToBytes } from './keys.js';

/** Base58check with this package's SHA-256 (Node's one-shot function where it has one). */
const base58check = makeBase58check(sha256);

/** Address versions per network (Bitcoin's own; regtest shares testnet's base58 versions). */
export interface AddressNetwork {
  readonly name: 'mainnet' | 'testnet' | 'regtest';
  readonly p2pkh: number;
  readonly p2sh: number;
  readonly bech32: string;
  readonly wif: number;
}

export const NETWORKS: Readonly<Record<AddressNetwork['name'], AddressNetwork>> = Object.freeze({
  mainnet: Object.freeze({ name: 'mainnet', p2pkh: 0x00, p2sh: 0x05, bech32: 'bc', wif: 0x80 }),
  testnet: Object.freeze({ name: 'testnet', p2pkh: 0x6f, p2sh: 0xc4, bech32: 'tb', wif: 0xef }),
  regtest: Object.freeze({ name: 'regtest', p2pkh: 0x6f, p2sh: 0xc4, bech32: 'bcrt', wif: 0xef }),
});

export type NetworkName = AddressNetwork['name'];

function networkOf(network: NetworkName | AddressNetwork): AddressNetwork {
  return typeof network === 'string' ? NETWORKS[network] : network;
}

/** Base58check of `version ‖ hash` (20-byte hash). */
export function hashToAddress(hash: Uint8Array | string, version: number): string {
  const bytes = typeof hash === 'string' ? hexToBytes(hash) : hash;
  if (bytes.length !== 20) invalid('bad_hash', 'address hash must be 20 bytes');
  if (!Number.isInteger(version) || version < 0 || version > 255) invalid('bad_version', 'address version must be a byte');
  const payload = new Uint8Array(21);
  payload[0] = version;
  payload.set(bytes, 1);
  return base58check.encode(payload);
}

export interface DecodedAddress {
  readonly version: number;
  /** 20-byte hash160, hex. */
  readonly hash: string;
}

/** Decodes a base58check address; throws InvalidInputError on bad characters, checksum or length. */
export function decodeAddress(address: string): DecodedAddress {
  let bytes: Uint8Array;
  try {
    bytes = base58check.decode(address);
  } catch {
    invalid('bad_address', `not a base58check address: ${JSON.stringify(address).slice(0, 80)}`);
  }
  if (bytes.length !== 21) invalid('bad_address', 'address payload must be 21 bytes');
  return { version: bytes[0]!, hash: bytesToHex(bytes.subarray(1)) };
}

export function isValidAddress(address: string): boolean {
  try {
    decodeAddress(address);
    return true;
  } catch {
    return false;
  }
}

/**
 * P2PKH address of a public key as given (compressed and uncompressed keys give different
 * addresses). Mainnet by default, like blockstack.js `publicKeyToAddress`.
 */
export function publicKeyToAddress(publicKeyHex: string | Uint8Array, network: NetworkName | AddressNetwork = 'mainnet'): string {
  return hashToAddress(hash160(publicKeyToBytes(publicKeyHex)), networkOf(network).p2pkh);
}

/** P2SH address of a redeem script. */
export function scriptToP2SHAddress(redeemScript: Uint8Array | string, network: NetworkName | AddressNetwork = 'mainnet'): string {
  const script = typeof redeemScript === 'string' ? hexToBytes(redeemScript) : redeemScript;
  return hashToAddress(hash160(script), networkOf(network).p2sh);
}

/** The same hash under another version byte (e.g. mainnet ↔ testnet, or the subdomain DID versions). */
export function changeAddressVersion(address: string, version: number): string {
  return hashToAddress(decodeAddress(address).hash, version);
}

/** Re-encodes a P2PKH/P2SH address for another network, keeping its kind. */
export function addressToNetwork(address: string, network: NetworkName | AddressNetwork): string {
  const { version, hash } = decodeAddress(address);
  const target = networkOf(network);
  const isP2SH = version === NETWORKS.mainnet.p2sh || version === NETWORKS.testnet.p2sh;
  return hashToAddress(hash, isP2SH ? target.p2sh : target.p2pkh);
}

/** Bech32 v0 P2WPKH address of a compressed public key. */
export function publicKeyToP2WPKHAddress(publicKeyHex: string | Uint8Array, network: NetworkName | AddressNetwork = 'mainnet'): string {
  const key = publicKeyToBytes(publicKeyHex);
  if (key.length !== 33) invalid('bad_public_key', 'segwit addresses require a compressed public key');
  return encodeSegwitAddress(hash160(key), 0, network);
}

export function encodeSegwitAddress(program: Uint8Array, witnessVersion: number, network: NetworkName | AddressNetwork = 'mainnet'): string {
  if (witnessVersion !== 0) invalid('bad_version', 'only witness version 0 is supported');
  if (program.length !== 20 && program.length !== 32) invalid('bad_program', 'a v0 witness program is 20 or 32 bytes');
  return bech32.encode(networkOf(network).bech32, [witnessVersion, ...bech32.toWords(program)]);
}

export interface DecodedSegwitAddress {
  readonly prefix: string;
  readonly version: number;
  readonly program: string;
}

export function decodeSegwitAddress(address: string): DecodedSegwitAddress {
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32.decode(address as `${string}1${string}`);
  } catch {
    invalid('bad_address', 'not a bech32 address');
  }
  const [version, ...words] = decoded.words;
  if (version !== 0) invalid('bad_address', 'only witness version 0 (bech32) addresses are supported');
  let program: Uint8Array;
  try {
    program = bech32.fromWords(words);
  } catch {
    invalid('bad_address', 'bad bech32 program padding');
  }
  if (program.length !== 20 && program.length !== 32) invalid('bad_address', 'a v0 witness program is 20 or 32 bytes');
  return { prefix: decoded.prefix, version, program: bytesToHex(program) };
}
