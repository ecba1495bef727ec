import { describe, expect, it } from 'vitest';
import { DEVNET, nameExists, preorderKey, type NameRow } from '../src/index.js';
import { HDKey } from '@scure/bip32';
import { bytesToHex, hexToBytes } from '@bsk/crypto';
import { Scenario, expectAccepted, wallet, walletFromPublicKey } from './state-helpers.js';

const w = [0, 1, 2, 3, 4, 5].map((i) => wallet(DEVNET, `wallet ${i}`));
const [w0, w1, w2, w3, w4] = w as [typeof w[0], typeof w[0], typeof w[0], typeof w[0], typeof w[0]];
const H11 = '11'.repeat(20);
const H22 = '22'.repeat(20);

function standard(): Scenario {
  const s = new Scenario();
  s.createNamespace('test', w0, w1);
  return s;
}

function nameRow(s: Scenario, name: string): NameRow | null {
  return s.store.getRow('name', name);
}

describe('namespace lifecycle (bns.md §4.14–§4.16)', () => {
  it('preorder, reveal, ready: one block each', () => {
    const s = standard();
    const ns = s.store.getRow('namespace', 'test')!;
    expect(ns.op).toBe('!');
    expect(ns.recipient_address).toBe(w1.address);
    expect(ns.address).toBe(w0.address);
    expect(ns.sender).toBe(w1.script); // the READY sender (§6.3 quirk)
    expect(ns.block_number).toBe(DEVNET.firstBlock);
    expect(ns.reveal_block).toBe(DEVNET.firstBlock + 1);
    expect(ns.ready_block).toBe(DEVNET.firstBlock + 2);
  });

  it('a reveal by someone who did not preorder is rejected; re-preorder and re-reveal of a ready namespace too', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    const stolen = s.mine(s.namespaceReveal('test', w2, w1));
    expect(stolen.rejected.map((r) => r.reason)).toEqual(['no-preorder']);
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReady('test', w1)));
    expectAccepted(s.mine(s.namespacePreorder('test', w2, w3)));
    const again = s.mine(s.namespaceReveal('test', w2, w3, { coeff: 1 }));
    expect(again.rejected.map((r) => r.reason)).toEqual(['namespace-exists']);
    expect(s.store.getRow('namespace', 'test')!.coeff).toBe(250);
  });

  it('two reveals of one namespace in a block collide: neither is accepted (B.6 #4)', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespacePreorder('test', w2, w3)));
    const result = s.mine(s.namespaceReveal('test', w0, w1), s.namespaceReveal('test', w2, w3));
    expect(result.rejected.map((r) => r.reason)).toEqual(['collision', 'collision']);
    expect(s.store.getRow('namespace', 'test')).toBeNull();
  });

  it('a ready in the same block as its reveal is rejected, and succeeds a block later (B.6 #17)', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    const sameBlock = s.mine(s.namespaceReveal('test', w0, w1), s.namespaceReady('test', w1));
    expect(sameBlock.accepted.map((a) => a.type)).toEqual(['namespace-reveal']);
    expect(sameBlock.rejected.map((r) => r.reason)).toEqual(['namespace-not-revealed']);
    expectAccepted(s.mine(s.namespaceReady('test', w1)));
  });

  it('only the reveal key can ready the namespace', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    expect(s.mine(s.namespaceReady('test', w0)).rejected.map((r) => r.reason)).toEqual(['wrong-sender']);
  });

  it('a namespace preorder that does not burn, or pays too little, never reveals', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1, 39_999_999)));
    expect(s.mine(s.namespaceReveal('test', w0, w1)).rejected.map((r) => r.reason)).toEqual(['fee-too-low']);
    const notBurned = s.namespacePreorder('abc', w2, w3);
    const spec = { ...notBurned, outputs: [notBurned.outputs[0]!, { script: w2.script, value: 400_000_000 }] };
    expect(s.mine(spec).rejected.map((r) => r.reason)).toEqual(['bad-payment']);
  });

  it('a reveal not readied in time expires: the ready is rejected and its imports vanish (B.6 #3)', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    expectAccepted(s.mine(s.nameImport('foo.test', w1, w2, H11)));
    const exists = () => nameExists(DEVNET, s.store.getRow('namespace', 'test'), nameRow(s, 'foo.test')!, s.height);
    expect(exists()).toBe(true);
    s.wait(DEVNET.namespaceRevealExpire);
    expect(exists()).toBe(false);
    expect(s.mine(s.namespaceReady('test', w1)).rejected.map((r) => r.reason)).toEqual(['namespace-not-revealed']);
    // The id can be preordered and revealed again. The reference's name query does not filter by
    // reveal, so the old import is visible again (a source quirk this implementation keeps).
    expectAccepted(s.mine(s.namespacePreorder('test', w2, w3)));
    expectAccepted(s.mine(s.namespaceReveal('test', w2, w3)));
    expect(s.store.getRow('namespace', 'test')!.block_number).toBe(DEVNET.firstBlock); // the first record's
    expectAccepted(s.mine(s.namespaceReady('test', w3)));
    expect(exists()).toBe(true);
  });
});

