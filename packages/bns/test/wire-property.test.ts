import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, bytesToHex } from '@bsk/crypto';
import { MAINNET, OUTPUT_LAYOUTS, decodeContextAt, decodeOperation, encodeOperation, readOperationOutputs, type DecodeContext, type Decoded, type Operation, type OperationType } from '@bsk/bns';

/* Property tests of the wire codec: untrusted bytes never make it throw, and valid operations round-trip. */

const EPOCH_HEIGHT = [400000, 450000, 500000, 560000, 600000];
const OPCODES = [...'?:+>~;*&!#$'].map((c) => c.charCodeAt(0));
const REASONS = new Set(['not-an-operation', 'unknown-opcode', 'bad-length', 'bad-name', 'bad-namespace-id', 'bad-field', 'not-in-this-epoch', 'bad-outputs']);

const context = fc.record({
  height: fc.constantFrom(...EPOCH_HEIGHT),
  outputCount: fc.integer({ min: 0, max: 8 }),
}).map(({ height, outputCount }) => decodeContextAt(MAINNET, height, outputCount));

/** Bytes that start with the magic and a real opcode most of the time, so the parsers get exercised. */
const data = fc.oneof(
  fc.uint8Array({ maxLength: 90 }),
  fc.tuple(fc.constantFrom(...OPCODES), fc.uint8Array({ maxLength: 80 })).map(([op, rest]) => Uint8Array.of(0x69, 0x64, op, ...rest)),
);

function expectWellFormed(result: Decoded) {
  expect(['rejected', 'out-of-scope'].includes(result.type) || typeof result.type === 'string').toBe(true);
  if (result.type === 'rejected') expect(REASONS.has(result.reason)).toBe(true);
}

// --- valid operations -------------------------------------------------------------------------

const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map(bytesToHex);
const label = (max: number) => fc.stringMatching(new RegExp(`^[a-z0-9_-]{1,${max}}$`));
const namespaceId = label(19);
const name = fc.tuple(label(35), namespaceId).map(([n, ns]) => `${n}.${ns}`).filter((fqn) => fqn.length <= 37);
const tokens = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

/** An operation and a context in which the reference parses exactly that form. */
const validOperation: fc.Arbitrary<[Operation, DecodeContext]> = fc.oneof(
  fc.tuple(hex(20), hex(16)).map(([preorderHash, consensusHash]): [Operation, DecodeContext] => [
    { type: 'name-preorder', preorderHash, consensusHash, tokenFee: null, tokenUnits: null },
    decodeContextAt(MAINNET, 500000, 3),
  ]),
  fc.tuple(hex(20), hex(16), tokens, fc.stringMatching(/^[A-Z]{1,19}$/)).map(([preorderHash, consensusHash, tokenFee, tokenUnits]): [Operation, DecodeContext] => [
    { type: 'name-preorder', preorderHash, consensusHash, tokenFee, tokenUnits },
    decodeContextAt(MAINNET, 600000, 3),
  ]),
  fc.tuple(name, fc.option(hex(20), { nil: null }), fc.boolean()).map(([fqn, valueHash, renew]): [Operation, DecodeContext] => [
    { type: renew ? 'name-renewal' : 'name-registration', name: fqn, valueHash, tokenFee: null },
    decodeContextAt(MAINNET, valueHash === null ? 400000 : 500000, renew ? 4 : 3),
  ]),
  fc.tuple(name, hex(20), tokens).map(([fqn, valueHash, tokenFee]): [Operation, DecodeContext] => [
    { type: 'name-renewal', name: fqn, valueHash, tokenFee },
    decodeContextAt(MAINNET, 600000, 5),
  ]),
  fc.tuple(name, hex(20)).map(([fqn, valueHash]): [Operation, DecodeContext] => [
    { type: 'name-registration', name: fqn, valueHash, tokenFee: 0n },
    decodeContextAt(MAINNET, 560000, 2),
  ]),
  fc.tuple(hex(16), hex(20)).map(([nameConsensusHash, valueHash]): [Operation, DecodeContext] => [{ type: 'name-update', nameConsensusHash, valueHash }, decodeContextAt(MAINNET, 400000, 1)]),
  fc.tuple(fc.boolean(), hex(16), hex(16)).map(([keepData, nameHash128, consensusHash]): [Operation, DecodeContext] => [
    { type: 'name-transfer', keepData, nameHash128, consensusHash },
    decodeContextAt(MAINNET, 400000, 2),
  ]),
  name.map((fqn): [Operation, DecodeContext] => [{ type: 'name-revoke', name: fqn }, decodeContextAt(MAINNET, 400000, 1)]),
  name.map((fqn): [Operation, DecodeContext] => [{ type: 'name-import', name: fqn }, decodeContextAt(MAINNET, 400000, 3)]),
  fc.tuple(hex(20), hex(16)).map(([preorderHash, consensusHash]): [Operation, DecodeContext] => [
    { type: 'namespace-preorder', preorderHash, consensusHash, tokenFee: null },
    decodeContextAt(MAINNET, 450000, 3),
  ]),
  fc.tuple(hex(20), hex(16), tokens).map(([preorderHash, consensusHash, tokenFee]): [Operation, DecodeContext] => [
    { type: 'namespace-preorder', preorderHash, consensusHash, tokenFee },
    decodeContextAt(MAINNET, 560000, 3),
  ]),
  fc
    .record({
      namespaceId,
      lifetime: fc.integer({ min: 0, max: 0xffffffff }),
      coeff: fc.integer({ min: 0, max: 255 }),
      base: fc.integer({ min: 0, max: 255 }),
      buckets: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 16, maxLength: 16 }),
      nonalphaDiscount: fc.integer({ min: 1, max: 15 }),
      noVowelDiscount: fc.integer({ min: 1, max: 15 }),
      version: fc.integer({ min: 1, max: 3 }),
    })
    .map((fields): [Operation, DecodeContext] => [{ type: 'namespace-reveal', ...fields }, decodeContextAt(MAINNET, 400000, 3)]),
  namespaceId.map((id): [Operation, DecodeContext] => [{ type: 'namespace-ready', namespaceId: id }, decodeContextAt(MAINNET, 400000, 1)]),
  hex(20).map((messageHash): [Operation, DecodeContext] => [{ type: 'announce', messageHash }, decodeContextAt(MAINNET, 400000, 1)]),
);

