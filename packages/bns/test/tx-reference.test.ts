import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Blockstack from 'blockstack';
import { keySignerFromBlockstackHex, parseTransaction, signerScript, type ParsedTransaction, type UnspentOutput } from '@bsk/bitcoin';
import { bytesToHex, sha256 } from '@bsk/crypto';
import {
  DEVNET,
  buildNameTransaction,
  planAnnounce,
  planNameImport,
  planNamePreorder,
  planNameRegistration,
  planNameRenewal,
  planNameRevoke,
  planNameTransfer,
  planNameUpdate,
  planNamespacePreorder,
  planNamespaceReady,
  planNamespaceReveal,
  walletAddress,
  type NameTxWallet,
  type NamespaceTerms,
} from '../src/index.js';

/*
 * Our transaction builders next to the reference client's (blockstack@21.1.1 `transactions.make*`,
 * the layouts bns.md §3.14 summarises): given the same keys, unspent outputs, consensus hash,
 * price and burn address, both produce the same inputs in the same order, the same OP_RETURN, and
 * the same outputs — scripts and values — except the payer's change, whose value depends on each
 * client's size estimate. The reference is loaded from the interop package's dev dependency.
 */

const require = createRequire(import.meta.url);
const blockstack = require('blockstack') as typeof Blockstack;

const params = DEVNET;
const HEIGHT = 200;
const FEE_RATE = 10;
const CH = 'a55d440eb192a1857739b0e0742fd312';
const H11 = '11'.repeat(20);
const PRICE = 640_000; // foo.test in epoch 3 (cli-and-scenarios.md §B.3)
const NAMESPACE_PRICE = 40_000_000;

/** blockstack.js keys: hex with the 01 compressed suffix. */
const key = (label: string): string => `${bytesToHex(sha256(label))}01`;
const payerKey = key('reference payer');
const ownerKey = key('reference owner');
const revealKey = key('reference revealer');

const fixtures = new Map<string, UnspentOutput[]>();

function wallet(privateKey: string, values: readonly number[]): NameTxWallet {
  const signer = keySignerFromBlockstackHex(privateKey);
  const script = bytesToHex(signerScript(signer));
  const utxos = values.map((value, i) => ({ txid: bytesToHex(sha256(`${privateKey} ${i}`)), vout: i, value, script, height: 100 }));
  fixtures.set(walletAddress(params, signer), utxos);
  return { signer, utxos };
}

const payer = wallet(payerKey, [90_000_000]);
const owner = wallet(ownerKey, [5500, 700_000, 60_000]);
const revealer = wallet(revealKey, [3_000_000]);
const ownerAddress = walletAddress(params, owner.signer);
const revealAddress = walletAddress(params, revealer.signer);
const recipient = walletAddress(params, keySignerFromBlockstackHex(key('reference recipient')));
const terms: NamespaceTerms = { version: 1, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 10, noVowelDiscount: 10, revealBlock: 10, address: revealAddress };
const common = { params, feeRate: FEE_RATE };

/** A reference network answering from the fixtures above instead of a node (blockstack.js network.ts). */
class FixtureNetwork extends blockstack.network.LocalRegtest {
  constructor() {
    super('http://127.0.0.1:9', 'http://127.0.0.1:9', new blockstack.network.BitcoindAPI('http://127.0.0.1:9', { username: 'u', password: 'p' }));
  }
  override getNetworkedUTXOs(address: string) {
    return Promise.resolve((fixtures.get(address) ?? []).map((u) => ({ value: u.value, tx_hash: u.txid, tx_output_n: u.vout, confirmations: 6 })));
  }
  override getFeeRate() {
    return Promise.resolve(FEE_RATE);
  }
  override getConsensusHash() {
    return Promise.resolve(CH);
  }
  override getNamePrice() {
    return Promise.resolve(PRICE as never);
  }
  override getNamespacePrice() {
    return Promise.resolve(NAMESPACE_PRICE as never);
  }
  override getNamespaceBurnAddress() {
    return Promise.resolve(this.getDefaultBurnAddress());
  }
  override getBlockHeight() {
    return Promise.resolve(HEIGHT);
  }
}

let previousNetwork: typeof blockstack.config.network;
const warn = console.warn.bind(console);
beforeAll(() => {
  previousNetwork = blockstack.config.network;
  blockstack.config.network = new FixtureNetwork();
  // The reference's bitcoinjs-lib 5 warns on every TransactionBuilder use; keep other warnings.
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!/TransactionBuilder/.test(String(args[0]))) warn(...args);
  });
});
afterAll(() => {
  blockstack.config.network = previousNetwork;
  vi.restoreAllMocks();
});

/** Same inputs, same outputs except the value of the payer's change (`changeIndex`). */
function expectSameLayout(oursHex: string, theirsHex: string, changeIndex: number): void {
  const ours = parseTransaction(oursHex, params.addressNetwork);
  const theirs = parseTransaction(theirsHex, params.addressNetwork);
  const inputs = (tx: ParsedTransaction) => tx.inputs.map((i) => [i.txid, i.vout, i.sequence]);
  expect(ours.version).toBe(theirs.version);
  expect(ours.locktime).toBe(theirs.locktime);
  expect(inputs(ours)).toEqual(inputs(theirs));
  expect(ours.outputs.map((o) => o.script)).toEqual(theirs.outputs.map((o) => o.script));
  const values = (tx: ParsedTransaction) => tx.outputs.map((o, i) => (i === changeIndex ? 'change' : o.value));
  expect(values(ours)).toEqual(values(theirs));
  expect(ours.outputs[changeIndex]!.script).toBe(bytesToHex(signerScript(payer.signer)));
}

