import { Transaction } from 'bitcoinjs-lib';
import { bytesToHex, equalBytes, hexToBytes, InvalidInputError, type NetworkName } from '@bsk/crypto';
import { classifyScript, scriptToAddress } from './classify.js';
import type { ParsedInput, ParsedOutput, ParsedTransaction } from './types.js';

/** Bitcoin's MAX_MONEY: no valid output carries more (consensus rule "bad-txns-vout-toolarge"). */
export const MAX_MONEY = 21_000_000 * 100_000_000;

/**
 * Parses a raw transaction (legacy or BIP144 segwit serialization). Throws only InvalidInputError:
 * for bytes that do not decode, trailing data, amounts outside 0..MAX_MONEY, and encodings that do
 * not re-serialize byte-identically (non-canonical sizes, empty witness sections) — the same sanity
 * check the naming protocol applies (bns.md §1.2).
 */
export function parseTransaction(raw: string | Uint8Array, network: NetworkName): ParsedTransaction {
  const bytes = typeof raw === 'string' ? hexToBytes(raw) : raw;
  let tx: Transaction;
  try {
    tx = Transaction.fromBuffer(bytes);
  } catch (error) {
    throw new InvalidInputError('bad_transaction', `undecodable transaction: ${(error as Error).message}`);
  }
  let reserialized: Uint8Array;
  try {
    reserialized = tx.toBuffer();
  } catch (error) {
    throw new InvalidInputError('bad_transaction', `unserializable transaction: ${(error as Error).message}`);
  }
  if (!equalBytes(reserialized, bytes)) throw new InvalidInputError('non_canonical_transaction', 'transaction does not re-serialize byte-identically');
  return describeTransaction(tx, bytesToHex(bytes), network);
}

/** The parsed view of a bitcoinjs transaction (used by the builder too). */
export function describeTransaction(tx: Transaction, hex: string, network: NetworkName): ParsedTransaction {
  const isCoinbase = tx.isCoinbase();
  const inputs: ParsedInput[] = tx.ins.map((input, index) => ({
    index,
    txid: bytesToHex(input.hash.slice().reverse()),
    vout: input.index,
    scriptSig: bytesToHex(input.script),
    witness: input.witness.map(bytesToHex),
    sequence: input.sequence,
    isCoinbase,
  }));
  const outputs: ParsedOutput[] = tx.outs.map((output, index) => {
    if (output.value < 0n || output.value > BigInt(MAX_MONEY)) throw new InvalidInputError('bad_value', `output ${index} value is outside 0..MAX_MONEY`);
    return {
      index,
      value: Number(output.value),
      script: bytesToHex(output.script),
      type: classifyScript(output.script).type,
      address: scriptToAddress(output.script, network),
    };
  });
  const weight = tx.weight();
  return {
    txid: tx.getId(),
    wtxid: bytesToHex(tx.getHash(true).slice().reverse()),
    hex,
    version: tx.version,
    locktime: tx.locktime,
    size: hex.length / 2,
    vsize: Math.ceil(weight / 4),
    weight,
    inputs,
    outputs,
  };
}
