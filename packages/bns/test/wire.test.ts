import { describe, expect, it } from 'vitest';
import { decodeAddress, hexToBytes, hashName, nameConsensusHash, nameHash128 } from '@bsk/crypto';
import {
  DEVNET,
  MAINNET,
  REGTEST,
  OUTPUT_LAYOUTS,
  addressToScriptHex,
  announceOutputs,
  decodeContextAt,
  decodeOperation,
  deriveParams,
  encodeOperation,
  isNameValid,
  isNamespaceIdValid,
  makeNamePreorder,
  makeNameTransfer,
  makeNameUpdate,
  makeNamespacePreorder,
  nameFeeAddress,
  nameImportOutputs,
  namePreorderOutputs,
  nameRegistrationOutputs,
  nameRenewalOutputs,
  nameRevokeOutputs,
  nameTransferOutputs,
  nameUpdateOutputs,
  namespacePreorderOutputs,
  namespaceReadyOutputs,
  namespaceRevealOutputs,
  nulldataScriptHex,
  classifyOutputScript,
  outputCountFits,
  outputScriptAddress,
  readOperationOutputs,
  splitName,
  zonefileHashAddress,
  type DecodeContext,
  type NameTxOutput,
  type NamespaceReveal,
  type Operation,
} from '@bsk/bns';

/*
 * Outputs of blockstack.js 21.1.1 `src/operations/skeletons.ts` (the reference client's byte layout),
 * generated once with the library on mainnet settings: [scriptPubKey hex, value] per output.
 * Parties: A = 1J3PUx… (bns.md §2.2), B = 16xVjk…, C = 3Ektn… (p2sh), consensus hash a55d440e…,
 * zone-file hash 37aecf83… (bns.md §2.3).
 */
const SKELETONS: Record<string, [string, number][]> = {
  preorderBtc: [['6a2769643fe764bfbabab90499a18857b8ee789af255fad871a55d440eb192a1857739b0e0742fd312', 0], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 100000]],
  preorderStacks: [['6a4269643ff9a667fdabfd702fd9a1eacdb90f16e7eed234bba55d440eb192a1857739b0e0742fd3120000000000069cb5535441434b5300000000000000000000000000', 0], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 5500]],
  registerBare: [['6a0c69643a6d756e6565622e6964', 0], ['76a91441577ec99314a293acbc17d8152137cf4862f7f188ac', 5500]],
  registerValue: [['6a3c69643a6d756e6565622e69640000000000000000000000000000000000000000000000000000000037aecf837c6ae9bdc9dbd98a268f263dacd00361', 0], ['76a91441577ec99314a293acbc17d8152137cf4862f7f188ac', 5500]],
  renewBtc: [['6a0c69643a6d756e6565622e6964', 0], ['76a91441577ec99314a293acbc17d8152137cf4862f7f188ac', 5500], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 10000]],
  renewBtcValue: [['6a3c69643a6d756e6565622e69640000000000000000000000000000000000000000000000000000000037aecf837c6ae9bdc9dbd98a268f263dacd00361', 0], ['a9148f55563b9a19f321c211e9b9f38cdf686ea0784587', 5500], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 10000]],
  renewStacks: [['6a4469643a6d756e6565622e69640000000000000000000000000000000000000000000000000000000037aecf837c6ae9bdc9dbd98a268f263dacd003610000000000069cb5', 0], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 5500]],
  renewStacksNoValue: [['6a4469643a6d756e6565622e69640000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000069cb5', 0], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 5500]],
  transferKeep: [['6a2469643e3edeb7fe99776122b77925cbf0a24ab6f8a55d440eb192a1857739b0e0742fd312', 0], ['76a91441577ec99314a293acbc17d8152137cf4862f7f188ac', 5500]],
  transferDrop: [['6a2469643e7edeb7fe99776122b77925cbf0a24ab6f8a55d440eb192a1857739b0e0742fd312', 0], ['a9148f55563b9a19f321c211e9b9f38cdf686ea0784587', 5500]],
  update: [['6a2769642bf150826f20db2c3747de1f82319da53537aecf837c6ae9bdc9dbd98a268f263dacd00361', 0]],
  revoke: [['6a0c69647e6d756e6565622e6964', 0]],
  namespacePreorderBtc: [['6a2769642ac8cef95b28807e8b728f88aa1f6af587cc9883b6a55d440eb192a1857739b0e0742fd312', 0], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 4000000000]],
  namespacePreorderStacks: [['6a2f69642ab0be0f5d7fad419f21d362c1bcf3a35c88ca9c2ca55d440eb192a1857739b0e0742fd312000000017d784000', 0], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500], ['76a914000000000000000000000000000000000000000088ac', 5500]],
  revealId: [['6a166964260000cd73fa0465432100000000004400016964', 0], ['76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac', 5500]],
  revealTest: [['6a18696426ffffffffff0ffedcba9876543210af000274657374', 0], ['76a91441577ec99314a293acbc17d8152137cf4862f7f188ac', 5500]],
  revealLong: [['6a2769642600000001000011111111111111111100036162636465666768696a2d5f30313233343536', 0], ['a9148f55563b9a19f321c211e9b9f38cdf686ea0784587', 5500]],
  ready: [['6a066964212e6964', 0]],
  importName: [['6a0c69643b6d756e6565622e6964', 0], ['76a91441577ec99314a293acbc17d8152137cf4862f7f188ac', 5500], ['76a91437aecf837c6ae9bdc9dbd98a268f263dacd0036188ac', 5500]],
  announce: [['6a1769642337aecf837c6ae9bdc9dbd98a268f263dacd00361', 0]],
};

const A = '1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs';
const B = '16xVjkJ3nY62B9t9q3N9wY6hx1duAfwRZR';
const C = '3EktnHQD7RiAE6uzMj2ZifT9YgRrkSgzQX';
const SCRIPT_A = '76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac';
const CH = 'a55d440eb192a1857739b0e0742fd312';
const ZF = '37aecf837c6ae9bdc9dbd98a268f263dacd00361';

