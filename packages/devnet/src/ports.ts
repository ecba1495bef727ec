import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { LocalNetworkOptions } from './options.js';

/*
 * Loopback ports the local network listens on, checked before anything starts (issue 5: "each can
 * be changed by flag"): a port already taken becomes one line naming the port, the part that wanted
 * it and the flag that moves it, instead of a half-started network and a stack trace.
 */

export interface WantedPort {
  /** 0: any free port (never checked). */
  readonly port: number;
  /** e.g. 'chain RPC' */
  readonly part: string;
  /** e.g. 'chain-port' */
  readonly flag: string;
  /** The DNS bridge also listens on UDP. */
  readonly udp?: boolean;
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly wanted: WantedPort,
    readonly host: string,
    /** Another part of the same network given the same port. */
    readonly sharedWith?: WantedPort,
  ) {
    const taken = sharedWith === undefined ? 'is already in use' : `is also given to the ${sharedWith.part} (--${sharedWith.flag})`;
    super(`port ${wanted.port} on ${host} (${wanted.part}) ${taken}; choose another with --${wanted.flag} <port>`);
  }
}

/** True when `error` is a listen failure because the address is taken. */
export function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/** Throws PortInUseError for a port wanted twice, else for the first wanted port that is taken. */
export async function assertPortsFree(host: string, wanted: readonly WantedPort[]): Promise<void> {
  const fixed = wanted.filter((entry) => entry.port !== 0);
  const seen = new Map<number, WantedPort>();
  for (const entry of fixed) {
    const other = seen.get(entry.port);
    if (other !== undefined) throw new PortInUseError(entry, host, other);
    seen.set(entry.port, entry);
  }
  for (const entry of fixed) {
    if (!(await tcpPortFree(host, entry.port)) || (entry.udp === true && !(await udpPortFree(host, entry.port)))) throw new PortInUseError(entry, host);
  }
}

function tcpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => (isAddressInUse(error) ? resolve(false) : reject(error)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function udpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', (error) => {
      socket.close();
      if (isAddressInUse(error)) resolve(false);
      else reject(error);
    });
    socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/** The local network's ports in start order: chain, node API, DNS, hub, reader. */
export function localNetworkPorts(options: LocalNetworkOptions): [WantedPort, WantedPort, WantedPort, WantedPort, WantedPort] {
  return [
    { port: options.chainPort, part: 'chain RPC', flag: 'chain-port' },
    { port: options.apiPort, part: 'node API', flag: 'api-port' },
    { port: options.dnsPort, part: 'DNS', flag: 'dns-port', udp: true },
    { port: options.hubPort, part: 'Gaia hub', flag: 'hub-port' },
    { port: options.readerPort, part: 'Gaia read endpoint', flag: 'reader-port' },
  ];
}
