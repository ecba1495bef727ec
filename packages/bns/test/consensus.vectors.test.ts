import { InvalidInputError, bytesToHex, doubleSha256 } from '@bsk/crypto';
import { describe, expect, it } from 'vitest';
import { MAINNET } from '../src/params.js';
import {
  EMPTY_OPS_LEAF,
  consensusHash,
  genesisSnapshots,
  merkleRoot,
  opsHash,
  previousSnapshotHeights,
  serializeOp,
  snapshotBlock,
  type CanonicalRecord,
  type NamePreorderRecord,
  type NameRecord,
  type NamespaceRecord,
} from '../src/consensus/index.js';

/* bns.md §6.3 (derived serialization example) and §6.5 (consensus-hash vectors). */

const PREORDER_EXAMPLE: NamePreorderRecord = {
  op: '?',
  preorder_hash: '363da95bc8d5203d1c07bd87c564a1e6395826cf',
  consensus_hash: 'dfe87cfd31ffa2a3b8101e3e93096f2b',
  sender: '76a91441577ec99314a293acbc17d8152137cf4862f7f188ac',
  sender_pubkey: '0236b07942707a86ab666bb300b58d295d988ce9c3a338a0e08380dd98732fd4fa',
  address: '16xqAGbbmUJhPA1u1vQyK4PyNk3pkEWtbe',
  block_number: 500000,
  txid: '22a024f16944d2f568de4a613566fcfab53b86d37f1903668d399f9a366883de',
  vtxindex: 12,
  op_fee: 1000,
};

const PREORDER_EXAMPLE_SERIALIZED =
  '?:40:363da95bc8d5203d1c07bd87c564a1e6395826cf,32:dfe87cfd31ffa2a3b8101e3e93096f2b,' +
  '50:76a91441577ec99314a293acbc17d8152137cf4862f7f188ac,' +
  '66:0236b07942707a86ab666bb300b58d295d988ce9c3a338a0e08380dd98732fd4fa,' +
  '34:16xqAGbbmUJhPA1u1vQyK4PyNk3pkEWtbe,6:500000,1:?,' +
  '64:22a024f16944d2f568de4a613566fcfab53b86d37f1903668d399f9a366883de,2:12,4:1000';

const GENESIS = '17ac43c1d8549c3181b200f1bf97eb7d';
const PREVIOUS_THREE = ['a55d440eb192a1857739b0e0742fd312', '28bbe023522c6dc29e962fa8b3d9520b', '9a580fc92380a546116089025ec3abb2'];

describe('bns.md §6.3 serialization example', () => {
  it('serializes the NAME_PREORDER record to the documented string', () => {
    expect(serializeOp(PREORDER_EXAMPLE)).toBe(PREORDER_EXAMPLE_SERIALIZED);
  });

  it('hashes it (dsha256) to the documented value', () => {
    expect(bytesToHex(doubleSha256(PREORDER_EXAMPLE_SERIALIZED))).toBe('0f1f124efaa0e11b481d9fa20b5fbfa028cc872735460bc1cf34c7f6d2e9dcf9');
  });
});

