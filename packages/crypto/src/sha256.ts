/*
 * One-shot SHA-256 (FIPS 180-4 §6.2) for the short inputs the naming protocol hashes by the
 * million: serialized operations, Merkle nodes, names, scripts. A streaming hasher allocates a
 * state object, a block buffer and a DataView per call, which costs more than compressing a
 * 64-byte block; this keeps one message schedule for the module and allocates only the digest.
 * Output is byte-identical to any other SHA-256 (property-tested against @noble/hashes). Long
 * inputs go to the runtime's native SHA-256 when it has one (hash-node.ts).
 */

import { findNativeSha256, type NativeSha256 } from './hash-node.js';

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The message schedule, shared: hashing is synchronous, so no two calls ever use it at once. */
const W = new Int32Array(64);
/** The working hash value H0..H7. */
const H = new Int32Array(8);
/** The padded final block(s): at most two blocks remain after the whole blocks of the input. */
const TAIL = new Uint8Array(128);

function resetState(): void {
  H[0] = 0x6a09e667;
  H[1] = 0xbb67ae85;
  H[2] = 0x3c6ef372;
  H[3] = 0xa54ff53a;
  H[4] = 0x510e527f;
  H[5] = 0x9b05688c;
  H[6] = 0x1f83d9ab;
  H[7] = 0x5be0cd19;
}

