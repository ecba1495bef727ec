/**
 * JSON as bitcoind writes it (UniValue): compact, keys in insertion order, and amounts as
 * fixed-point numbers with eight decimals (ValueFromAmount: 50 BTC is `50.00000000`).
 */

/** A BTC amount held in satoshis, written with eight decimals. */
export class BtcAmount {
  constructor(readonly satoshis: number) {}

  toJSON(): number {
    return this.satoshis / 1e8;
  }

  toString(): string {
    const sign = this.satoshis < 0 ? '-' : '';
    const abs = Math.abs(this.satoshis);
    return `${sign}${Math.floor(abs / 1e8)}.${String(abs % 1e8).padStart(8, '0')}`;
  }
}

export const btc = (satoshis: number): BtcAmount => new BtcAmount(satoshis);

export function writeJson(value: unknown): string {
  if (value instanceof BtcAmount) return value.toString();
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${writeJson(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  // UniValue prints doubles with 16 significant digits (regtest difficulty: 4.656542373906925e-10).
  if (typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)) return JSON.stringify(Number(value.toPrecision(16)));
  return JSON.stringify(value) ?? 'null';
}
