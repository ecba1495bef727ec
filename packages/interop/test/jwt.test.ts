import fc from 'fast-check';
import { base64urlnopad } from '@scure/base';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it, vi } from 'vitest';
import { decodeToken, getPublicKeyFromPrivate, getUncompressedPublicKeyFromPrivate, signToken, verifyToken } from '@bsk/crypto';
import { type Json, jsontokens } from '../src/reference.js';
import { jsonObject, privateKeyHex, RUNS } from './support/arbitraries.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §0.3: ES256K compact JWS, ours against jsontokens@3.0.0 in both directions.

function theirSign(payload: object, priv: string): string {
  return new jsontokens.TokenSigner('ES256K', priv).sign(payload as Json);
}

function theirVerify(token: string, pub: string): boolean {
  try {
    return new jsontokens.TokenVerifier('ES256K', pub).verify(token);
  } catch {
    return false;
  }
}

function isHighS(token: string): boolean {
  const s = base64urlnopad.decode(token.split('.')[2]!).slice(32);
  return secp256k1.Signature.fromBytes(Uint8Array.of(...new Uint8Array(32).fill(1), ...s), 'compact').hasHighS();
}

/** Replaces S by n−S: both S forms must verify on both sides (§0.3). */
function flipS(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const sig = secp256k1.Signature.fromBytes(base64urlnopad.decode(signature), 'compact');
  const flipped = new secp256k1.Signature(sig.r, secp256k1.Point.CURVE().n - sig.s);
  return `${header}.${payload}.${base64urlnopad.encode(flipped.toBytes('compact'))}`;
}

describe('ES256K tokens against jsontokens@3.0.0', () => {
  it('signs the same header and payload segments, and the same signature up to S normalization', () => {
    fc.assert(
      fc.property(privateKeyHex, jsonObject, (priv, payload) => {
        const ours = signToken(payload, priv);
        const theirs = theirSign(payload, priv);
        const [oh, op] = ours.split('.');
        const [th, tp] = theirs.split('.');
        expect(oh).toBe('eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ');
        expect([oh, op]).toEqual([th, tp]);
        expect(isHighS(ours)).toBe(false);
        expect(ours).toBe(isHighS(theirs) ? flipS(theirs) : theirs);
      }),
      RUNS,
    );
  });

  it('verifies jsontokens tokens with ours (compressed and uncompressed keys, 64- and 66-char signers)', () => {
    fc.assert(
      fc.property(privateKeyHex, jsonObject, fc.boolean(), (priv, payload, flagged) => {
        const theirs = theirSign(payload, flagged ? `${priv}01` : priv);
        expect(verifyToken(theirs, getPublicKeyFromPrivate(priv))).toBe(true);
        expect(verifyToken(theirs, getUncompressedPublicKeyFromPrivate(priv))).toBe(true);
        expect(verifyToken(flipS(theirs), getPublicKeyFromPrivate(priv))).toBe(true);
      }),
      RUNS,
    );
  });

  it('makes tokens that jsontokens verifies', () => {
    fc.assert(
      fc.property(privateKeyHex, jsonObject, fc.boolean(), (priv, payload, flagged) => {
        const ours = signToken(payload, flagged ? `${priv}01` : priv);
        expect(theirVerify(ours, getPublicKeyFromPrivate(priv))).toBe(true);
        expect(theirVerify(ours, getUncompressedPublicKeyFromPrivate(priv))).toBe(true);
        expect(theirVerify(flipS(ours), getPublicKeyFromPrivate(priv))).toBe(true);
      }),
      RUNS,
    );
  });

  it('decodes every token exactly as jsontokens does', () => {
    fc.assert(
      fc.property(privateKeyHex, jsonObject, fc.boolean(), (priv, payload, oursSigns) => {
        const token = oursSigns ? signToken(payload, priv) : theirSign(payload, priv);
        const decoded = decodeToken(token);
        expect(decoded).toEqual(jsontokens.decodeToken(token));
        expect(decoded.payload).toEqual(payload);
      }),
      RUNS,
    );
  });

  it('decodes and verifies the 2016 header order ({"alg","typ"}) like jsontokens', () => {
    const priv = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
    const payload = { issuedAt: '2016-04-20T12:25:14.453734', claim: { '@type': 'Person' } };
    const legacy = signToken(payload, priv, { alg: 'ES256K', typ: 'JWT' });
    expect(legacy.startsWith('eyJhbGciOiJFUzI1NksiLCJ0eXAiOiJKV1QifQ.')).toBe(true);
    expect(theirVerify(legacy, getPublicKeyFromPrivate(priv))).toBe(true);
    expect(decodeToken(legacy)).toEqual(jsontokens.decodeToken(legacy));
    const theirs = new jsontokens.TokenSigner('ES256K', priv).sign(payload, false, { alg: 'ES256K', typ: 'JWT' });
    expect(verifyToken(theirs, getPublicKeyFromPrivate(priv))).toBe(true);
    expect(decodeToken(theirs)).toEqual(jsontokens.decodeToken(theirs));
  });

  it('agrees on rejections: wrong key, changed payload, changed signature', () => {
    fc.assert(
      fc.property(privateKeyHex, privateKeyHex, jsonObject, fc.nat(), (priv, other, payload, at) => {
        fc.pre(priv !== other);
        const token = signToken(payload, priv);
        const otherPub = getPublicKeyFromPrivate(other);
        expect(verifyToken(token, otherPub)).toBe(false);
        expect(theirVerify(token, otherPub)).toBe(false);

        const [h, , s] = token.split('.');
        const forged = `${h}.${base64urlnopad.encode(new TextEncoder().encode(JSON.stringify({ ...payload, forged: true })))}.${s}`;
        expect(verifyToken(forged, getPublicKeyFromPrivate(priv))).toBe(false);
        expect(theirVerify(forged, getPublicKeyFromPrivate(priv))).toBe(false);

        const sig = base64urlnopad.decode(s!);
        sig[at % 64] = sig[at % 64]! ^ 0x01;
        const corrupted = `${token.split('.').slice(0, 2).join('.')}.${base64urlnopad.encode(sig)}`;
        expect(verifyToken(corrupted, getPublicKeyFromPrivate(priv))).toBe(false);
        expect(theirVerify(corrupted, getPublicKeyFromPrivate(priv))).toBe(false);
      }),
      RUNS,
    );
  });

  it('agrees on malformed signature segments (base64url without padding: wrong lengths, random text)', () => {
    const priv = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
    const pub = getPublicKeyFromPrivate(priv);
    const [h, p, s] = signToken({ a: 1 }, priv).split('.') as [string, string, string];
    for (const sig of [s.slice(0, -2), `${s}A`, `${s}AA`, '', 'not base64!']) {
      expect([sig, verifyToken(`${h}.${p}.${sig}`, pub)]).toEqual([sig, theirVerify(`${h}.${p}.${sig}`, pub)]);
    }
    const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 100 });
    fc.assert(
      fc.property(base64url, (sig) => {
        expect(verifyToken(`${h}.${p}.${sig}`, pub)).toBe(theirVerify(`${h}.${p}.${sig}`, pub));
      }),
      { numRuns: 300 },
    );
  });
});
