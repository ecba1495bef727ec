import * as ecc from '@bitcoinerlab/secp256k1';
import { address as baddress, crypto as bcrypto, networks, payments, script as bscript, Transaction } from 'bitcoinjs-lib';
import { createDevnet, type Devnet } from '../src/devnet/index.js';

/** Small scenario helpers for the devnet tests: a started devnet, an RPC caller, keys and spends. */

export const RPC_USER = 'blockstack';
export const RPC_PASSWORD = 'blockstacksystem';
export const network = networks.regtest;

export async function startDevnet(datadir = ':memory:', now?: () => number): Promise<Devnet> {
  return createDevnet({ datadir, rpc: { port: 0, host: '127.0.0.1', user: RPC_USER, password: RPC_PASSWORD }, now });
}

export interface RawReply {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

export async function post(url: string, body: string, auth: string | null = `${RPC_USER}:${RPC_PASSWORD}`): Promise<RawReply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (auth !== null) headers.Authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export class RpcCallError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Calls one method (JSON-RPC 1.0 as bitcoin clients send it); throws RpcCallError on error. */
export async function rpc<T = unknown>(devnet: Devnet, method: string, ...params: unknown[]): Promise<T> {
  const reply = await post(devnet.url, JSON.stringify({ jsonrpc: '1.0', id: 'test', method, params }));
  const body = JSON.parse(reply.text) as { result: T; error: { code: number; message: string } | null };
  if (body.error) throw new RpcCallError(body.error.code, body.error.message, reply.status);
  return body.result;
}

export async function rpcError(devnet: Devnet, method: string, ...params: unknown[]): Promise<RpcCallError> {
  try {
    await rpc(devnet, method, ...params);
  } catch (e) {
    if (e instanceof RpcCallError) return e;
    throw e;
  }
  throw new Error(`${method} unexpectedly succeeded`);
}

export type KeyType = 'p2pkh' | 'p2wpkh' | 'p2sh-p2wpkh';

export interface TestKey {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export function key(seed: string): TestKey {
  const privateKey = bcrypto.sha256(new TextEncoder().encode(seed));
  return { privateKey, publicKey: ecc.pointFromScalar(privateKey, true)! };
}

export function paymentFor(k: TestKey, type: KeyType): payments.Payment {
  if (type === 'p2pkh') return payments.p2pkh({ pubkey: k.publicKey, network });
  if (type === 'p2wpkh') return payments.p2wpkh({ pubkey: k.publicKey, network });
  return payments.p2sh({ redeem: payments.p2wpkh({ pubkey: k.publicKey, network }), network });
}

export function addressOf(k: TestKey, type: KeyType): string {
  return paymentFor(k, type).address!;
}

export interface MultisigOwner {
  readonly keys: TestKey[];
  readonly m: number;
  readonly redeem: Uint8Array;
  readonly address: string;
}

export function multisig(m: number, keys: TestKey[]): MultisigOwner {
  const p2ms = payments.p2ms({ m, pubkeys: keys.map((k) => k.publicKey), network });
  const p2sh = payments.p2sh({ redeem: p2ms, network });
  return { keys, m, redeem: p2ms.output!, address: p2sh.address! };
}

export interface SpendInput {
  readonly txid: string;
  readonly vout: number;
  readonly value: number;
  readonly owner: { key: TestKey; type: KeyType } | MultisigOwner;
  readonly sequence?: number;
}

export interface SpendOutput {
  readonly address?: string;
  readonly script?: Uint8Array;
  readonly value: number;
}

function sigFor(k: TestKey, digest: Uint8Array, hashType = Transaction.SIGHASH_ALL): Uint8Array {
  return bscript.signature.encode(ecc.sign(digest, k.privateKey), hashType);
}

/** Builds and signs a transaction with bitcoinjs-lib (legacy, BIP143 and P2SH multisig inputs). */
export function spend(inputs: SpendInput[], outputs: SpendOutput[], version = 2): Transaction {
  const tx = new Transaction();
  tx.version = version;
  for (const input of inputs) tx.addInput(Buffer.from(input.txid, 'hex').reverse(), input.vout, input.sequence ?? 0xfffffffd);
  for (const output of outputs) {
    tx.addOutput(output.script ?? baddress.toOutputScript(output.address!, network), BigInt(output.value));
  }
  inputs.forEach((input, i) => {
    const owner = input.owner;
    if ('redeem' in owner) {
      const digest = tx.hashForSignature(i, owner.redeem, Transaction.SIGHASH_ALL);
      const sigs = owner.keys.slice(0, owner.m).map((k) => sigFor(k, digest));
      tx.setInputScript(i, bscript.compile([bscript.OPS.OP_0, ...sigs, owner.redeem]));
      return;
    }
    const { key: k, type } = owner;
    const p2pkhCode = payments.p2pkh({ pubkey: k.publicKey, network }).output!;
    if (type === 'p2pkh') {
      const digest = tx.hashForSignature(i, p2pkhCode, Transaction.SIGHASH_ALL);
      tx.setInputScript(i, bscript.compile([sigFor(k, digest), k.publicKey]));
      return;
    }
    const digest = tx.hashForWitnessV0(i, p2pkhCode, BigInt(input.value), Transaction.SIGHASH_ALL);
    tx.setWitness(i, [sigFor(k, digest), k.publicKey]);
    if (type === 'p2sh-p2wpkh') {
      const redeem = payments.p2wpkh({ pubkey: k.publicKey, network }).output!;
      tx.setInputScript(i, bscript.compile([redeem]));
    }
  });
  return tx;
}

/** Funds `address` through the faucet RPC with `btc` BTC (1 confirmation); returns the outpoint. */
export async function fund(devnet: Devnet, address: string, btc: number): Promise<{ txid: string; vout: number; value: number }> {
  const paid = await rpc<{ txid: string; vout: number }>(devnet, 'faucet', address, btc);
  return { txid: paid.txid, vout: paid.vout, value: Math.round(btc * 1e8) };
}