const EPOCH_HEIGHT = { 1: 400000, 2: 450000, 3: 500000, 4: 560000, 5: 600000 } as const;
const ctx = (epoch: keyof typeof EPOCH_HEIGHT, outputCount = 3): DecodeContext => decodeContextAt(MAINNET, EPOCH_HEIGHT[epoch], outputCount);

function scriptOf(output: NameTxOutput): string {
  if ('nulldata' in output) return nulldataScriptHex(output.nulldata);
  return addressToScriptHex(MAINNET, 'address' in output ? output.address : output.change);
}

/** Compares builder outputs with a skeleton: scripts everywhere, values where the skeleton's are final. */
function expectSkeleton(outputs: NameTxOutput[], name: string, valueChecked: number[]) {
  const skeleton = SKELETONS[name]!;
  expect(outputs.slice(0, skeleton.length).map(scriptOf)).toEqual(skeleton.map(([script]) => script));
  for (const i of valueChecked) {
    const output = outputs[i]!;
    expect('nulldata' in output ? 0 : (output as { value: number }).value).toBe(skeleton[i]![1]);
  }
}

const ID_REVEAL: NamespaceReveal = {
  type: 'namespace-reveal',
  namespaceId: 'id',
  lifetime: 52595,
  coeff: 250,
  base: 4,
  buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  nonalphaDiscount: 4,
  noVowelDiscount: 4,
  version: 1,
};

describe('encoding matches blockstack.js byte for byte', () => {
  it('NAME_PREORDER paid in BTC (bns.md §3.2 derived vector)', () => {
    const op = { type: 'name-preorder', preorderHash: hashName('muneeb.id', SCRIPT_A, A), consensusHash: CH, tokenFee: null, tokenUnits: null } as const;
    expect(op.preorderHash).toBe('e764bfbabab90499a18857b8ee789af255fad871');
    expect(encodeOperation(op, 'id')).toEqual(hexToBytes('69643f' + 'e764bfbabab90499a18857b8ee789af255fad871' + CH));
    expectSkeleton(namePreorderOutputs(MAINNET, op, { payer: A, fee: 100000 }), 'preorderBtc', [0, 2]);
  });

  it('NAME_PREORDER paid in STACKS (epoch 4 form: amount and units)', () => {
    const op = { type: 'name-preorder', preorderHash: hashName('muneeb.id', SCRIPT_A, B), consensusHash: CH, tokenFee: 433333n, tokenUnits: 'STACKS' } as const;
    expectSkeleton(namePreorderOutputs(MAINNET, op, { payer: A, fee: 5500 }), 'preorderStacks', [0, 2]);
  });

  it('NAME_REGISTRATION bare and with a zone-file hash (§3.3 derived vectors)', () => {
    const bare = { type: 'name-registration', name: 'muneeb.id', valueHash: null, tokenFee: null } as const;
    expect(encodeOperation(bare, 'id')).toEqual(hexToBytes('69643a6d756e6565622e6964'));
    expectSkeleton(nameRegistrationOutputs(MAINNET, bare, { owner: B, payer: A }), 'registerBare', [0, 1]);
    const withValue = { ...bare, valueHash: ZF };
    const data = encodeOperation(withValue, 'id');
    expect(data).toHaveLength(60);
    expect(data).toEqual(hexToBytes('69643a6d756e6565622e6964' + '00'.repeat(28) + ZF));
    expectSkeleton(nameRegistrationOutputs(MAINNET, withValue, { owner: B, payer: A }), 'registerValue', [0, 1]);
  });

  it('NAME_RENEWAL in BTC, with a new owner and value hash, and in STACKS', () => {
    const renew = { type: 'name-renewal', name: 'muneeb.id', valueHash: null, tokenFee: null } as const;
    const parties = { newOwner: B, owner: A, ownerInputValue: 5500, fee: 10000, feeAddress: MAINNET.burnAddress, payer: A };
    expectSkeleton(nameRenewalOutputs(MAINNET, renew, parties), 'renewBtc', [0, 1, 2, 3]);
    expectSkeleton(nameRenewalOutputs(MAINNET, { ...renew, valueHash: ZF }, { ...parties, newOwner: C }), 'renewBtcValue', [0, 1, 2, 3]);
    const stacks = { ...parties, newOwner: A, fee: 5500 };
    expectSkeleton(nameRenewalOutputs(MAINNET, { ...renew, valueHash: ZF, tokenFee: 433333n }, stacks), 'renewStacks', [0, 1, 2, 3]);
    // a token count without a zone-file hash gets an all-zero hash, as blockstack.js does
    expectSkeleton(nameRenewalOutputs(MAINNET, { ...renew, tokenFee: 433333n }, stacks), 'renewStacksNoValue', [0, 1, 2, 3]);
  });

  it('NAME_TRANSFER keeping and clearing the zone file (§3.6 derived vector)', () => {
    const keep = { type: 'name-transfer', keepData: true, nameHash128: nameHash128('muneeb.id'), consensusHash: CH } as const;
    expect(encodeOperation(keep, 'id')).toEqual(hexToBytes('69643e3edeb7fe99776122b77925cbf0a24ab6f8' + CH));
    const parties = { owner: A, ownerInputValue: 12345, payer: A };
    expectSkeleton(nameTransferOutputs(MAINNET, keep, { ...parties, newOwner: B }), 'transferKeep', [0, 1]);
    expectSkeleton(nameTransferOutputs(MAINNET, { ...keep, keepData: false }, { ...parties, newOwner: C }), 'transferDrop', [0, 1]);
  });

  it('NAME_UPDATE (§3.5 derived vector)', () => {
    const op = { type: 'name-update', nameConsensusHash: nameConsensusHash('muneeb.id', CH), valueHash: ZF } as const;
    expect(encodeOperation(op, 'id')).toEqual(hexToBytes('69642bf150826f20db2c3747de1f82319da535' + ZF));
    expectSkeleton(nameUpdateOutputs(MAINNET, op, { owner: A, ownerInputValue: 1000, payer: A }), 'update', [0]);
  });

  it('NAME_REVOKE and NAME_IMPORT (§3.7, §3.8)', () => {
    const revoke = { type: 'name-revoke', name: 'muneeb.id' } as const;
    expect(encodeOperation(revoke, 'id')).toEqual(hexToBytes('69647e6d756e6565622e6964'));
    expectSkeleton(nameRevokeOutputs(MAINNET, revoke, { owner: A, ownerInputValue: 1000, payer: A }), 'revoke', [0]);
    const imported = { type: 'name-import', name: 'muneeb.id' } as const;
    expect(encodeOperation(imported, 'id')).toEqual(hexToBytes('69643b6d756e6565622e6964'));
    const outputs = nameImportOutputs(MAINNET, imported, { recipient: B, valueHash: ZF, importer: A });
    expectSkeleton(outputs, 'importName', [0, 1, 2]);
    expect(decodeAddress(zonefileHashAddress(MAINNET, ZF))).toEqual({ version: 0, hash: ZF });
    expect(decodeAddress(zonefileHashAddress(DEVNET, ZF))).toEqual({ version: 0x6f, hash: ZF });
  });

  it('NAMESPACE_PREORDER in BTC and STACKS (§3.9 derived vector)', () => {
    const btc = { type: 'namespace-preorder', preorderHash: hashName('id', SCRIPT_A, A), consensusHash: CH, tokenFee: null } as const;
    expect(encodeOperation(btc, 'id')).toEqual(hexToBytes('69642ac8cef95b28807e8b728f88aa1f6af587cc9883b6' + CH));
    expectSkeleton(namespacePreorderOutputs(MAINNET, btc, { payer: A, fee: 4000000000 }), 'namespacePreorderBtc', [0, 2]);
    const stacks = { ...btc, preorderHash: hashName('id', SCRIPT_A, B), tokenFee: 6400000000n };
    expectSkeleton(namespacePreorderOutputs(MAINNET, stacks, { payer: A, fee: 5500 }), 'namespacePreorderStacks', [0, 2]);
  });

  it('NAMESPACE_REVEAL packs lifetime, coeff, base, nibble buckets, discounts and version (§3.10 derived vector)', () => {
    expect(encodeOperation(ID_REVEAL, 'id')).toEqual(hexToBytes('6964260000cd73fa04654321000000000044' + '0001' + '6964'));
    expectSkeleton(namespaceRevealOutputs(MAINNET, ID_REVEAL, { revealAddress: A, payer: B }), 'revealId', [0, 1]);
    const test: NamespaceReveal = { ...ID_REVEAL, namespaceId: 'test', version: 2, lifetime: 0xffffffff, coeff: 255, base: 15, buckets: [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], nonalphaDiscount: 10, noVowelDiscount: 15 };
    expectSkeleton(namespaceRevealOutputs(MAINNET, test, { revealAddress: B, payer: A }), 'revealTest', [0, 1]);
    const long: NamespaceReveal = { ...ID_REVEAL, namespaceId: 'abcdefghij-_0123456', version: 3, lifetime: 1, coeff: 0, base: 0, buckets: Array(16).fill(1), nonalphaDiscount: 1, noVowelDiscount: 1 };
    expectSkeleton(namespaceRevealOutputs(MAINNET, long, { revealAddress: C, payer: A }), 'revealLong', [0, 1]);
  });

  it('NAMESPACE_READY and ANNOUNCE (§3.11, §3.12)', () => {
    const ready = { type: 'namespace-ready', namespaceId: 'id' } as const;
    expect(encodeOperation(ready, 'id')).toEqual(hexToBytes('6964212e6964'));
    expectSkeleton(namespaceReadyOutputs(MAINNET, ready, { revealer: A }), 'ready', [0]);
    expectSkeleton(announceOutputs(MAINNET, { type: 'announce', messageHash: ZF }, { payer: A }), 'announce', [0]);
  });
});

