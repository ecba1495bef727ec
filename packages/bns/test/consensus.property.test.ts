import { InvalidInputError, bytesToHex, doubleSha256 } from '@bsk/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SERIALIZE_FIELDS,
  consensusHash,
  merkleRoot,
  opsHash,
  previousSnapshotHeights,
  pythonFloatStr,
  serializeOp,
  snapshotBlock,
  type CanonicalRecord,
  type NamePreorderRecord,
  type NameRecord,
  type NamespacePreorderRecord,
  type NamespaceRecord,
  type SerializedOpcode,
  type TokenTransferRecord,
} from '../src/consensus/index.js';

/** Runs `f`; passes if it returns or throws InvalidInputError, fails on any other exception. */
function onlyTypedErrors(f: () => unknown): void {
  try {
    f();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
  }
}

// --- generators of well-typed canonical records ------------------------------------------------
// Text is non-empty printable ASCII (None and '' both render as '', by design of the reference);
// op_fee stays below 1e11, where Python's 12-digit float rendering is still exact.

const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map(bytesToHex);
const text = fc.string({ minLength: 1, maxLength: 24 });
const nullableText = fc.option(text, { nil: null });
const height = fc.integer({ min: 0, max: 2_000_000 });
const vtxindex = fc.nat(4000);
const fee = fc.integer({ min: 0, max: 99_999_999_999 });

const namePreorder: fc.Arbitrary<NamePreorderRecord> = fc.record({
  op: fc.constant('?' as const),
  preorder_hash: hex(20),
  consensus_hash: hex(16),
  sender: text,
  sender_pubkey: nullableText,
  address: text,
  block_number: height,
  txid: hex(32),
  vtxindex,
  op_fee: fee,
});

const nameRecord: fc.Arbitrary<NameRecord> = fc.record({
  op: fc.constantFrom(':', '::', '+', '>>', '>~', '~', ';'),
  name: text,
  value_hash: fc.option(hex(20), { nil: null }),
  sender: text,
  sender_pubkey: nullableText,
  address: text,
  block_number: height,
  preorder_block_number: height,
  first_registered: height,
  last_renewed: height,
  revoked: fc.boolean(),
  txid: hex(32),
  vtxindex,
  op_fee: fee,
  importer: nullableText,
  importer_address: nullableText,
  consensus_hash: hex(16),
  last_creation_op: fc.constantFrom('?', ';'),
});

const namespacePreorder: fc.Arbitrary<NamespacePreorderRecord> = fc.record({
  op: fc.constant('*' as const),
  preorder_hash: hex(20),
  consensus_hash: hex(16),
  op_fee: fee,
  txid: hex(32),
  vtxindex,
  block_number: height,
  sender: text,
  sender_pubkey: nullableText,
  address: text,
});

const namespace: fc.Arbitrary<NamespaceRecord> = fc.record({
  op: fc.constantFrom('&', '!'),
  namespace_id: text,
  preorder_hash: hex(20),
  version: fc.integer({ min: 1, max: 3 }),
  sender: text,
  sender_pubkey: nullableText,
  address: text,
  recipient: text,
  recipient_address: text,
  block_number: height,
  reveal_block: height,
  txid: hex(32),
  vtxindex,
  lifetime: fc.nat(0xffffffff),
  coeff: fc.nat(255),
  base: fc.nat(255),
  buckets: fc.array(fc.nat(15), { minLength: 16, maxLength: 16 }),
  nonalpha_discount: fc.integer({ min: 1, max: 15 }),
  no_vowel_discount: fc.integer({ min: 1, max: 15 }),
  ready_block: height,
});

const tokenTransfer: fc.Arbitrary<TokenTransferRecord> = fc.record({
  op: fc.constant('$' as const),
  sender: text,
  address: text,
  recipient: text,
  recipient_address: text,
  token_units: text,
  token_fee: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
  block_id: height,
  txid: hex(32),
  vtxindex,
  consensus_hash: hex(16),
  scratch_area: fc.uint8Array({ maxLength: 34 }).map(bytesToHex),
});

