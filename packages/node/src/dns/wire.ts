import * as dnsPacket from 'dns-packet';
import type { ZonefileResolver } from '../contracts.js';
import { answerQuestion } from './answer.js';
import type { AnswerRecord, ZoneRecordsOf } from './answer.js';
import { URI_TYPE_CODE } from './zone-records.js';

/*
 * DNS messages in and out (RFC 1035 §4; EDNS0 RFC 6891; URI RR RFC 7553), with dns-packet for the
 * wire format. Untrusted bytes never escape as an exception: a message too short to carry a header
 * or that is itself a response is dropped (answering it could feed a reflection loop); one that
 * does not decode gets a bare FORMERR; other opcodes NOTIMP; several questions FORMERR; other
 * classes and zone transfers REFUSED; a resolver failure SERVFAIL.
 */

export type DnsTransport = 'udp' | 'tcp';

const HEADER_LENGTH = 12;
const QR = 0x8000;
const RD = 0x0100;
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
type RcodeName = keyof typeof RCODE;

/** Plain DNS over UDP is limited to 512 bytes (RFC 1035 §4.2.1); with EDNS0 the client says how much. */
const UDP_PLAIN_LIMIT = 512;
/** What we advertise and the most we send over UDP with EDNS0 (the DNS flag day 2020 size). */
const UDP_EDNS_LIMIT = 1232;
const TCP_LIMIT = 65535;

/** A header-only reply: same id and opcode, QR set, RD echoed, no sections. */
function bareReply(query: Buffer, rcode: RcodeName): Buffer {
  const reply = Buffer.alloc(HEADER_LENGTH);
  reply.writeUInt16BE(query.readUInt16BE(0), 0);
  reply.writeUInt16BE(QR | (query.readUInt16BE(2) & (0x7800 | RD)) | RCODE[rcode], 2);
  return reply;
}

function uriData(data: { priority: number; weight: number; target: string }): Buffer {
  const target = Buffer.from(data.target, 'utf8');
  const out = Buffer.alloc(4 + target.length);
  out.writeUInt16BE(data.priority, 0);
  out.writeUInt16BE(data.weight, 2);
  target.copy(out, 4);
  return out;
}

/** An answer in dns-packet's shape; URI, which dns-packet does not know, as raw type 256 data. */
function toPacketAnswer(answer: AnswerRecord): dnsPacket.Answer {
  const { name, ttl, record } = answer;
  if (record.type === 'URI') return { type: `UNKNOWN_${URI_TYPE_CODE}`, name, ttl, class: 'IN', data: uriData(record.data) } as unknown as dnsPacket.Answer;
  if (record.type === 'TXT') return { type: 'TXT', name, ttl, class: 'IN', data: [...record.data] };
  return { type: record.type, name, ttl, class: 'IN', data: record.data } as dnsPacket.Answer;
}

function ednsOf(query: dnsPacket.DecodedPacket): dnsPacket.OptAnswer | undefined {
  return query.additionals?.find((a): a is dnsPacket.OptAnswer => a.type === 'OPT');
}

function sizeLimit(transport: DnsTransport, edns: dnsPacket.OptAnswer | undefined): number {
  if (transport === 'tcp') return TCP_LIMIT;
  if (edns === undefined) return UDP_PLAIN_LIMIT;
  return Math.min(Math.max(edns.udpPayloadSize, UDP_PLAIN_LIMIT), UDP_EDNS_LIMIT);
}

function decodeQuery(query: Buffer): dnsPacket.DecodedPacket | null {
  try {
    return dnsPacket.decode(query);
  } catch {
    return null;
  }
}

/** The reply to one DNS message, or null when it must be dropped. Never throws. */
export function replyTo(query: Buffer, transport: DnsTransport, resolveZonefile: ZonefileResolver, recordsOf?: ZoneRecordsOf): Buffer | null {
  if (query.length < HEADER_LENGTH) return null;
  const flags = query.readUInt16BE(2);
  if ((flags & QR) !== 0) return null;
  const opcode = (flags >> 11) & 0xf;
  if (opcode !== 0) return bareReply(query, 'NOTIMP');
  const decoded = decodeQuery(query);
  if (decoded === null) return bareReply(query, 'FORMERR');
  const question = decoded.questions?.length === 1 ? decoded.questions[0] : undefined;
  if (question === undefined) return bareReply(query, 'FORMERR');
  const edns = ednsOf(decoded);
  const reply = (rcode: RcodeName, answers: readonly AnswerRecord[] = [], authorities: readonly AnswerRecord[] = []): Buffer => {
    const packet: dnsPacket.Packet = {
      type: 'response',
      id: decoded.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (flags & RD) | RCODE[rcode],
      questions: [question],
      answers: answers.map(toPacketAnswer),
      authorities: authorities.map(toPacketAnswer),
      additionals: edns === undefined ? [] : [{ type: 'OPT', name: '.', udpPayloadSize: UDP_EDNS_LIMIT, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
    };
    const encoded = dnsPacket.encode(packet);
    if (encoded.length <= sizeLimit(transport, edns)) return encoded;
    return dnsPacket.encode({ ...packet, flags: (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, answers: [], authorities: [] });
  };
  try {
    if (question.class !== undefined && question.class !== 'IN' && question.class !== 'ANY') return reply('REFUSED');
    if (question.type === 'AXFR' || question.type === 'IXFR') return reply('REFUSED');
    const result = answerQuestion(question.name, question.type, resolveZonefile, recordsOf);
    return reply(result.rcode, result.answers, result.authorities);
  } catch {
    try {
      return reply('SERVFAIL');
    } catch {
      return bareReply(query, 'SERVFAIL');
    }
  }
}
