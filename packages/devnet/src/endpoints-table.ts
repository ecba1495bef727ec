import type { LocalNetwork } from './local-network.js';

/*
 * What `npm start` prints once everything is up: one `label  value` row per line, labels padded to
 * one column, so people read it and scripts grep it (`grep '^  node API'`). The rows and their
 * labels are part of the interface: keep them stable.
 */

const LABEL_WIDTH = 16;

const row = (label: string, value: string): string => `  ${label.padEnd(LABEL_WIDTH)}${value}`;

/** Satoshis as BTC text without trailing zeros, e.g. `100 BTC`, `0.5 BTC`. */
export function formatBtc(satoshis: number): string {
  const whole = Math.trunc(satoshis / 1e8);
  const fraction = String(satoshis % 1e8).padStart(8, '0').replace(/0+$/, '');
  return `${whole}${fraction === '' ? '' : `.${fraction}`} BTC`;
}

export function formatLocalNetworkTable(network: LocalNetwork, fundedBalance: number): string {
  const { endpoints, keys } = network;
  const namespaces = network.node.store.namespaceIds().filter((id) => network.node.store.getRow('namespace', id)?.op === '!');
  return [
    `bsk local network (devnet), data in ${network.dataDir}`,
    row('chain RPC', `${endpoints.chainRpc}  user ${endpoints.rpcUser}  password ${endpoints.rpcPassword}`),
    row('node API', endpoints.nodeApi),
    row('DNS', `${endpoints.dns} (UDP and TCP)`),
    row('Gaia hub', endpoints.hub),
    row('Gaia read', endpoints.reader),
    row('namespaces', namespaces.length === 0 ? '(none)' : namespaces.join(', ')),
    'funded key',
    row('private key', keys.funded.privateKey),
    row('address', keys.funded.address),
    row('balance', formatBtc(fundedBalance)),
    `ready at block ${network.devnet.node.chain.height()}; Ctrl-C stops everything`,
    '',
  ].join('\n');
}