const KINDS: readonly fc.Arbitrary<CanonicalRecord>[] = [namePreorder, nameRecord, namespacePreorder, namespace, tokenTransfer];
const anyRecord: fc.Arbitrary<CanonicalRecord> = fc.oneof(...KINDS);

const NAME_TRANSITIONS = new Set(['::', '+', '>>', '>~', '~']);

/**
 * What a serialization may depend on: the values of the opcode's fields, plus `last_creation_op`
 * where it decides between float and int `op_fee`. Two records with equal projections must
 * serialize identically; different projections must not.
 */
function projection(record: CanonicalRecord): string {
  const fields = new Set<string>(SERIALIZE_FIELDS[record.op[0] as SerializedOpcode]);
  if (NAME_TRANSITIONS.has(record.op)) fields.add('last_creation_op');
  const picked = Object.entries(record)
    .filter(([key]) => fields.has(key))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(picked);
}

/** The same record with its keys in a different order. */
function reordered(record: CanonicalRecord): CanonicalRecord {
  return Object.fromEntries(Object.entries(record).reverse()) as unknown as CanonicalRecord;
}

describe('serializeOp properties', () => {
  it('is deterministic and independent of key order', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const serialized = serializeOp(record);
        expect(serializeOp(structuredClone(record))).toBe(serialized);
        expect(serializeOp(reordered(record))).toBe(serialized);
        expect(serialized.startsWith(`${record.op[0]}:`)).toBe(true);
      }),
    );
  });

  it('survives a JSON round trip (how a store keeps records and history)', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        expect(serializeOp(JSON.parse(JSON.stringify(record)) as CanonicalRecord)).toBe(serializeOp(record));
      }),
    );
  });

  it('is injective: records serialize alike exactly when their serialized fields are alike', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { minLength: 2, maxLength: 8 }), (records) => {
        const serialized = records.map(serializeOp);
        const projected = records.map(projection);
        for (let i = 0; i < records.length; i++) {
          for (let j = i + 1; j < records.length; j++) {
            expect(serialized[i] === serialized[j]).toBe(projected[i] === projected[j]);
          }
        }
      }),
    );
  });

  it('is injective on near neighbours: changing one field changes the string iff the field is serialized', () => {
    const neighbours = fc.oneof(...KINDS.map((kind) => fc.tuple(kind, kind, fc.nat())));
    fc.assert(
      fc.property(neighbours, ([record, donor, pick]) => {
        const keys = Object.keys(record);
        const key = keys[pick % keys.length]!;
        const neighbour = { ...record, [key]: (donor as unknown as Record<string, unknown>)[key] } as CanonicalRecord;
        expect(serializeOp(record) === serializeOp(neighbour)).toBe(projection(record) === projection(neighbour));
      }),
    );
  });

  it('never throws anything but InvalidInputError on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        onlyTypedErrors(() => serializeOp(value as CanonicalRecord));
      }),
    );
  });

  it('never throws anything but InvalidInputError when one field of a record is arbitrary', () => {
    fc.assert(
      fc.property(anyRecord, fc.nat(), fc.anything(), (record, pick, value) => {
        const keys = Object.keys(record);
        const broken = { ...record, [keys[pick % keys.length]!]: value };
        onlyTypedErrors(() => serializeOp(broken as CanonicalRecord));
      }),
    );
  });
});