describe('our builders lay transactions out as blockstack.js does (bns.md §3.14)', () => {
  it('NAMESPACE_PREORDER, NAMESPACE_REVEAL, NAMESPACE_READY', async () => {
    const preorder = buildNameTransaction(planNamespacePreorder({ ...common, payer, namespaceId: 'test', revealAddress, consensusHash: CH, height: HEIGHT }));
    expectSameLayout(preorder.hex, await blockstack.transactions.makeNamespacePreorder('test', revealAddress, payerKey), 1);

    const namespace = new blockstack.transactions.BlockstackNamespace('test');
    namespace.setVersion(1);
    namespace.setLifetime(52595);
    namespace.setCoeff(250);
    namespace.setBase(4);
    namespace.setBuckets(terms.buckets as number[]);
    namespace.setNonalphaDiscount(10);
    namespace.setNoVowelDiscount(10);
    const rules = { lifetime: 52595, coeff: 250, base: 4, buckets: terms.buckets, nonalphaDiscount: 10, noVowelDiscount: 10, version: 1 };
    const reveal = buildNameTransaction(planNamespaceReveal({ ...common, payer, namespaceId: 'test', revealAddress, rules }));
    expectSameLayout(reveal.hex, await blockstack.transactions.makeNamespaceReveal(namespace, revealAddress, payerKey), 2);

    const ready = buildNameTransaction(planNamespaceReady({ ...common, revealer, namespaceId: 'test' }));
    const theirs = await blockstack.transactions.makeNamespaceReady('test', revealKey);
    const ours = parseTransaction(ready.hex, params.addressNetwork);
    expect(ours.outputs.map((o) => o.script)).toEqual(parseTransaction(theirs, params.addressNetwork).outputs.map((o) => o.script));
  });

  it('NAME_PREORDER and NAME_REGISTRATION (with and without a zone-file hash)', async () => {
    const preorder = buildNameTransaction(planNamePreorder({ ...common, payer, name: 'foo.test', owner: recipient, consensusHash: CH, namespace: terms, height: HEIGHT }));
    expectSameLayout(preorder.hex, await blockstack.transactions.makePreorder('foo.test', recipient, payerKey), 1);
    const register = buildNameTransaction(planNameRegistration({ ...common, payer, name: 'foo.test', owner: recipient }));
    expectSameLayout(register.hex, await blockstack.transactions.makeRegister('foo.test', recipient, payerKey), 2);
    const regup = buildNameTransaction(planNameRegistration({ ...common, payer, name: 'foo.test', owner: recipient, valueHash: H11 }));
    expectSameLayout(regup.hex, await blockstack.transactions.makeRegister('foo.test', recipient, payerKey, undefined, H11), 2);
  });

  it('NAME_UPDATE, NAME_TRANSFER, NAME_REVOKE: the owner’s smallest output first', async () => {
    const update = buildNameTransaction(planNameUpdate({ ...common, owner, payer, name: 'foo.test', consensusHash: CH, valueHash: H11 }));
    expectSameLayout(update.hex, await blockstack.transactions.makeUpdate('foo.test', ownerKey, payerKey, '', H11), 2);
    for (const keepData of [true, false]) {
      const transfer = buildNameTransaction(planNameTransfer({ ...common, owner, payer, name: 'foo.test', newOwner: recipient, keepData, consensusHash: CH }));
      expectSameLayout(transfer.hex, await blockstack.transactions.makeTransfer('foo.test', recipient, ownerKey, payerKey, keepData), 3);
    }
    const revoke = buildNameTransaction(planNameRevoke({ ...common, owner, payer, name: 'foo.test' }));
    expectSameLayout(revoke.hex, await blockstack.transactions.makeRevoke('foo.test', ownerKey, payerKey), 2);
  });

  it('NAME_RENEWAL, plain and with a new owner and zone-file hash', async () => {
    const renew = buildNameTransaction(planNameRenewal({ ...common, owner, payer, name: 'foo.test', namespace: terms, height: HEIGHT }));
    expectSameLayout(renew.hex, await blockstack.transactions.makeRenewal('foo.test', ownerAddress, ownerKey, payerKey), 4);
    const renewXferUp = buildNameTransaction(planNameRenewal({ ...common, owner, payer, name: 'foo.test', newOwner: recipient, valueHash: H11, namespace: terms, height: HEIGHT }));
    expectSameLayout(renewXferUp.hex, await blockstack.transactions.makeRenewal('foo.test', recipient, ownerKey, payerKey, undefined, H11), 4);
  });

  it('NAME_IMPORT and ANNOUNCE', async () => {
    const imported = buildNameTransaction(planNameImport({ ...common, importer: revealer, name: 'foo.test', recipient, valueHash: H11 }));
    const theirs = parseTransaction(await blockstack.transactions.makeNameImport('foo.test', recipient, H11, revealKey), params.addressNetwork);
    const ours = parseTransaction(imported.hex, params.addressNetwork);
    expect(ours.inputs.map((i) => i.txid)).toEqual(theirs.inputs.map((i) => i.txid));
    expect(ours.outputs.map((o) => o.script)).toEqual(theirs.outputs.map((o) => o.script));
    expect(ours.outputs.slice(0, 3).map((o) => o.value)).toEqual(theirs.outputs.slice(0, 3).map((o) => o.value));

    const announce = buildNameTransaction(planAnnounce({ ...common, sender: payer, messageHash: H11 }));
    const reference = parseTransaction(await blockstack.transactions.makeAnnounce(H11, payerKey), params.addressNetwork);
    expect(parseTransaction(announce.hex, params.addressNetwork).outputs.map((o) => o.script)).toEqual(reference.outputs.map((o) => o.script));
  });
});