describe('NAME_PREORDER and NAME_REGISTRATION (bns.md §4.5, §4.6)', () => {
  it('preorder then register: the preorder is consumed and the owner is the recipient (B.6 #9)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    const row = nameRow(s, 'foo.test')!;
    expect(row.address).toBe(w3.address);
    expect(row.sender).toBe(w3.script);
    expect(row.sender_pubkey).toBe(w2.publicKey); // the payer's key (§6.3)
    expect(row.op).toBe(':');
    expect(row.first_registered).toBe(s.height);
    expect(row.block_number).toBe(s.height - 1);
    expect(row.op_fee).toBe(640_000);
    expect(s.store.getRow('preorder', preorderKey('?', row.preorder_hash))).toBeNull();
    expect(s.store.history('foo.test').map((e) => [e.op, e.block_id])).toEqual([
      ['?', s.height - 1],
      [':', s.height],
    ]);
  });

  it('a register whose sender is not the preorderer does not count (B.6 #12)', () => {
    const s = standard();
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3)));
    const result = s.mine(s.nameRegister('foo.test', w4, w3), s.nameRegister('foo.test', w2, w3));
    expect(result.rejected.map((r) => r.reason)).toEqual(['no-preorder']);
    expect(nameRow(s, 'foo.test')!.address).toBe(w3.address);
  });

  it('registrations of one name in one block collide: none is accepted, preorders stay (B.6 #13)', () => {
    const s = standard();
    const payers = [w0, w2, w3, w4];
    expectAccepted(s.mine(...payers.map((payer) => s.namePreorder('foo.test', payer, w1))));
    const result = s.mine(...payers.map((payer) => s.nameRegister('foo.test', payer, w1)));
    expect(result.accepted).toHaveLength(0);
    expect(result.rejected.every((r) => r.reason === 'collision')).toBe(true);
    expect(nameRow(s, 'foo.test')).toBeNull();
    // A third try in the next block succeeds (B.6 #17).
    expectAccepted(s.mine(s.nameRegister('foo.test', w2, w1)));
  });

  it('two preorder+register pairs in one block: the first register wins (B.6 #14)', () => {
    const s = standard();
    const result = s.mine(s.namePreorder('foo.test', w2, w3), s.namePreorder('foo.test', w4, w0), s.nameRegister('foo.test', w2, w3), s.nameRegister('foo.test', w4, w0));
    expect(result.accepted.map((a) => a.type)).toEqual(['name-preorder', 'name-preorder', 'name-registration']);
    // The first accepted registration claims the name for the block (namedb check_collision).
    expect(result.rejected.map((r) => r.reason)).toEqual(['collision']);
    expect(nameRow(s, 'foo.test')!.address).toBe(w3.address);
  });

  it('preorder + register + update/transfer/revoke/renew in one block: the third is rejected (B.6 #16)', () => {
    for (const third of ['update', 'transfer', 'revoke', 'renew'] as const) {
      const s = standard();
      const ops = { update: s.nameUpdate('foo.test', w3, H11), transfer: s.nameTransfer('foo.test', w3, w4), revoke: s.nameRevoke('foo.test', w3), renew: s.nameRenew('foo.test', w3) };
      const result = s.mine(s.namePreorder('foo.test', w2, w3), s.nameRegister('foo.test', w2, w3), ops[third]);
      expect(result.accepted).toHaveLength(2);
      expect(result.rejected).toHaveLength(1);
      const row = nameRow(s, 'foo.test')!;
      expect([row.value_hash, row.address, row.revoked]).toEqual([null, w3.address, false]);
    }
  });

  it('register with a zone-file hash (epoch 3) in the preorder block (B.6 #15)', () => {
    const s = standard();
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3), s.nameRegister('foo.test', w2, w3, H11)));
    expect(nameRow(s, 'foo.test')!.value_hash).toBe(H11);
  });

  it('a preorder hash cannot be reused while outstanding; a fee below the price never registers', () => {
    const s = standard();
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3, 639_999)));
    expect(s.mine(s.namePreorder('foo.test', w2, w3)).rejected.map((r) => r.reason)).toEqual(['preorder-exists']);
    expect(s.mine(s.nameRegister('foo.test', w2, w3)).rejected.map((r) => r.reason)).toEqual(['fee-too-low']);
  });

  it('a preorder that does not pay the burn address never registers', () => {
    const s = standard();
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3, 640_000, w0.address)));
    expect(s.mine(s.nameRegister('foo.test', w2, w3)).rejected.map((r) => r.reason)).toEqual(['bad-payment']);
  });

  it('names cannot be registered in a namespace that is not ready, nor with a preorder made before it was ready', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3)));
    expect(s.mine(s.nameRegister('foo.test', w2, w3)).rejected.map((r) => r.reason)).toEqual(['namespace-not-ready']);
    expectAccepted(s.mine(s.namespaceReady('test', w1)));
    expect(s.mine(s.nameRegister('foo.test', w2, w3)).rejected.map((r) => r.reason)).toEqual(['preorder-too-early']);
  });

  it('stale consensus hashes are refused: older than the 24-block window (B.6 #32)', () => {
    const s = standard();
    const old = s.ch();
    s.wait(DEVNET.consensusHashWindow - 1);
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3, 640_000, DEVNET.burnAddress, old)));
    const older = s.ch(s.height - DEVNET.consensusHashWindow);
    expect(s.mine(s.namePreorder('bar.test', w2, w3, 640_000, DEVNET.burnAddress, older)).rejected.map((r) => r.reason)).toEqual(['stale-consensus-hash']);
  });
});