describe('Merkle, ops hash and consensus hash properties', () => {
  const consensusHashes = fc.array(hex(16), { maxLength: 20 });

  it('a single leaf is its own root', () => {
    fc.assert(
      fc.property(hex(32), (leaf) => {
        expect(merkleRoot([leaf])).toBe(leaf);
      }),
    );
  });

  it('the ops hash ignores the order of operations in the block', () => {
    const opsAndShuffle = fc
      .array(fc.string(), { maxLength: 12 })
      .chain((ops) => fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length })));
    fc.assert(
      fc.property(opsAndShuffle, ([ops, shuffled]) => {
        const hash = opsHash(ops);
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(opsHash(shuffled)).toBe(hash);
      }),
    );
  });

  it('the ops hash is the Merkle root of the sorted hex digests, as virtualchain computes it', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 12 }), (ops) => {
        const leaves = ops.map((op) => bytesToHex(doubleSha256(op))).sort();
        expect(opsHash(ops)).toBe(merkleRoot(leaves));
      }),
    );
  });

  it('the consensus hash is 16 bytes of hex and ignores the order of the previous hashes', () => {
    const input = fc
      .tuple(hex(32), consensusHashes)
      .chain(([ops, previous]) =>
        fc.tuple(fc.constant(ops), fc.constant(previous), fc.shuffledSubarray(previous, { minLength: previous.length, maxLength: previous.length })),
      );
    fc.assert(
      fc.property(input, ([ops, previous, shuffled]) => {
        const hash = consensusHash(ops, previous);
        expect(hash).toMatch(/^[0-9a-f]{32}$/);
        expect(consensusHash(ops, shuffled)).toBe(hash);
      }),
    );
  });

  it('skip-list heights are B − (2^i − 1), descending, all at or above the first block', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (first, offset) => {
        const heights = previousSnapshotHeights(first + offset, first);
        heights.forEach((h, i) => expect(h).toBe(first + offset - (2 ** (i + 1) - 1)));
        expect(heights.every((h) => h >= first)).toBe(true);
        expect(first + offset - (2 ** (heights.length + 1) - 1)).toBeLessThan(first);
      }),
    );
  });

  it('never throw anything but InvalidInputError on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        onlyTypedErrors(() => merkleRoot(a as string[]));
        onlyTypedErrors(() => opsHash(a as string[]));
        onlyTypedErrors(() => consensusHash(a as string, b as string[]));
        onlyTypedErrors(() => previousSnapshotHeights(a as number, b as number));
        onlyTypedErrors(() => pythonFloatStr(a as number));
      }),
    );
  });

  it('snapshotBlock only raises InvalidInputError, whatever the store returns', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.array(anyRecord, { maxLength: 3 }), fc.anything(), (offset, records, stored) => {
        const lookup = { consensusHashAt: () => stored as string };
        onlyTypedErrors(() => snapshotBlock({ height: 1000 + offset, firstBlock: 1000, records, lookup }));
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (block) => {
        onlyTypedErrors(() => snapshotBlock(block as Parameters<typeof snapshotBlock>[0]));
      }),
    );
  });
});

describe('pythonFloatStr properties', () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

  it('is the value to 12 significant digits, in one of the two Python shapes', () => {
    fc.assert(
      fc.property(finite, (x) => {
        const rendered = pythonFloatStr(x);
        expect(rendered).toMatch(/^-?(\d+\.\d+|\d(\.\d+)?e[+-]\d{2,3})$/);
        expect(rendered.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length).toBeLessThanOrEqual(12);
        const parsed = Number(rendered);
        expect(Math.abs(parsed - x)).toBeLessThanOrEqual(Math.abs(x) * 5.000001e-12 + Number.MIN_VALUE);
      }),
    );
  });

  it('agrees with toPrecision(12) except on exact ties, which Python rounds to even', () => {
    fc.assert(
      fc.property(finite, (x) => {
        fc.pre(!x.toPrecision(13).replace(/e.*$/, '').endsWith('5'));
        // `===` rather than Object.is: toPrecision drops the sign of -0, Python keeps it
        expect(Number(pythonFloatStr(x)) === Number(x.toPrecision(12))).toBe(true);
      }),
    );
  });

  it('prints integral values below 1e11 in full with ".0"', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), (n) => {
        expect(pythonFloatStr(n)).toBe(`${n}.0`);
      }),
    );
  });
});
