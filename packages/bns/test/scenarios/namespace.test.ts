import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, sha256 } from '@bsk/crypto';
import { priceCeiling, priceNamespace } from '../../src/index.js';
import { ScenarioChain, acceptedTypes, expectAllAccepted, rejectedReasons, type KitWallet } from './kit.js';

/*
 * Namespace lifecycle and imports (cli-and-scenarios.md §B.6 #1–#7, #17, #29) on a real devnet.
 * One chain for the file; each scenario uses its own namespace id.
 */

let chain: ScenarioChain;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet, w4: KitWallet, w5: KitWallet;
const H = (byte: string): string => byte.repeat(20);

beforeAll(async () => {
  chain = await ScenarioChain.start();
  [w0, w1, w2, w3, w4, w5] = chain.standardWallets();
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

describe('namespace lifecycle', () => {
  it('namespace_preorder_reveal_ready', async () => {
    const preorder = await chain.block(chain.namespacePreorder('test', w0, w1));
    expectAllAccepted(preorder);
    const reveal = await chain.block(chain.namespaceReveal('test', w0, w1));
    expectAllAccepted(reveal);
    expectAllAccepted(await chain.block(chain.namespaceReady('test', w1)));
    const ns = chain.store.getRow('namespace', 'test')!;
    expect(ns).toMatchObject({ op: '!', recipient_address: w1.address, address: w0.address, coeff: 250, base: 4, lifetime: 52595 });
    expect(ns.block_number).toBe(preorder.height);
    expect(ns.reveal_block).toBe(reveal.height);
    expect(ns.ready_block).toBe(chain.height);
    expect(chain.store.namespaceIds()).toContain('test');
  });

  it('namespace_preorder_reveal_nodups: two reveals of one id in a block collide, neither is accepted', async () => {
    expectAllAccepted(await chain.block(chain.namespacePreorder('nodups', w0, w1)));
    expectAllAccepted(await chain.block(chain.namespacePreorder('nodups', w2, w3)));
    const reveals = await chain.block(chain.namespaceReveal('nodups', w0, w1), chain.namespaceReveal('nodups', w2, w3));
    expect(rejectedReasons(reveals)).toEqual(['collision', 'collision']);
    expect(chain.store.getRow('namespace', 'nodups')).toBeNull();
  });

  it('namespace_preorder_reveal_ready_nodups: only the preorderer reveals; a ready namespace cannot be revealed again', async () => {
    expectAllAccepted(await chain.block(chain.namespacePreorder('readynodups', w0, w1)));
    expect(rejectedReasons(await chain.block(chain.namespaceReveal('readynodups', w2, w1)))).toEqual(['no-preorder']);
    expectAllAccepted(await chain.block(chain.namespaceReveal('readynodups', w0, w1)));
    expectAllAccepted(await chain.block(chain.namespaceReady('readynodups', w1)));
    // A namespace preorder only carries a hash, so a second one is recorded; its reveal is refused.
    expectAllAccepted(await chain.block(chain.namespacePreorder('readynodups', w2, w3)));
    expect(rejectedReasons(await chain.block(chain.namespaceReveal('readynodups', w2, w3, { coeff: 1 })))).toEqual(['namespace-exists']);
    expect(rejectedReasons(await chain.block(chain.namespaceReady('readynodups', w3)))).toEqual(['namespace-not-revealed']);
    expect(chain.store.getRow('namespace', 'readynodups')).toMatchObject({ coeff: 250, recipient_address: w1.address, op: '!' });
  });

  it('name_pre_reg_collisions (namespace part): a ready in its reveal’s block is rejected and works a block later; only the reveal key readies', async () => {
    expectAllAccepted(await chain.block(chain.namespacePreorder('sameblock', w0, w1)));
    const both = await chain.block(chain.namespaceReveal('sameblock', w0, w1), chain.namespaceReady('sameblock', w1));
    expect(acceptedTypes(both)).toEqual(['namespace-reveal']);
    expect(rejectedReasons(both)).toEqual(['namespace-not-revealed']);
    expect(rejectedReasons(await chain.block(chain.namespaceReady('sameblock', w0)))).toEqual(['wrong-sender']);
    expectAllAccepted(await chain.block(chain.namespaceReady('sameblock', w1)));
  });

  it('namespace pricing: a preorder one satoshi short never reveals, the exact price does', async () => {
    const price = Number(priceCeiling(priceNamespace(chain.params, 'cheapo', chain.height + 1, 'BTC')!));
    expect(price).toBe(40_000_000); // 4–7 characters: 4 BTC ÷ 10 in epoch 3 (bns.md §5.5)
    expectAllAccepted(await chain.block(chain.namespacePreorder('cheapo', w0, w1, { fee: price - 1 })));
    expect(rejectedReasons(await chain.block(chain.namespaceReveal('cheapo', w0, w1)))).toEqual(['fee-too-low']);
    expectAllAccepted(await chain.block(chain.namespacePreorder('exacto', w0, w1, { fee: price })));
    expectAllAccepted(await chain.block(chain.namespaceReveal('exacto', w0, w1)));
  });

  it('a namespace preorder with a stale consensus hash is rejected (window of 24 blocks)', async () => {
    const old = chain.ch();
    await chain.mine(chain.params.consensusHashWindow + 1);
    expect(rejectedReasons(await chain.block(chain.namespacePreorder('stale', w0, w1, { consensusHash: old })))).toEqual(['stale-consensus-hash']);
  });
});

describe('imports', () => {
  it('namespace_preorder_reveal_import_ready', async () => {
    expectAllAccepted(await chain.block(chain.namespacePreorder('imports', w0, w1)));
    expectAllAccepted(await chain.block(chain.namespaceReveal('imports', w0, w1)));
    const imports = await chain.block(chain.import('foo.imports', w1, w2, H('11')), chain.import('bar.imports', w1, w3, H('22')), chain.import('baz.imports', w1, w4, H('33')));
    expectAllAccepted(imports);
    expectAllAccepted(await chain.block(chain.namespaceReady('imports', w1)));
    expect(chain.store.getRow('namespace', 'imports')!.op).toBe('!');
    for (const [name, owner, hash] of [['foo.imports', w2, '11'], ['bar.imports', w3, '22'], ['baz.imports', w4, '33']] as const) {
      const status = chain.lookup(name)!;
      expect(status.record).toMatchObject({ address: owner.address, value_hash: H(hash), op: ';', importer_address: w1.address });
    }
  });

  it('namespace_preorder_reveal_import_onlyimporter: imports by keys outside the keychain are rejected', async () => {
    await chain.fund([w2, w3, w4].map((w) => w), 2, 0.5);
    expectAllAccepted(await chain.block(chain.namespacePreorder('onlyimp', w0, w1)));
    expectAllAccepted(await chain.block(chain.namespaceReveal('onlyimp', w0, w1)));
    for (let round = 0; round < 2; round++) {
      const stolen = await chain.block(chain.import('foo.onlyimp', w2, w2, H('11')), chain.import('bar.onlyimp', w3, w3, H('22')), chain.import('baz.onlyimp', w4, w4, H('33')));
      expect(rejectedReasons(stolen)).toEqual(['not-importer', 'not-importer', 'not-importer']);
    }
    expectAllAccepted(await chain.block(chain.import('goo.onlyimp', w1, w2, H('44'))));
    expectAllAccepted(await chain.block(chain.namespaceReady('onlyimp', w1)));
    expect(chain.lookup('goo.onlyimp')!.record.value_hash).toBe(H('44'));
    for (const name of ['foo.onlyimp', 'bar.onlyimp', 'baz.onlyimp']) expect(chain.lookup(name)).toBeNull();
  });

  it('namespace_preorder_reveal_ready_noimports: no import after ready', async () => {
    await chain.createNamespace('noimp', w0, w1);
    expect(rejectedReasons(await chain.block(chain.import('foo.noimp', w1, w3, H('11'))))).toEqual(['namespace-not-revealed']);
    expect(chain.lookup('foo.noimp')).toBeNull();
  });

  it('name_import: the reveal key fixes the keychain, its children may import, the last import wins', async () => {
    const children = [0, 1, 2].map((index) => chain.importKey(w1, index));
    const outsider = chain.importKey(w1, chain.params.nameImportKeyringSize); // one past the keyring
    await chain.fund([...children, outsider], 3, 0.2);
    expectAllAccepted(await chain.block(chain.namespacePreorder('keyring', w0, w1)));
    expectAllAccepted(await chain.block(chain.namespaceReveal('keyring', w0, w1)));
    // Before the reveal key's first import there is no keychain: a child cannot start it (§4.11 step 3).
    expect(rejectedReasons(await chain.block(chain.import('foo.keyring', children[0]!, w2, H('00'))))).toEqual(['not-importer']);
    expectAllAccepted(await chain.block(chain.import('foo.keyring', w1, w2, H('11'))));
    const first = chain.height;
    expectAllAccepted(await chain.block(chain.import('foo.keyring', children[0]!, w3, H('22')), chain.import('bar.keyring', children[1]!, w3, H('33'))));
    // several imports of one name in one block: no collision rule for imports, the last one wins
    expectAllAccepted(
      await chain.block(chain.import('baz.keyring', children[2]!, w2, H('44')), chain.import('foo.keyring', children[1]!, w4, H('55')), chain.import('foo.keyring', children[2]!, w5, H('66'))),
    );
    expectAllAccepted(await chain.block(chain.import('bar.keyring', w1, w3, H('77')), chain.import('baz.keyring', children[0]!, w4, H('88'))));
    expect(rejectedReasons(await chain.block(chain.import('bar.keyring', outsider, w2, H('99'))))).toEqual(['not-importer']);
    expectAllAccepted(await chain.block(chain.namespaceReady('keyring', w1)));
    expect(chain.lookup('foo.keyring')!.record).toMatchObject({ address: w5.address, value_hash: H('66'), block_number: first, first_registered: first });
    expect(chain.lookup('bar.keyring')!.record).toMatchObject({ address: w3.address, value_hash: H('77') });
    expect(chain.lookup('baz.keyring')!.record).toMatchObject({ address: w4.address, value_hash: H('88') });
  });

  it('an uncompressed reveal key imports under its own address; its (compressed) keychain children too', async () => {
    const privateKey = bytesToHex(sha256('uncompressed revealer'));
    const revealer = chain.adoptSigner('uncompressed revealer', { type: 'p2pkh', privateKey, compressed: false }, privateKey);
    const child = chain.importKey(revealer, 0);
    await chain.fund([revealer, child], 3, 0.2);
    expectAllAccepted(await chain.block(chain.namespacePreorder('oldkeys', w0, revealer)));
    expectAllAccepted(await chain.block(chain.namespaceReveal('oldkeys', w0, revealer)));
    expectAllAccepted(await chain.block(chain.import('foo.oldkeys', revealer, w2, H('11')), chain.import('bar.oldkeys', child, w3, H('22'))));
    expectAllAccepted(await chain.block(chain.namespaceReady('oldkeys', revealer)));
    expect(chain.lookup('foo.oldkeys')!.record).toMatchObject({ importer_address: revealer.address, address: w2.address });
    expect(chain.lookup('bar.oldkeys')!.record).toMatchObject({ importer_address: child.address, address: w3.address });
  });

  it('namespace_preorder_reveal_import_expire: a reveal not readied in time expires with its imports', async () => {
    expectAllAccepted(await chain.block(chain.namespacePreorder('revexp', w0, w1)));
    const reveal = await chain.block(chain.namespaceReveal('revexp', w0, w1));
    expectAllAccepted(reveal);
    expectAllAccepted(await chain.block(chain.import('foo.revexp', w1, w2, H('11')), chain.import('bar.revexp', w1, w3, H('22'))));
    expect(chain.lookup('foo.revexp')).not.toBeNull();
    // The ready is checked against the state of the block before its own (bns.md §4.1a), where the
    // reveal is alive up to reveal_block + expire − 1.
    await chain.mine(reveal.height + chain.params.namespaceRevealExpire - chain.height);
    expect(rejectedReasons(await chain.block(chain.namespaceReady('revexp', w1)))).toEqual(['namespace-not-revealed']);
    expect(chain.lookup('foo.revexp')).toBeNull();
    expect(chain.lookup('bar.revexp')).toBeNull();
  });
});

describe('replay', () => {
  it('a fresh index of the same chain has the same consensus hash at every height (§B.2)', async () => {
    await chain.expectReplayMatches();
  });
});