/** A valid encoding with random damage: flips, truncation, extension, insertion and deletion. */
const mutated = fc
  .tuple(
    validOperation,
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    context,
  )
  .map(([[op], mutations, ctx]) => {
    let bytes = [...encodeOperation(op, 'id')];
    for (const m of mutations) {
      const at = 'at' in m ? m.at % (bytes.length + 1) : 0;
      if (m.kind === 'flip' && bytes.length > 0) bytes[at % bytes.length] = m.value;
      if (m.kind === 'truncate') bytes = bytes.slice(0, at);
      if (m.kind === 'append') bytes.push(...m.bytes);
      if (m.kind === 'delete') bytes.splice(at, 1);
      if (m.kind === 'insert') bytes.splice(at, 0, m.value);
    }
    return [Uint8Array.from(bytes), ctx] as const;
  });

/** Decoded operations whose encoding is canonical (preorder token units may be right-aligned on chain). */
function reencodes(result: Decoded): result is Operation {
  if (result.type === 'rejected' || result.type === 'out-of-scope') return false;
  return !(result.type === 'name-preorder' && result.tokenUnits !== null);
}

describe('decodeOperation never throws (bns.md: malformed payloads never escape the decoder)', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(data, context, (bytes, ctx) => {
        expectWellFormed(decodeOperation(bytes, ctx));
      }),
      { numRuns: 1200 },
    );
  });

  it('on damaged valid operations, and whatever it accepts re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(mutated, ([bytes, ctx]) => {
        const result = decodeOperation(bytes, ctx);
        expectWellFormed(result);
        if (reencodes(result)) expect(bytesToHex(encodeOperation(result, 'id'))).toBe(bytesToHex(bytes));
      }),
      { numRuns: 1200 },
    );
  });

  it('with any magic bytes in the context', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), data, context, (magicBytes, bytes, ctx) => {
        expectWellFormed(decodeOperation(bytes, { ...ctx, magicBytes }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('round trips', () => {
  it('decode(encode(op)) = op for every valid operation in an epoch that allows its form', () => {
    fc.assert(
      fc.property(validOperation, ([op, ctx]) => {
        const data = encodeOperation(op, 'id');
        expect(data.length).toBeLessThanOrEqual(80);
        expect(decodeOperation(data, ctx)).toEqual(op);
      }),
      { numRuns: 800 },
    );
  });

  it('with other magic bytes too', () => {
    fc.assert(
      fc.property(validOperation, fc.stringMatching(/^[\x20-\x7e]{2}$/), ([op, ctx], magicBytes) => {
        expect(decodeOperation(encodeOperation(op, magicBytes), { ...ctx, magicBytes })).toEqual(op);
      }),
      { numRuns: 300 },
    );
  });
});

describe('encodeOperation throws only InvalidInputError', () => {
  it('on operations with random field values', () => {
    const anyValue = fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.bigInt(), fc.constant(null), fc.array(fc.integer({ min: -2, max: 20 }), { maxLength: 18 }), fc.boolean());
    const types = ['toString', 'unknown', 'name-preorder', 'name-registration', 'name-renewal', 'name-update', 'name-transfer', 'name-revoke', 'name-import', 'namespace-preorder', 'namespace-reveal', 'namespace-ready', 'announce'];
    const fields = ['preorderHash', 'consensusHash', 'tokenFee', 'tokenUnits', 'name', 'valueHash', 'nameConsensusHash', 'keepData', 'nameHash128', 'namespaceId', 'lifetime', 'coeff', 'base', 'buckets', 'nonalphaDiscount', 'noVowelDiscount', 'version', 'messageHash'];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(fc.constantFrom(...fields), anyValue), (type, values) => {
        const op = { type, ...values } as unknown as Operation;
        try {
          encodeOperation(op, 'id');
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('readOperationOutputs never throws', () => {
  it('on random output scripts and counts', () => {
    const script = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map(bytesToHex),
      hex(20).map((h) => `76a914${h}88ac`),
      hex(20).map((h) => `a914${h}87`),
      fc.string({ maxLength: 50 }),
    );
    const outputs = fc.array(fc.record({ script, value: fc.integer({ min: 0, max: 21e14 }) }), { maxLength: 6 });
    const types = Object.keys(OUTPUT_LAYOUTS) as OperationType[];
    fc.assert(
      fc.property(fc.constantFrom(...types), outputs, fc.constantFrom(...EPOCH_HEIGHT), (type, outs, height) => {
        const result = readOperationOutputs(MAINNET, height, type, outs);
        if ('type' in result) expect(result.reason).toBe('bad-outputs');
        else expect(typeof result).toBe('object');
      }),
      { numRuns: 500 },
    );
  });
});
