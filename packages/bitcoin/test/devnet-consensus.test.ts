import { Block, crypto as bcrypto, script as bscript, opcodes, Transaction } from 'bitcoinjs-lib';
import { MANDATORY_FLAGS, SCRIPT_ERRORS, STANDARD_FLAGS } from '../src/devnet/script/errors.js';
import { verifyScript } from '../src/devnet/script/interpreter.js';
import { DevnetNode } from '../src/devnet/node/node.js';
import { ChainStore } from '../src/devnet/node/store.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleBlock, coinbaseScriptSig } from '../src/devnet/consensus/block-assembly.js';
import { genesisBlock } from '../src/devnet/consensus/genesis.js';
import { blockSubsidy, REGTEST } from '../src/devnet/consensus/params.js';
import { bitsToTarget, blockWork, chainworkHex, difficulty, meetsTarget } from '../src/devnet/consensus/pow.js';
import { scriptToAsm } from '../src/devnet/script/asm.js';
import { parseScript } from '../src/devnet/script/chunks.js';
import { descriptorChecksum, DescriptorError, inferDescriptor, parseScanDescriptor } from '../src/devnet/script/descriptor.js';
import { addressToScript, scriptToAddress, solve } from '../src/devnet/script/standard.js';
import { dustThreshold } from '../src/devnet/validation/policy.js';
import { formatMoney } from '../src/devnet/validation/rejection.js';
import { RpcError } from '../src/devnet/rpc/errors.js';
import { writeJson, btc } from '../src/devnet/rpc/json.js';
import { decodeTx } from '../src/devnet/rpc/lookup.js';
import { parseAmount } from '../src/devnet/rpc/params.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

describe('regtest parameters', () => {
  it('rebuilds the real regtest genesis block', () => {
    const genesis = genesisBlock();
    expect(genesis.getId()).toBe(REGTEST.genesis.hash);
    expect(Buffer.from(genesis.merkleRoot!).reverse().toString('hex')).toBe('4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b');
    expect(genesis.checkProofOfWork()).toBe(true);
    expect(genesis.toBuffer().length).toBe(285);
  });

  it('pays 50 BTC halving every 150 blocks', () => {
    expect(blockSubsidy(0)).toBe(50e8);
    expect(blockSubsidy(149)).toBe(50e8);
    expect(blockSubsidy(150)).toBe(25e8);
    expect(blockSubsidy(300)).toBe(12.5e8);
    expect(blockSubsidy(150 * 33)).toBe(0);
    expect(blockSubsidy(150 * 64)).toBe(0);
  });

  it('computes target, work, difficulty and chainwork as bitcoind prints them', () => {
    expect(bitsToTarget(0x207fffff)).toBe(0x7fffffn << 232n);
    expect(blockWork(0x207fffff)).toBe(2n);
    expect(chainworkHex(2n)).toBe('0000000000000000000000000000000000000000000000000000000000000002');
    expect(writeJson(difficulty(0x207fffff))).toBe('4.656542373906925e-10');
    expect(difficulty(0x1d00ffff)).toBe(1);
    expect(meetsTarget(new Uint8Array(32), 0x207fffff)).toBe(true);
    expect(meetsTarget(new Uint8Array(32).fill(0xff), 0x207fffff)).toBe(false);
  });

  it('encodes the BIP34 height the way CScript() << nHeight << OP_0 does', () => {
    expect(Buffer.from(coinbaseScriptSig(1)).toString('hex')).toBe('5100');
    expect(Buffer.from(coinbaseScriptSig(16)).toString('hex')).toBe('6000');
    expect(Buffer.from(coinbaseScriptSig(17)).toString('hex')).toBe('011100');
    expect(Buffer.from(coinbaseScriptSig(128)).toString('hex')).toBe('02800000');
    expect(Buffer.from(coinbaseScriptSig(500)).toString('hex')).toBe('02f40100');
  });
});

