import { describe, expect, it } from 'vitest';
import { REGTEST, deriveParams } from '../src/index.js';
import { Scenario, expectAccepted, p2shWallet, wallet } from './state-helpers.js';

/*
 * Epoch-dependent rules (bns.md §4.4, §4.6.5, §4.7, §4.9.6, §5; cli-and-scenarios.md §B.3): the
 * reference's test mode without pragmas stays in epoch 1 (multiplier 1, no grace, BTC prices ×1.0,
 * no multisig, no renew-with-transfer, no register-with-hash).
 */

const [w0, w1, w2, w3, w4] = [0, 1, 2, 3, 4].map((i) => wallet(REGTEST, `epoch wallet ${i}`)) as [ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>];
const multisig = p2shWallet(REGTEST, 'epoch multisig');

function epoch1(): Scenario {
  const s = new Scenario(REGTEST);
  expectAccepted(s.mine(s.namespacePreorder('test', w0, w1, 400_000_000)));
  expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
  expectAccepted(s.mine(s.namespaceReady('test', w1)));
  return s;
}

describe('epoch 1 (reference test mode without pragmas)', () => {
  it('prices are ×1.0: foo.test costs 6,400,000 sat, and 4 BTC for a 4-letter namespace', () => {
    const s = epoch1();
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3, 6_399_999), s.namePreorder('bar.test', w2, w3, 6_400_000)));
    const result = s.mine(s.nameRegister('foo.test', w2, w3), s.nameRegister('bar.test', w2, w3));
    expect(result.rejected.map((r) => r.reason)).toEqual(['fee-too-low']);
    expect(result.accepted).toHaveLength(1);
    const cheap = new Scenario(REGTEST);
    expectAccepted(cheap.mine(cheap.namespacePreorder('test', w0, w1, 399_999_999)));
    expect(cheap.mine(cheap.namespaceReveal('test', w0, w1)).rejected.map((r) => r.reason)).toEqual(['fee-too-low']);
  });

  it('p2sh owners and p2sh transfer senders need the multisig epoch', () => {
    const s = epoch1();
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, multisig, 6_400_000)));
    expect(s.mine(s.nameRegister('foo.test', w2, multisig)).rejected.map((r) => r.reason)).toEqual(['not-in-this-epoch']);
    // Imports have no such check, so a p2sh script can own a name in epoch 1, but not transfer it.
    expectAccepted(s.mine(s.namespacePreorder('impt', w0, w1, 400_000_000)));
    expectAccepted(s.mine(s.namespaceReveal('impt', w0, w1)));
    expectAccepted(s.mine(s.nameImport('bar.impt', w1, multisig, '11'.repeat(20))));
    expectAccepted(s.mine(s.namespaceReady('impt', w1)));
    expect(s.mine(s.nameTransfer('bar.impt', multisig, w4)).rejected.map((r) => r.reason)).toEqual(['not-in-this-epoch']);
  });

  it('renewal with a new owner needs epoch 3', () => {
    const s = epoch1();
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3, 6_400_000)));
    expectAccepted(s.mine(s.nameRegister('foo.test', w2, w3)));
    expect(s.mine(s.nameRenew('foo.test', w3, { newOwner: w4, fee: 6_400_000 })).rejected.map((r) => r.reason)).toEqual(['not-in-this-epoch']);
    expectAccepted(s.mine(s.nameRenew('foo.test', w3, { fee: 6_400_000 })));
  });

  it('the lifetime multiplier of the current epoch applies (B.6 #24): lifetime 5 in epoch 2 lasts 10 blocks', () => {
    const params = deriveParams(REGTEST, { epochs: { 1: { endBlock: 682 } } });
    const s = new Scenario(params);
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1, 400_000_000)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1, { lifetime: 5 })));
    expectAccepted(s.mine(s.namespaceReady('test', w1)));
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3, 6_400_000)));
    expectAccepted(s.mine(s.nameRegister('foo.test', w2, w3)));
    s.wait(5 + 1);
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, '11'.repeat(20))));
    s.wait(5);
    expect(s.mine(s.nameUpdate('foo.test', w3, '22'.repeat(20))).rejected.map((r) => r.reason)).toEqual(['name-not-registered']);
  });
});
