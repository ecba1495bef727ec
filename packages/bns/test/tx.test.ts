import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keySignerFromBlockstackHex, parseTransaction, signerScript, transactionNulldata, type InputSigner, type ParsedTransaction, type UnspentOutput } from '@bsk/bitcoin';
import { bytesToHex, getPublicKeyFromPrivate, hashName, hexToBytes, InvalidInputError, nameConsensusHash, nameHash128, sha256 } from '@bsk/crypto';
import {
  DEVNET,
  DUST_MINIMUM,
  OUTPUT_LAYOUTS,
  addressToScriptHex,
  buildNameTransaction,
  changeOutputOf,
  decodeContextAt,
  decodeOperation,
  importKeychain,
  importKeychainPrivateKey,
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
  readOperationOutputs,
  walletAddress,
  zonefileHashAddress,
  type BuiltNameTransaction,
  type NameTxWallet,
  type NamespaceTerms,
  type OperationOutputs,
} from '../src/index.js';

/*
 * The transaction builders (src/tx/, bns.md §3.14): every built transaction is parsed back, its
 * OP_RETURN decoded to the operation that was asked for, and its outputs read with the protocol's
 * own `readOperationOutputs` to the right parties; input 0 is the sender the rules will see.
 */

const params = DEVNET;
const HEIGHT = 200;
const CH = 'a55d440eb192a1857739b0e0742fd312';
const H11 = '11'.repeat(20);
const key = (label: string): string => bytesToHex(sha256(label));

function p2pkh(label: string): InputSigner {
  return { type: 'p2pkh', privateKey: key(label) };
}

/** Every output made up here, by txid, so a parsed input can be traced to the script it spends. */
const spent = new Map<string, UnspentOutput>();

function utxo(signer: InputSigner, value: number, label: string): UnspentOutput {
  const made = { txid: bytesToHex(sha256(`utxo ${label}`)), vout: 0, value, script: bytesToHex(signerScript(signer)), height: 1 };
  spent.set(made.txid, made);
  return made;
}

function walletOf(signer: InputSigner, label: string, values: readonly number[] = [50_000_000, 20_000_000]): NameTxWallet {
  return { signer, utxos: values.map((value, i) => utxo(signer, value, `${label} ${i}`)) };
}

const payer = walletOf(p2pkh('payer'), 'payer');
const owner = walletOf(p2pkh('owner'), 'owner', [700_000, 60_000, 90_000]);
const recipient = walletAddress(params, p2pkh('recipient'));
const creator = walletAddress(params, p2pkh('creator'));
const STANDARD: NamespaceTerms = { version: 1, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 10, noVowelDiscount: 10, revealBlock: 10, address: creator };

interface ReadBack {
  readonly tx: ParsedTransaction;
  readonly parties: OperationOutputs;
  readonly sender: string;
}

/** Parses a built transaction and reads it as the indexer would. */
function readBack(built: BuiltNameTransaction): ReadBack {
  const tx = parseTransaction(built.hex, params.addressNetwork);
  expect(tx.txid).toBe(built.txid);
  expect(tx.version).toBe(1);
  const data = transactionNulldata(tx.outputs);
  expect(data).not.toBeNull();
  expect(tx.outputs[0]!.script.startsWith('6a')).toBe(true);
  const decoded = decodeOperation(hexToBytes(data!), decodeContextAt(params, HEIGHT, tx.outputs.length));
  expect(decoded).toEqual(built.operation);
  const parties = readOperationOutputs(params, HEIGHT, built.operation.type, tx.outputs);
  if ('type' in parties) throw new Error(`outputs rejected: ${parties.message}`);
  const roles = OUTPUT_LAYOUTS[built.operation.type].roles;
  expect(tx.outputs.length === roles.length || (roles.at(-1) === 'change' && tx.outputs.length === roles.length - 1)).toBe(true);
  return { tx, parties, sender: spent.get(tx.inputs[0]!.txid)!.script };
}

