import { bytesToHex, hexToBytes, utf8ToBytes } from '../bytes.js';
import { sha256 } from '../hash.js';
import type { CurveBackend } from './types.js';

/*
 * Known answers a backend must reproduce before it is used. node:crypto can exist without
 * secp256k1 (a FIPS-only OpenSSL, BoringSSL in other runtimes), or could one day refuse high-S
 * signatures; a WebAssembly build could sign with another nonce function. Any such backend is
 * replaced by the next one down (backend/index.ts) instead of giving wrong answers.
 */

// auth-and-storage.md §9.2 vector D: the shared x begins with a zero byte, so padding is checked too.
const ECDH_SECRET = hexToBytes('a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229');
const ECDH_PEER = '0248bb3a0347d328af4018006ada31eeba8208b40f376616fa27e6c2cff13b9820';
const ECDH_X = '004b549c14171dd79e75dcf2157d061747845b7937c374e09d9c266312706cf9';

// A high-S signature (r, n − s) by the same key over this message: verifiers must accept it (§0.3).
// SIGNER is ECDH_SECRET's public key.
const SIGNER = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';
const SIGNER_UNCOMPRESSED = '047d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69ed9010da54848f314ed0f5abcdca2ef89032f6a2c97900728504e2e20e1b8f36';
const MESSAGE = 'bsk curve backend self-test';
const HIGH_S_COMPACT = '599d422417c9a0de6b3d832701a28de52e17ba1c1d841f3761c60cb35f713583b85e1a288b650e89e7c81755909453d3688fb830d84c4baf5a4f7cd14be8dbb8';
// What ECDH_SECRET signs over SHA-256(MESSAGE): the RFC 6979 nonce, low-S (noble's and elliptic's bytes).
const LOW_S_COMPACT = '599d422417c9a0de6b3d832701a28de52e17ba1c1d841f3761c60cb35f71358347a1e5d7749af1761837e8aa6f6bac2b521f24b5d6fc548c6582e1bb844d6589';
// The same key signing SHA-256(`${MESSAGE} 3`): its RFC 6979 nonce gives a high s, so this is n − s.
const NORMALIZED_COMPACT = 'ba41010f3a1d2792a9edc69fb6a76e95ac96cbf5d707959d7ea157ec2c49ce8b57ee218b34abc897bdc7888a74ff029ad2983a95b88c7a4b63b83aed2ac25fc8';
const HIGH_S_DER = '30450220599d422417c9a0de6b3d832701a28de52e17ba1c1d841f3761c60cb35f713583022100b85e1a288b650e89e7c81755909453d3688fb830d84c4baf5a4f7cd14be8dbb8';

/** True when the backend gives every known answer; any exception counts as a failure. */
export function passesCurveSelfTest(backend: CurveBackend): boolean {
  try {
    const message = utf8ToBytes(MESSAGE);
    const other = utf8ToBytes(`${MESSAGE}!`);
    return (
      bytesToHex(backend.ecdhX(ECDH_SECRET, backend.uncompressedPoint(hexToBytes(ECDH_PEER)))) === ECDH_X &&
      bytesToHex(backend.publicKey(ECDH_SECRET, true)) === SIGNER &&
      bytesToHex(backend.publicKey(ECDH_SECRET, false)) === SIGNER_UNCOMPRESSED &&
      bytesToHex(backend.signDigest(sha256(message), ECDH_SECRET)) === LOW_S_COMPACT &&
      bytesToHex(backend.signDigest(sha256(utf8ToBytes(`${MESSAGE} 3`)), ECDH_SECRET)) === NORMALIZED_COMPACT &&
      backend.verifySha256(message, hexToBytes(LOW_S_COMPACT), SIGNER, 'compact') &&
      backend.verifySha256(message, hexToBytes(HIGH_S_COMPACT), SIGNER, 'compact') &&
      backend.verifySha256(message, hexToBytes(HIGH_S_DER), SIGNER, 'der') &&
      !backend.verifySha256(other, hexToBytes(HIGH_S_COMPACT), SIGNER, 'compact')
    );
  } catch {
    return false;
  }
}
