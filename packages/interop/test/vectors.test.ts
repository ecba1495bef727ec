import { createRequire } from 'node:module';
import { base64urlnopad } from '@scure/base';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it, vi } from 'vitest';
import {
  decodeToken, getGaiaChallengeTexts, getPublicKeyFromPrivate, makeAssociationToken, makeAuthRequest, makeV1GaiaAuthToken,
  readAuthResponse, signProfileToken, validateGaiaAuthHeader, verifyAuthRequest, verifyAuthResponse, verifyProfileToken, verifyToken,
} from '@bsk/crypto';
import { blockstack, jsontokens } from '../src/reference.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §9.5–§9.7 and §9.9: the deterministic token vectors, checked on both sides, and
// reproduced by our signers (same header and payload bytes; the signature is the low-S twin of the
// reference's high-S one, or identical where the reference's is low-S).
const TRANSIT_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const IDENTITY_KEY = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';
const APP_KEY = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
const AUTH_REQUEST = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJqdGkiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDAiLCJpYXQiOjE1Nzc4MzY4MDAsImV4cCI6NDEwMjQ0NDgwMCwiaXNzIjoiZGlkOmJ0Yy1hZGRyOjFOWk54aG94b2Jxd3NOdlRiMTZwZGVpcXZGdmNlM1lnOFUiLCJwdWJsaWNfa2V5cyI6WyIwMjdkMjhmOTk1MWNlNDY1Mzg5NTFlMzY5N2M2MjU4OGE4N2YxZjFmMjk1ZGU0YTE0ZmRkNGM3ODBmYzUyY2ZlNjkiXSwiZG9tYWluX25hbWUiOiJodHRwOi8vbG9jYWxob3N0OjMwMDAiLCJtYW5pZmVzdF91cmkiOiJodHRwOi8vbG9jYWxob3N0OjMwMDAvbWFuaWZlc3QuanNvbiIsInJlZGlyZWN0X3VyaSI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMCIsInZlcnNpb24iOiIxLjMuMSIsImRvX25vdF9pbmNsdWRlX3Byb2ZpbGUiOnRydWUsInN1cHBvcnRzX2h1Yl91cmwiOnRydWUsInNjb3BlcyI6WyJzdG9yZV93cml0ZSIsInB1Ymxpc2hfZGF0YSJdfQ.3na84MWOp58REdjCycFxmrweG0VTCn7dcPwtmzcpltWNcZ-RIQlMECQyE4-vcura1m5u7K-f6jPXXGDCTC2tWA";
const ASSOCIATION_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJjaGlsZFRvQXNzb2NpYXRlIjoiMDJlNDI3MmRhZDhmOWUwNWExZTkzN2E3YWNlZTEzNzg3NGQzMjZhMjEyY2Y3NGYxY2QyODVkMzdjOWRhNGM2ZGQzIiwiaXNzIjoiMDJlZDliMTcyZTM5MmZkNTk1ZTc5MThhYTBjMjFhNDAxYTZiYzFmYmEzYmZkODk4NzJkM2I5MmZhYmQ5NzE3MTBjIiwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjE1Nzc4MzY4MDAsInNhbHQiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiJ9.rW8r8RIyEnqZ7CJRgPHz1gqbWs91nvSXAPtJYIBg64ALJ8CL6h4OsFzAeDwnZt-1ZWbE4Yw5pQnBqx0flameDQ";
const AUTH_RESPONSE = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJqdGkiOiIxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTEiLCJpYXQiOjE1Nzc4MzY4MDAsImV4cCI6NDEwMjQ0NDgwMCwiaXNzIjoiZGlkOmJ0Yy1hZGRyOjFOQnNuVnB4OVNWRDg4TXhDN3RQVUU2eHh1V3Qxd2lneUwiLCJwcml2YXRlX2tleSI6IjdiMjI2OTc2MjIzYTIyNjQ2MjYxMzUzNDM3MzYzNzMyNjEzMjMzMzgzMTMyMzM2NjMyMzk2NjMwMzM2MjMxNjE2NjM4NjMzNTY0NjY2NDIyMmMyMjY1NzA2ODY1NmQ2NTcyNjE2YzUwNGIyMjNhMjIzMDMzMzgzNzY1Mzg2MzY1MzI2NDMyMzc2NDM5MzQzNDY1NjQ2NDM3NjM2MzMwMzgzNjM5MzUzNzMyNjY2NDMxMzgzNDY2MzczNzM4NjM2NjM1MzM2MTMwMzkzNjYxMzMzNTMxMzM2NTY1MzIzNjM3NjEzOTMxMzgzMDMyMzYzNzMzMzEyMjJjMjI2MzY5NzA2ODY1NzI1NDY1Nzg3NDIyM2EyMjM0MzEzODY1MzI2MTMwMzczMTYyMzc2MzYzMzQzODY1MzIzNzYxMzA2MjM3MzMzMDM2NjQzMjYyMzEzMjY0NjM2NDYyMzQ2MTMwNjE2NjM5MzEzNzY1MzgzMTMxMzM2MjMwMzYzNDYyMzczNjY1MzIzMjM1MzQzMTM3MzE2MzM2MzU2MjMxMzgzOTYyMzIzODYyNjM2MzY1MzEzMjMyMzMzMjM5MzQ2MTMyNjU2NTY1MzgzMTYxMzAzMzY2MzAzMTM3MzI2MjY0MzE2MzM0MzA2MTM2MzM2MzMwMzgzNTM1MzQzMzM3MzgzOTY0MzUzOTYzMzEzODM0MzE2MjYyNjIzNTY2NjMzOTMxMzY2NjM1Mzk2MzY0NjMzNTY0NjMzMDMzNjUzMDY0NjM2NDM3MzEzMDM5NjUzMTMxMzUzNzY2MjIyYzIyNmQ2MTYzMjIzYTIyMzA2MTMxNjI2MzM2NjYzMTMyNjEzMTM4NjM2MzMxNjQzNDY0MzI2NTYzMzMzNzMyMzQ2MjY2NjUzOTMwNjU2NTY0NjIzNTMwNjM2MjYzMzA2MTMwMzIzNzMzNjEzMDY0MzczODM0MzQzMDMzMzMzNTMwMzgzNzMwMzgzMTM1MzUyMjJjMjI3NzYxNzM1Mzc0NzI2OTZlNjcyMjNhNzQ3Mjc1NjU3ZCIsInB1YmxpY19rZXlzIjpbIjAyZWQ5YjE3MmUzOTJmZDU5NWU3OTE4YWEwYzIxYTQwMWE2YmMxZmJhM2JmZDg5ODcyZDNiOTJmYWJkOTcxNzEwYyJdLCJwcm9maWxlIjp7IkB0eXBlIjoiUGVyc29uIiwiQGNvbnRleHQiOiJodHRwOi8vc2NoZW1hLm9yZyIsIm5hbWUiOiJUZXN0In0sInVzZXJuYW1lIjpudWxsLCJjb3JlX3Rva2VuIjpudWxsLCJlbWFpbCI6bnVsbCwicHJvZmlsZV91cmwiOiJodHRwczovL2dhaWEuYmxvY2tzdGFjay5vcmcvaHViLzFOQnNuVnB4OVNWRDg4TXhDN3RQVUU2eHh1V3Qxd2lneUwvcHJvZmlsZS5qc29uIiwiaHViVXJsIjoiaHR0cHM6Ly9odWIuYmxvY2tzdGFjay5vcmciLCJibG9ja3N0YWNrQVBJVXJsIjoiaHR0cHM6Ly9jb3JlLmJsb2Nrc3RhY2sub3JnIiwiYXNzb2NpYXRpb25Ub2tlbiI6ImV5SjBlWEFpT2lKS1YxUWlMQ0poYkdjaU9pSkZVekkxTmtzaWZRLmV5SmphR2xzWkZSdlFYTnpiMk5wWVhSbElqb2lNREpsTkRJM01tUmhaRGhtT1dVd05XRXhaVGt6TjJFM1lXTmxaVEV6TnpnM05HUXpNalpoTWpFeVkyWTNOR1l4WTJReU9EVmtNemRqT1dSaE5HTTJaR1F6SWl3aWFYTnpJam9pTURKbFpEbGlNVGN5WlRNNU1tWmtOVGsxWlRjNU1UaGhZVEJqTWpGaE5EQXhZVFppWXpGbVltRXpZbVprT0RrNE56SmtNMkk1TW1aaFltUTVOekUzTVRCaklpd2laWGh3SWpvME1UQXlORFEwT0RBd0xDSnBZWFFpT2pFMU56YzRNelk0TURBc0luTmhiSFFpT2lJd01ERXhNakl6TXpRME5UVTJOamMzT0RnNU9XRmhZbUpqWTJSa1pXVm1aaUo5LnJXOHI4Ukl5RW5xWjdDSlJnUEh6MWdxYldzOTFudlNYQVB0SllJQmc2NEFMSjhDTDZoNE9zRnpBZUR3blp0LTFaV2JFNFl3NXBRbkJxeDBmbGFtZURRIiwidmVyc2lvbiI6IjEuMy4xIn0.bqHbSW8xkT5c6wxC79sjpRe-8nIKHac04pkBVZjB7Ne6T6r183wVuZW1oGlEYZIAtOeYCptpi-7osvdtPMT9xw";
const PROFILE_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJqdGkiOiIyMjIyMjIyMi0yMjIyLTQyMjItODIyMi0yMjIyMjIyMjIyMjIiLCJpYXQiOiIyMDIwLTAxLTAxVDAwOjAwOjAwLjAwMFoiLCJleHAiOiIyMTAwLTAxLTAxVDAwOjAwOjAwLjAwMFoiLCJzdWJqZWN0Ijp7InB1YmxpY0tleSI6IjAyZWQ5YjE3MmUzOTJmZDU5NWU3OTE4YWEwYzIxYTQwMWE2YmMxZmJhM2JmZDg5ODcyZDNiOTJmYWJkOTcxNzEwYyJ9LCJpc3N1ZXIiOnsicHVibGljS2V5IjoiMDJlZDliMTcyZTM5MmZkNTk1ZTc5MThhYTBjMjFhNDAxYTZiYzFmYmEzYmZkODk4NzJkM2I5MmZhYmQ5NzE3MTBjIn0sImNsYWltIjp7IkB0eXBlIjoiUGVyc29uIiwiQGNvbnRleHQiOiJodHRwOi8vc2NoZW1hLm9yZyIsIm5hbWUiOiJBbGljZSIsImRlc2NyaXB0aW9uIjoidGVzdCIsImltYWdlIjpbeyJAdHlwZSI6IkltYWdlT2JqZWN0IiwibmFtZSI6ImF2YXRhciIsImNvbnRlbnRVcmwiOiJodHRwczovL2V4YW1wbGUuY29tL2EucG5nIn1dLCJhY2NvdW50IjpbeyJAdHlwZSI6IkFjY291bnQiLCJzZXJ2aWNlIjoidHdpdHRlciIsImlkZW50aWZpZXIiOiJhbGljZSIsInByb29mVHlwZSI6Imh0dHAiLCJwcm9vZlVybCI6Imh0dHBzOi8vdHdpdHRlci5jb20vYWxpY2Uvc3RhdHVzLzEifV0sImFwcHMiOnsiaHR0cDovL2xvY2FsaG9zdDozMDAwIjoiaHR0cHM6Ly9nYWlhLmJsb2Nrc3RhY2sub3JnL2h1Yi8xNGJYNlExd2ZOaWp2SFNFWFhWZGpDZFlZdmhTY1A0SGJiLyJ9LCJhcGkiOnsiZ2FpYUh1YkNvbmZpZyI6eyJ1cmxfcHJlZml4IjoiaHR0cHM6Ly9nYWlhLmJsb2Nrc3RhY2sub3JnL2h1Yi8ifSwiZ2FpYUh1YlVybCI6Imh0dHBzOi8vaHViLmJsb2Nrc3RhY2sub3JnIn19fQ.I1e86Tyfg6rXxyohSfqdBjvKJ81A7t2q6Zpa2EDGmlbXX8kzC7D2B6LEtNnXCbyZHieeXt7AcvMIqEWecByhvw";
const GAIA_AUTH_HEADER = "bearer v1:eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJnYWlhQ2hhbGxlbmdlIjoiW1wiZ2FpYWh1YlwiLFwiMFwiLFwiaHViLmJsb2Nrc3RhY2sub3JnXCIsXCJibG9ja3N0YWNrX3N0b3JhZ2VfcGxlYXNlX3NpZ25cIl0iLCJodWJVcmwiOiJodHRwczovL2h1Yi5ibG9ja3N0YWNrLm9yZyIsImlzcyI6IjAyZTQyNzJkYWQ4ZjllMDVhMWU5MzdhN2FjZWUxMzc4NzRkMzI2YTIxMmNmNzRmMWNkMjg1ZDM3YzlkYTRjNmRkMyIsInNhbHQiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiIsImFzc29jaWF0aW9uVG9rZW4iOiJleUowZVhBaU9pSktWMVFpTENKaGJHY2lPaUpGVXpJMU5rc2lmUS5leUpqYUdsc1pGUnZRWE56YjJOcFlYUmxJam9pTURKbE5ESTNNbVJoWkRobU9XVXdOV0V4WlRrek4yRTNZV05sWlRFek56ZzNOR1F6TWpaaE1qRXlZMlkzTkdZeFkyUXlPRFZrTXpkak9XUmhOR00yWkdReklpd2lhWE56SWpvaU1ESmxaRGxpTVRjeVpUTTVNbVprTlRrMVpUYzVNVGhoWVRCak1qRmhOREF4WVRaaVl6Rm1ZbUV6WW1aa09EazROekprTTJJNU1tWmhZbVE1TnpFM01UQmpJaXdpWlhod0lqbzBNVEF5TkRRME9EQXdMQ0pwWVhRaU9qRTFOemM0TXpZNE1EQXNJbk5oYkhRaU9pSXdNREV4TWpJek16UTBOVFUyTmpjM09EZzVPV0ZoWW1KalkyUmtaV1ZtWmlKOS5yVzhyOFJJeUVucVo3Q0pSZ1BIejFncWJXczkxbnZTWEFQdEpZSUJnNjRBTEo4Q0w2aDRPc0Z6QWVEd25adC0xWldiRTRZdzVwUW5CcXgwZmxhbWVEUSJ9.ljUDmvXwPIoG0lVVzFLrDItApZdMJdl2VCSWSFGMRB_Z5rhRO4lMlDPgT7dOIxmSI1M7t40u-haZHyXRu6PHHA";

