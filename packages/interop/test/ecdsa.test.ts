import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it, vi } from 'vitest';
import { bytesToHex, getPublicKeyFromPrivate, getUncompressedPublicKeyFromPrivate, hexToBytes, signECDSA, verifyECDSA } from '@bsk/crypto';
import { ec } from '../src/reference.js';
import { content, privateKeyHex, RUNS } from './support/arbitraries.js';
import { toBuffer } from './support/buffers.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §3.2 and §9.3: DER-hex ECDSA file signatures, both directions.
const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';

function isHighS(derHex: string): boolean {
  return secp256k1.Signature.fromBytes(hexToBytes(derHex), 'der').hasHighS();
}

/** The low-S twin of a DER signature: what our signer must produce for the same nonce. */
function lowS(derHex: string): string {
  const sig = secp256k1.Signature.fromBytes(hexToBytes(derHex), 'der');
  return bytesToHex((sig.hasHighS() ? new secp256k1.Signature(sig.r, secp256k1.Point.CURVE().n - sig.s) : sig).toBytes('der'));
}

describe('ECDSA signatures against blockstack@21.1.1', () => {
  it('reproduces the §9.3 vectors: low-S byte for byte, high-S as its low-S twin', () => {
    const text = 'all work and no play makes jack a dull boy';
    const theirs = ec.signECDSA(PRIV, text);
    expect(theirs.signature).toBe('3044022023b742aff15d1b2ee47b7bb5ff8b1c9e4627201c627f6ae7995f5e00b82e2b380220715a14dc988c549e72cf06660c850c623aa56b9a35e0bb452a8b6410e39137fe');
    // Same bytes and the same key order ({signature, publicKey}) once serialized.
    expect(JSON.stringify(signECDSA(PRIV, text))).toBe(JSON.stringify(theirs));

    const highS = ec.signECDSA(PRIV, 'hello, gaia').signature;
    expect(highS).toBe('304502200e00aa5aa8162c72965ecb2aa3d26b6451d623aca8a5d1c512b56efd82626732022100bc67527483413b182951e01cc1856d81f3e59a3999f77b2e28ad218a4d621243');
    expect(isHighS(highS)).toBe(true);
    expect(verifyECDSA('hello, gaia', PUB, highS)).toBe(true);
    const ours = signECDSA(PRIV, 'hello, gaia').signature;
    expect(ours).toBe(lowS(highS));
    expect(ec.verifyECDSA('hello, gaia', PUB, ours)).toBe(true);
  });

  it('verifies the reference’s signatures (low-S and high-S) with ours', () => {
    fc.assert(
      fc.property(privateKeyHex, content, (priv, data) => {
        const theirs = ec.signECDSA(priv, toBuffer(data));
        expect(theirs.publicKey).toBe(getPublicKeyFromPrivate(priv));
        expect(verifyECDSA(data, theirs.publicKey, theirs.signature)).toBe(true);
        expect(verifyECDSA(data, getUncompressedPublicKeyFromPrivate(priv), theirs.signature)).toBe(true);
      }),
      RUNS,
    );
  });

  it('makes signatures the reference verifies, equal to its own up to S normalization', () => {
    fc.assert(
      fc.property(privateKeyHex, content, (priv, data) => {
        const ours = signECDSA(priv, data);
        expect(ec.verifyECDSA(toBuffer(data), ours.publicKey, ours.signature)).toBe(true);
        expect(isHighS(ours.signature)).toBe(false);
        const theirs = ec.signECDSA(priv, toBuffer(data));
        expect(ours.publicKey).toBe(theirs.publicKey);
        // RFC 6979 on both sides: same r, and S equal after normalization.
        expect(ours.signature).toBe(lowS(theirs.signature));
      }),
      RUNS,
    );
  });

  it('agrees on rejections: other content, other key, corrupted signature', () => {
    fc.assert(
      fc.property(privateKeyHex, privateKeyHex, content, fc.nat(), (priv, other, data, flip) => {
        fc.pre(priv !== other);
        const { signature, publicKey } = signECDSA(priv, data);
        const otherPub = getPublicKeyFromPrivate(other);
        const otherData = typeof data === 'string' ? `${data}!` : Uint8Array.of(...data, 1);
        expect(verifyECDSA(otherData, publicKey, signature)).toBe(false);
        expect(ec.verifyECDSA(toBuffer(otherData), publicKey, signature)).toBe(false);
        expect(verifyECDSA(data, otherPub, signature)).toBe(false);
        expect(ec.verifyECDSA(toBuffer(data), otherPub, signature)).toBe(false);
        // Flip one bit inside r or s (bytes 4.. of the DER), keeping the encoding well-formed.
        const der = hexToBytes(signature);
        const at = 4 + (flip % (der.length - 4));
        der[at] = der[at]! ^ (1 << flip % 8);
        const corrupted = bytesToHex(der);
        let theirVerdict: boolean;
        try {
          theirVerdict = ec.verifyECDSA(toBuffer(data), publicKey, corrupted);
        } catch {
          theirVerdict = false;
        }
        expect(verifyECDSA(data, publicKey, corrupted)).toBe(theirVerdict);
        expect(theirVerdict).toBe(false);
      }),
      RUNS,
    );
  });

  it('agrees on malformed DER: non-minimal, trailing bytes, bad lengths, compact form, random bytes', () => {
    const theirVerdict = (content: string, pub: string, sig: string): boolean => {
      try {
        return ec.verifyECDSA(content, pub, sig);
      } catch {
        return false; // the reference throws "Signature without r or s" where we return false
      }
    };
    const { signature, publicKey } = signECDSA(PRIV, 'x');
    const der = hexToBytes(signature);
    const rLength = der[3]!;
    const r = der.slice(4, 4 + rLength);
    const s = der.slice(6 + rLength);
    const encode = (rr: Uint8Array, ss: Uint8Array, extra: number[] = [], totalDelta = 0): string => {
      const body = [0x02, rr.length, ...rr, 0x02, ss.length, ...ss];
      return bytesToHex(Uint8Array.from([0x30, body.length + totalDelta, ...body, ...extra]));
    };
    const variants: Record<string, string> = {
      canonical: signature,
      'uppercase hex': signature.toUpperCase(),
      'r with a redundant 00': encode(Uint8Array.of(0, ...r), s),
      'trailing byte': encode(r, s, [0]),
      'total length too long': encode(r, s, [], 1),
      'total length too short': encode(r, s, [], -1),
      'compact r‖s': bytesToHex(secp256k1.Signature.fromBytes(der, 'der').toBytes('compact')),
      empty: '',
      'odd-length hex': signature.slice(1),
    };
    for (const [name, sig] of Object.entries(variants)) expect([name, verifyECDSA('x', publicKey, sig)]).toEqual([name, theirVerdict('x', publicKey, sig)]);
    expect(verifyECDSA('x', publicKey, signature)).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const sig = bytesToHex(bytes);
        expect(verifyECDSA('x', publicKey, sig)).toBe(theirVerdict('x', publicKey, sig));
      }),
      { numRuns: 300 },
    );
  });
});
