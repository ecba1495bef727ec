import { describe, expect, it } from 'vitest';
import * as btc from '@scure/btc-signer';
import { Transaction } from 'bitcoinjs-lib';
import {
  bytesToHex,
  getPublicKeyFromPrivate,
  getUncompressedPublicKeyFromPrivate,
  hash160,
  hexToBytes,
  InvalidInputError,
  publicKeyToAddress,
  publicKeyToP2WPKHAddress,
  scriptToP2SHAddress,
} from '@bsk/crypto';
import {
  addressToScript,
  buildTransaction,
  classifyScript,
  dustThreshold,
  estimateVsize,
  InsufficientFundsError,
  keySignerFromBlockstackHex,
  multisigRedeemScript,
  nulldataPayload,
  nulldataScript,
  parseTransaction,
  scriptToAddress,
  senderPublicKey,
  signerScript,
  spendingPublicKey,
  transactionNulldata,
  TransactionPlanError,
  type InputSigner,
} from '../src/index.js';
import { fakeUtxo, testKey, verifyAllInputs } from './tx-helpers.js';

const KEY1_PUB = '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';
const KEY1_HASH = '751e76e8199196d454941c45d1b3a323f1433bd6';

// Block 170: the first person-to-person payment (Satoshi to Hal Finney), spending block 9's P2PK output.
const BLOCK170_TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';
const BLOCK170_TX =
  '0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd3704000000004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84cac00286bee0000000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000';
const BLOCK9_KEY = '0411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3';

describe('script classification (bns.md §1.2)', () => {
  const p2pkh = `76a914${KEY1_HASH}88ac`;
  const p2sh = `a914${KEY1_HASH}87`;
  const p2wpkh = `0014${KEY1_HASH}`;
  const p2wsh = '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262';

  it.each([
    [p2pkh, 'p2pkh'],
    [p2sh, 'p2sh'],
    [p2wpkh, 'p2wpkh'],
    [p2wsh, 'p2wsh'],
    ['6a', 'nulldata'],
    ['6a0469643f00', 'nulldata'],
    ['6a51', 'nulldata'],
    [`21${KEY1_PUB}ac`, 'p2pk'],
    [`41${BLOCK9_KEY}ac`, 'p2pk'],
    [`5121${KEY1_PUB}51ae`, 'multisig'],
    [bytesToHex(multisigRedeemScript(2, [KEY1_PUB, getPublicKeyFromPrivate(testKey(2)), getUncompressedPublicKeyFromPrivate(testKey(3))])), 'multisig'],
    ['', 'nonstandard'],
    [`76a914${KEY1_HASH}88ac00`, 'nonstandard'],
    [`a914${KEY1_HASH.slice(2)}87`, 'nonstandard'],
    [`5221${KEY1_PUB}51ae`, 'nonstandard'],
    [`21${KEY1_PUB}`, 'nonstandard'],
    ['5120' + '11'.repeat(32), 'nonstandard'],
    ['4c', 'nonstandard'],
  ])('%s is %s', (script, type) => {
    expect(classifyScript(hexToBytes(script)).type).toBe(type);
  });

  it('gives multisig m and keys in script order', () => {
    const keys = [KEY1_PUB, getPublicKeyFromPrivate(testKey(2)), getPublicKeyFromPrivate(testKey(3))];
    const classified = classifyScript(multisigRedeemScript(2, keys));
    expect(classified.required).toBe(2);
    expect(classified.publicKeys!.map(bytesToHex)).toEqual(keys);
  });

  it('derives addresses for every network (BIP173 vectors for bech32)', () => {
    expect(scriptToAddress(hexToBytes(p2pkh), 'mainnet')).toBe('1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH');
    expect(scriptToAddress(hexToBytes(p2pkh), 'testnet')).toBe('mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r');
    expect(scriptToAddress(hexToBytes(p2pkh), 'regtest')).toBe('mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r');
    expect(scriptToAddress(hexToBytes(p2wpkh), 'mainnet')).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    expect(scriptToAddress(hexToBytes(p2wpkh), 'testnet')).toBe('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx');
    expect(scriptToAddress(hexToBytes(p2wpkh), 'regtest')).toBe(publicKeyToP2WPKHAddress(KEY1_PUB, 'regtest'));
    expect(scriptToAddress(hexToBytes(p2wpkh), 'regtest')!.startsWith('bcrt1q')).toBe(true);
    expect(scriptToAddress(hexToBytes(p2wsh), 'mainnet')).toBe('bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3');
    expect(scriptToAddress(hexToBytes(p2sh), 'mainnet')!.startsWith('3')).toBe(true);
    expect(scriptToAddress(hexToBytes(p2sh), 'testnet')!.startsWith('2')).toBe(true);
    for (const script of ['6a', `21${KEY1_PUB}ac`, `5121${KEY1_PUB}51ae`, '00']) expect(scriptToAddress(hexToBytes(script), 'mainnet')).toBeNull();
  });

  it('maps addresses back to scripts, refusing other networks', () => {
    for (const script of [p2pkh, p2sh, p2wpkh, p2wsh]) {
      for (const network of ['mainnet', 'testnet', 'regtest'] as const) {
        expect(bytesToHex(addressToScript(scriptToAddress(hexToBytes(script), network)!, network))).toBe(script);
      }
    }
    expect(() => addressToScript('1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH', 'testnet')).toThrow(TransactionPlanError);
    expect(() => addressToScript('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', 'regtest')).toThrow();
  });
});

