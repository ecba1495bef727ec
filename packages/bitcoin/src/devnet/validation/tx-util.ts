import { crypto as bcrypto, type Transaction, type TxInput } from 'bitcoinjs-lib';

/** Hex in bitcoind's display order (byte-reversed hashes). */
export function reversedHex(hash: Uint8Array): string {
  return Buffer.from(hash).reverse().toString('hex');
}

export function hexToReversed(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex').reverse());
}

const txids = new WeakMap<Transaction, string>();

/**
 * The txid, computed once per transaction object: the node hashes the same transaction in the
 * mempool, the miner, the chain and the RPC replies. Transactions are never modified once the
 * node holds them.
 */
export function txidOf(tx: Transaction): string {
  let txid = txids.get(tx);
  if (txid === undefined) {
    txid = tx.getId();
    txids.set(tx, txid);
  }
  return txid;
}

export function prevoutTxid(input: TxInput): string {
  return reversedHex(input.hash);
}

export function isNullPrevout(input: TxInput): boolean {
  return input.index === 0xffffffff && input.hash.every((b) => b === 0);
}

/** The witness txid; bitcoinjs-lib zeroes it for coinbases (as the witness merkle tree does), bitcoind's RPC does not. */
export function wtxid(tx: Transaction): string {
  return reversedHex(bcrypto.hash256(tx.toBuffer()));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Serialized size without witness data (GetSerializeSize with TX_NO_WITNESS). */
export function strippedSize(tx: Transaction): number {
  return tx.byteLength(false);
}