describe('scripts', () => {
  it('classifies outputs with bitcoind type names', () => {
    expect(solve(hex('76a91427c174814a244a65acebd30d74fa8d723798472988ac')).type).toBe('pubkeyhash');
    expect(solve(hex('a91427c174814a244a65acebd30d74fa8d723798472987')).type).toBe('scripthash');
    expect(solve(hex('001427c174814a244a65acebd30d74fa8d7237984729')).type).toBe('witness_v0_keyhash');
    expect(solve(hex(`0020${'11'.repeat(32)}`)).type).toBe('witness_v0_scripthash');
    expect(solve(hex(`5120${'11'.repeat(32)}`)).type).toBe('witness_v1_taproot');
    expect(solve(hex('6a0568656c6c6f')).type).toBe('nulldata');
    expect(solve(hex(REGTEST.genesis.coinbaseScriptPubKey)).type).toBe('pubkey');
    expect(solve(hex('51')).type).toBe('nonstandard');
  });

  it('prints asm like ScriptToAsmStr, decoding sighash types in scriptSigs', () => {
    expect(scriptToAsm(hex('76a91427c174814a244a65acebd30d74fa8d723798472988ac'))).toBe(
      'OP_DUP OP_HASH160 27c174814a244a65acebd30d74fa8d7237984729 OP_EQUALVERIFY OP_CHECKSIG',
    );
    expect(scriptToAsm(hex('0014' + '27c174814a244a65acebd30d74fa8d7237984729'))).toBe('0 27c174814a244a65acebd30d74fa8d7237984729');
    expect(scriptToAsm(hex('5100'))).toBe('1 0');
    expect(scriptToAsm(hex('02f401'))).toBe('500');
    expect(scriptToAsm(hex('4f'))).toBe('-1');
    expect(scriptToAsm(hex('b1b2'))).toBe('OP_CHECKLOCKTIMEVERIFY OP_CHECKSEQUENCEVERIFY');
    expect(scriptToAsm(hex('4c'))).toBe('[error]');
    expect(scriptToAsm(hex('51 05 0102'.replace(/ /g, '')))).toBe('1 [error]');
    const sig =
      '3045022100dc5932c7be3c1012822effc342a696adaa6e5c4d613661293698723b9b3f2fd80220785ac9e124604280a00ad6f9b652b66f068009d74def2a26a992cb5d573f320c';
    const scriptSig = bscript.compile([hex(`${sig}01`), hex(`02${'11'.repeat(32)}`)]);
    expect(scriptToAsm(scriptSig, true)).toBe(`${sig}[ALL] 02${'11'.repeat(32)}`);
    expect(scriptToAsm(scriptSig, false)).toBe(`${sig}01 02${'11'.repeat(32)}`);
    expect(scriptToAsm(bscript.compile([hex(`${sig}83`)]), true)).toBe(`${sig}[SINGLE|ANYONECANPAY]`);
  });

  it('computes BIP380 descriptor checksums and infers descriptors', () => {
    // Test vectors of BIP380.
    expect(descriptorChecksum('raw(deadbeef)')).toBe('89f8spxm');
    expect(descriptorChecksum('addr(mkmZxiEcEd8ZqjQWVZuC6so5dFMKEFpN2j)')).toBe('02wpgw69');
    expect(inferDescriptor(hex('6a0568656c6c6f'))).toBe(`raw(6a0568656c6c6f)#${descriptorChecksum('raw(6a0568656c6c6f)')}`);
    expect(inferDescriptor(hex('76a91427c174814a244a65acebd30d74fa8d723798472988ac'))).toMatch(/^addr\(mj9AQ2mNX6wnR4QoBSyd1UXNSCjc819H4a\)#[a-z0-9]{8}$/);
    expect(parseScanDescriptor('addr(mj9AQ2mNX6wnR4QoBSyd1UXNSCjc819H4a)')).toEqual(hex('76a91427c174814a244a65acebd30d74fa8d723798472988ac'));
    expect(parseScanDescriptor('raw(deadbeef)#89f8spxm')).toEqual(hex('deadbeef'));
    expect(() => parseScanDescriptor('raw(deadbeef)#89f8spxx')).toThrow("Provided checksum '89f8spxx' does not match computed checksum '89f8spxm'");
    expect(() => parseScanDescriptor('pkh(02aa)')).toThrow(DescriptorError);
  });

  it('round-trips addresses of every standard output type, and rejects anything else with null', () => {
    const templates = [
      (h: Uint8Array) => bscript.compile([opcodes.OP_DUP, opcodes.OP_HASH160, h.subarray(0, 20), opcodes.OP_EQUALVERIFY, opcodes.OP_CHECKSIG]),
      (h: Uint8Array) => bscript.compile([opcodes.OP_HASH160, h.subarray(0, 20), opcodes.OP_EQUAL]),
      (h: Uint8Array) => bscript.compile([opcodes.OP_0, h.subarray(0, 20)]),
      (h: Uint8Array) => bscript.compile([opcodes.OP_0, h]),
      (h: Uint8Array) => bscript.compile([opcodes.OP_1, h]),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 0, max: templates.length - 1 }), (hash, t) => {
        const script = templates[t]!(hash);
        const address = scriptToAddress(script)!;
        expect(address).toMatch(/^(m|n|2|bcrt1)/);
        expect(addressToScript(address)).toEqual(script);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const script = addressToScript(text);
        expect(script === null || script instanceof Uint8Array).toBe(true);
      }),
    );
    expect(addressToScript('bc1qylqhfq22y39xtt8t6vxhf75dwgmes3ef48ng07')).toBeNull();
    expect(addressToScript('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2')).toBeNull();
  });

  it('never throws on random scripts (parse, asm, classify, describe)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        parseScript(bytes);
        expect(typeof scriptToAsm(bytes, true)).toBe('string');
        expect(typeof solve(bytes).type).toBe('string');
        expect(inferDescriptor(bytes)).toMatch(/#[a-z0-9]{8}$/);
      }),
    );
  });

  it('round-trips push-only scripts through parseScript', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 2, maxLength: 300 }), { maxLength: 6 }), (pushes) => {
        const chunks = parseScript(bscript.compile(pushes))!;
        expect(chunks.map((c) => Buffer.from(c.data!).toString('hex'))).toEqual(pushes.map((p) => Buffer.from(p).toString('hex')));
      }),
    );
  });
});

