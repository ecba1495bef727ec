/** An unspent output as the UTXO set keeps it (src/coins.h Coin). */
export interface Coin {
  readonly value: number;
  readonly script: Uint8Array;
  /** Height of the block that created it; MEMPOOL_HEIGHT for unconfirmed outputs. */
  readonly height: number;
  readonly coinbase: boolean;
}

/** Height bitcoind gives outputs that exist only in the mempool. */
export const MEMPOOL_HEIGHT = 0x7fffffff;

export interface Outpoint {
  readonly txid: string;
  readonly vout: number;
}

/** A read view of unspent outputs (CCoinsView). */
export interface CoinsView {
  getCoin(txid: string, vout: number): Coin | undefined;
}

export function outpointKey(txid: string, vout: number): string {
  return `${txid}:${vout}`;
}
