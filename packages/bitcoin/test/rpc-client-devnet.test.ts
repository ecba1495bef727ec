import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as btc from '@scure/btc-signer';
import { Transaction } from 'bitcoinjs-lib';
import { getPublicKeyFromPrivate, getUncompressedPublicKeyFromPrivate, hexToBytes } from '@bsk/crypto';
import { createDevnet, type Devnet } from '../src/devnet/index.js';
import {
  BitcoindClient,
  BlockFollower,
  buildTransaction,
  RpcAuthError,
  RpcDeserializationError,
  RpcVerifyError,
  scriptToAddress,
  senderPublicKey,
  signerScript,
  transactionNulldata,
  type ChainEvent,
  type InputSigner,
  type UnspentOutput,
} from '../src/index.js';
import { testKey } from './tx-helpers.js';

/*
 * The RPC client against the devnet chain (E2's bitcoind-compatible node): the whole path a
 * naming client takes — fund, build, sign, broadcast, mine, read back, spend again.
 */

const USER = 'bsk';
const PASSWORD = 'devnet-secret';
let devnet: Devnet;
let client: BitcoindClient;

beforeAll(async () => {
  devnet = await createDevnet({ datadir: ':memory:', rpc: { port: 0, host: '127.0.0.1', user: USER, password: PASSWORD } });
  client = new BitcoindClient({ url: devnet.url, network: 'regtest', credentials: { username: USER, password: PASSWORD }, backoffMs: 5 });
});
afterAll(async () => {
  await devnet.stop();
});

function addressOf(signer: InputSigner): string {
  return scriptToAddress(signerScript(signer), 'regtest')!;
}

async function mine(count = 1): Promise<string[]> {
  return client.call<string[]>('generatetoaddress', count, devnet.faucet.address);
}

async function funded(signer: InputSigner, btcAmount: number): Promise<UnspentOutput[]> {
  devnet.faucet.fund(addressOf(signer), btcAmount);
  const utxos = await client.getUnspentOutputs(addressOf(signer));
  expect(utxos.length).toBeGreaterThan(0);
  return utxos;
}

const signers: Record<string, InputSigner> = {
  'p2pkh (compressed)': { type: 'p2pkh', privateKey: testKey(301) },
  'p2pkh (uncompressed)': { type: 'p2pkh', privateKey: testKey(302), compressed: false },
  p2wpkh: { type: 'p2wpkh', privateKey: testKey(303) },
  'p2sh-p2wpkh': { type: 'p2sh-p2wpkh', privateKey: testKey(304) },
  'p2sh 2-of-3 multisig': {
    type: 'p2sh-multisig',
    required: 2,
    publicKeys: [getPublicKeyFromPrivate(testKey(311)), getUncompressedPublicKeyFromPrivate(testKey(312)), getPublicKeyFromPrivate(testKey(313))],
    privateKeys: [testKey(311), testKey(312)],
  },
};

