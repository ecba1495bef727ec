import { assertPublicKeyLayout } from './point-bytes.js';
import type { CurveBackend } from './types.js';

/*
 * ECDH in native libsecp256k1: the `secp256k1` package's Node addon (cryptocoinjs, prebuilt for
 * the common platforms), loaded at run time in Node only (backend/index.ts). Its ecdh runs
 * secp256k1_ecdh, which multiplies with libsecp256k1's constant-time secp256k1_ecmult_const — fit
 * for a private key, unlike the WebAssembly build's pointMultiply (libsecp256k1.ts). About ten
 * times faster than OpenSSL's generic ladder on this curve, so ECIES decryption stops being bound
 * by the curve. Only the addon is used: the package's pure-JavaScript fallback (elliptic) never is,
 * because loading `secp256k1/bindings` fails where the addon does not load.
 *
 * The hash function given to secp256k1_ecdh returns the x coordinate as it is (auth-and-storage.md
 * §3.1: the shared secret is x, left-padded to 32 bytes, which libsecp256k1 always gives). Any
 * input the addon refuses is handed to the base backend, which throws noble's errors in noble's
 * order (or, were the input valid after all, computes the same x), so callers cannot tell the two
 * apart.
 */

/** The part of the `secp256k1` package's addon API this backend calls. */
export interface NativeSecp256k1Module {
  ecdh(publicKey: Uint8Array, secretKey: Uint8Array, options: { hashfn: (x: Uint8Array, y: Uint8Array) => Uint8Array; xbuf: Uint8Array; ybuf: Uint8Array }, output: Uint8Array): Uint8Array;
}

export interface NativeEcdhCurveBackend extends CurveBackend {
  readonly name: 'libsecp256k1-native';
  /** The backend everything but ECDH goes to. */
  readonly base: CurveBackend;
}

/** True when `value` looks like the `secp256k1` package's exports with an ecdh function. */
export function isNativeSecp256k1Module(value: unknown): value is NativeSecp256k1Module {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['ecdh'] === 'function';
}

/** `base` with its ecdhX done by the native addon. */
export function createNativeEcdhCurveBackend(native: NativeSecp256k1Module, base: CurveBackend): NativeEcdhCurveBackend {
  const options = { hashfn: (x: Uint8Array) => x, xbuf: new Uint8Array(32), ybuf: new Uint8Array(32) };
  return {
    name: 'libsecp256k1-native',
    base,
    uncompressedPoint: (publicKey) => base.uncompressedPoint(publicKey),
    ecdhX: (secretKey, point) => {
      // libsecp256k1 also parses hybrid keys (06/07), which are not keys here: check the layout first.
      assertPublicKeyLayout(point);
      try {
        // The addon copies the hash function's result (x) into the fresh output array.
        return native.ecdh(point, secretKey, options, new Uint8Array(32));
      } catch {
        return base.ecdhX(secretKey, point);
      }
    },
    verifySha256: (message, signature, publicKey, format) => base.verifySha256(message, signature, publicKey, format),
    signDigest: (digest, secretKey) => base.signDigest(digest, secretKey),
    publicKey: (secretKey, compressed) => base.publicKey(secretKey, compressed),
  };
}