describe('quotas (bns.md §4.5.3, §4.6.4; B.6 #18)', () => {
  it('25 names per owner, counting this block; the 26th is rejected', () => {
    const s = standard();
    const names = Array.from({ length: 26 }, (_, i) => `name${i}.test`);
    // Non-alpha names get the discount of 10: 64000 sat or less.
    expectAccepted(s.mine(...names.map((name) => s.namePreorder(name, w2, w3, 640_000))));
    const result = s.mine(...names.map((name) => s.nameRegister(name, w2, w3)));
    expect(result.accepted).toHaveLength(25);
    expect(result.rejected.map((r) => [r.vtxindex, r.reason])).toEqual([[26, 'quota']]);
  });
});

describe('quotas of transfers and updates (transfer.py, update.py)', () => {
  function owner25(): Scenario {
    const s = standard();
    const names = Array.from({ length: 25 }, (_, i) => `name${i}.test`);
    expectAccepted(s.mine(...names.map((name) => s.namePreorder(name, w2, w3))));
    expectAccepted(s.mine(...names.map((name) => s.nameRegister(name, w2, w3))));
    return s;
  }

  it('a transfer to an owner of 25 names is rejected; revoked names do not count', () => {
    const s = owner25();
    s.registerName('other.test', w2, w4);
    expect(s.mine(s.nameTransfer('other.test', w4, w3)).rejected.map((r) => r.reason)).toEqual(['quota']);
    expectAccepted(s.mine(s.nameRevoke('name0.test', w3)));
    expectAccepted(s.mine(s.nameTransfer('other.test', w4, w3)));
  });

  it('an owner of more than 25 names (reachable through imports) cannot update, but can transfer and revoke', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    const names = Array.from({ length: 26 }, (_, i) => `name${i}.test`);
    expectAccepted(s.mine(...names.map((name) => s.nameImport(name, w1, w3, H11))));
    expectAccepted(s.mine(s.namespaceReady('test', w1)));
    expect(s.mine(s.nameUpdate('name1.test', w3, H22)).rejected.map((r) => r.reason)).toEqual(['quota']);
    expectAccepted(s.mine(s.nameTransfer('name1.test', w3, w4)));
    expectAccepted(s.mine(s.nameRevoke('name2.test', w3)));
    // Now 24 unrevoked names: updates work again.
    expectAccepted(s.mine(s.nameUpdate('name3.test', w3, H22)));
  });
});

