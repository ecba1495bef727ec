import { createSocket } from 'node:dgram';
import type { RemoteInfo, Socket as UdpSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { createServer } from 'node:net';
import type { Server as TcpServer, Socket as TcpSocket } from 'node:net';
import { LruCache } from '@bsk/crypto';
import type { ZonefileResolver } from '../contracts.js';
import { replyTo } from './wire.js';
import type { DnsTransport } from './wire.js';
import { zoneRecords } from './zone-records.js';
import type { DnsRecord } from './zone-records.js';

/*
 * The DNS bridge's sockets (issue 5): one UDP socket and one TCP listener on the same port
 * (default 5300, loopback). TCP carries two-byte length-prefixed messages (RFC 1035 §4.2.2),
 * several per connection; idle connections are closed. Every message goes through wire.ts, which
 * never throws, and socket errors only ever close the socket concerned.
 */

export const DEFAULT_DNS_PORT = 5300;

export interface DnsServerOptions {
  /** Port for both UDP and TCP (default 5300); 0 picks a free one for both. */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Finds a BNS name's or subdomain's current zone file. */
  readonly resolveZonefile: ZonefileResolver;
  /** Parsed zones kept in memory (default 1024). */
  readonly zoneCacheSize?: number;
  /** A TCP connection idle this long is closed (default 10 s). */
  readonly tcpIdleTimeoutMs?: number;
  readonly maxTcpConnections?: number;
  /** Where socket errors go (default: ignored — a DNS server must outlive any one client). */
  readonly onError?: (error: unknown) => void;
}

export interface DnsServer {
  /** Binds UDP and TCP; resolves with the port both listen on. */
  listen(): Promise<number>;
  /** The bound port (after listen). */
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

const MAX_BIND_ATTEMPTS = 10;

export function createDnsServer(options: DnsServerOptions): DnsServer {
  const port = options.port ?? DEFAULT_DNS_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`DNS port must be an integer from 0 to 65535, got ${port}`);
  return new BnsDnsServer(options, port);
}

class BnsDnsServer implements DnsServer {
  readonly host: string;
  #port: number;
  readonly #options: DnsServerOptions;
  readonly #zones: LruCache<string, { text: string; records: DnsRecord[] }>;
  readonly #connections = new Set<TcpSocket>();
  #udp: UdpSocket | null = null;
  #tcp: TcpServer | null = null;

  constructor(options: DnsServerOptions, port: number) {
    this.#options = options;
    this.host = options.host ?? '127.0.0.1';
    this.#port = port;
    this.#zones = new LruCache(options.zoneCacheSize ?? 1024);
  }

  get port(): number {
    return this.#port;
  }

  /** Parsed records of a zone, reused while its zone file is unchanged. */
  #recordsOf = (zonefileText: string, apex: string): DnsRecord[] => {
    const cached = this.#zones.get(apex);
    if (cached !== undefined && cached.text === zonefileText) return cached.records;
    const records = zoneRecords(zonefileText, apex);
    this.#zones.set(apex, { text: zonefileText, records });
    return records;
  };

  #reply(message: Buffer, transport: DnsTransport): Buffer | null {
    return replyTo(message, transport, this.#options.resolveZonefile, this.#recordsOf);
  }

  #report(error: unknown): void {
    this.#options.onError?.(error);
  }

  async listen(): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const udp = await this.#bindUdp(this.#port);
      const boundPort = udp.address().port;
      try {
        this.#tcp = await this.#bindTcp(boundPort);
        this.#udp = udp;
        this.#port = boundPort;
        return boundPort;
      } catch (error) {
        udp.close();
        // With port 0 the TCP side of the UDP port may be taken; pick another pair.
        if (this.#port !== 0 || attempt >= MAX_BIND_ATTEMPTS) throw error;
      }
    }
  }

  #bindUdp(port: number): Promise<UdpSocket> {
    const socket = createSocket(isIPv6(this.host) ? 'udp6' : 'udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, this.host, () => {
        socket.off('error', reject);
        socket.on('error', (error) => this.#report(error));
        socket.on('message', (message, remote) => this.#onDatagram(socket, message, remote));
        resolve(socket);
      });
    });
  }

  #onDatagram(socket: UdpSocket, message: Buffer, remote: RemoteInfo): void {
    const reply = this.#reply(message, 'udp');
    if (reply !== null) socket.send(reply, remote.port, remote.address, (error) => error && this.#report(error));
  }

  #bindTcp(port: number): Promise<TcpServer> {
    const server = createServer((socket) => this.#onConnection(socket));
    server.maxConnections = this.#options.maxTcpConnections ?? 256;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.#report(error));
        resolve(server);
      });
    });
  }

  #onConnection(socket: TcpSocket): void {
    this.#connections.add(socket);
    socket.setTimeout(this.#options.tcpIdleTimeoutMs ?? 10_000, () => socket.destroy());
    socket.on('close', () => this.#connections.delete(socket));
    socket.on('error', (error) => {
      this.#report(error);
      socket.destroy();
    });
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) return;
        const message = Buffer.from(pending.subarray(2, 2 + length));
        pending = pending.subarray(2 + length);
        const reply = this.#reply(message, 'tcp');
        if (reply === null) return void socket.destroy();
        const framed = Buffer.alloc(2 + reply.length);
        framed.writeUInt16BE(reply.length, 0);
        reply.copy(framed, 2);
        socket.write(framed);
      }
    });
  }

  async close(): Promise<void> {
    const udp = this.#udp;
    const tcp = this.#tcp;
    this.#udp = null;
    this.#tcp = null;
    for (const socket of this.#connections) socket.destroy();
    await Promise.all([
      udp === null ? undefined : new Promise<void>((resolve) => udp.close(() => resolve())),
      tcp === null ? undefined : new Promise<void>((resolve) => tcp.close(() => resolve())),
    ]);
  }
}