describe('bns.md §6.5 consensus-hash vectors', () => {
  it('no ops, no previous hashes: the empty-ops leaf and 2a9148d8…', () => {
    expect(EMPTY_OPS_LEAF).toBe('5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456');
    expect(opsHash([])).toBe(EMPTY_OPS_LEAF);
    expect(consensusHash(opsHash([]), [])).toBe('2a9148d8b13939723d2aca16c75c6d68');
  });

  it('no ops, previous = [genesis]: root 576fcfc0…, consensus hash 3aaf179c…', () => {
    expect(merkleRoot([GENESIS, EMPTY_OPS_LEAF].sort())).toBe('576fcfc083d5873700e244e16307ca72a9820b864a278b24bacbec3a455bc93a');
    expect(consensusHash(EMPTY_OPS_LEAF, [GENESIS])).toBe('3aaf179c00b2e46d5b42cbfe59100139');
  });

  it('one op (the §6.3 string) with three previous hashes: 765e94a3…', () => {
    const ops = opsHash([PREORDER_EXAMPLE_SERIALIZED]);
    expect(ops).toBe('0f1f124efaa0e11b481d9fa20b5fbfa028cc872735460bc1cf34c7f6d2e9dcf9');
    expect(merkleRoot([...PREVIOUS_THREE, ops].sort())).toBe('4d896b2f2661ceeeb870103de6c9be620605fb0c7b4f1328236e44bc17a77914');
    expect(consensusHash(ops, PREVIOUS_THREE)).toBe('765e94a310db7e186aad7e5f0fd12fd0');
  });

  it('the same plus a second op with vtxindex 13 and an all-zero txid: daac2bc0…', () => {
    const second = serializeOp({ ...PREORDER_EXAMPLE, vtxindex: 13, txid: '0'.repeat(64) });
    const ops = opsHash([PREORDER_EXAMPLE_SERIALIZED, second]);
    expect(ops).toBe('4e0a74b20cca0ebeb9320ae71a6707411e5f250512a4799fd262e241d9740e57');
    expect(merkleRoot([...PREVIOUS_THREE, ops].sort())).toBe('a38daf8c756d927e46907390f0022a2ef8de0c8e8d053e6979895aa57df8f9b7');
    expect(consensusHash(ops, PREVIOUS_THREE)).toBe('daac2bc0bd2a871573115c9f9653fa26');
    // order inside the block does not matter
    expect(opsHash([second, PREORDER_EXAMPLE_SERIALIZED])).toBe(ops);
  });
});

describe('MerkleRoot (bns.md §6.4: Bitcoin\'s tree with hex byte-reversal)', () => {
  it('gives Bitcoin block 100000\'s Merkle root from its txids', () => {
    const txids = [
      '8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87',
      'fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4',
      '6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4',
      'e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d',
    ];
    expect(merkleRoot(txids)).toBe('f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766');
  });

  it('has no root without leaves', () => {
    expect(() => merkleRoot([])).toThrow(InvalidInputError);
  });
});

describe('skip list and genesis (bns.md §6.4 step 4, §10)', () => {
  const first = MAINNET.firstBlock;

  it('stores the four genesis pseudo-snapshots below the first block', () => {
    expect([...genesisSnapshots(MAINNET)]).toEqual([
      [373597, GENESIS],
      [373598, GENESIS],
      [373599, GENESIS],
      [373600, GENESIS],
    ]);
  });

  it('takes B−1, B−3, B−7, … while at or above the first block', () => {
    expect(previousSnapshotHeights(first, first)).toEqual([]);
    expect(previousSnapshotHeights(first + 1, first)).toEqual([first]);
    expect(previousSnapshotHeights(first + 2, first)).toEqual([first + 1]);
    expect(previousSnapshotHeights(first + 3, first)).toEqual([first + 2, first]);
    expect(previousSnapshotHeights(first + 15, first)).toEqual([first + 14, first + 12, first + 8, first]);
    expect(previousSnapshotHeights(first + 16, first)).toEqual([first + 15, first + 13, first + 9, first + 1]);
    expect(previousSnapshotHeights(601574, first)).toHaveLength(17);
  });

  it('an empty first block hashes to 2a9148d8… (genesis hashes are never mixed in)', () => {
    const stored = new Map(genesisSnapshots(MAINNET));
    const lookup = { consensusHashAt: (height: number) => stored.get(height) };
    const snapshot = snapshotBlock({ height: first, firstBlock: first, records: [], lookup });
    expect(snapshot).toEqual({ opsHash: EMPTY_OPS_LEAF, consensusHash: '2a9148d8b13939723d2aca16c75c6d68' });
    stored.set(first, snapshot.consensusHash);
    const next = snapshotBlock({ height: first + 1, firstBlock: first, records: [PREORDER_EXAMPLE], lookup });
    expect(next.consensusHash).toBe(consensusHash(opsHash([PREORDER_EXAMPLE_SERIALIZED]), [snapshot.consensusHash]));
  });

  it('a missing stored hash is an InvalidInputError', () => {
    const lookup = { consensusHashAt: () => undefined };
    expect(() => snapshotBlock({ height: first + 1, firstBlock: first, records: [], lookup })).toThrow(InvalidInputError);
  });
});

