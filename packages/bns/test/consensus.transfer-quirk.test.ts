import { InvalidInputError } from '@bsk/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transferConsensusHash, type NameHistoryState } from '../src/consensus/index.js';

/*
 * bns.md §4.9 quirk: which consensus hash a NAME_TRANSFER's canonical record carries. The cases
 * are the example histories listed in blockstack-core's `find_transfer_consensus_hash` docstring
 * (the last transfer of each is the one being recorded).
 */

const OWN = '0000000000000000000000000000000a';
const UPDATE_1 = '1111111111111111111111111111111b';
const UPDATE_2 = '2222222222222222222222222222222c';

/** A history from op strings; updates take the given hashes in turn. */
function history(ops: readonly string[], updateHashes: readonly string[] = []): NameHistoryState[] {
  let update = 0;
  return ops.map((op, i) => ({
    op,
    consensus_hash: op === '+' ? updateHashes[update++]! : null,
    block_number: 400000 + i,
    vtxindex: 1,
  }));
}

const TRANSFER = { blockHeight: 500000, vtxindex: 5, consensusHash: OWN };

describe('transferConsensusHash (the reference docstring examples)', () => {
  const cases: readonly [string, readonly string[], readonly string[], string][] = [
    ['PREORDER, REGISTRATION, TRANSFER', ['?', ':'], [], OWN],
    ['PREORDER, REGISTRATION, TRANSFER, TRANSFER', ['?', ':', '>>'], [], OWN],
    ['PREORDER, REGISTRATION, UPDATE, TRANSFER', ['?', ':', '+'], [UPDATE_1], UPDATE_1],
    ['PREORDER, REGISTRATION, UPDATE, TRANSFER, UPDATE, TRANSFER', ['?', ':', '+', '>~', '+'], [UPDATE_1, UPDATE_2], UPDATE_2],
    ['PREORDER, REGISTRATION, UPDATE, RENEWAL, TRANSFER', ['?', ':', '+', '::'], [UPDATE_1], UPDATE_1],
    ['PREORDER, REGISTRATION, RENEWAL, TRANSFER', ['?', ':', '::'], [], OWN],
    ['PREORDER, REGISTRATION, TRANSFER, RENEWAL, TRANSFER', ['?', ':', '>>', '::'], [], OWN],
    ['IMPORT, TRANSFER', [';'], [], OWN],
    ['IMPORT, UPDATE, TRANSFER', [';', '+'], [UPDATE_1], UPDATE_1],
    ['IMPORT, PREORDER, REGISTRATION, TRANSFER', [';', '?', ':'], [], OWN],
    ['IMPORT, TRANSFER, PREORDER, REGISTRATION, TRANSFER', [';', '>>', '?', ':'], [], OWN],
    ['IMPORT, UPDATE, (expiry), PREORDER, REGISTRATION, TRANSFER', [';', '+', '?', ':'], [UPDATE_1], OWN],
  ];

  it.each(cases)('%s', (_label, ops, updates, expected) => {
    expect(transferConsensusHash(history(ops, updates), TRANSFER)).toBe(expected);
  });

  it('an empty history yields the transfer\'s own hash', () => {
    expect(transferConsensusHash([], TRANSFER)).toBe(OWN);
  });

  it('skips entries from the future of the transfer, as the reference compares them', () => {
    const states: NameHistoryState[] = [
      { op: ':', consensus_hash: null, block_number: 499990, vtxindex: 1 },
      { op: '+', consensus_hash: UPDATE_1, block_number: 499990, vtxindex: 2 },
      { op: '+', consensus_hash: UPDATE_2, block_number: 500000, vtxindex: 9 },
      { op: '+', consensus_hash: UPDATE_2, block_number: 500001, vtxindex: 1 },
    ];
    expect(transferConsensusHash(states, TRANSFER)).toBe(UPDATE_1);
  });

  it('a NAME_UPDATE without a consensus hash is an InvalidInputError', () => {
    const states: NameHistoryState[] = [{ op: '+', consensus_hash: null, block_number: 1, vtxindex: 1 }];
    expect(() => transferConsensusHash(states, TRANSFER)).toThrow(InvalidInputError);
  });

  it('is the last update after the last creation, or the transfer\'s own (property)', () => {
    const op = fc.constantFrom('?', ':', '::', '+', '>>', '>~', '~', ';');
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const hashes = ops.map((_, i) => i.toString(16).padStart(32, '0'));
        const states = ops.map((o, i) => ({ op: o, consensus_hash: o === '+' ? hashes[i]! : null, block_number: i, vtxindex: 0 }));
        const lastCreation = Math.max(ops.lastIndexOf(':'), ops.lastIndexOf(';'));
        const lastUpdate = ops.lastIndexOf('+');
        const expected = lastUpdate > lastCreation ? hashes[lastUpdate]! : OWN;
        expect(transferConsensusHash(states, TRANSFER)).toBe(expected);
      }),
    );
  });

  it('never throws anything but InvalidInputError on arbitrary histories', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          transferConsensusHash(value as NameHistoryState[], TRANSFER);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
        }
      }),
    );
  });
});
