import { REGTEST } from '../../consensus/params.js';
import type { RpcMethod } from '../context.js';
import { btc } from '../json.js';

/** Version the devnet presents itself as: the bitcoind release whose RPC it follows. */
export const EMULATED_VERSION = 270000;

/** Network and control RPCs (src/rpc/net.cpp, src/rpc/server.cpp). */
export const networkMethods: RpcMethod[] = [
  {
    name: 'getnetworkinfo',
    params: [],
    description: 'Returns an object containing various state info regarding P2P networking.',
    handler: () => ({
      version: EMULATED_VERSION,
      subversion: '/Satoshi:27.0.0(bsk-devnet)/',
      protocolversion: 70016,
      localservices: '0000000000000409',
      localservicesnames: ['NETWORK', 'WITNESS', 'NETWORK_LIMITED'],
      localrelay: true,
      timeoffset: 0,
      networkactive: false,
      connections: 0,
      connections_in: 0,
      connections_out: 0,
      networks: [],
      relayfee: btc(REGTEST.policy.minRelayFeePerKvB),
      incrementalfee: btc(REGTEST.policy.incrementalRelayFeePerKvB),
      localaddresses: [],
      warnings: '',
    }),
  },
  {
    name: 'getconnectioncount',
    params: [],
    description: 'Returns the number of connections to other nodes.',
    handler: () => 0,
  },
  {
    name: 'uptime',
    params: [],
    description: 'Returns the total uptime of the server.',
    handler: (_args, { node, startedAt }) => node.now() - startedAt,
  },
  {
    name: 'ping',
    params: [],
    description: 'Requests that a ping be sent to all other nodes, to measure ping time.',
    handler: () => null,
  },
];