describe('script verification and the mempool take any input', () => {
  const checker = { checkECDSA: () => false, checkSchnorrKeyPath: () => 'SCHNORR_SIG' as const };

  it('verifyScript returns an error or null for random scripts and witnesses', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 60 }),
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 4 }),
        fc.constantFrom(STANDARD_FLAGS, MANDATORY_FLAGS),
        (scriptSig, scriptPubKey, witness, flags) => {
          const result = verifyScript(scriptSig, scriptPubKey, witness, flags, checker);
          expect(result === null || result in SCRIPT_ERRORS).toBe(true);
        },
      ),
    );
  });

  it('an always-true P2WSH(OP_TRUE) spend verifies, and the same program with a wrong script does not', () => {
    const witnessScript = Uint8Array.of(opcodes.OP_TRUE);
    const program = bscript.compile([opcodes.OP_0, bcrypto.sha256(witnessScript)]);
    expect(verifyScript(new Uint8Array(0), program, [witnessScript], STANDARD_FLAGS, checker)).toBeNull();
    expect(verifyScript(new Uint8Array(0), program, [Uint8Array.of(opcodes.OP_2)], STANDARD_FLAGS, checker)).toBe('WITNESS_PROGRAM_MISMATCH');
    expect(verifyScript(Uint8Array.of(0x51), program, [witnessScript], STANDARD_FLAGS, checker)).toBe('WITNESS_MALLEATED');
    expect(verifyScript(new Uint8Array(0), program, [], STANDARD_FLAGS, checker)).toBe('WITNESS_PROGRAM_WITNESS_EMPTY');
  });

  it('the mempool answers random transactions with a rejection, never an exception', () => {
    const store = new ChainStore(':memory:');
    const node = new DevnetNode(store);
    try {
      fc.assert(
        fc.property(
          fc.array(fc.record({ hash: fc.uint8Array({ minLength: 32, maxLength: 32 }), index: fc.nat(3), script: fc.uint8Array({ maxLength: 40 }) }), { minLength: 1, maxLength: 3 }),
          fc.array(fc.record({ value: fc.bigInt({ min: 0n, max: 10n ** 10n }), script: fc.uint8Array({ maxLength: 40 }) }), { minLength: 1, maxLength: 3 }),
          (ins, outs) => {
            const tx = new Transaction();
            for (const i of ins) tx.addInput(i.hash, i.index, 0xffffffff, i.script);
            for (const o of outs) tx.addOutput(o.script, o.value);
            const result = node.submit(Transaction.fromHex(tx.toHex()), true);
            expect(result.accepted).toBe(false);
          },
        ),
      );
    } finally {
      store.close();
    }
  });
});

