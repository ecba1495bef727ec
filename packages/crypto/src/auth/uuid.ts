import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToHex } from '../bytes.js';

/**
 * A v4-shaped UUID `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` (y ∈ 8..b), used as the `jti` of every token
 * (auth-and-storage.md §0.4). The reference mixes the clock with Math.random; we use the system CSPRNG.
 */
export function makeUUID4(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