describe('same-block claims (namedb check_collision)', () => {
  it('the same preorder hash twice in one block: the first wins', () => {
    const s = standard();
    const result = s.mine(s.namePreorder('foo.test', w2, w3), s.namePreorder('foo.test', w2, w3, 700_000));
    expect(result.accepted).toHaveLength(1);
    expect(result.rejected).toHaveLength(1);
    expect(s.store.getRow('preorder', preorderKey('?', result.accepted[0]!.claim!.slice('preorder:'.length)))!.op_fee).toBe(640_000);
  });

  it('the same 20 bytes as a name preorder and a namespace preorder are two preorders, but not in one block', () => {
    const s = standard();
    const namespacePreorder = s.namespacePreorder('abcd', w2, w3);
    const hash = (namespacePreorder.operation as { preorderHash: string }).preorderHash;
    const namePreorder = s.namePreorder('foo.test', w2, w3);
    const sameHash = { ...namePreorder, operation: { ...(namePreorder.operation as object), preorderHash: hash } as typeof namePreorder.operation };
    const sameBlock = s.mine(namespacePreorder, sameHash);
    expect(sameBlock.rejected.map((r) => r.reason)).toEqual(['collision']);
    expectAccepted(s.mine(sameHash));
    expectAccepted(s.mine(s.namespaceReveal('abcd', w2, w3)));
  });

  it('a re-import in a later block keeps the first import block numbers and preorder hash; one in the same block does not', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    expectAccepted(s.mine(s.nameImport('foo.test', w1, w2, H11)));
    const first = nameRow(s, 'foo.test')!;
    s.wait(2);
    expectAccepted(s.mine(s.nameImport('foo.test', w1, w3, H22), s.nameImport('bar.test', w1, w3, H11), s.nameImport('bar.test', w1, w4, H22)));
    const again = nameRow(s, 'foo.test')!;
    expect([again.block_number, again.first_registered, again.preorder_hash, again.address]).toEqual([first.block_number, first.first_registered, first.preorder_hash, w3.address]);
    const bar = nameRow(s, 'bar.test')!;
    expect([bar.first_registered, bar.address, bar.value_hash]).toEqual([s.height, w4.address, H22]);
    expect(s.store.history('foo.test').map((e) => e.creator_address)).toEqual([w2.address, null]);
    expect(s.store.history('bar.test').map((e) => e.creator_address)).toEqual([w3.address, null]);
  });
});

describe('records and history', () => {
  it('a registration records no consensus hash; the namespace history holds its preorder, reveal and ready', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    expect(nameRow(s, 'foo.test')!.consensus_hash).toBeNull();
    expect(s.store.history('test').map((e) => [e.op, e.block_id, e.creator_address])).toEqual([
      ['*', DEVNET.firstBlock, null],
      ['&', DEVNET.firstBlock + 1, w0.address],
      ['!', DEVNET.firstBlock + 2, null],
    ]);
  });
});