describe('OP_RETURN data (bns.md §1.1)', () => {
  it('reads only OP_RETURN <one data push>', () => {
    expect(bytesToHex(nulldataPayload(hexToBytes('6a0469643f00'))!)).toBe('69643f00');
    expect(bytesToHex(nulldataPayload(hexToBytes(`6a4c50${'ab'.repeat(80)}`))!)).toBe('ab'.repeat(80));
    expect(nulldataPayload(hexToBytes('6a'))).toBeNull();
    expect(nulldataPayload(hexToBytes('6a51'))).toBeNull();
    expect(nulldataPayload(hexToBytes('6a01aa01bb'))).toBeNull();
    expect(nulldataPayload(hexToBytes('6a05aabb'))).toBeNull();
    expect(nulldataPayload(hexToBytes(`76a914${KEY1_HASH}88ac`))).toBeNull();
  });

  it('lets the last such output win', () => {
    const outputs = [{ script: '6a0269641' + '1' }, { script: '6a' }, { script: '6a03696421' }, { script: '6a5151' }];
    expect(transactionNulldata(outputs)).toBe('696421');
    expect(transactionNulldata([{ script: '6a' }])).toBeNull();
  });

  it('builds the script with the smallest push, up to 80 bytes', () => {
    expect(bytesToHex(nulldataScript('69643f'))).toBe('6a0369643f');
    expect(bytesToHex(nulldataScript(new Uint8Array(80)))).toBe(`6a4c50${'00'.repeat(80)}`);
    expect(() => nulldataScript(new Uint8Array(81))).toThrow(TransactionPlanError);
  });
});

describe('dust thresholds (bitcoind GetDustThreshold at 3 sat/vB)', () => {
  it.each([
    [`76a914${KEY1_HASH}88ac`, 546],
    [`a914${KEY1_HASH}87`, 540],
    [`0014${KEY1_HASH}`, 294],
    ['0020' + '00'.repeat(32), 330],
    ['5120' + '00'.repeat(32), 330],
    ['6a0469643f00', 0],
  ])('%s: %i', (script, threshold) => {
    expect(dustThreshold(hexToBytes(script))).toBe(threshold);
  });
  it('scales with the dust relay fee', () => {
    expect(dustThreshold(hexToBytes(`76a914${KEY1_HASH}88ac`), 1)).toBe(182);
  });
});

describe('parsing real transactions', () => {
  it('parses block 170 byte-identically', () => {
    const tx = parseTransaction(BLOCK170_TX, 'mainnet');
    expect(tx.txid).toBe(BLOCK170_TXID);
    expect(tx.wtxid).toBe(BLOCK170_TXID);
    expect(tx.hex).toBe(BLOCK170_TX);
    expect(tx.size).toBe(275);
    expect(tx.vsize).toBe(275);
    expect(tx.version).toBe(1);
    expect(tx.inputs).toHaveLength(1);
    expect(tx.inputs[0]!.txid).toBe('0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9');
    expect(tx.inputs[0]!.vout).toBe(0);
    expect(tx.inputs[0]!.isCoinbase).toBe(false);
    expect(tx.outputs.map((o) => [o.value, o.type, o.address])).toEqual([
      [1_000_000_000, 'p2pk', null],
      [4_000_000_000, 'p2pk', null],
    ]);
    // P2PK: the spending key is the one in the spent script.
    expect(spendingPublicKey(tx.inputs[0]!, `41${BLOCK9_KEY}ac`)).toBe(BLOCK9_KEY);
    expect(senderPublicKey(tx.inputs, `41${BLOCK9_KEY}ac`)).toBeNull();
  });

  it('rejects trailing bytes, truncation, non-canonical sizes and out-of-range values', () => {
    expect(() => parseTransaction(`${BLOCK170_TX}00`, 'mainnet')).toThrow(InvalidInputError);
    expect(() => parseTransaction(BLOCK170_TX.slice(0, -2), 'mainnet')).toThrow(InvalidInputError);
    // input count 1 written as 0xfd 0x0100 (non-canonical compact size)
    expect(() => parseTransaction(`01000000fd0100${BLOCK170_TX.slice(10)}`, 'mainnet')).toThrow(InvalidInputError);
    const negative = BLOCK170_TX.replace('00ca9a3b00000000', 'ffffffffffffffff');
    expect(() => parseTransaction(negative, 'mainnet')).toThrow(InvalidInputError);
    expect(() => parseTransaction('zz', 'mainnet')).toThrow(InvalidInputError);
    expect(() => parseTransaction('', 'mainnet')).toThrow(InvalidInputError);
  });
});

