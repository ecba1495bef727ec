import { decodeAddress, hashToAddress, NETWORKS } from '../address.js';
import { bytesToHex, concatBytes, equalBytes, hexToBytes } from '../bytes.js';
import { signDigest, verifyDigest } from '../ecdsa.js';
import { invalid } from '../errors.js';
import { hash160, sha256 } from '../hash.js';
import { getPublicKeyFromPrivate, isValidPublicKey, privateKeyToBytes } from '../keys.js';
import { decodeBase64AsPython2, encodeBase64 } from './base64.js';
import { makeMultisigRedeemScriptBytes, parseMultisigRedeemScript } from './multisig.js';
import type { SubdomainRecord } from './record.js';
import { pushData, readScript } from './script.js';
import type { ScriptItem } from './script.js';
import { subdomainSigningPlaintext } from './txt.js';

/*
 * Subdomain signatures (bns.md §8.2; `verify`, `verify_singlesig`, `verify_multisig` in
 * blockstack-core `subdomains.py`). The digest is SHA-256 of the signing plaintext; each
 * signature is compact r‖s (64 bytes, no DER, no sighash byte), signed low-S and verified
 * with any S. The `sig` value is the base64 of a scriptSig:
 *   single key: [signature, public key]      (P2PKH owner)
 *   multisig:   [OP_0, sig1…sigm, redeem]    (P2SH owner)
 */

export function subdomainSigningDigest(record: SubdomainRecord): Uint8Array {
  return sha256(subdomainSigningPlaintext(record));
}

/** Signs for a P2PKH owner; returns the base64 scriptSig for the record's `sig`. */
export function signSubdomainRecord(record: SubdomainRecord, privateKeyHex: string): string {
  const signature = signDigest(subdomainSigningDigest(record), privateKeyToBytes(privateKeyHex));
  const publicKey = hexToBytes(getPublicKeyFromPrivate(privateKeyHex));
  return encodeBase64(concatBytes(pushData(signature), pushData(publicKey)));
}

/** The P2SH address owning an m-of-n multisig subdomain (mainnet versions). */
export function subdomainMultisigAddress(required: number, publicKeys: readonly string[]): string {
  return hashToAddress(hash160(makeMultisigRedeemScriptBytes(required, publicKeys)), NETWORKS.mainnet.p2sh);
}

/**
 * Signs for a P2SH m-of-n owner with m of its keys. The keys must be given in the order
 * their public keys appear in the redeem script, as verification walks them in order.
 */
export function signSubdomainRecordMultisig(
  record: SubdomainRecord,
  privateKeysHex: readonly string[],
  required: number,
  publicKeys: readonly string[],
): string {
  if (privateKeysHex.length !== required) invalid('bad_multisig', `exactly ${required} signing keys are needed`);
  const redeemScript = makeMultisigRedeemScriptBytes(required, publicKeys);
  const digest = subdomainSigningDigest(record);
  const signatures = privateKeysHex.map((key) => pushData(signDigest(digest, privateKeyToBytes(key))));
  return encodeBase64(concatBytes(Uint8Array.of(0), ...signatures, pushData(redeemScript)));
}

/**
 * virtualchain's script reader first hex-decodes a script made only of ASCII hex digits,
 * so a `sig` whose base64 holds the *hex text* of a scriptSig verifies at the reference;
 * we read it the same way (odd-length hex text fails there, and here).
 */
function hexTextToBytes(script: Uint8Array): Uint8Array {
  const isHexDigit = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
  if (!script.every(isHexDigit)) return script;
  if (script.length % 2 !== 0) invalid('bad_script', 'odd-length hex script');
  return hexToBytes(new TextDecoder().decode(script));
}

type OwnerKind = 'p2pkh' | 'p2sh';

/** The reference re-encodes addresses to its own network first, so either network's versions work. */
function ownerKind(address: string): { kind: OwnerKind; hash: Uint8Array } | null {
  let decoded: { version: number; hash: string };
  try {
    decoded = decodeAddress(address);
  } catch {
    return null;
  }
  const hash = hexToBytes(decoded.hash);
  if (decoded.version === NETWORKS.mainnet.p2pkh || decoded.version === NETWORKS.testnet.p2pkh) return { kind: 'p2pkh', hash };
  if (decoded.version === NETWORKS.mainnet.p2sh || decoded.version === NETWORKS.testnet.p2sh) return { kind: 'p2sh', hash };
  return null;
}

function verifySingleSig(ownerHash: Uint8Array, digest: Uint8Array, items: ScriptItem[]): boolean {
  if (items.length !== 2) return false;
  const [signature, publicKey] = items;
  if (!(signature instanceof Uint8Array) || !(publicKey instanceof Uint8Array)) return false;
  if (!isValidPublicKey(bytesToHex(publicKey)) || !equalBytes(hash160(publicKey), ownerHash)) return false;
  return verifyDigest(digest, signature, publicKey, 'compact');
}

/** m signatures, each matched against the redeem script's keys in order, never going back. */
function verifyMultiSig(ownerHash: Uint8Array, digest: Uint8Array, items: ScriptItem[]): boolean {
  if (items.length < 2) return false;
  const redeemScript = items[items.length - 1];
  if (!(redeemScript instanceof Uint8Array) || !equalBytes(hash160(redeemScript), ownerHash)) return false;
  const multisig = parseMultisigRedeemScript(redeemScript);
  if (!multisig) return false;
  const signatures = items.slice(1, -1);
  if (signatures.length !== multisig.required) return false;
  let keyIndex = 0;
  for (const signature of signatures) {
    if (!(signature instanceof Uint8Array)) return false;
    let matched = false;
    while (!matched) {
      const key = multisig.publicKeys[keyIndex++];
      if (key === undefined) return false;
      matched = verifyDigest(digest, signature, key, 'compact');
    }
  }
  return true;
}

/**
 * Whether the record's `sig` is a valid signature by `ownerAddress` — the *previous*
 * record's owner (bns.md §8.2). False for anything malformed; never throws.
 */
export function verifySubdomainSignature(record: SubdomainRecord, ownerAddress: string): boolean {
  try {
    if (typeof record.signature !== 'string') return false;
    const owner = ownerKind(ownerAddress);
    const scriptSig = decodeBase64AsPython2(record.signature);
    if (!owner || !scriptSig) return false;
    const digest = subdomainSigningDigest(record);
    const items = readScript(hexTextToBytes(scriptSig));
    return owner.kind === 'p2pkh' ? verifySingleSig(owner.hash, digest, items) : verifyMultiSig(owner.hash, digest, items);
  } catch {
    return false;
  }
}