describe('NAME_UPDATE, NAME_TRANSFER, NAME_RENEWAL, NAME_REVOKE (bns.md §4.7–§4.10)', () => {
  it('owner updates; a non-owner cannot, even in the same block (B.6 #19)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    const result = s.mine(s.nameUpdate('foo.test', w3, H11), s.nameUpdate('foo.test', w4, H22));
    expect(result.rejected.map((r) => r.reason)).toEqual(['name-not-registered']);
    const row = nameRow(s, 'foo.test')!;
    expect(row.value_hash).toBe(H11);
    expect(row.consensus_hash).toBe(s.ch(s.height - 1));
  });

  it('an update with a consensus hash from long ago is stale (B.6 #32)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    const old = s.ch();
    s.wait(30);
    expect(s.mine(s.nameUpdate('foo.test', w3, H11, old)).rejected.map((r) => r.reason)).toEqual(['name-not-registered']);
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H11, s.ch(s.height - 3))));
  });

  it('updates find their name and consensus hash whichever hash the previous update cited (the search tries that one first)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    s.registerName('bar.test', w2, w3);
    s.wait(3);
    const older = s.ch(s.height - 3);
    const newer = s.ch(s.height - 1);
    // An older hash, then the same again, then another one, then the newest, in one block and across blocks.
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H11, older), s.nameUpdate('bar.test', w3, H22, older)));
    expect([nameRow(s, 'foo.test')!.consensus_hash, nameRow(s, 'bar.test')!.consensus_hash]).toEqual([older, older]);
    expectAccepted(s.mine(s.nameUpdate('bar.test', w3, H11, newer)));
    expect(nameRow(s, 'bar.test')!.consensus_hash).toBe(newer);
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H22, s.ch())));
    expect(nameRow(s, 'foo.test')!.consensus_hash).toBe(s.ch(s.height - 1));
    // The last cited hash leaves the window: the update citing it is stale, the next fresh one is found.
    const last = s.ch(s.height - 1);
    s.wait(30);
    expect(s.mine(s.nameUpdate('foo.test', w3, H11, last)).rejected.map((r) => r.reason)).toEqual(['name-not-registered']);
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H11, s.ch(s.height - 2))));
    expect(nameRow(s, 'foo.test')!.consensus_hash).toBe(s.ch(s.height - 3));
  });

  it('transfer keeps or clears the zone-file hash; non-owners and recipients cannot transfer (B.6 #19, #20)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3, { valueHash: H11 });
    expect(s.mine(s.nameTransfer('foo.test', w4, w4)).rejected.map((r) => r.reason)).toEqual(['same-owner']);
    expect(s.mine(s.nameTransfer('foo.test', w0, w4)).rejected.map((r) => r.reason)).toEqual(['not-owner']);
    expectAccepted(s.mine(s.nameTransfer('foo.test', w3, w4, true)));
    expect([nameRow(s, 'foo.test')!.address, nameRow(s, 'foo.test')!.value_hash, nameRow(s, 'foo.test')!.op]).toEqual([w4.address, H11, '>>']);
    expect(nameRow(s, 'foo.test')!.sender_pubkey).toBeNull();
    expectAccepted(s.mine(s.nameTransfer('foo.test', w4, w3, false)));
    expect([nameRow(s, 'foo.test')!.address, nameRow(s, 'foo.test')!.value_hash, nameRow(s, 'foo.test')!.op]).toEqual([w3.address, null, '>~']);
  });

  it("a transfer records the last update's consensus hash (the §4.9 quirk)", () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    const transferCh = () => nameRow(s, 'foo.test')!.consensus_hash;
    expectAccepted(s.mine(s.nameTransfer('foo.test', w3, w4)));
    expect(transferCh()).toBe(s.ch(s.height - 1)); // no update yet: its own hash
    const updateCh = s.ch();
    expectAccepted(s.mine(s.nameUpdate('foo.test', w4, H11)));
    expectAccepted(s.mine(s.nameTransfer('foo.test', w4, w3)));
    expect(transferCh()).toBe(updateCh);
  });

  it('the §4.9 quirk reaches back past renewals and transfers to the last update or registration', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    const transferCh = () => nameRow(s, 'foo.test')!.consensus_hash;
    expectAccepted(s.mine(s.nameTransfer('foo.test', w3, w4)));
    expectAccepted(s.mine(s.nameRenew('foo.test', w4)));
    expectAccepted(s.mine(s.nameTransfer('foo.test', w4, w3)));
    expect(transferCh()).toBe(s.ch(s.height - 1)); // back to the registration: its own hash again
    const updateCh = s.ch();
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H11)));
    expectAccepted(s.mine(s.nameTransfer('foo.test', w3, w4)));
    expectAccepted(s.mine(s.nameRenew('foo.test', w4)));
    expectAccepted(s.mine(s.nameTransfer('foo.test', w4, w3)));
    expect(transferCh()).toBe(updateCh); // past a renewal and a transfer, the update's
  });

  it('update, transfer ping-pong and updates in one block apply in order (B.6 #17)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    const ch = s.ch();
    const result = s.mine(
      s.nameUpdate('foo.test', w3, H11, ch),
      s.nameTransfer('foo.test', w3, w4, true, ch),
      s.nameTransfer('foo.test', w4, w3, true, ch),
      s.nameUpdate('foo.test', w3, 'bb'.repeat(20), ch),
    );
    expectAccepted(result, 4);
    expect([nameRow(s, 'foo.test')!.value_hash, nameRow(s, 'foo.test')!.address]).toEqual(['bb'.repeat(20), w3.address]);
  });

  it('renewal by the owner sets last_renewed; by a non-owner it is rejected (B.6 #21)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    const registered = s.height;
    expect(s.mine(s.nameRenew('foo.test', w4)).rejected.map((r) => r.reason)).toEqual(['not-owner']);
    s.wait(8);
    expectAccepted(s.mine(s.nameRenew('foo.test', w3)));
    expect(nameRow(s, 'foo.test')!.last_renewed).toBe(registered + 10);
    expect(nameRow(s, 'foo.test')!.op).toBe('::');
  });

  it('renewal with transfer and zone-file hash (epoch 3), and a renewal without a hash keeps it (B.6 #22)', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    expectAccepted(s.mine(s.nameRenew('foo.test', w3)));
    expect(nameRow(s, 'foo.test')!.value_hash).toBeNull();
    expectAccepted(s.mine(s.nameRenew('foo.test', w3, { newOwner: w0, valueHash: H22 })));
    expectAccepted(s.mine(s.nameRenew('foo.test', w0, { newOwner: w1 })));
    const row = nameRow(s, 'foo.test')!;
    expect([row.address, row.value_hash, row.last_renewed - row.first_registered]).toEqual([w1.address, H22, 3]);
  });

  it('a renewal that underpays or does not burn is rejected', () => {
    const s = standard();
    s.registerName('foo.test', w2, w3);
    expect(s.mine(s.nameRenew('foo.test', w3, { fee: 639_999 })).rejected.map((r) => r.reason)).toEqual(['fee-too-low']);
    expect(s.mine(s.nameRenew('foo.test', w3, { payTo: w0.address })).rejected.map((r) => r.reason)).toEqual(['bad-payment']);
  });

  it('revoke kills the name: no update, transfer or renewal afterwards; re-registration after expiry (B.6 #23)', () => {
    const s = standard();
    expectAccepted(s.mine(s.namespacePreorder('short', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('short', w0, w1, { lifetime: 4 })));
    expectAccepted(s.mine(s.namespaceReady('short', w1)));
    s.registerName('foo.short', w2, w3, { fee: 6_400_000, valueHash: H11 });
    expectAccepted(s.mine(s.nameRevoke('foo.short', w3)));
    const row = nameRow(s, 'foo.short')!;
    expect([row.revoked, row.value_hash, row.address]).toEqual([true, null, w3.address]);
    const after = s.mine(s.nameUpdate('foo.short', w3, H22), s.nameTransfer('foo.short', w3, w4), s.nameRenew('foo.short', w3, { fee: 6_400_000 }));
    expect(after.accepted).toHaveLength(0);
    expect(s.mine(s.nameRevoke('foo.short', w3)).rejected.map((r) => r.reason)).toEqual(['name-revoked']);
    s.wait(10); // lifetime 4 × multiplier 1 + grace 5
    s.registerName('foo.short', w4, w0, { fee: 6_400_000 });
    const again = nameRow(s, 'foo.short')!;
    expect([again.revoked, again.value_hash, again.address]).toEqual([false, null, w0.address]);
  });
});

