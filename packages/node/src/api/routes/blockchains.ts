import type { FastifyInstance } from 'fastify';
import { countNames, opcodeName, pythonIntList, type HistoryEntry, type PreorderRow } from '@bsk/bns';
import { nameConsensusHash } from '@bsk/crypto';
import type { ApiContext } from '../context.js';
import { ApiError, badRequest, notFound, unsupportedBlockchain } from '../errors.js';
import { nameStanding, zonefileBytes, zonefileView } from '../name-status.js';
import { subdomainDid } from './names.js';
import { chainParam, flagQuery, nameParam, paramsSchema, querySchema } from '../schemas.js';
import { flagSet, isOnChainName, requireNameOrSubdomain } from '../validate.js';

/*
 * Blockchain routes (bns.md §9.5; rpc.py GET_blockchain_*, GET_transaction_status): consensus
 * hashes, name counts, the raw name record, a block's operations and a transaction's status. Only
 * the chain `bitcoin` is served; any other answers 404.
 */

/** The highest block number a block route accepts (scripts.py check_block: 1e7). */
const MAX_BLOCK = 10_000_000;

/** The fields the reference keeps for its consensus quirks and strips from answers (op_get_quirk_fields). */
const QUIRK_FIELDS: Record<string, readonly string[]> = Object.fromEntries(
  ['NAME_REGISTRATION', 'NAME_UPDATE', 'NAME_TRANSFER', 'NAME_RENEWAL', 'NAME_REVOKE', 'NAME_IMPORT'].map((opcode) => [opcode, ['last_creation_op']]),
);

/**
 * One operation as blockstackd's sanitize_rec returns it: the record in canonical form
 * (op_canonicalize: namespace buckets as Python's str of the list, a transfer's keep_data flag, an
 * update's name_consensus_hash), quirk fields removed, token_fee a string, and its opcode.
 * (NAME_IMPORT's float op_fee prints as an integer: JSON has one number type.)
 */
function canonicalOperation(record: Record<string, unknown>, opcode: string): Record<string, unknown> {
  const op: Record<string, unknown> = { ...record };
  if (Array.isArray(op.buckets)) op.buckets = pythonIntList(op.buckets, 'buckets');
  if (opcode === 'NAME_TRANSFER' && typeof op.op === 'string') op.keep_data = op.op[1] === '>';
  if (opcode === 'NAME_UPDATE' && typeof op.name === 'string' && typeof op.consensus_hash === 'string') op.name_consensus_hash = nameConsensusHash(op.name, op.consensus_hash);
  for (const field of QUIRK_FIELDS[opcode] ?? []) delete op[field];
  if (op.token_fee !== undefined && op.token_fee !== null) op.token_fee = String(op.token_fee);
  op.opcode = opcode;
  return op;
}

/** namedb_get_all_blockstack_ops_at: the block's still-pending preorders, then its history rows by vtxindex. */
function operationsAt(context: ApiContext, height: number): Record<string, unknown>[] {
  const preorders = context.store.pendingPreordersAt(height).map((row: PreorderRow) => canonicalOperation({ ...row }, opcodeName(row.op)));
  const others = context.store.historyAtBlock(height).map((entry: HistoryEntry) => canonicalOperation({ ...entry.history_data }, entry.opcode));
  return [...preorders, ...others];
}

function requireBitcoin(chain: string): void {
  if (chain !== 'bitcoin') throw unsupportedBlockchain();
}

/**
 * GET …/names/{name} (blockstackd.py rpc_get_name_record + client.py get_name_record): the name's
 * row in its sanitized form with its opcode, deadlines, zone file (base64), resolver and DID, and the
 * client's `grace_period`; a name past its renewal deadline is 404 "Name expired".
 */
function rawNameRecord(context: ApiContext, name: string): Record<string, unknown> {
  if (!isOnChainName(name)) return rawSubdomainRecord(context, name);
  const standing = nameStanding(context, name);
  if (standing === null) throw notFound('Not found.');
  if (standing.expired) throw notFound('Name expired');
  const bytes = zonefileBytes(context, standing.record.value_hash);
  const tip = context.engine.tip() ?? 0;
  const did = context.nameDid(name);
  return {
    ...canonicalOperation({ ...standing.record }, opcodeName(standing.record.op)),
    expire_block: standing.expireBlock,
    renewal_deadline: standing.renewalDeadline,
    expired: standing.expireBlock > 0 && standing.expireBlock <= tip,
    ...(bytes === null ? {} : { zonefile: Buffer.from(bytes).toString('base64') }),
    resolver: zonefileView(context, standing.record.value_hash)?.resolver ?? null,
    ...(did === null ? {} : { did }),
    grace_period: standing.gracePeriod,
  };
}