/** Compresses the 64-byte block of `bytes` at `offset` into H. */
function compress(bytes: Uint8Array, offset: number): void {
  for (let t = 0; t < 16; t++) {
    const i = offset + t * 4;
    W[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (s1 + W[t - 7]! + s0 + W[t - 16]!) | 0;
  }
  let a = H[0]! | 0;
  let b = H[1]! | 0;
  let c = H[2]! | 0;
  let d = H[3]! | 0;
  let e = H[4]! | 0;
  let f = H[5]! | 0;
  let g = H[6]! | 0;
  let h = H[7]! | 0;
  for (let t = 0; t < 64; t++) {
    const sigma1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + sigma1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const sigma0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (sigma0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/** Hashes `length` bytes of `bytes` from offset 0 into H (whole blocks, then the padded tail). */
function hashInto(bytes: Uint8Array, length: number): void {
  resetState();
  const whole = length - (length % 64);
  for (let offset = 0; offset < whole; offset += 64) compress(bytes, offset);
  const rest = length - whole;
  TAIL.fill(0);
  for (let i = 0; i < rest; i++) TAIL[i] = bytes[whole + i]!;
  TAIL[rest] = 0x80;
  const tailLength = rest < 56 ? 64 : 128;
  // The message length in bits, big-endian in the last 8 bytes (inputs here stay far below 2^53 bits).
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  writeUint32(TAIL, tailLength - 8, high);
  writeUint32(TAIL, tailLength - 4, bits >>> 0);
  compress(TAIL, 0);
  if (tailLength === 128) compress(TAIL, 64);
}

function writeUint32(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 24;
  out[offset + 1] = value >>> 16;
  out[offset + 2] = value >>> 8;
  out[offset + 3] = value;
}

/** Sets H to a finished 32-byte digest, as if this module had computed it. */
function loadDigest(digest: Uint8Array): void {
  for (let i = 0; i < 8; i++) {
    const j = i * 4;
    H[i] = (digest[j]! << 24) | (digest[j + 1]! << 16) | (digest[j + 2]! << 8) | digest[j + 3]!;
  }
}

/** Writes H as the 32-byte digest into `out` at `offset`. */
function digestInto(out: Uint8Array, offset: number): void {
  for (let i = 0; i < 8; i++) writeUint32(out, offset + i * 4, H[i]!);
}

/** The first 16 bytes of SHA-256 of `data` (a string as UTF-8), in a 16-byte array of their own. */
export function sha256Trunc128(data: string | Uint8Array): Uint8Array {
  hashData(data);
  const out = new Uint8Array(16);
  for (let i = 0; i < 4; i++) writeUint32(out, i * 4, H[i]!);
  return out;
}

const HEX_CODES = new TextEncoder().encode('0123456789abcdef');
const HEX_OUT = new Uint8Array(32);
const hexDecoder = new TextDecoder();

/**
 * hex(first 16 bytes of SHA-256(data)), written straight from the hash state: the NAME_UPDATE
 * search hashes every live name of the sender, and the two arrays a digest-then-hex would
 * allocate cost a third of such a hash.
 */
export function sha256Trunc128Hex(data: string | Uint8Array): string {
  hashData(data);
  for (let i = 0; i < 16; i++) {
    const byte = (H[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;
    HEX_OUT[2 * i] = HEX_CODES[byte >> 4]!;
    HEX_OUT[2 * i + 1] = HEX_CODES[byte & 15]!;
  }
  return hexDecoder.decode(HEX_OUT);
}

/** Strings up to this many characters are encoded into a shared buffer instead of a new one. */
const SCRATCH_CHARS = 4096;
const scratch = new Uint8Array(SCRATCH_CHARS * 3);
const encoder = new TextEncoder();

/**
 * Inputs of at least this many bytes (UTF-16 units for strings) go to the native SHA-256: below it
 * the native call's fixed cost exceeds the blocks it saves (measured on Node 20, x86-64 without
 * SHA extensions: one-block inputs cost about 40% less here, 450-byte ones about 40% less there).
 */
const NATIVE_FROM = 256;
/** undefined until first needed; null when the runtime has none. */
let native: NativeSha256 | null | undefined;

/** Replaces the native SHA-256 (null: none; undefined: look for the runtime's again). For tests. */
export function setNativeSha256(sha256: NativeSha256 | null | undefined): void {
  native = sha256;
}

/** Hashes `data` (a string as UTF-8) into H; strings are encoded into a shared buffer. */
function hashData(data: string | Uint8Array): void {
  if (data.length >= NATIVE_FROM) {
    if (native === undefined) native = findNativeSha256();
    if (native !== null) {
      // Anything the native hash refuses (say, a view of shared memory) is hashed here instead.
      try {
        return loadDigest(native(data));
      } catch {
        // fall through
      }
    }
  }
  if (typeof data !== 'string') return hashInto(data, data.length);
  if (data.length > SCRATCH_CHARS) {
    const bytes = encoder.encode(data);
    return hashInto(bytes, bytes.length);
  }
  // Three bytes per UTF-16 unit at most, so the scratch always holds the whole encoding.
  hashInto(scratch, encoder.encodeInto(data, scratch).written);
}

/** SHA-256 of `data` (a string as UTF-8). */
export function sha256Bytes(data: string | Uint8Array): Uint8Array {
  hashData(data);
  const out = new Uint8Array(32);
  digestInto(out, 0);
  return out;
}

/** A 32-byte scratch block for the inner digest of a double hash. */
const INNER = new Uint8Array(32);

/** SHA-256(SHA-256(data)), with no intermediate allocation. */
export function doubleSha256Bytes(data: string | Uint8Array): Uint8Array {
  hashData(data);
  digestInto(INNER, 0);
  hashInto(INNER, 32);
  const out = new Uint8Array(32);
  digestInto(out, 0);
  return out;
}

/** The scratch of a Merkle node: its two children side by side. */
const PAIR = new Uint8Array(128);

/** SHA-256(SHA-256(left ‖ right)): a Bitcoin Merkle node of two digests, without concatenating them. */
export function doubleSha256Pair(left: Uint8Array, right: Uint8Array): Uint8Array {
  const length = left.length + right.length;
  if (length > PAIR.length) return doubleSha256Bytes(concat(left, right));
  PAIR.set(left, 0);
  PAIR.set(right, left.length);
  hashInto(PAIR, length);
  digestInto(INNER, 0);
  hashInto(INNER, 32);
  const out = new Uint8Array(32);
  digestInto(out, 0);
  return out;
}

function concat(left: Uint8Array, right: Uint8Array): Uint8Array {
  const out = new Uint8Array(left.length + right.length);
  out.set(left, 0);
  out.set(right, left.length);
  return out;
}