describe('policy and money', () => {
  it('uses bitcoind dust thresholds at 3 sat/vB', () => {
    expect(dustThreshold({ script: hex('76a91427c174814a244a65acebd30d74fa8d723798472988ac') })).toBe(546);
    expect(dustThreshold({ script: hex('a91427c174814a244a65acebd30d74fa8d723798472987') })).toBe(540);
    expect(dustThreshold({ script: hex('001427c174814a244a65acebd30d74fa8d7237984729') })).toBe(294);
    expect(dustThreshold({ script: hex(`0020${'11'.repeat(32)}`) })).toBe(330);
    expect(dustThreshold({ script: hex('6a00') })).toBe(0);
  });

  it('formats money like FormatMoney and amounts like ValueFromAmount', () => {
    expect(formatMoney(50e8)).toBe('50.00');
    expect(formatMoney(12345)).toBe('0.00012345');
    expect(formatMoney(10_000)).toBe('0.0001');
    expect(writeJson({ value: btc(50e8), small: btc(1), neg: btc(-1000) })).toBe('{"value":50.00000000,"small":0.00000001,"neg":-0.00001000}');
    expect(writeJson({ a: undefined, b: [1, 'x', null, true] })).toBe('{"b":[1,"x",null,true]}');
  });

  it('parses amounts like AmountFromValue', () => {
    expect(parseAmount(0.1)).toBe(10_000_000);
    expect(parseAmount('50')).toBe(50e8);
    expect(parseAmount(1e-8)).toBe(1);
    expect(() => parseAmount(0.123456789)).toThrow('Invalid amount');
    expect(() => parseAmount(-1)).toThrow('Amount out of range');
    expect(() => parseAmount(true)).toThrow('Amount is not a number or string');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 21_000_000 * 1e8 }), (sats) => {
        expect(parseAmount(btc(sats).toString())).toBe(sats);
        expect(Math.round(JSON.parse(writeJson(btc(sats))) * 1e8)).toBe(sats);
      }),
    );
  });

  it('decodes random hex only as a transaction or RPC -22', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          const tx = decodeTx(Buffer.from(bytes).toString('hex'));
          expect(tx).toBeInstanceOf(Transaction);
        } catch (e) {
          expect(e).toBeInstanceOf(RpcError);
          expect((e as RpcError).code).toBe(-22);
        }
      }),
    );
  });

  it('assembles blocks with BIP34 height, witness commitment, valid merkle roots and proof of work', () => {
    const witnessTx = new Transaction();
    witnessTx.addInput(new Uint8Array(32).fill(1), 0);
    witnessTx.addOutput(Uint8Array.of(opcodes.OP_TRUE), 1000n);
    witnessTx.setWitness(0, [Uint8Array.of(1, 2, 3)]);
    const payout = bscript.compile([opcodes.OP_0, new Uint8Array(20).fill(9)]);
    const block = assembleBlock({ prevHash: new Uint8Array(32).fill(7), height: 200, time: 1_700_000_000, payoutScript: payout, transactions: [witnessTx], fees: 500 });
    const parsed = Block.fromHex(block.toHex());
    expect(parsed.checkTxRoots()).toBe(true);
    expect(parsed.checkProofOfWork()).toBe(true);
    expect(parsed.bits).toBe(0x207fffff);
    const coinbase = parsed.transactions![0]!;
    expect(Buffer.from(coinbase.ins[0]!.script).toString('hex')).toBe('02c80000');
    expect(coinbase.ins[0]!.witness).toEqual([new Uint8Array(32)]);
    expect(coinbase.outs[0]!.value).toBe(BigInt(blockSubsidy(200) + 500));
    expect(Buffer.from(coinbase.outs[1]!.script).toString('hex')).toMatch(/^6a24aa21a9ed[0-9a-f]{64}$/);
  });
});
