import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@bsk/crypto';
import { DEVNET, deriveParams, nulldataScriptHex, scanBlock } from '../src/index.js';
import { Scenario, wallet } from './state-helpers.js';

/*
 * Chain data is untrusted: whatever a block carries, scanning and applying it never throws, and
 * nothing but accepted operations changes state (bns.md §1.1–§1.2).
 */

const [w0, w1, w2, w3] = [0, 1, 2, 3].map((i) => wallet(DEVNET, `scan wallet ${i}`)) as [ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>];
const OPCODES = [...'?:+>~;*&!#$'].map((c) => c.charCodeAt(0));

const hex = (bytes: fc.Arbitrary<Uint8Array>) => bytes.map(bytesToHex);
const script = fc.oneof(
  fc.constantFrom(w0.script, w1.script, w2.script, 'a914' + '00'.repeat(20) + '87', '0014' + '11'.repeat(20), '51', ''),
  hex(fc.uint8Array({ maxLength: 40 })),
);
const payload = fc.tuple(fc.constantFrom(...OPCODES), fc.uint8Array({ maxLength: 80 })).map(([op, tail]) => Uint8Array.from([0x69, 0x64, op, ...tail]));
const output = fc.oneof(
  fc.record({ script, value: fc.nat(1e9) }),
  payload.map((data) => ({ script: nulldataScriptHex(data), value: 0 })),
);
const input = fc.record({ script, scriptSig: hex(fc.uint8Array({ maxLength: 120 })), hasPrevout: fc.boolean() });
const tx = fc.record({ inputs: fc.array(input, { maxLength: 3 }), outputs: fc.array(output, { maxLength: 5 }) });

describe('scanning untrusted blocks', () => {
  it('random transactions never throw out of applyBlock and change no name state', () => {
    const s = new Scenario();
    s.createNamespace('test', w0, w1);
    s.registerName('foo.test', w2, w3);
    const rowsBefore = s.store.dump().rows;
    fc.assert(
      fc.property(fc.array(tx, { maxLength: 6 }), (txs) => {
        const block = s.makeBlock([]);
        const transactions = txs.map((t, i) => ({
          ...block.transactions[0]!,
          txid: bytesToHex(new Uint8Array(32).fill(i + 1)),
          inputs: t.inputs.map((inp, index) => ({
            index,
            txid: '00'.repeat(32),
            vout: 0,
            scriptSig: inp.scriptSig,
            witness: [],
            sequence: 0,
            isCoinbase: false,
            prevout: inp.hasPrevout ? { value: 1000, script: inp.script, type: 'nonstandard' as const, address: null } : null,
            publicKey: null,
          })),
          outputs: t.outputs.map((out, index) => ({ index, value: out.value, script: out.script, type: 'nonstandard' as const, address: null })),
        }));
        const randomBlock = { ...block, transactions: [block.transactions[0]!, ...transactions] };
        expect(() => scanBlock(DEVNET, randomBlock)).not.toThrow();
        const result = s.engine.applyBlock(randomBlock);
        // Random preorders may be accepted (they only need a fresh hash, which random bytes lack).
        expect(result.accepted.every((a) => a.type === 'name-preorder' || a.type === 'namespace-preorder')).toBe(true);
        expect(s.store.dump().rows.filter((row) => !row.startsWith('preorder'))).toEqual(rowsBefore.filter((row) => !row.startsWith('preorder')));
      }),
      { numRuns: 150 },
    );
  });
});

describe('sender_pubkey (bns.md §1.2)', () => {
  it('comes from the first input whose scriptSig reveals the sender key, even a later one', () => {
    const s = new Scenario();
    s.createNamespace('test', w0, w1);
    const block = s.makeBlock([s.namePreorder('foo.test', w2, w3)]);
    const preorder = block.transactions[1]!;
    const input0 = preorder.inputs[0]!;
    const keyOnlyLater = {
      ...preorder,
      inputs: [
        { ...input0, scriptSig: input0.scriptSig.slice(0, 2 + 71 * 2), publicKey: null },
        { ...input0, index: 1, vout: 1, prevout: { ...input0.prevout!, script: w1.script }, publicKey: null },
      ],
    };
    const scanned = scanBlock(DEVNET, { ...block, transactions: [block.transactions[0]!, keyOnlyLater] });
    expect(scanned.transactions[0]!.senderPubkey).toBe(w2.publicKey);
    const noKey = { ...keyOnlyLater, inputs: [keyOnlyLater.inputs[0]!] };
    expect(scanBlock(DEVNET, { ...block, transactions: [block.transactions[0]!, noKey] }).transactions[0]!.senderPubkey).toBeNull();
  });
});

describe('ANNOUNCE (bns.md §4.17)', () => {
  it('is accepted from the owner of an announcer name and changes nothing; refused from anyone else', () => {
    const params = deriveParams(DEVNET, { announcers: ['news.test'] });
    const s = new Scenario(params);
    s.createNamespace('test', w0, w1);
    s.registerName('news.test', w2, w3);
    const before = s.store.dump().rows;
    const announce = (from: typeof w3) => ({ from, operation: { type: 'announce' as const, messageHash: '44'.repeat(20) }, outputs: [{ script: from.script, value: 5500 }] });
    const result = s.mine(announce(w3), announce(w2));
    expect(result.accepted.map((a) => [a.type, a.record])).toEqual([['announce', null]]);
    expect(result.rejected.map((r) => r.reason)).toEqual(['not-announcer']);
    expect(s.store.dump().rows).toEqual(before);
    expect(result.opsHash).toBe(new Scenario(params).mine().opsHash);
  });
});
