import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToHex, getPublicKeyFromPrivate, InvalidInputError, publicKeyToAddress } from '@bsk/crypto';
import {
  buildTransaction,
  classifyScript,
  decodeScript,
  nulldataPayload,
  nulldataScript,
  parseTransaction,
  scriptToAddress,
  senderPublicKey,
  signerScript,
  spendingPublicKey,
  transactionNulldata,
  transactionNulldataBytes,
  type InputSigner,
} from '../src/index.js';
import { fakeUtxo, testKey, verifyAllInputs } from './tx-helpers.js';

function onlyInvalidInput(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
  }
}

const signerArb: fc.Arbitrary<InputSigner> = fc.oneof(
  fc.record({ type: fc.constant('p2pkh' as const), privateKey: fc.integer({ min: 1, max: 1000 }).map(testKey), compressed: fc.boolean() }),
  fc.record({ type: fc.constantFrom('p2wpkh' as const, 'p2sh-p2wpkh' as const), privateKey: fc.integer({ min: 1, max: 1000 }).map(testKey) }),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 1000 })).map(([n, extra, base]) => {
    const keys = Array.from({ length: n + extra }, (_, i) => testKey(base + i));
    return { type: 'p2sh-multisig' as const, required: n, publicKeys: keys.map(getPublicKeyFromPrivate), privateKeys: keys.slice(extra) };
  }),
);

describe('parser robustness (property)', () => {
  it('random bytes never throw anything but InvalidInputError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => onlyInvalidInput(() => parseTransaction(bytes, 'mainnet'))),
      { numRuns: 3000 },
    );
  });

  it('random strings never throw anything but InvalidInputError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => onlyInvalidInput(() => parseTransaction(text, 'testnet'))));
  });

  it('mutations of a valid transaction parse or fail with InvalidInputError; whatever parses re-serializes identically', () => {
    const built = buildTransaction({
      network: 'regtest',
      feeRate: 1,
      outputs: [{ nulldata: '69643f' }, { address: publicKeyToAddress(getPublicKeyFromPrivate(testKey(5)), 'regtest'), value: 5_000 }],
      funding: { signer: { type: 'p2sh-p2wpkh', privateKey: testKey(6) }, utxos: [fakeUtxo(signerScript({ type: 'p2sh-p2wpkh', privateKey: testKey(6) }), 20_000)] },
    });
    const base = built.hex;
    fc.assert(
      fc.property(fc.nat(base.length / 2 - 1), fc.integer({ min: 0, max: 255 }), fc.nat(8), (at, byte, cut) => {
        const bytes = Uint8Array.from(Buffer.from(base, 'hex'));
        bytes[at] = byte;
        const mutated = bytes.subarray(0, bytes.length - cut);
        try {
          expect(parseTransaction(mutated, 'regtest').hex).toBe(bytesToHex(mutated));
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('script readers never throw on random scripts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.constantFrom('mainnet' as const, 'testnet' as const, 'regtest' as const), (script, network) => {
        classifyScript(script);
        scriptToAddress(script, network);
        decodeScript(script);
        nulldataPayload(script);
        const input = { scriptSig: bytesToHex(script), witness: [bytesToHex(script)] };
        spendingPublicKey(input, script);
        senderPublicKey([input], script);
        transactionNulldata([{ script: bytesToHex(script) }]);
      }),
      { numRuns: 2000 },
    );
  });

  it('a transaction\'s OP_RETURN data is that of its last output of the form OP_RETURN <one push>, whatever the case of the hex', () => {
    const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
    const script = fc.oneof(
      bytes(0, 40).map((b) => bytesToHex(b)),
      bytes(0, 80).map((b) => `6a${bytesToHex(b)}`),
      bytes(1, 75).map((b) => bytesToHex(nulldataScript(b))),
      bytes(1, 75).map((b) => bytesToHex(nulldataScript(b)).toUpperCase()),
    );
    fc.assert(
      fc.property(fc.array(script, { maxLength: 6 }), (scripts) => {
        // The definition: decode every output's script; the last qualifying one wins.
        let expected: string | null = null;
        for (const hex of scripts) {
          const data = nulldataPayload(Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
          if (data !== null) expected = bytesToHex(data);
        }
        const outputs = scripts.map((hex) => ({ script: hex }));
        expect(transactionNulldata(outputs)).toBe(expected);
        const found = transactionNulldataBytes(outputs);
        expect(found === null ? null : bytesToHex(found)).toBe(expected);
      }),
    );
  });

  it('OP_RETURN data round-trips through the script', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        expect(bytesToHex(nulldataPayload(nulldataScript(data))!)).toBe(bytesToHex(data));
      }),
    );
  });
});

describe('builder (property)', () => {
  it('any funded plan builds a transaction that parses back, pays what it says and signs every input', () => {
    fc.assert(
      fc.property(
        signerArb,
        fc.array(fc.integer({ min: 1_000, max: 5_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 546, max: 1_000_000 }), { minLength: 0, maxLength: 3 }),
        fc.option(fc.uint8Array({ maxLength: 80 }), { nil: undefined }),
        fc.integer({ min: 1, max: 50 }),
        (signer, values, payments, data, feeRate) => {
          const funding = { signer, utxos: values.map((v) => fakeUtxo(signerScript(signer), v)) };
          const outputs = [
            ...(data === undefined ? [] : [{ nulldata: data }]),
            ...payments.map((value, i) => ({ address: publicKeyToAddress(getPublicKeyFromPrivate(testKey(2000 + i)), 'regtest'), value })),
          ];
          let built;
          try {
            built = buildTransaction({ network: 'regtest', feeRate, outputs, funding });
          } catch (error) {
            expect((error as Error).name).toBe('InsufficientFundsError');
            expect(values.reduce((a, b) => a + b, 0)).toBeLessThan(payments.reduce((a, b) => a + b, 0) + feeRate * (11 + 300 * values.length + 50 * outputs.length));
            return;
          }
          const tx = parseTransaction(built.hex, 'regtest');
          const inputTotal = built.inputs.reduce((sum, i) => sum + i.utxo.value, 0);
          const outputTotal = tx.outputs.reduce((sum, o) => sum + o.value, 0);
          expect(inputTotal - outputTotal).toBe(built.fee);
          expect(built.fee).toBeGreaterThanOrEqual(tx.vsize * feeRate);
          expect(tx.outputs.length).toBe(outputs.length + (built.changeIndex === null ? 0 : 1));
          expect(verifyAllInputs(built.hex, built.inputs)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