describe('BitcoindClient on the devnet', () => {
  it('reads the tip and fee rate', async () => {
    const tip = await client.getTip();
    expect(tip.hash).toBe(await client.getBlockHash(tip.height));
    expect(await client.getFeeRate()).toBeGreaterThan(0);
  });

  it.each(Object.entries(signers))('funds, builds, signs, broadcasts, mines and spends %s', async (_name, signer) => {
    const utxos = await funded(signer, 1);
    const payload = `69643f${'cd'.repeat(20)}`;
    const built = buildTransaction({
      network: 'regtest',
      feeRate: 2,
      outputs: [{ nulldata: payload }, { address: addressOf(signer), value: 10_000 }],
      funding: { signer, utxos },
    });
    expect(await client.broadcast(built.hex)).toBe(built.txid);
    const unconfirmed = await client.getTransaction(built.txid);
    expect(unconfirmed.confirmations).toBe(0);
    expect(unconfirmed.blockHash).toBeNull();

    const [hash] = await mine();
    const block = await client.getBlock(hash!);
    const inBlock = block.transactions.find((tx) => tx.txid === built.txid)!;
    expect(inBlock).toBeDefined();
    expect(transactionNulldata(inBlock.outputs)).toBe(payload);
    expect(inBlock.inputs[0]!.prevout).toMatchObject({ value: utxos[0]!.value, script: utxos[0]!.script, address: addressOf(signer) });
    if (signer.type === 'p2sh-multisig') {
      expect(inBlock.inputs[0]!.publicKey).toBeNull();
    } else {
      const key = signer.type === 'p2pkh' && signer.compressed === false ? getUncompressedPublicKeyFromPrivate(signer.privateKey) : getPublicKeyFromPrivate(signer.privateKey);
      expect(inBlock.inputs[0]!.publicKey).toBe(key);
      expect(senderPublicKey(inBlock.inputs, inBlock.inputs[0]!.prevout!.script)).toBe(signer.type === 'p2pkh' ? key : null);
    }
    const confirmed = await client.getTransaction(built.txid);
    expect(confirmed).toMatchObject({ blockHash: hash, blockHeight: block.height, confirmations: 1 });

    // Spend what it paid to itself (the 10,000 sat output and the change) in a second transaction.
    const next = (await client.getUnspentOutputs(addressOf(signer))).filter((u) => u.txid === built.txid);
    expect(next.map((u) => u.value).sort((a, b) => a - b)[0]).toBe(10_000);
    const spend = buildTransaction({ network: 'regtest', feeRate: 1, outputs: [{ address: devnet.faucet.address, value: 5_000 }], funding: { signer, utxos: next } });
    expect(await client.broadcast(spend.hex)).toBe(spend.txid);
    await mine();
    expect((await client.getTransaction(spend.txid)).confirmations).toBe(1);
  });

  it('accepts a transaction built by @scure/btc-signer', async () => {
    const signer: InputSigner = { type: 'p2wpkh', privateKey: testKey(321) };
    const [utxo] = await funded(signer, 0.5);
    const tx = new btc.Transaction({ version: 2 });
    tx.addInput({ txid: utxo!.txid, index: utxo!.vout, witnessUtxo: { script: hexToBytes(utxo!.script), amount: BigInt(utxo!.value) } });
    tx.addOutputAddress(devnet.faucet.address, BigInt(utxo!.value - 1_000), { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef });
    tx.sign(hexToBytes(testKey(321)));
    tx.finalize();
    expect(await client.broadcast(tx.hex)).toBe(tx.id);
  });

  it('gets typed rejections: undecodable, tampered signature, double spend', async () => {
    const signer: InputSigner = { type: 'p2pkh', privateKey: testKey(331) };
    const utxos = await funded(signer, 0.2);
    await expect(client.broadcast('0badc0de')).rejects.toMatchObject({ code: -22 });
    await expect(client.broadcast('0badc0de')).rejects.toBeInstanceOf(RpcDeserializationError);

    const built = buildTransaction({ network: 'regtest', feeRate: 1, outputs: [{ address: devnet.faucet.address, value: 50_000 }], funding: { signer, utxos } });
    const tampered = Transaction.fromHex(built.hex);
    const script = tampered.ins[0]!.script.slice();
    script[12] = script[12]! ^ 0x01;
    tampered.setInputScript(0, script);
    const rejection = await client.broadcast(tampered.toHex()).catch((e: unknown) => e);
    expect(rejection).toBeInstanceOf(RpcVerifyError);
    expect((rejection as RpcVerifyError).code).toBe(-26);

    expect(await client.broadcast(built.hex)).toBe(built.txid);
    const conflicting = buildTransaction({ network: 'regtest', feeRate: 1, outputs: [{ address: devnet.faucet.address, value: 40_000 }], funding: { signer, utxos } });
    await expect(client.broadcast(conflicting.hex)).rejects.toBeInstanceOf(RpcVerifyError);
  });

  it('lists unspent outputs through the watch-only wallet too', async () => {
    const signer: InputSigner = { type: 'p2pkh', privateKey: testKey(341) };
    devnet.faucet.fund(addressOf(signer), 0.3);
    const wallet = new BitcoindClient({ url: devnet.url, network: 'regtest', credentials: { username: USER, password: PASSWORD }, unspentSource: 'wallet' });
    const fromWallet = await wallet.getUnspentOutputs(addressOf(signer));
    const fromScan = await client.getUnspentOutputs(addressOf(signer));
    expect(fromWallet.map((u) => [u.txid, u.vout, u.value, u.script, u.height])).toEqual(fromScan.map((u) => [u.txid, u.vout, u.value, u.script, u.height]));
    expect(fromWallet[0]!.value).toBe(30_000_000);
  });

  it('follows the chain through invalidateblock / reconsiderblock reorganisations', async () => {
    const tip = await client.getTip();
    const follower = new BlockFollower(client, { startHeight: tip.height - 2, blockOptions: { prevouts: false } });
    const drain = async (): Promise<ChainEvent[]> => {
      const events: ChainEvent[] = [];
      for await (const event of follower.sync()) events.push(event);
      return events;
    };
    expect((await drain()).map((e) => e.type)).toEqual(['connect', 'connect', 'connect']);
    const old = await mine(2);
    await drain();
    await client.call('invalidateblock', old[0]);
    const replacement = await client.call<string[]>('generatetoaddress', 3, addressOf(signers.p2wpkh!));
    const events = await drain();
    expect(events.map((e) => (e.type === 'connect' ? `+${e.block.hash}` : `-${e.hash}`))).toEqual([`-${old[1]}`, `-${old[0]}`, ...replacement.map((h) => `+${h}`)]);
    expect(follower.tip).toEqual(await client.getTip());
  });

  it('refuses wrong credentials with RpcAuthError', async () => {
    const stranger = new BitcoindClient({ url: devnet.url, network: 'regtest', credentials: { username: USER, password: 'nope' } });
    await expect(stranger.getTip()).rejects.toBeInstanceOf(RpcAuthError);
  });

  it('reads getblock verbosity 2 transactions byte-identically to getblock verbosity 0', async () => {
    const tip = await client.getTip();
    const raw = await client.call<string>('getblock', tip.hash, 0);
    const block = await client.getBlock(tip.hash, { prevouts: false });
    const hexes = block.transactions.map((tx) => tx.hex).join('');
    expect(raw.endsWith(hexes)).toBe(true);
  });
});