describe('expiry and grace (bns.md §4.20; B.6 #24–#26)', () => {
  function shortNamespace(): Scenario {
    const s = new Scenario();
    s.createNamespace('test', w0, w1, { lifetime: 4 });
    return s;
  }

  it('in the grace period only renewals are accepted; the renewal block becomes last_renewed', () => {
    const s = shortNamespace();
    s.registerName('foo.test', w2, w3, { fee: 6_400_000 });
    s.wait(3); // expire_block = registered + 4 → the next block is the first of the grace period
    const grace = s.mine(s.nameUpdate('foo.test', w3, H11), s.nameTransfer('foo.test', w3, w4), s.nameRevoke('foo.test', w3));
    expect(grace.rejected.map((r) => r.reason)).toEqual(['grace-period', 'grace-period', 'grace-period']);
    expect(nameRow(s, 'foo.test')!.op).toBe(':');
    expectAccepted(s.mine(s.nameRenew('foo.test', w3, { fee: 6_400_000 })));
    expect(nameRow(s, 'foo.test')!.last_renewed).toBe(s.height);
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H11)));
  });

  it('after lifetime + grace the name is gone and anyone may register it; block_number is kept (B.6 #25)', () => {
    const s = shortNamespace();
    s.registerName('foo.test', w2, w3, { fee: 6_400_000 });
    const firstPreorder = s.height - 1;
    // The name exists while last_renewed + lifetime + grace ≥ L (§4.20's `≥`), so one block more.
    s.wait(4 + 5 + 1);
    expect(s.mine(s.nameRenew('foo.test', w3, { fee: 6_400_000 })).rejected.map((r) => r.reason)).toEqual(['name-not-registered']);
    s.registerName('foo.test', w4, w0, { fee: 6_400_000 });
    const row = nameRow(s, 'foo.test')!;
    expect(row.block_number).toBe(firstPreorder);
    expect(row.first_registered).toBe(s.height);
    expect(row.address).toBe(w0.address);
  });
});