const NETWORK = 'regtest' as const;

function fundedSigner(signer: InputSigner, values: number[]) {
  const script = signerScript(signer);
  return { signer, utxos: values.map((value) => fakeUtxo(script, value)) };
}

const signers: Record<string, InputSigner> = {
  'p2pkh (compressed)': { type: 'p2pkh', privateKey: testKey(11) },
  'p2pkh (uncompressed)': { type: 'p2pkh', privateKey: testKey(12), compressed: false },
  p2wpkh: { type: 'p2wpkh', privateKey: testKey(13) },
  'p2sh-p2wpkh': { type: 'p2sh-p2wpkh', privateKey: testKey(14) },
  'p2sh 2-of-3 multisig': {
    type: 'p2sh-multisig',
    required: 2,
    publicKeys: [getPublicKeyFromPrivate(testKey(21)), getPublicKeyFromPrivate(testKey(22)), getPublicKeyFromPrivate(testKey(23))],
    privateKeys: [testKey(23), testKey(21)],
  },
};

describe('build → sign → parse', () => {
  const recipient = publicKeyToAddress(getPublicKeyFromPrivate(testKey(99)), NETWORK);

  it.each(Object.entries(signers))('%s inputs', (_name, signer) => {
    const funding = fundedSigner(signer, [30_000, 70_000]);
    const built = buildTransaction({
      network: NETWORK,
      feeRate: 2,
      outputs: [{ nulldata: '69643f' + 'ab'.repeat(20) }, { address: recipient, value: 80_000 }],
      funding,
    });
    expect(built.inputs.map((i) => i.utxo.value)).toEqual([70_000, 30_000]);
    const tx = parseTransaction(built.hex, NETWORK);
    expect(tx.txid).toBe(built.txid);
    expect(tx.version).toBe(1);
    expect(tx.outputs.map((o) => o.type)).toEqual(['nulldata', 'p2pkh', classifyScript(signerScript(signer)).type]);
    expect(tx.outputs[1]!.address).toBe(recipient);
    expect(transactionNulldata(tx.outputs)).toBe('69643f' + 'ab'.repeat(20));
    expect(built.changeIndex).toBe(2);
    const paid = tx.outputs.reduce((sum, o) => sum + o.value, 0);
    expect(100_000 - paid).toBe(built.fee);
    expect(built.fee).toBeGreaterThanOrEqual(Math.ceil(tx.vsize * 2));
    expect(built.fee).toBe(Math.ceil(estimateVsize([signer, signer], tx.outputs.map((o) => hexToBytes(o.script))) * 2));
    expect(verifyAllInputs(built.hex, built.inputs)).toBe(true);
    for (const input of tx.inputs) {
      const key = spendingPublicKey(input, built.inputs[input.index]!.utxo.script);
      if (signer.type === 'p2sh-multisig') expect(key).toBeNull();
      else expect(key).toBe(signer.type === 'p2pkh' && signer.compressed === false ? getUncompressedPublicKeyFromPrivate(signer.privateKey) : getPublicKeyFromPrivate(signer.privateKey));
    }
    // Segwit inputs carry a witness; the txid commits to none of it.
    const hasWitness = signer.type === 'p2wpkh' || signer.type === 'p2sh-p2wpkh';
    expect(tx.wtxid !== tx.txid).toBe(hasWitness);
    expect(tx.vsize < tx.size).toBe(hasWitness);
  });

  it('a tampered signature no longer verifies', () => {
    const built = buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ address: recipient, value: 10_000 }], funding: fundedSigner(signers['p2pkh (compressed)']!, [20_000]) });
    const tx = Transaction.fromHex(built.hex);
    const script = tx.ins[0]!.script.slice();
    script[10] = script[10]! ^ 1;
    tx.setInputScript(0, script);
    expect(verifyAllInputs(tx.toHex(), built.inputs)).toBe(false);
  });

  it('finds the sender public key as bns.md §1.2 does', () => {
    const owner: InputSigner = { type: 'p2pkh', privateKey: testKey(31) };
    const payer: InputSigner = { type: 'p2pkh', privateKey: testKey(32), compressed: false };
    const ownerUtxo = fakeUtxo(signerScript(owner), 300);
    const built = buildTransaction({
      network: NETWORK,
      feeRate: 1,
      outputs: [{ nulldata: '69642b' }, { change: publicKeyToAddress(getUncompressedPublicKeyFromPrivate(testKey(32)), NETWORK), keep: true }],
      inputs: [{ utxo: ownerUtxo, signer: owner }],
      funding: fundedSigner(payer, [50_000]),
    });
    const tx = parseTransaction(built.hex, NETWORK);
    expect(tx.inputs).toHaveLength(2);
    expect(senderPublicKey(tx.inputs, ownerUtxo.script)).toBe(getPublicKeyFromPrivate(testKey(31)));
    // Scanning all inputs: the payer's key, found in input 1, for a sender paying to the payer.
    expect(senderPublicKey([...tx.inputs].reverse(), signerScript(payer))).toBe(getUncompressedPublicKeyFromPrivate(testKey(32)));
    expect(senderPublicKey(tx.inputs, `a914${KEY1_HASH}87`)).toBeNull();
    expect(senderPublicKey(tx.inputs, signerScript({ type: 'p2pkh', privateKey: testKey(33) }))).toBeNull();
  });

  it('puts change where the plan says and keeps it when asked', () => {
    const payer: InputSigner = { type: 'p2pkh', privateKey: testKey(41) };
    const payerAddress = publicKeyToAddress(getPublicKeyFromPrivate(testKey(41)), NETWORK);
    const burn = scriptToP2SHAddress(new Uint8Array(1), NETWORK);
    const built = buildTransaction({
      network: NETWORK,
      feeRate: 10,
      outputs: [{ nulldata: '69643f' }, { change: payerAddress, keep: true }, { address: burn, value: 5_000 }],
      funding: fundedSigner(payer, [7_000, 6_000, 100]),
    });
    const tx = parseTransaction(built.hex, NETWORK);
    expect(built.changeIndex).toBe(1);
    expect(tx.outputs.map((o) => o.address)).toEqual([null, payerAddress, burn]);
    expect(tx.outputs[1]!.value).toBeGreaterThanOrEqual(546);
    expect(built.inputs).toHaveLength(2);
  });

  it('omits change below dust, giving it to the fee', () => {
    const payer = fundedSigner({ type: 'p2wpkh', privateKey: testKey(51) }, [10_300]);
    const built = buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ address: recipient, value: 10_000 }], funding: payer });
    expect(built.changeIndex).toBeNull();
    expect(parseTransaction(built.hex, NETWORK).outputs).toHaveLength(1);
    expect(built.fee).toBe(300);
  });

  it('is deterministic: same plan, same bytes', () => {
    const payer = fundedSigner({ type: 'p2sh-p2wpkh', privateKey: testKey(52) }, [5_000, 9_000, 9_000, 1_000]);
    const plan = { network: NETWORK, feeRate: 3, outputs: [{ address: recipient, value: 12_000 }], funding: payer } as const;
    expect(buildTransaction(plan).hex).toBe(buildTransaction({ ...plan, funding: { ...payer, utxos: [...payer.utxos].reverse() } }).hex);
  });

  it('reports insufficient funds with what was needed', () => {
    const payer = fundedSigner({ type: 'p2pkh', privateKey: testKey(53) }, [4_000, 3_000]);
    let error: unknown;
    try {
      buildTransaction({ network: NETWORK, feeRate: 5, outputs: [{ address: recipient, value: 6_900 }], funding: payer });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect((error as InsufficientFundsError).available).toBe(7_000);
    expect((error as InsufficientFundsError).needed).toBeGreaterThan(7_000);
    expect(() => buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ address: recipient, value: 1_000 }] })).toThrow(InsufficientFundsError);
  });

  it('refuses dust outputs, two OP_RETURNs, oversize data and the wrong key', () => {
    const payer = fundedSigner({ type: 'p2pkh', privateKey: testKey(54) }, [100_000]);
    expect(() => buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ address: recipient, value: 545 }], funding: payer })).toThrow(/dust/);
    expect(buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ address: recipient, value: 546 }], funding: payer }).hex).toMatch(/^01000000/);
    expect(() => buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ nulldata: '00' }, { nulldata: '01' }], funding: payer })).toThrow(TransactionPlanError);
    expect(() => buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ nulldata: '00'.repeat(81) }], funding: payer })).toThrow(TransactionPlanError);
    const stranger = { utxo: fakeUtxo(signerScript({ type: 'p2pkh', privateKey: testKey(55) }), 1_000), signer: { type: 'p2pkh', privateKey: testKey(54) } as InputSigner };
    expect(() => buildTransaction({ network: NETWORK, feeRate: 1, outputs: [{ address: recipient, value: 600 }], inputs: [stranger], funding: payer })).toThrow(/cannot spend/);
    expect(() => buildTransaction({ network: NETWORK, feeRate: -1, outputs: [], funding: payer })).toThrow(TransactionPlanError);
  });

  it('follows blockstack.js key conventions: 64 hex chars is uncompressed, 66 ending 01 compressed', () => {
    const uncompressed = keySignerFromBlockstackHex(testKey(61));
    const compressed = keySignerFromBlockstackHex(`${testKey(61)}01`);
    expect(scriptToAddress(signerScript(uncompressed), 'mainnet')).toBe(publicKeyToAddress(getUncompressedPublicKeyFromPrivate(testKey(61))));
    expect(scriptToAddress(signerScript(compressed), 'mainnet')).toBe(publicKeyToAddress(getPublicKeyFromPrivate(testKey(61))));
    expect(bytesToHex(signerScript({ type: 'p2wpkh', privateKey: testKey(1) }))).toBe(`0014${KEY1_HASH}`);
    expect(bytesToHex(hash160(multisigRedeemScript(1, [KEY1_PUB])))).toBe(bytesToHex(signerScript({ type: 'p2sh-multisig', required: 1, publicKeys: [KEY1_PUB], privateKeys: [] })).slice(4, 44));
  });
});