describe('namespace transactions (bns.md §3.9–§3.11)', () => {
  it('namespace preorder: change kept at output 1, the price burned at output 2, the payer is input 0', () => {
    const built = buildNameTransaction(planNamespacePreorder({ params, feeRate: 10, payer, namespaceId: 'test', revealAddress: recipient, consensusHash: CH, height: HEIGHT }));
    const { tx, parties, sender } = readBack(built);
    expect(tx.outputs).toHaveLength(3);
    expect(parties.burn).toEqual({ address: params.burnAddress, script: addressToScriptHex(params, params.burnAddress), value: 40_000_000 }); // 4-char id, 4 BTC ÷ 10 in epoch 3
    expect(tx.outputs[1]!.script).toBe(sender);
    expect(sender).toBe(bytesToHex(signerScript(payer.signer)));
    expect(built.operation.preorderHash).toBe(hashName('test', sender, recipient));
    expect(built.changeIndex).toBe(1);
  });

  it('namespace reveal: exactly three outputs, the reveal address at output 1', () => {
    const rules = { lifetime: 52595, coeff: 250, base: 4, buckets: STANDARD.buckets, nonalphaDiscount: 10, noVowelDiscount: 10, version: 1 };
    const built = buildNameTransaction(planNamespaceReveal({ params, feeRate: 10, payer, namespaceId: 'test', revealAddress: recipient, rules }));
    const { tx, parties } = readBack(built);
    expect(tx.outputs).toHaveLength(3);
    expect(parties.revealAddress).toMatchObject({ address: recipient, value: DUST_MINIMUM });
  });

  it('namespace ready: sent and paid by the reveal key', () => {
    const revealer = walletOf(p2pkh('recipient'), 'revealer');
    const built = buildNameTransaction(planNamespaceReady({ params, feeRate: 10, revealer, namespaceId: 'test' }));
    const { tx } = readBack(built);
    expect(tx.inputs.every((input) => revealer.utxos.some((u) => u.txid === input.txid))).toBe(true);
    expect(tx.outputs).toHaveLength(2);
  });
});