/** A subdomain's record as subdomains.py Subdomain.to_json gives it, with its DID (blockstackd.py rpc_get_name_record). */
function rawSubdomainRecord(context: ApiContext, fqn: string): Record<string, unknown> {
  const record = context.subdomains?.resolve(fqn) ?? null;
  if (record === null) throw notFound('Failed to load subdomain');
  const domain = nameStanding(context, record.domain);
  const resolver = domain === null ? null : (zonefileView(context, domain.record.value_hash)?.resolver ?? null);
  const did = subdomainDid(context, fqn);
  return {
    address: record.owner,
    domain: record.domain,
    block_number: record.blockHeight,
    sequence: record.sequence,
    txid: record.txid,
    value_hash: record.zonefileHash,
    zonefile: Buffer.from(record.zonefileText, 'utf8').toString('base64'),
    name: record.fqn,
    ...(resolver === null ? {} : { resolver }),
    ...(typeof did === 'string' ? { did } : {}),
  };
}

export function registerBlockchainRoutes(app: FastifyInstance, context: ApiContext): void {
  const chainOnly = paramsSchema({ blockchain: chainParam });

  app.get<{ Params: { blockchain: string } }>('/v1/blockchains/:blockchain/consensus', { schema: { summary: 'The consensus hash at the last block', params: chainOnly } }, async (request) => {
    requireBitcoin(request.params.blockchain);
    const tip = context.engine.tip();
    return { consensus_hash: tip === null ? null : context.engine.consensusHashAt(tip) };
  });

  app.get<{ Params: { blockchain: string; height: string } }>(
    '/v1/blockchains/:blockchain/consensus/:height',
    { schema: { summary: 'The consensus hash at a block', params: paramsSchema({ blockchain: chainParam, height: { type: 'string', pattern: '^[0-9]{1,10}$' } }) } },
    async (request) => {
      requireBitcoin(request.params.blockchain);
      const height = Number(request.params.height);
      if (height < context.params.firstBlock) throw badRequest('Invalid block');
      const tip = context.engine.tip();
      if (tip === null || height > tip) throw new ApiError(503, { error: `The node has not processed block ${height}` });
      return { consensus_hash: context.engine.consensusHashAt(height) };
    },
  );

  app.get<{ Params: { blockchain: string; consensusHash: string } }>(
    '/v1/blockchains/:blockchain/consensus-block/:consensusHash',
    { schema: { summary: 'The block a consensus hash belongs to', params: paramsSchema({ blockchain: chainParam, consensusHash: { type: 'string', pattern: '^[0-9a-f]{32}$' } }) } },
    async (request) => {
      requireBitcoin(request.params.blockchain);
      const height = context.store.blockOfConsensusHash(request.params.consensusHash);
      // The genesis pseudo-snapshots below the first block are not blocks.
      if (height === null || height < context.params.firstBlock) throw notFound('No block for this consensus hash');
      return { block_height: height };
    },
  );

  app.get<{ Params: { blockchain: string }; Querystring: { all?: string } }>(
    '/v1/blockchains/:blockchain/name_count',
    { schema: { summary: 'How many names exist (or ever existed, with all=true)', params: chainOnly, querystring: querySchema({ all: flagQuery }) } },
    async (request) => {
      requireBitcoin(request.params.blockchain);
      return { names_count: countNames(context.params, context.store, { includeExpired: flagSet(request.query.all) }) };
    },
  );

  app.get<{ Params: { blockchain: string; height: string } }>(
    '/v1/blockchains/:blockchain/operations/:height',
    { schema: { summary: 'The naming operations accepted in a block (pending preorders first)', params: paramsSchema({ blockchain: chainParam, height: { type: 'string', pattern: '^[0-9]{1,10}$' } }) } },
    async (request) => {
      const height = Number(request.params.height);
      // rpc.py checks the block before the chain (check_block: 0 < height ≤ 1e7 in test mode, ≥ the first block on mainnet).
      const lowest = context.params.id === 'mainnet' ? context.params.firstBlock : 1;
      if (height < lowest || height > MAX_BLOCK) throw badRequest('Invalid block');
      requireBitcoin(request.params.blockchain);
      return operationsAt(context, height);
    },
  );

  app.get<{ Params: { blockchain: string; txid: string } }>(
    '/v1/blockchains/:blockchain/transactions/:txid',
    { schema: { summary: 'Whether the node accepted a transaction as a naming operation', params: paramsSchema({ blockchain: chainParam, txid: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' } }) } },
    async (request) => {
      requireBitcoin(request.params.blockchain);
      const entry = context.store.historyOfTxid(request.params.txid.toLowerCase());
      // Rejected operations are not kept (the reference's save_rejected is off by default), so a
      // transaction is either accepted or ignored.
      const tx = entry === null ? { status: 'ignored' } : { block_height: entry.block_id, op: entry.opcode, status: 'accepted', vtxindex: entry.vtxindex };
      const tip = context.engine.tip();
      return { indexing: context.indexerStatus().indexing, lastblock: tip ?? context.params.firstBlock - 1, status: true, tx };
    },
  );

  app.get<{ Params: { blockchain: string; name: string } }>(
    '/v1/blockchains/:blockchain/names/:name',
    { schema: { summary: 'A name\'s full database record', params: paramsSchema({ blockchain: chainParam, name: nameParam }) } },
    async (request) => {
      requireNameOrSubdomain(request.params.name);
      requireBitcoin(request.params.blockchain);
      return rawNameRecord(context, request.params.name);
    },
  );
}