describe('making operations from what a client knows (blockstack.js skeleton arguments)', () => {
  const script = (name: string) => SKELETONS[name]![0]![0];
  const encoded = (op: Operation) => nulldataScriptHex(encodeOperation(op, 'id'));

  it('preorders hash the payer script and the register/reveal address', () => {
    expect(encoded(makeNamePreorder(MAINNET, { name: 'muneeb.id', payer: A, registerAddress: A, consensusHash: CH }))).toBe(script('preorderBtc'));
    expect(encoded(makeNamePreorder(MAINNET, { name: 'muneeb.id', payer: A, registerAddress: B, consensusHash: CH, tokens: { amount: 433333n, units: 'STACKS' } }))).toBe(script('preorderStacks'));
    expect(encoded(makeNamespacePreorder(MAINNET, { namespaceId: 'id', payer: A, revealAddress: A, consensusHash: CH }))).toBe(script('namespacePreorderBtc'));
    expect(encoded(makeNamespacePreorder(MAINNET, { namespaceId: 'id', payer: A, revealAddress: B, consensusHash: CH, stacks: 6400000000n }))).toBe(script('namespacePreorderStacks'));
  });

  it('updates and transfers carry the name as a hash', () => {
    expect(encoded(makeNameUpdate({ name: 'muneeb.id', consensusHash: CH, valueHash: ZF }))).toBe(script('update'));
    expect(encoded(makeNameTransfer({ name: 'muneeb.id', consensusHash: CH, keepData: true }))).toBe(script('transferKeep'));
    expect(encoded(makeNameTransfer({ name: 'muneeb.id', consensusHash: CH, keepData: false }))).toBe(script('transferDrop'));
  });

  it('refuses invalid names and foreign addresses', () => {
    const error = expect.objectContaining({ name: 'InvalidInputError' });
    expect(() => makeNamePreorder(MAINNET, { name: 'muneeb', payer: A, registerAddress: A, consensusHash: CH })).toThrowError(error);
    expect(() => makeNamePreorder(DEVNET, { name: 'muneeb.id', payer: A, registerAddress: A, consensusHash: CH })).toThrowError(error);
    expect(() => makeNamespacePreorder(MAINNET, { namespaceId: 'i.d', payer: A, revealAddress: A, consensusHash: CH })).toThrowError(error);
    expect(() => makeNameUpdate({ name: 'x', consensusHash: CH, valueHash: ZF })).toThrowError(error);
    expect(() => makeNameTransfer({ name: 'x', consensusHash: CH, keepData: true })).toThrowError(error);
  });
});

