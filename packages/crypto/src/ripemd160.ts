/*
 * One-shot RIPEMD-160 (Dobbertin, Bosselaers, Preneel, 1996) for the short inputs of hash160:
 * 32-byte SHA-256 digests (preorder hashes, addresses, consensus hashes). Like sha256.ts it keeps
 * its working arrays for the module and allocates only the digest; a streaming hasher's per-call
 * setup cost more than the one block such an input needs. Byte-identical to @noble/hashes
 * (property-tested).
 */

/** Message word selected at each step, left line then right line (5 rounds of 16 steps). */
const LEFT_WORD = Uint8Array.from([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8, 3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11,
  5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2, 4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
]);
const RIGHT_WORD = Uint8Array.from([
  5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2, 15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10,
  0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14, 12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
]);
/** Left rotation at each step. */
const LEFT_SHIFT = Uint8Array.from([
  11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12, 11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13,
  6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12, 9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
]);
const RIGHT_SHIFT = Uint8Array.from([
  8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11, 9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5,
  14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8, 8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
]);
/** Round constants, left and right. */
const LEFT_K = Int32Array.from([0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e]);
const RIGHT_K = Int32Array.from([0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000]);

/** The 16 little-endian words of the current block. */
const X = new Int32Array(16);
/** The chaining value h0..h4. */
const H = new Int32Array(5);
/** The padded final block(s). */
const TAIL = new Uint8Array(128);

/*
 * The round functions, inlined in compress: round 0 x ^ y ^ z; 1 (x & y) | (~x & z);
 * 2 (x | ~y) ^ z; 3 (x & z) | (y & ~z); 4 x ^ (y | ~z). The right line takes them in reverse order.
 */

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

function compress(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    X[i] = bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24);
  }
  let al = H[0]!;
  let bl = H[1]!;
  let cl = H[2]!;
  let dl = H[3]!;
  let el = H[4]!;
  let ar = al;
  let br = bl;
  let cr = cl;
  let dr = dl;
  let er = el;
  // One loop per round, so each round's function is inlined rather than chosen per step.
  for (let round = 0; round < 5; round++) {
    const leftK = LEFT_K[round]!;
    const rightK = RIGHT_K[round]!;
    for (let step = round * 16, end = step + 16; step < end; step++) {
      let fl: number;
      let fr: number;
      if (round === 0) {
        fl = bl ^ cl ^ dl;
        fr = br ^ (cr | ~dr);
      } else if (round === 1) {
        fl = (bl & cl) | (~bl & dl);
        fr = (br & dr) | (cr & ~dr);
      } else if (round === 2) {
        fl = (bl | ~cl) ^ dl;
        fr = (br | ~cr) ^ dr;
      } else if (round === 3) {
        fl = (bl & dl) | (cl & ~dl);
        fr = (br & cr) | (~br & dr);
      } else {
        fl = bl ^ (cl | ~dl);
        fr = br ^ cr ^ dr;
      }
      let t = (rotl((al + fl + X[LEFT_WORD[step]!]! + leftK) | 0, LEFT_SHIFT[step]!) + el) | 0;
      al = el;
      el = dl;
      dl = rotl(cl, 10);
      cl = bl;
      bl = t;
      t = (rotl((ar + fr + X[RIGHT_WORD[step]!]! + rightK) | 0, RIGHT_SHIFT[step]!) + er) | 0;
      ar = er;
      er = dr;
      dr = rotl(cr, 10);
      cr = br;
      br = t;
    }
  }
  const t = (H[1]! + cl + dr) | 0;
  H[1] = (H[2]! + dl + er) | 0;
  H[2] = (H[3]! + el + ar) | 0;
  H[3] = (H[4]! + al + br) | 0;
  H[4] = (H[0]! + bl + cr) | 0;
  H[0] = t;
}

/** RIPEMD-160 of `data`. */
export function ripemd160Bytes(data: Uint8Array): Uint8Array {
  H[0] = 0x67452301;
  H[1] = 0xefcdab89 | 0;
  H[2] = 0x98badcfe | 0;
  H[3] = 0x10325476;
  H[4] = 0xc3d2e1f0 | 0;
  const length = data.length;
  const whole = length - (length % 64);
  for (let offset = 0; offset < whole; offset += 64) compress(data, offset);
  const rest = length - whole;
  TAIL.fill(0);
  TAIL.set(data.subarray(whole), 0);
  TAIL[rest] = 0x80;
  const tailLength = rest < 56 ? 64 : 128;
  // The length in bits, little-endian, in the last 8 bytes (inputs stay far below 2^53 bits).
  const bits = length * 8;
  writeUint32LE(TAIL, tailLength - 8, bits >>> 0);
  writeUint32LE(TAIL, tailLength - 4, Math.floor(bits / 0x100000000));
  compress(TAIL, 0);
  if (tailLength === 128) compress(TAIL, 64);
  const out = new Uint8Array(20);
  for (let i = 0; i < 5; i++) writeUint32LE(out, i * 4, H[i]!);
  return out;
}

function writeUint32LE(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value;
  out[offset + 1] = value >>> 8;
  out[offset + 2] = value >>> 16;
  out[offset + 3] = value >>> 24;
}