describe('a transaction built by another library (@scure/btc-signer)', () => {
  it('parses identically', () => {
    const regtest = { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef };
    const keyA = hexToBytes(testKey(71));
    const keyB = hexToBytes(testKey(72));
    const pubA = hexToBytes(getPublicKeyFromPrivate(testKey(71)));
    const pubB = hexToBytes(getPublicKeyFromPrivate(testKey(72)));
    const inA = btc.p2wpkh(pubA, regtest);
    const inB = btc.p2pkh(pubB, regtest);
    const tx = new btc.Transaction({ version: 2, allowLegacyWitnessUtxo: true, allowUnknownOutputs: true });
    tx.addInput({ txid: '11'.repeat(32), index: 1, witnessUtxo: { script: inA.script, amount: 50_000n } });
    tx.addInput({ txid: '22'.repeat(32), index: 0, witnessUtxo: { script: inB.script, amount: 20_000n } });
    tx.addOutput({ script: nulldataScript('69643f00'), amount: 0n });
    tx.addOutputAddress(publicKeyToAddress(getPublicKeyFromPrivate(testKey(73)), NETWORK), 60_000n, regtest);
    tx.sign(keyA);
    tx.sign(keyB);
    tx.finalize();
    const parsed = parseTransaction(tx.hex, NETWORK);
    expect(parsed.txid).toBe(tx.id);
    expect(parsed.hex).toBe(tx.hex);
    expect(parsed.version).toBe(2);
    expect(parsed.inputs.map((i) => [i.txid, i.vout])).toEqual([
      ['11'.repeat(32), 1],
      ['22'.repeat(32), 0],
    ]);
    expect(parsed.outputs.map((o) => [o.type, o.value])).toEqual([
      ['nulldata', 0],
      ['p2pkh', 60_000],
    ]);
    expect(transactionNulldata(parsed.outputs)).toBe('69643f00');
    expect(spendingPublicKey(parsed.inputs[0]!, inA.script)).toBe(bytesToHex(pubA));
    expect(spendingPublicKey(parsed.inputs[1]!, inB.script)).toBe(bytesToHex(pubB));
    expect(senderPublicKey(parsed.inputs, inB.script)).toBe(bytesToHex(pubB));
    const spent = [
      { utxo: { txid: '11'.repeat(32), vout: 1, value: 50_000, script: bytesToHex(inA.script), height: 1 }, signer: { type: 'p2wpkh', privateKey: testKey(71) } as InputSigner },
      { utxo: { txid: '22'.repeat(32), vout: 0, value: 20_000, script: bytesToHex(inB.script), height: 1 }, signer: { type: 'p2pkh', privateKey: testKey(72) } as InputSigner },
    ];
    expect(verifyAllInputs(tx.hex, spent)).toBe(true);
  });
});