describe('decoding', () => {
  it('reads every skeleton back to the operation that made it', () => {
    const payloadOf = (name: string) => hexToBytes(SKELETONS[name]![0]![0].replace(/^6a(4c..|..)/, ''));
    const outputs = (name: string) => SKELETONS[name]!.length;
    expect(decodeOperation(payloadOf('preorderBtc'), ctx(1))).toEqual({ type: 'name-preorder', preorderHash: 'e764bfbabab90499a18857b8ee789af255fad871', consensusHash: CH, tokenFee: null, tokenUnits: null });
    expect(decodeOperation(payloadOf('preorderStacks'), ctx(4))).toMatchObject({ type: 'name-preorder', tokenFee: 433333n, tokenUnits: 'STACKS' });
    expect(decodeOperation(payloadOf('registerBare'), ctx(1, outputs('registerBare')))).toEqual({ type: 'name-registration', name: 'muneeb.id', valueHash: null, tokenFee: null });
    expect(decodeOperation(payloadOf('registerValue'), ctx(3, 3))).toEqual({ type: 'name-registration', name: 'muneeb.id', valueHash: ZF, tokenFee: null });
    expect(decodeOperation(payloadOf('renewBtc'), ctx(2, 4))).toEqual({ type: 'name-renewal', name: 'muneeb.id', valueHash: null, tokenFee: null });
    expect(decodeOperation(payloadOf('renewBtcValue'), ctx(3, 4))).toEqual({ type: 'name-renewal', name: 'muneeb.id', valueHash: ZF, tokenFee: null });
    expect(decodeOperation(payloadOf('renewStacks'), ctx(5, 4))).toEqual({ type: 'name-renewal', name: 'muneeb.id', valueHash: ZF, tokenFee: 433333n });
    expect(decodeOperation(payloadOf('transferKeep'), ctx(1))).toEqual({ type: 'name-transfer', keepData: true, nameHash128: 'deb7fe99776122b77925cbf0a24ab6f8', consensusHash: CH });
    expect(decodeOperation(payloadOf('transferDrop'), ctx(1))).toMatchObject({ type: 'name-transfer', keepData: false });
    expect(decodeOperation(payloadOf('update'), ctx(1))).toEqual({ type: 'name-update', nameConsensusHash: 'f150826f20db2c3747de1f82319da535', valueHash: ZF });
    expect(decodeOperation(payloadOf('revoke'), ctx(1))).toEqual({ type: 'name-revoke', name: 'muneeb.id' });
    expect(decodeOperation(payloadOf('importName'), ctx(1))).toEqual({ type: 'name-import', name: 'muneeb.id' });
    expect(decodeOperation(payloadOf('namespacePreorderBtc'), ctx(3))).toEqual({ type: 'namespace-preorder', preorderHash: 'c8cef95b28807e8b728f88aa1f6af587cc9883b6', consensusHash: CH, tokenFee: null });
    expect(decodeOperation(payloadOf('namespacePreorderStacks'), ctx(4))).toMatchObject({ type: 'namespace-preorder', tokenFee: 6400000000n });
    expect(decodeOperation(payloadOf('revealId'), ctx(1))).toEqual(ID_REVEAL);
    expect(decodeOperation(payloadOf('revealTest'), ctx(3))).toMatchObject({ namespaceId: 'test', lifetime: 0xffffffff, coeff: 255, base: 15, nonalphaDiscount: 10, noVowelDiscount: 15, version: 2 });
    expect(decodeOperation(payloadOf('revealLong'), ctx(4))).toMatchObject({ namespaceId: 'abcdefghij-_0123456', version: 3, buckets: Array(16).fill(1) });
    expect(decodeOperation(payloadOf('ready'), ctx(1))).toEqual({ type: 'namespace-ready', namespaceId: 'id' });
    expect(decodeOperation(payloadOf('announce'), ctx(1))).toEqual({ type: 'announce', messageHash: ZF });
  });

  it('reads the preorder of the blockstack.js unit-test transaction (bns.md §3.2 example)', () => {
    const data = hexToBytes('69643f363da95bc8d5203d1c07bd87c564a1e6395826cfdfe87cfd31ffa2a3b8101e3e93096f2b');
    expect(decodeOperation(data, ctx(1))).toEqual({
      type: 'name-preorder',
      preorderHash: '363da95bc8d5203d1c07bd87c564a1e6395826cf',
      consensusHash: 'dfe87cfd31ffa2a3b8101e3e93096f2b',
      tokenFee: null,
      tokenUnits: null,
    });
  });

  it('is not fooled by other magic bytes, missing opcodes or unknown opcodes', () => {
    expect(decodeOperation(hexToBytes(''), ctx(1))).toMatchObject({ type: 'rejected', reason: 'not-an-operation' });
    expect(decodeOperation(hexToBytes('69'), ctx(1))).toMatchObject({ type: 'rejected', reason: 'not-an-operation' });
    expect(decodeOperation(hexToBytes('6964'), ctx(1))).toMatchObject({ type: 'rejected', reason: 'not-an-operation', opcode: null });
    expect(decodeOperation(hexToBytes('64697e6d756e6565622e6964'), ctx(1))).toMatchObject({ type: 'rejected', reason: 'not-an-operation' });
    expect(decodeOperation(hexToBytes('6964406d756e6565622e6964'), ctx(1))).toMatchObject({ type: 'rejected', reason: 'unknown-opcode', opcode: '@' });
  });

  it('uses the magic bytes of the context (testnets: BLOCKSTACK_TESTNET_ID)', () => {
    const params = deriveParams(REGTEST, { magicBytes: 'di' });
    const data = encodeOperation({ type: 'name-revoke', name: 'foo.test' }, params.magicBytes);
    expect(data.subarray(0, 3)).toEqual(hexToBytes('64697e'));
    expect(decodeOperation(data, decodeContextAt(params, 700, 1))).toEqual({ type: 'name-revoke', name: 'foo.test' });
    expect(decodeOperation(data, decodeContextAt(REGTEST, 700, 1))).toMatchObject({ type: 'rejected', reason: 'not-an-operation' });
  });

  it('recognises TOKEN_TRANSFER as out of scope', () => {
    const data = hexToBytes('696424' + CH + '535441434b5300000000000000000000000000' + '0000000000000064');
    expect(decodeOperation(data, ctx(5))).toEqual({ type: 'out-of-scope', opcode: '$', operation: 'TOKEN_TRANSFER', payload: bytesHex(data.subarray(3)) });
    expect(decodeOperation(hexToBytes('696424'), ctx(1))).toMatchObject({ type: 'out-of-scope' });
  });
});

function bytesHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('payload forms change by epoch (bns.md §3.2–§3.4, §3.9)', () => {
  const name = 'muneeb.id';
  const nameValue = hexToBytes('69643a' + bytesHex(new TextEncoder().encode(name)) + '00'.repeat(28) + ZF);
  const withTokens = (n: bigint) => new Uint8Array([...nameValue, ...hexToBytes(n.toString(16).padStart(16, '0'))]);

  it('the name+value form is a bad name before epoch 3 (the whole payload is the name)', () => {
    expect(decodeOperation(nameValue, ctx(1))).toMatchObject({ type: 'rejected', reason: 'bad-name' });
    expect(decodeOperation(nameValue, ctx(2))).toMatchObject({ type: 'rejected', reason: 'bad-name' });
    expect(decodeOperation(nameValue, ctx(3))).toMatchObject({ type: 'name-registration', valueHash: ZF });
  });

  it('the token count exists only from epoch 4, and a registration may not burn tokens', () => {
    expect(decodeOperation(withTokens(0n), ctx(3))).toMatchObject({ type: 'rejected', reason: 'bad-length' });
    expect(decodeOperation(withTokens(0n), ctx(4))).toEqual({ type: 'name-registration', name, valueHash: ZF, tokenFee: 0n });
    expect(decodeOperation(withTokens(5n), ctx(4))).toMatchObject({ type: 'rejected', reason: 'bad-field' });
    expect(decodeOperation(withTokens(5n), ctx(4, 4))).toEqual({ type: 'name-renewal', name, valueHash: ZF, tokenFee: 5n });
    expect(decodeOperation(new Uint8Array([...nameValue, 0]), ctx(4))).toMatchObject({ type: 'rejected', reason: 'bad-length' });
  });

  it('a renewal in a token epoch cannot use the 57-byte form (the reference asserts a token count)', () => {
    expect(decodeOperation(nameValue, ctx(3, 4))).toMatchObject({ type: 'name-renewal', valueHash: ZF, tokenFee: null });
    expect(decodeOperation(nameValue, ctx(4, 4))).toMatchObject({ type: 'rejected', reason: 'not-in-this-epoch' });
    expect(decodeOperation(nameValue, ctx(4, 3))).toMatchObject({ type: 'name-registration' });
    expect(decodeOperation(hexToBytes('69643a6d756e6565622e6964'), ctx(5, 5))).toMatchObject({ type: 'name-renewal', tokenFee: null });
  });

  it('a name preorder carries token fields only from epoch 4, exactly 63 bytes', () => {
    const base = '69643f' + 'e764bfbabab90499a18857b8ee789af255fad871' + CH;
    const tokens = base + '0000000000000064' + '535441434b53' + '00'.repeat(13);
    expect(decodeOperation(hexToBytes(tokens), ctx(3))).toMatchObject({ type: 'rejected', reason: 'not-in-this-epoch' });
    expect(decodeOperation(hexToBytes(tokens), ctx(4))).toMatchObject({ type: 'name-preorder', tokenFee: 100n, tokenUnits: 'STACKS' });
    expect(decodeOperation(hexToBytes(base + '00'), ctx(4))).toMatchObject({ type: 'rejected', reason: 'bad-length' });
    expect(decodeOperation(hexToBytes(base.slice(0, -2)), ctx(1))).toMatchObject({ type: 'rejected', reason: 'bad-length' });
    // units are stripped of NULs at both ends (blockstack.js writes them left-aligned, others right-aligned)
    const rightAligned = base + '0000000000000064' + '00'.repeat(13) + '535441434b53';
    expect(decodeOperation(hexToBytes(rightAligned), ctx(4))).toMatchObject({ tokenUnits: 'STACKS' });
  });

  it('a namespace preorder needs the STACKS field from epoch 4 and may not have it before', () => {
    const base = '69642a' + 'c8cef95b28807e8b728f88aa1f6af587cc9883b6' + CH;
    expect(decodeOperation(hexToBytes(base), ctx(3))).toMatchObject({ type: 'namespace-preorder', tokenFee: null });
    expect(decodeOperation(hexToBytes(base), ctx(4))).toMatchObject({ type: 'rejected', reason: 'bad-length' });
    expect(decodeOperation(hexToBytes(base + '0000000000000001'), ctx(3))).toMatchObject({ type: 'rejected', reason: 'not-in-this-epoch' });
    expect(decodeOperation(hexToBytes(base + '0000000000000001'), ctx(5))).toMatchObject({ type: 'namespace-preorder', tokenFee: 1n });
    expect(decodeOperation(hexToBytes(base + '00000000000001'), ctx(5))).toMatchObject({ type: 'rejected', reason: 'bad-length' });
  });
});