describe('NAME_IMPORT (bns.md §4.11; B.6 #1, #6, #7, #29)', () => {
  it('the reveal key imports; the last import of a name wins; ready ends imports', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    expectAccepted(s.mine(s.nameImport('foo.test', w1, w2, H11), s.nameImport('bar.test', w1, w3, H22), s.nameImport('foo.test', w1, w4, '66'.repeat(20))));
    const foo = nameRow(s, 'foo.test')!;
    expect([foo.address, foo.value_hash, foo.op, foo.importer_address, foo.op_fee]).toEqual([w4.address, '66'.repeat(20), ';', w1.address, 640_000]);
    expectAccepted(s.mine(s.namespaceReady('test', w1)));
    expect(s.mine(s.nameImport('baz.test', w1, w3, H11)).rejected.map((r) => r.reason)).toEqual(['namespace-not-revealed']);
    expectAccepted(s.mine(s.nameUpdate('foo.test', w4, H22)));
  });

  it('imports by other keys are rejected; keychain children of the reveal key are accepted', () => {
    const s = new Scenario();
    expectAccepted(s.mine(s.namespacePreorder('test', w0, w1)));
    expectAccepted(s.mine(s.namespaceReveal('test', w0, w1)));
    expect(s.mine(s.nameImport('foo.test', w2, w3, H11)).rejected.map((r) => r.reason)).toEqual(['not-importer']);
    expectAccepted(s.mine(s.nameImport('goo.test', w1, w3, H11)));
    const root = new HDKey({ publicKey: hexToBytes(w1.publicKey), chainCode: new Uint8Array(32) });
    const child = walletFromPublicKey(DEVNET, bytesToHex(root.deriveChild(2).publicKey!));
    expectAccepted(s.mine(s.nameImport('bar.test', child, w3, H22)));
    const outside = walletFromPublicKey(DEVNET, bytesToHex(root.deriveChild(DEVNET.nameImportKeyringSize).publicKey!));
    expect(s.mine(s.nameImport('baz.test', outside, w3, H22)).rejected.map((r) => r.reason)).toEqual(['not-importer']);
  });
});

describe('pay-to-namespace-creator (bns.md §4.13; B.6 #31)', () => {
  it('while the namespace is young the fee goes to the preorderer, afterwards it is burned', () => {
    const s = new Scenario();
    s.createNamespace('test', w0, w1, { version: 2 });
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3, 640_000, w0.address), s.namePreorder('bad.test', w2, w3, 640_000, w1.address)));
    const result = s.mine(s.nameRegister('foo.test', w2, w3), s.nameRegister('bad.test', w2, w3));
    expect(result.accepted.map((a) => a.type)).toEqual(['name-registration']);
    expect(result.rejected.map((r) => r.reason)).toEqual(['bad-payment']);
    s.wait(DEVNET.epochs[0]!.receiveFeesPeriod);
    expectAccepted(s.mine(s.namePreorder('foo2.test', w2, w3, 64_000), s.namePreorder('foo3.test', w2, w3, 64_000, w0.address)));
    const late = s.mine(s.nameRegister('foo2.test', w2, w3), s.nameRegister('foo3.test', w2, w3));
    expect(late.rejected.map((r) => r.reason)).toEqual(['bad-payment']);
    expect(nameRow(s, 'foo2.test')).not.toBeNull();
  });
});

describe('scanning (bns.md §1.1–§1.2)', () => {
  it('garbage OP_RETURN payloads are ignored and the block still applies (B.6 #41)', () => {
    const s = standard();
    const ascii = (text: string) => new TextEncoder().encode(text);
    const result = s.mine({ from: w2, operation: ascii('eg'), outputs: [] }, { from: w2, operation: ascii('id'), outputs: [] }, { from: w2, operation: ascii('id{'), outputs: [] });
    expect(result.accepted).toHaveLength(0);
    expect(result.rejected).toHaveLength(0);
    expect(result.ignored.map((i) => i.reason)).toEqual(['unknown-opcode']);
  });
});