describe('name transactions (bns.md §3.2–§3.8)', () => {
  it('name preorder: exactly three outputs, the price to the burn address, hash over payer script and owner address', () => {
    const built = buildNameTransaction(planNamePreorder({ params, feeRate: 10, payer, name: 'foo.test', owner: recipient, consensusHash: CH, namespace: STANDARD, height: HEIGHT }));
    const { tx, parties, sender } = readBack(built);
    expect(tx.outputs).toHaveLength(3);
    expect(parties.burn).toMatchObject({ address: params.burnAddress, value: 640_000 }); // cli-and-scenarios.md §B.3: foo.test in epoch 3
    expect(built.operation.preorderHash).toBe(hashName('foo.test', sender, recipient));
  });

  it('name preorder in a young pay-to-creator namespace pays the creator, later the burn address (§4.13)', () => {
    const young = { ...STANDARD, version: 2, revealBlock: HEIGHT - 5 };
    const toCreator = readBack(buildNameTransaction(planNamePreorder({ params, feeRate: 1, payer, name: 'foo.test', owner: recipient, consensusHash: CH, namespace: young, height: HEIGHT })));
    expect(toCreator.parties.burn!.address).toBe(creator);
    const old = { ...young, revealBlock: HEIGHT - params.epochs[0]!.receiveFeesPeriod - 1 };
    const burned = readBack(buildNameTransaction(planNamePreorder({ params, feeRate: 1, payer, name: 'foo.test', owner: recipient, consensusHash: CH, namespace: old, height: HEIGHT })));
    expect(burned.parties.burn!.address).toBe(params.burnAddress);
  });

  it('a price below 5500 satoshis is raised to the dust minimum, as blockstack.js did; an explicit fee wins', () => {
    const cheap = { ...STANDARD, coeff: 1, buckets: new Array<number>(16).fill(0) };
    const low = readBack(buildNameTransaction(planNamePreorder({ params, feeRate: 1, payer, name: 'foo.test', owner: recipient, consensusHash: CH, namespace: cheap, height: HEIGHT })));
    expect(low.parties.burn!.value).toBe(DUST_MINIMUM);
    const explicit = readBack(buildNameTransaction(planNamePreorder({ params, feeRate: 1, payer, name: 'foo.test', owner: recipient, consensusHash: CH, namespace: STANDARD, height: HEIGHT, fee: 639_999, feeAddress: recipient })));
    expect(explicit.parties.burn).toMatchObject({ address: recipient, value: 639_999 });
  });

  it('name registration: the owner at output 1, at most three outputs, with or without a zone-file hash', () => {
    for (const valueHash of [null, H11]) {
      const built = buildNameTransaction(planNameRegistration({ params, feeRate: 10, payer, name: 'foo.test', owner: recipient, valueHash }));
      const { tx, parties, sender } = readBack(built);
      expect(tx.outputs.length).toBeLessThanOrEqual(3);
      expect(parties.owner).toMatchObject({ address: recipient, value: DUST_MINIMUM });
      expect(sender).toBe(bytesToHex(signerScript(payer.signer)));
      expect(built.operation.valueHash).toBe(valueHash);
    }
  });

  it('name renewal: input 0 is the owner’s smallest output, refunded at output 2; the fee at output 3', () => {
    const built = buildNameTransaction(planNameRenewal({ params, feeRate: 10, owner, payer, name: 'foo.test', namespace: STANDARD, height: HEIGHT }));
    const { tx, parties, sender } = readBack(built);
    expect(tx.outputs.length).toBeGreaterThanOrEqual(4);
    expect(tx.inputs[0]!.txid).toBe(owner.utxos[1]!.txid); // 60,000 is the smallest
    expect(sender).toBe(bytesToHex(signerScript(owner.signer)));
    const ownerAddress = walletAddress(params, owner.signer);
    expect(parties.owner!.address).toBe(ownerAddress);
    expect(tx.outputs[2]).toMatchObject({ value: 60_000, script: sender });
    expect(parties.fee).toMatchObject({ address: params.burnAddress, value: 640_000 });
    expect(built.operation).toEqual({ type: 'name-renewal', name: 'foo.test', valueHash: null, tokenFee: null });
  });

  it('name renewal with a new owner and a zone-file hash (epoch 3 renew + transfer + update)', () => {
    const built = buildNameTransaction(planNameRenewal({ params, feeRate: 10, owner, payer, name: 'foo.test', newOwner: recipient, valueHash: H11, namespace: STANDARD, height: HEIGHT }));
    const { parties } = readBack(built);
    expect(parties.owner!.address).toBe(recipient);
    expect(built.operation.valueHash).toBe(H11);
  });

  it('name update: owner input first and refunded; the name travels as hash128(name ‖ consensus hash)', () => {
    const built = buildNameTransaction(planNameUpdate({ params, feeRate: 10, owner, payer, name: 'foo.test', consensusHash: CH, valueHash: H11 }));
    const { tx, sender } = readBack(built);
    expect(sender).toBe(bytesToHex(signerScript(owner.signer)));
    expect(tx.outputs[1]).toMatchObject({ value: 60_000, script: sender });
    expect(built.operation).toEqual({ type: 'name-update', nameConsensusHash: nameConsensusHash('foo.test', CH), valueHash: H11 });
  });

  it('name transfer, keeping or clearing the zone-file hash: the new owner at output 1', () => {
    for (const keepData of [true, false]) {
      const built = buildNameTransaction(planNameTransfer({ params, feeRate: 10, owner, payer, name: 'foo.test', newOwner: recipient, keepData, consensusHash: CH }));
      const { tx, parties, sender } = readBack(built);
      expect(parties.owner!.address).toBe(recipient);
      expect(tx.outputs[2]).toMatchObject({ value: 60_000, script: sender });
      expect(built.operation).toEqual({ type: 'name-transfer', keepData, nameHash128: nameHash128('foo.test'), consensusHash: CH });
    }
  });

  it('name revoke: owner input first', () => {
    const { sender, tx } = readBack(buildNameTransaction(planNameRevoke({ params, feeRate: 10, owner, payer, name: 'foo.test' })));
    expect(sender).toBe(bytesToHex(signerScript(owner.signer)));
    expect(tx.outputs[1]!.value).toBe(60_000);
  });

  it('the owner may pay for itself: its smallest output is input 0 and is not spent twice', () => {
    const built = buildNameTransaction(planNameUpdate({ params, feeRate: 10, owner, payer: owner, name: 'foo.test', consensusHash: CH, valueHash: H11 }));
    const { tx, sender } = readBack(built);
    expect(sender).toBe(bytesToHex(signerScript(owner.signer)));
    expect(new Set(tx.inputs.map((i) => `${i.txid}:${i.vout}`)).size).toBe(tx.inputs.length);
  });

  it('name import: recipient at output 1, the zone-file hash as output 2’s address hash', () => {
    const importer = walletOf(p2pkh('recipient'), 'importer');
    const built = buildNameTransaction(planNameImport({ params, feeRate: 10, importer, name: 'foo.test', recipient: creator, valueHash: H11 }));
    const { tx, parties } = readBack(built);
    expect(parties.owner!.address).toBe(creator);
    expect(parties.zonefileHash).toBe(H11);
    expect(tx.outputs[2]!.script).toBe(addressToScriptHex(params, zonefileHashAddress(params, H11)));
  });

  it('announce', () => {
    const built = buildNameTransaction(planAnnounce({ params, feeRate: 10, sender: payer, messageHash: H11 }));
    expect(readBack(built).tx.outputs.length).toBeLessThanOrEqual(2);
  });
});

