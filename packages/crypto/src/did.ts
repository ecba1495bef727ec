/** `did:btc-addr:` DIDs (auth-and-storage.md §0.2). */
export function makeDIDFromAddress(address: string): string {
  return `did:btc-addr:${address}`;
}

export function makeDIDFromPublicKey(publicKeyHex: string): string {
  return `did:ecdsa-pub:${publicKeyHex}`;
}

export interface ParsedDID {
  readonly type: string;
  readonly identifier: string;
}

/** Splits on ':'; exactly three parts, the first `did` in any case; the type is lower-cased. Anything else is null. */
export function parseDID(did: unknown): ParsedDID | null {
  if (typeof did !== 'string') return null;
  const parts = did.split(':');
  if (parts.length !== 3 || parts[0]!.toLowerCase() !== 'did') return null;
  return { type: parts[1]!.toLowerCase(), identifier: parts[2]! };
}

/** The address of a `did:btc-addr:` DID; null for any other DID type or malformed input. */
export function getAddressFromDID(did: unknown): string | null {
  const parsed = parseDID(did);
  return parsed && parsed.type === 'btc-addr' ? parsed.identifier : null;
}