describe('strictness of each parser', () => {
  const at = (hex: string, outputCount = 3) => decodeOperation(hexToBytes(hex), ctx(3, outputCount));

  it('fixed-length payloads must have exactly their length', () => {
    expect(at('69642b' + '00'.repeat(35))).toMatchObject({ reason: 'bad-length' });
    expect(at('69642b' + '00'.repeat(37))).toMatchObject({ reason: 'bad-length' });
    expect(at('69643e3e' + '00'.repeat(31))).toMatchObject({ reason: 'bad-length' });
    expect(at('696423' + '00'.repeat(19))).toMatchObject({ reason: 'bad-length' });
    expect(at('69642300' + '00'.repeat(20))).toMatchObject({ reason: 'bad-length' });
  });

  it('the output count must fit the operation (the reference reads fixed output indices)', () => {
    const preorder = '69643f' + 'e764bfbabab90499a18857b8ee789af255fad871' + CH;
    expect(at(preorder, 3)).toMatchObject({ type: 'name-preorder' });
    expect(at(preorder, 2)).toMatchObject({ type: 'rejected', reason: 'bad-outputs', opcode: '?' });
    expect(at(preorder, 4)).toMatchObject({ type: 'rejected', reason: 'bad-outputs' });
    expect(at('69643a6d756e6565622e6964', 1)).toMatchObject({ type: 'rejected', reason: 'bad-outputs', opcode: ':' });
    expect(at('69643e3e' + '00'.repeat(32), 1)).toMatchObject({ reason: 'bad-outputs' });
    expect(at('69643b6d756e6565622e6964', 2)).toMatchObject({ reason: 'bad-outputs' });
    expect(at('6964260000cd73fa04654321000000000044' + '0001' + '6964', 4)).toMatchObject({ reason: 'bad-outputs' });
    expect(at('69642a' + '00'.repeat(36), 2)).toMatchObject({ reason: 'bad-outputs' });
    expect(at('69642a' + '00'.repeat(36), 7)).toMatchObject({ type: 'namespace-preorder' });
    expect(at('69647e6d756e6565622e6964', 1)).toMatchObject({ type: 'name-revoke' });
  });

  it('a transfer disposition is > or ~', () => {
    expect(at('69643e3f' + '00'.repeat(32))).toMatchObject({ reason: 'bad-field' });
  });

  it('namespace reveal sanity: version 1–3, discounts 1–15, a valid id, at least 18 bytes', () => {
    const reveal = (discounts: string, version: string, id: string) => at('696426' + '0000cd73fa04' + '6543210000000000' + discounts + version + id);
    expect(reveal('44', '0001', '6964')).toMatchObject({ type: 'namespace-reveal' });
    expect(reveal('44', '0004', '6964')).toMatchObject({ reason: 'bad-field' });
    expect(reveal('44', '0000', '6964')).toMatchObject({ reason: 'bad-field' });
    expect(reveal('04', '0001', '6964')).toMatchObject({ reason: 'bad-field' });
    expect(reveal('40', '0001', '6964')).toMatchObject({ reason: 'bad-field' });
    expect(reveal('44', '0001', '')).toMatchObject({ reason: 'bad-length' });
    expect(reveal('44', '0001', '4944')).toMatchObject({ reason: 'bad-namespace-id' }); // "ID"
    expect(reveal('44', '0001', '692e64')).toMatchObject({ reason: 'bad-namespace-id' }); // "i.d"
    expect(reveal('44', '0001', '692b64')).toMatchObject({ reason: 'bad-namespace-id' }); // "i+d"
    expect(reveal('44', '0001', '61'.repeat(20))).toMatchObject({ reason: 'bad-namespace-id' });
    expect(reveal('44', '0001', '61'.repeat(19))).toMatchObject({ type: 'namespace-reveal' });
  });

  it('namespace ready is a dot and a valid id', () => {
    expect(at('696421')).toMatchObject({ reason: 'bad-length' });
    expect(at('6964216964')).toMatchObject({ reason: 'bad-field' });
    expect(at('6964212e')).toMatchObject({ reason: 'bad-namespace-id' });
    expect(at('6964212e69640a')).toMatchObject({ reason: 'bad-namespace-id' }); // Python `$` quirk: rejected here
  });

  it('names in revoke/import/register payloads must be valid', () => {
    const hexOf = (s: string) => bytesHex(new TextEncoder().encode(s));
    for (const opcode of ['7e', '3b', '3a']) {
      expect(at(`6964${opcode}${hexOf('foo.id')}`)).toMatchObject({ type: expect.stringMatching(/^name-/) });
      for (const bad of ['Foo.id', 'foo', 'foo.bar.id', 'f+o.id', '.id', 'foo.', 'foo.id\n', 'a'.repeat(35) + '.id', 'foo.id\0']) {
        expect(at(`6964${opcode}${hexOf(bad)}`)).toMatchObject({ type: 'rejected', reason: 'bad-name' });
      }
    }
  });
});

describe('name syntax (bns.md §4.1; the doctests of scripts.py)', () => {
  it('is_name_valid', () => {
    const cases: [string, boolean][] = [
      ['abcd', false], ['abcd.', false], ['.abcd', false], ['Abcd.abcd', false], ['abcd.abc.d', false], ['abcd.abc+d', false],
      ['a.b.c', false], ['', false], ['abcdabcdabcdabcdabcdabcdabcdabcda.bcd', true], ['abcdabcdabcdabcdabcdabcdabcdabcdab.bcd', false],
      ['abcdabcdabcdabcdabcdabcdabcdabcdabc.d', true], ['a+b.c', false], ['a_b.c', true], ['abc.def', true], ['abc.d-ef', true],
      ['abc.d+ef', false], ['abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd.abcd', false],
    ];
    for (const [fqn, valid] of cases) expect([fqn, isNameValid(fqn)]).toEqual([fqn, valid]);
  });

  it('is_namespace_valid', () => {
    const cases: [string, boolean][] = [['abcd', true], ['+abcd', false], ['abc.def', false], ['.abcd', false], ['abcdabcdabcdabcdabcd', false], ['abcdabcdabcdabcdabc', true], ['', false], ['Abcd', false], ['a+bcd', false]];
    for (const [id, valid] of cases) expect([id, isNamespaceIdValid(id)]).toEqual([id, valid]);
  });

  it('splitName', () => {
    expect(splitName('foo.id')).toEqual({ name: 'foo', namespaceId: 'id' });
    expect(splitName('foo')).toEqual({ name: 'foo', namespaceId: '' });
  });
});