describe('keys and payers', () => {
  it('p2sh multisig and p2sh-p2wpkh payers send from their p2sh address', () => {
    const keys = ['m1', 'm2', 'm3'].map(key);
    const multisig: InputSigner = { type: 'p2sh-multisig', required: 2, publicKeys: keys.map(getPublicKeyFromPrivate), privateKeys: keys.slice(0, 2) };
    const wrapped: InputSigner = { type: 'p2sh-p2wpkh', privateKey: key('segwit') };
    for (const [label, signer] of [['multisig', multisig], ['wrapped', wrapped]] as const) {
      const wallet = walletOf(signer, label);
      const address = walletAddress(params, signer);
      expect(address.startsWith('2')).toBe(true); // regtest p2sh
      const built = buildNameTransaction(planNameRegistration({ params, feeRate: 10, payer: wallet, name: 'foo.test', owner: address }));
      const { sender, parties } = readBack(built);
      expect(sender).toBe(addressToScriptHex(params, address));
      expect(parties.owner!.address).toBe(address);
    }
  });

  it('a native segwit key is refused (BNS cannot see its transactions); so is a multisig importer', () => {
    const native = walletOf({ type: 'p2wpkh', privateKey: key('native') }, 'native');
    expect(() => planNameRegistration({ params, feeRate: 1, payer: native, name: 'foo.test', owner: recipient })).toThrow(InvalidInputError);
    const keys = ['m1', 'm2'].map(key);
    const multisig = walletOf({ type: 'p2sh-multisig', required: 1, publicKeys: keys.map(getPublicKeyFromPrivate), privateKeys: keys }, 'ms');
    expect(() => planNameImport({ params, feeRate: 1, importer: multisig, name: 'foo.test', recipient, valueHash: H11 })).toThrow(InvalidInputError);
  });

  it('an owner without outputs cannot sign input 0', () => {
    expect(() => planNameRevoke({ params, feeRate: 1, owner: { signer: owner.signer, utxos: [] }, payer, name: 'foo.test' })).toThrow(/no unspent output/);
  });

  it('import keychain children are in the keychain the rules derive (bns.md §4.11)', () => {
    const reveal = key('reveal');
    const keychain = importKeychain(params, getPublicKeyFromPrivate(reveal));
    for (let index = 0; index < params.nameImportKeyringSize; index++) {
      const child = importKeychainPrivateKey(reveal, index);
      expect(child).toMatch(/^[0-9a-f]{64}01$/);
      expect(keychain[index]).toBe(walletAddress(params, keySignerFromBlockstackHex(child)));
    }
    expect(keychain.at(-1)).toBe(walletAddress(params, { type: 'p2pkh', privateKey: reveal }));
  });

  it('the change of a preorder can fund its registration before it confirms', () => {
    const preorder = buildNameTransaction(planNamePreorder({ params, feeRate: 10, payer, name: 'foo.test', owner: recipient, consensusHash: CH, namespace: STANDARD, height: HEIGHT }));
    const change = changeOutputOf(params, preorder)!;
    expect(change).toMatchObject({ txid: preorder.txid, vout: 1, script: bytesToHex(signerScript(payer.signer)) });
    const register = buildNameTransaction(planNameRegistration({ params, feeRate: 10, payer: { signer: payer.signer, utxos: [change] }, name: 'foo.test', owner: recipient }));
    const tx = parseTransaction(register.hex, params.addressNetwork);
    expect(tx.inputs.map((i) => [i.txid, i.vout])).toEqual([[preorder.txid, 1]]);
  });
});

describe('properties', () => {
  const label = fc.stringMatching(/^[a-z0-9_-]{1,16}$/);
  it('any valid name preorder + registration decodes back and commits to the right parties', () => {
    fc.assert(
      fc.property(label, fc.integer({ min: 1, max: 50 }), fc.boolean(), (name, feeRate, withHash) => {
        const fqn = `${name}.test`;
        const preorder = buildNameTransaction(planNamePreorder({ params, feeRate, payer, name: fqn, owner: recipient, consensusHash: CH, namespace: STANDARD, height: HEIGHT }));
        const read = readBack(preorder);
        expect(preorder.operation.preorderHash).toBe(hashName(fqn, read.sender, recipient));
        const register = buildNameTransaction(planNameRegistration({ params, feeRate, payer, name: fqn, owner: recipient, valueHash: withHash ? H11 : null }));
        expect(readBack(register).parties.owner!.address).toBe(recipient);
        expect(register.fee).toBeGreaterThanOrEqual(Math.ceil(register.vsize * feeRate));
      }),
      { numRuns: 40 },
    );
  });
});