/* The §6.3 field-value rules, one at a time, on a registered name. */

const REGISTERED: NameRecord = {
  op: ':',
  name: 'muneeb.id',
  value_hash: null,
  sender: '76a914440d0ee98b5a12f65942a5ce2dbd5777ad15b6e588ac',
  sender_pubkey: '034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa',
  address: '18aF6pYXKDSXjXHpidt2G6okdVdBr8zA7z',
  block_number: 500000,
  preorder_block_number: 500000,
  first_registered: 500006,
  last_renewed: 500006,
  revoked: false,
  txid: 'd4f6e7a8c0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b',
  vtxindex: 7,
  op_fee: 6400000,
  importer: null,
  importer_address: null,
  consensus_hash: null,
  last_creation_op: '?',
};

/** The field values of a serialization, in order (a small netstring reader for the assertions below). */
function fieldValues(serialized: string): string[] {
  const values: string[] = [];
  let at = 2; // after the opcode byte and its colon
  while (at < serialized.length) {
    const colon = serialized.indexOf(':', at);
    const length = Number(serialized.slice(at, colon));
    values.push(serialized.slice(colon + 1, colon + 1 + length));
    at = colon + 1 + length + 1;
  }
  return values;
}

describe('bns.md §6.3 field values', () => {
  it('renders None as empty, bools as True/False, and repeats sender and address for registrations', () => {
    const values = fieldValues(serializeOp(REGISTERED));
    expect(values).toHaveLength(18);
    expect(values[1]).toBe(''); // value_hash None
    expect(values[9]).toBe('False'); // revoked
    expect(values[10]).toBe(':');
    expect(values[13]).toBe('6400000');
    expect(values.slice(16)).toEqual([REGISTERED.sender, REGISTERED.address]);
    expect(serializeOp(REGISTERED).startsWith(':')).toBe(true);
  });

  it('a renewal keeps the opcode byte `:` and serializes op `::`', () => {
    const serialized = serializeOp({ ...REGISTERED, op: '::' });
    expect(serialized.startsWith(':')).toBe(true);
    expect(fieldValues(serialized)[10]).toBe('::');
  });

  it('NAME_UPDATE adds name_consensus_hash = hash128(name ‖ consensus hash) (the §3.5 payload field)', () => {
    const values = fieldValues(serializeOp({ ...REGISTERED, op: '+', consensus_hash: 'a55d440eb192a1857739b0e0742fd312' }));
    expect(values.slice(16)).toEqual(['f150826f20db2c3747de1f82319da535', 'a55d440eb192a1857739b0e0742fd312']);
  });

  it('NAME_TRANSFER adds name_hash128 (the §3.6 payload field), its consensus hash and keep_data from the op', () => {
    const keep = serializeOp({ ...REGISTERED, op: '>>', consensus_hash: 'a55d440eb192a1857739b0e0742fd312', sender_pubkey: null });
    expect(keep.startsWith('>:')).toBe(true);
    expect(fieldValues(keep).slice(16)).toEqual(['deb7fe99776122b77925cbf0a24ab6f8', 'a55d440eb192a1857739b0e0742fd312', 'True']);
    const drop = serializeOp({ ...REGISTERED, op: '>~', consensus_hash: 'a55d440eb192a1857739b0e0742fd312', sender_pubkey: null });
    expect(fieldValues(drop)[18]).toBe('False');
    expect(fieldValues(drop)[3]).toBe('');
  });

  it('NAME_REVOKE serializes exactly the name-record fields', () => {
    const values = fieldValues(serializeOp({ ...REGISTERED, op: '~', revoked: true }));
    expect(values).toHaveLength(16);
    expect(values[9]).toBe('True');
  });

  it('op_fee is a float for imports and for later transitions of imported names, an int otherwise', () => {
    const imported: NameRecord = { ...REGISTERED, op: ';', op_fee: 100000, last_creation_op: ';', importer: REGISTERED.sender };
    expect(fieldValues(serializeOp(imported))[13]).toBe('100000.0');
    expect(fieldValues(serializeOp({ ...imported, op: '::', op_fee: 5000 }))[13]).toBe('5000.0');
    expect(fieldValues(serializeOp({ ...imported, op: '+', consensus_hash: GENESIS }))[13]).toBe('100000.0');
    expect(fieldValues(serializeOp({ ...imported, op: '~', revoked: true }))[13]).toBe('100000.0');
    expect(fieldValues(serializeOp({ ...imported, op: '>>', consensus_hash: GENESIS }))[13]).toBe('100000.0');
    // a re-registration resets last_creation_op, and a registration is never a float
    expect(fieldValues(serializeOp({ ...imported, op: ':', last_creation_op: '?' }))[13]).toBe('100000');
    // int() truncates, as Python does
    expect(fieldValues(serializeOp({ ...REGISTERED, op: '+', consensus_hash: GENESIS, op_fee: 6399999.9 }))[13]).toBe('6399999');
  });

  const REVEAL: NamespaceRecord = {
    op: '&',
    namespace_id: 'id',
    preorder_hash: 'c8cef95b28807e8b728f88aa1f6af587cc9883b6',
    version: 1,
    sender: '76a91444133f7c9886cf407495d59f5ea030cfaf6b1ae288ac',
    sender_pubkey: '034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa',
    address: '1Q1pE5vPGEEMqRcVRMbtBK842Y6Pzo6nK9',
    recipient: '76a9144800a670c7368f078515932af0d8da626072c92288ac',
    recipient_address: '1KcDEAcEYgV661HME6Sb6h4kQotaCanyHb',
    block_number: 373601,
    reveal_block: 373602,
    txid: '27ef2eaa77544d2dd325ce93299fcddef0fae77ae72f510361fa6e5d831610b2',
    vtxindex: 3,
    lifetime: 52595,
    coeff: 250,
    base: 4,
    buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    nonalpha_discount: 4,
    no_vowel_discount: 4,
    ready_block: 0,
  };

  it('namespace buckets are the Python list repr; READY alone appends ready_block', () => {
    const reveal = fieldValues(serializeOp(REVEAL));
    expect(reveal).toHaveLength(19);
    expect(reveal[16]).toBe('[6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]');
    const ready = fieldValues(serializeOp({ ...REVEAL, op: '!', sender: REVEAL.recipient, ready_block: 373700 }));
    expect(ready).toHaveLength(20);
    expect(ready[19]).toBe('373700');
    // the READY quirk: sender is the revealer's script while address stays the preorderer's
    expect([ready[3], ready[5]]).toEqual([REVEAL.recipient, REVEAL.address]);
  });

  it('ANNOUNCE and unknown ops never serialize', () => {
    expect(() => serializeOp({ op: '#' } as unknown as CanonicalRecord)).toThrow(InvalidInputError);
    expect(() => serializeOp({ ...REGISTERED, op: '>' } as unknown as CanonicalRecord)).toThrow(InvalidInputError);
  });

  it('rejects records Python could not have serialized', () => {
    expect(() => serializeOp({ ...REGISTERED, name: 'müneeb.id' })).toThrow(InvalidInputError);
    expect(() => serializeOp({ ...REGISTERED, op: '+' })).toThrow(InvalidInputError); // an update needs its consensus hash
    expect(() => serializeOp({ ...REGISTERED, vtxindex: 1.5 })).toThrow(InvalidInputError);
    expect(() => serializeOp({ ...REVEAL, buckets: [1, 2.5] })).toThrow(InvalidInputError);
  });
});