describe('encoding refuses what it cannot represent', () => {
  const bad: [string, Operation][] = [
    ['short preorder hash', { type: 'name-preorder', preorderHash: 'ab', consensusHash: CH, tokenFee: null, tokenUnits: null }],
    ['tokens without units', { type: 'name-preorder', preorderHash: '00'.repeat(20), consensusHash: CH, tokenFee: 1n, tokenUnits: null }],
    ['too long units', { type: 'name-preorder', preorderHash: '00'.repeat(20), consensusHash: CH, tokenFee: 1n, tokenUnits: 'S'.repeat(20) }],
    ['negative tokens', { type: 'name-preorder', preorderHash: '00'.repeat(20), consensusHash: CH, tokenFee: -1n, tokenUnits: 'STACKS' }],
    ['2^64 tokens', { type: 'namespace-preorder', preorderHash: '00'.repeat(20), consensusHash: CH, tokenFee: 1n << 64n }],
    ['invalid name', { type: 'name-registration', name: 'Foo.id', valueHash: null, tokenFee: null }],
    ['bad value hash', { type: 'name-renewal', name: 'foo.id', valueHash: 'zz'.repeat(20), tokenFee: null }],
    ['invalid revoke name', { type: 'name-revoke', name: 'foo' }],
    ['bucket 16', { ...ID_REVEAL, buckets: [16, ...ID_REVEAL.buckets.slice(1)] }],
    ['15 buckets', { ...ID_REVEAL, buckets: ID_REVEAL.buckets.slice(1) }],
    ['discount 0', { ...ID_REVEAL, noVowelDiscount: 0 }],
    ['coeff 256', { ...ID_REVEAL, coeff: 256 }],
    ['negative base', { ...ID_REVEAL, base: -1 }],
    ['lifetime 2^32', { ...ID_REVEAL, lifetime: 2 ** 32 }],
    ['bad namespace id', { type: 'namespace-ready', namespaceId: 'a.b' }],
    ['short announce', { type: 'announce', messageHash: 'abcd' }],
  ];
  for (const [label, op] of bad) {
    it(label, () => {
      expect(() => encodeOperation(op, 'id')).toThrowError(expect.objectContaining({ name: 'InvalidInputError' }));
    });
  }
  it('magic bytes must be two ASCII characters', () => {
    expect(() => encodeOperation({ type: 'name-revoke', name: 'foo.id' }, 'i')).toThrowError(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(() => encodeOperation({ type: 'name-revoke', name: 'foo.id' }, 'ïd')).toThrowError(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});

describe('output layouts (bns.md §3.14)', () => {
  const builders: [Operation['type'], NameTxOutput[]][] = [
    ['name-preorder', namePreorderOutputs(MAINNET, { type: 'name-preorder', preorderHash: '00'.repeat(20), consensusHash: CH, tokenFee: null, tokenUnits: null }, { payer: A, fee: 1 })],
    ['name-registration', nameRegistrationOutputs(MAINNET, { type: 'name-registration', name: 'a.id', valueHash: null, tokenFee: null }, { owner: B, payer: A })],
    ['name-renewal', nameRenewalOutputs(MAINNET, { type: 'name-renewal', name: 'a.id', valueHash: null, tokenFee: null }, { newOwner: B, owner: A, ownerInputValue: 1, fee: 1, feeAddress: MAINNET.burnAddress, payer: A })],
    ['name-update', nameUpdateOutputs(MAINNET, { type: 'name-update', nameConsensusHash: CH, valueHash: ZF }, { owner: A, ownerInputValue: 1, payer: A })],
    ['name-transfer', nameTransferOutputs(MAINNET, { type: 'name-transfer', keepData: true, nameHash128: CH, consensusHash: CH }, { newOwner: B, owner: A, ownerInputValue: 1, payer: A })],
    ['name-revoke', nameRevokeOutputs(MAINNET, { type: 'name-revoke', name: 'a.id' }, { owner: A, ownerInputValue: 1, payer: A })],
    ['name-import', nameImportOutputs(MAINNET, { type: 'name-import', name: 'a.id' }, { recipient: B, valueHash: ZF, importer: A })],
    ['namespace-preorder', namespacePreorderOutputs(MAINNET, { type: 'namespace-preorder', preorderHash: '00'.repeat(20), consensusHash: CH, tokenFee: null }, { payer: A, fee: 1 })],
    ['namespace-reveal', namespaceRevealOutputs(MAINNET, ID_REVEAL, { revealAddress: A, payer: B })],
    ['namespace-ready', namespaceReadyOutputs(MAINNET, { type: 'namespace-ready', namespaceId: 'id' }, { revealer: A })],
    ['announce', announceOutputs(MAINNET, { type: 'announce', messageHash: ZF }, { payer: A })],
  ];

  it('every builder fills the roles of its layout, in order, and fits its output count', () => {
    for (const [type, outputs] of builders) {
      const layout = OUTPUT_LAYOUTS[type];
      expect([type, outputs.length]).toEqual([type, layout.roles.length]);
      expect(outputCountFits(type, outputs.length)).toBe(true);
      expect('nulldata' in outputs[0]!).toBe(true);
      layout.roles.forEach((role, i) => {
        if (role === 'change') expect('change' in outputs[i]!).toBe(true);
        else if (role !== 'op-return') expect('address' in outputs[i]!).toBe(true);
      });
      for (const index of Object.values(layout.reads)) expect(index).toBeLessThan(layout.minOutputs);
      expect(layout.typeChecked).toBeLessThanOrEqual(layout.minOutputs);
    }
  });

  it('a decoded registration becomes a renewal exactly when the layout says so', () => {
    expect(outputCountFits('name-registration', 3)).toBe(true);
    expect(outputCountFits('name-registration', 4)).toBe(false);
    expect(outputCountFits('name-renewal', 4)).toBe(true);
    expect(outputCountFits('name-renewal', 9)).toBe(true);
    expect(outputCountFits('name-preorder', 4)).toBe(false);
    expect(outputCountFits('namespace-reveal', 2)).toBe(false);
    expect(outputCountFits('namespace-preorder', 5)).toBe(true);
  });

  it('preorders and reveals keep their change output so the count is exactly 3', () => {
    for (const [type, outputs] of builders) {
      if (type === 'name-preorder' || type === 'namespace-preorder' || type === 'namespace-reveal') {
        expect(outputs.find((o) => 'change' in o)).toMatchObject({ keep: true });
      }
    }
  });

  it('addresses map to their scripts on each network', () => {
    expect(addressToScriptHex(MAINNET, A)).toBe(SCRIPT_A);
    expect(addressToScriptHex(MAINNET, C)).toBe('a9148f55563b9a19f321c211e9b9f38cdf686ea0784587');
    expect(addressToScriptHex(DEVNET, DEVNET.burnAddress)).toBe('76a914' + '00'.repeat(20) + '88ac');
    expect(() => addressToScriptHex(DEVNET, A)).toThrowError(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(() => addressToScriptHex(MAINNET, 'not an address')).toThrowError(expect.objectContaining({ name: 'InvalidInputError' }));
  });

  it('nulldata scripts use a minimal push (OP_PUSHDATA1 above 75 bytes)', () => {
    expect(nulldataScriptHex(hexToBytes('696421'))).toBe('6a03696421');
    expect(nulldataScriptHex(new Uint8Array(76)).slice(0, 6)).toBe('6a4c4c');
  });

  it('fees go to a version-2 namespace creator during its receive-fees period only (§4.13)', () => {
    const namespace = { version: 2, revealBlock: 490000, address: B };
    expect(nameFeeAddress(MAINNET, namespace, 490000 + 52595)).toBe(B);
    expect(nameFeeAddress(MAINNET, namespace, 490000 + 52596)).toBe(MAINNET.burnAddress);
    expect(nameFeeAddress(MAINNET, { ...namespace, version: 1 }, 490001)).toBe(MAINNET.burnAddress);
    expect(nameFeeAddress(MAINNET, { ...namespace, revealBlock: 400000 }, 400001)).toBe(MAINNET.burnAddress); // epoch 1: no pay-to-creator
    expect(nameFeeAddress(DEVNET, { ...namespace, revealBlock: 10 }, 20)).toBe(B);
    expect(nameFeeAddress(DEVNET, { ...namespace, revealBlock: 10 }, 21)).toBe(DEVNET.burnAddress);
  });
});

describe('reading an operation\'s parties from its outputs (tx_extract)', () => {
  const view = (name: string) => SKELETONS[name]!.map(([script, value]) => ({ script, value }));
  const BURN_SCRIPT = '76a914' + '00'.repeat(20) + '88ac';

  it('classifies scripts as virtualchain does', () => {
    expect(classifyOutputScript(SCRIPT_A)).toBe('p2pkh');
    expect(classifyOutputScript('a9148f55563b9a19f321c211e9b9f38cdf686ea0784587')).toBe('p2sh');
    expect(classifyOutputScript('0014' + '11'.repeat(20))).toBe('p2wpkh');
    expect(classifyOutputScript('0020' + '11'.repeat(32))).toBe('p2wsh');
    expect(classifyOutputScript('6a03696421')).toBe('nulldata');
    expect(classifyOutputScript('51')).toBe('other');
    expect(outputScriptAddress(MAINNET, SCRIPT_A)).toBe(A);
    expect(outputScriptAddress(MAINNET, 'a9148f55563b9a19f321c211e9b9f38cdf686ea0784587')).toBe(C);
    expect(outputScriptAddress(DEVNET, BURN_SCRIPT)).toBe(DEVNET.burnAddress);
    expect(outputScriptAddress(MAINNET, '0014' + '11'.repeat(20))).toBeNull();
  });

  it('finds the burn output of a preorder and the owner of a registration', () => {
    expect(readOperationOutputs(MAINNET, 400000, 'name-preorder', view('preorderBtc'))).toEqual({
      owner: null, revealAddress: null, fee: null, zonefileHash: null,
      burn: { script: BURN_SCRIPT, address: MAINNET.burnAddress, value: 100000 },
    });
    expect(readOperationOutputs(MAINNET, 400000, 'name-registration', view('registerBare'))).toMatchObject({ owner: { address: B, value: 5500 }, burn: null });
    expect(readOperationOutputs(MAINNET, 500000, 'name-renewal', view('renewBtcValue'))).toMatchObject({ owner: { address: C }, fee: { address: MAINNET.burnAddress, value: 10000 } });
    expect(readOperationOutputs(MAINNET, 400000, 'namespace-reveal', [...view('revealId'), { script: SCRIPT_A, value: 1 }])).toMatchObject({ revealAddress: { address: A } });
    expect(readOperationOutputs(MAINNET, 400000, 'name-import', view('importName'))).toMatchObject({ owner: { address: B }, zonefileHash: ZF });
    expect(readOperationOutputs(MAINNET, 400000, 'name-update', view('update'))).toEqual({ owner: null, revealAddress: null, burn: null, fee: null, zonefileHash: null });
  });

  it('rejects counts, script types and unaddressable outputs the reference rejects', () => {
    const bad = { type: 'rejected', reason: 'bad-outputs' };
    expect(readOperationOutputs(MAINNET, 400000, 'namespace-reveal', view('revealId'))).toMatchObject(bad); // needs exactly 3
    expect(readOperationOutputs(MAINNET, 400000, 'name-preorder', [...view('preorderBtc'), { script: SCRIPT_A, value: 1 }])).toMatchObject(bad);
    const segwitOwner = [view('registerBare')[0]!, { script: '0014' + '11'.repeat(20), value: 5500 }];
    expect(readOperationOutputs(MAINNET, 500000, 'name-registration', segwitOwner)).toMatchObject(bad);
    const opReturnOwner = [view('registerBare')[0]!, view('registerBare')[0]!];
    expect(readOperationOutputs(MAINNET, 400000, 'name-registration', opReturnOwner)).toMatchObject(bad); // nulldata is allowed but has no address
    const preorder = view('preorderBtc');
    expect(readOperationOutputs(MAINNET, 400000, 'name-preorder', [preorder[0]!, preorder[1]!, { script: '51', value: 1 }])).toMatchObject(bad);
    // outputs after the type-checked ones may be anything (renewal output 2 is not inspected)
    const renew = view('renewBtc');
    expect(readOperationOutputs(MAINNET, 400000, 'name-renewal', [renew[0]!, renew[1]!, { script: '51', value: 0 }, renew[3]!])).toMatchObject({ fee: { value: 10000 } });
  });
});
