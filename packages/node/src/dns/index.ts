export { createDnsServer, DEFAULT_DNS_PORT } from './server.js';
export type { DnsServer, DnsServerOptions } from './server.js';
export { replyTo as replyToDnsMessage } from './wire.js';
export { answerQuestion as answerDnsQuestion } from './answer.js';
export { zoneRecords as dnsRecordsOfZonefile } from './zone-records.js';
export type { DnsRecord } from './zone-records.js';
