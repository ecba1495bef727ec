import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, expect, it, vi } from 'vitest';
import { createDevnet } from '@bsk/bitcoin';
import { DEVNET, buildNameTransaction, planNamespacePreorder, planNamespaceReveal, walletAddress } from '@bsk/bns';
import { ID_NAMESPACE, loadOrMakeKeys, signerOf, startLocalNetwork } from '@bsk/devnet';
import { createNode } from '@bsk/node';

/*
 * A first start cut short: the data directory holds keys, a chain and a node in which `id` is
 * preordered and revealed but not ready, and `test` does not exist. The next start finishes the
 * job with the same keys — a NAMESPACE_READY for `id` (its reveal is kept, bns.md §4.16) and the
 * three steps for `test` — instead of failing or asking for --reset.
 */

vi.setConfig({ testTimeout: 120_000 });

const RPC = { user: 'blockstack', password: 'blockstacksystem' };
const root = mkdtempSync(join(tmpdir(), 'bsk-interrupted-'));
const dataDir = join(root, 'net');

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The first start's work up to the reveal of `id`, on the parts the local network would use. */
async function interruptedFirstStart(): Promise<{ revealBlock: number }> {
  mkdirSync(dataDir, { recursive: true });
  const { keys } = loadOrMakeKeys(dataDir);
  const devnet = await createDevnet({ datadir: join(dataDir, 'chain'), rpc: { port: 0, ...RPC } });
  const node = await createNode(
    { network: 'devnet', bitcoindUrl: devnet.url, bitcoindUser: RPC.user, bitcoindPassword: RPC.password, dataDir: join(dataDir, 'node'), apiPort: 0, dnsPort: 0, pollInterval: 0.05 },
    { logger: pino({ level: 'silent' }) },
  );
  const mined = async (): Promise<void> => {
    const height = devnet.node.chain.height();
    while ((node.engine.tip() ?? -1) < height) await new Promise((wake) => setTimeout(wake, 20));
  };
  try {
    devnet.faucet.fund(keys.namespaceCreator.address, 10, 1);
    await mined();
    const payer = signerOf(keys.namespaceCreator);
    const revealAddress = walletAddress(DEVNET, signerOf(keys.namespaceRevealer));
    const wallet = async () => ({ signer: payer, utxos: await node.backend.getUnspentOutputs(keys.namespaceCreator.address) });
    const tip = node.engine.tip()!;
    const preorder = planNamespacePreorder({ params: DEVNET, feeRate: 2, payer: await wallet(), namespaceId: 'id', revealAddress, consensusHash: node.engine.consensusHashAt(tip)!, height: tip + 1 });
    await node.backend.broadcast(buildNameTransaction(preorder).hex);
    devnet.mine(1);
    await mined();
    const reveal = buildNameTransaction(planNamespaceReveal({ params: DEVNET, feeRate: 2, payer: await wallet(), namespaceId: 'id', revealAddress, rules: ID_NAMESPACE }));
    await node.backend.broadcast(reveal.hex);
    devnet.mine(1);
    await mined();
    expect(node.store.getRow('namespace', 'id')).toMatchObject({ op: '&', txid: reveal.txid });
    return { revealBlock: devnet.node.chain.height() };
  } finally {
    await node.close();
    await devnet.stop();
  }
}

it('the next start readies what was revealed and creates what is missing, with the same keys', async () => {
  const { revealBlock } = await interruptedFirstStart();
  const { keys } = loadOrMakeKeys(dataDir);
  const network = await startLocalNetwork({
    dataDir,
    reset: false,
    host: '127.0.0.1',
    chainPort: 0,
    rpcUser: RPC.user,
    rpcPassword: RPC.password,
    mineEvery: 0,
    apiPort: 0,
    dnsPort: 0,
    hubPort: 0,
    readerPort: 0,
    logLevel: 'silent',
  });
  try {
    expect(network.bootstrapped).toBe(true);
    expect(network.keys).toEqual(keys);
    const id = network.node.store.getRow('namespace', 'id')!;
    expect({ op: id.op, reveal_block: id.reveal_block }).toEqual({ op: '!', reveal_block: revealBlock });
    expect(network.node.store.getRow('namespace', 'test')?.op).toBe('!');
    expect(await (await fetch(`${network.endpoints.nodeApi}/v1/namespaces`)).json()).toEqual(['id', 'test']);
  } finally {
    await network.stop();
  }
});