const { InstanceDataStore } = createRequire(import.meta.url)('blockstack/lib/auth/sessionStore.js') as {
  InstanceDataStore: new (data: object) => unknown;
};

/** The token with S replaced by n−S when S is high: what a low-S signer makes from the same nonce. */
function lowSTwin(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const sig = secp256k1.Signature.fromBytes(base64urlnopad.decode(signature), 'compact');
  if (!sig.hasHighS()) return token;
  const low = new secp256k1.Signature(sig.r, secp256k1.Point.CURVE().n - sig.s);
  return `${header}.${payload}.${base64urlnopad.encode(low.toBytes('compact'))}`;
}

const payloadOf = <T = Record<string, unknown>>(token: string): T => decodeToken(token).payload as T;

describe('§9 token vectors on both sides', () => {
  it('§9.5 auth request: both verify it, and we reproduce it', async () => {
    expect(verifyAuthRequest(AUTH_REQUEST)).toBe(true);
    expect(await blockstack.verifyAuthRequest(AUTH_REQUEST)).toBe(true);
    const p = payloadOf<{ jti: string; iat: number; exp: number; domain_name: string; manifest_uri: string; redirect_uri: string; scopes: string[] }>(AUTH_REQUEST);
    const ours = makeAuthRequest(TRANSIT_KEY, {
      appDomain: p.domain_name, manifestURI: p.manifest_uri, redirectURI: p.redirect_uri, scopes: p.scopes, jti: p.jti, iat: p.iat, expiresAt: p.exp * 1000,
    });
    expect(ours).toBe(lowSTwin(AUTH_REQUEST));
    expect(await blockstack.verifyAuthRequest(ours)).toBe(true);
  });

  it('§9.6 association token: we make it byte for byte; jsontokens verifies it', () => {
    const p = payloadOf<{ childToAssociate: string; exp: number; iat: number; salt: string }>(ASSOCIATION_TOKEN);
    expect(makeAssociationToken(IDENTITY_KEY, p.childToAssociate, { exp: p.exp, iat: p.iat, salt: p.salt })).toBe(ASSOCIATION_TOKEN);
    expect(new jsontokens.TokenVerifier('ES256K', getPublicKeyFromPrivate(IDENTITY_KEY)).verify(ASSOCIATION_TOKEN)).toBe(true);
  });

  it('§9.6 auth response: both verify it and recover the same app key', async () => {
    expect(await verifyAuthResponse(AUTH_RESPONSE)).toBe(true);
    expect(await blockstack.verifyAuthResponse(AUTH_RESPONSE, 'https://core.blockstack.org/v1/names')).toBe(true);
    const session = new blockstack.UserSession({
      appConfig: new blockstack.AppConfig(['store_write'], 'http://localhost:3000'),
      sessionStore: new InstanceDataStore({ transitKey: TRANSIT_KEY }),
    } as never);
    const theirs = await session.handlePendingSignIn(AUTH_RESPONSE);
    const ours = readAuthResponse(AUTH_RESPONSE, { transitPrivateKey: TRANSIT_KEY });
    expect(theirs.appPrivateKey).toBe(APP_KEY);
    expect(ours.appPrivateKey).toBe(APP_KEY);
    expect({ identityAddress: ours.identityAddress, hubUrl: ours.hubUrl, gaiaAssociationToken: ours.gaiaAssociationToken, username: ours.username }).toEqual({
      identityAddress: theirs.identityAddress, hubUrl: theirs.hubUrl, gaiaAssociationToken: theirs.gaiaAssociationToken, username: theirs.username,
    });
  });

  it('§9.7 profile token: both verify it, and we reproduce it', () => {
    expect(verifyProfileToken(PROFILE_TOKEN, '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL').ok).toBe(true);
    expect(() => blockstack.verifyProfileToken(PROFILE_TOKEN, '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL')).not.toThrow();
    const p = payloadOf<{ jti: string; iat: string; exp: string; claim: object }>(PROFILE_TOKEN);
    const ours = signProfileToken(p.claim, IDENTITY_KEY, undefined, undefined, 'ES256K', new Date(p.iat), new Date(p.exp), { jti: p.jti });
    expect(ours).toBe(lowSTwin(PROFILE_TOKEN));
    expect(() => blockstack.verifyProfileToken(ours, '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL')).not.toThrow();
  });

  it('§9.9 Gaia v1 token: our hub check accepts it, jsontokens verifies it, and we reproduce it', () => {
    expect(validateGaiaAuthHeader(GAIA_AUTH_HEADER, { address: '14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb', challengeTexts: getGaiaChallengeTexts('hub.blockstack.org') }))
      .toMatchObject({ ok: true, version: 'v1', signerAddress: '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL' });
    const jwt = GAIA_AUTH_HEADER.slice('bearer v1:'.length);
    expect(new jsontokens.TokenVerifier('ES256K', getPublicKeyFromPrivate(APP_KEY)).verify(jwt)).toBe(true);
    expect(verifyToken(jwt, getPublicKeyFromPrivate(APP_KEY))).toBe(true);
    const p = payloadOf<{ gaiaChallenge: string; hubUrl: string; salt: string; associationToken: string }>(jwt);
    const ours = makeV1GaiaAuthToken({
      challengeText: p.gaiaChallenge, privateKey: APP_KEY, hubUrl: p.hubUrl, salt: p.salt, associationToken: p.associationToken, iat: false,
    });
    expect(ours).toBe(`v1:${lowSTwin(jwt)}`);
  });
});
