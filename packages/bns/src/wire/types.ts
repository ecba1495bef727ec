import type { EpochFeature } from '../params.js';

/*
 * The operations as the wire carries them (bns.md §3). Hashes are lowercase hex, names ASCII.
 * These are payloads only: who sent them, to whom and with what fee comes from the transaction's
 * inputs and outputs (see layout.ts), and whether they are accepted is for the rules.
 */

export interface NamePreorder {
  readonly type: 'name-preorder';
  /** hash_name(fqn, sender script, register address), 20 bytes (§2.2). */
  readonly preorderHash: string;
  readonly consensusHash: string;
  /** Epoch 4+ only: STACKS burned (null when the payload has no token fields). */
  readonly tokenFee: bigint | null;
  /** Epoch 4+ only: the 19-byte units field with NULs stripped from both ends. */
  readonly tokenUnits: string | null;
}

/**
 * NAME_REGISTRATION and NAME_RENEWAL share opcode and payload: a bare name, or (epoch 3+) the name
 * NUL-padded to 37 bytes with a 20-byte zone-file hash, or (epoch 4+) that plus an 8-byte token count.
 * `valueHash` null = the bare-name form; `tokenFee` null = no token field (the reference counts an
 * absent field as 0 tokens).
 */
export interface NameRegistration {
  readonly type: 'name-registration';
  readonly name: string;
  readonly valueHash: string | null;
  readonly tokenFee: bigint | null;
}

export interface NameRenewal {
  readonly type: 'name-renewal';
  readonly name: string;
  readonly valueHash: string | null;
  readonly tokenFee: bigint | null;
}

export interface NameUpdate {
  readonly type: 'name-update';
  /** hash128(fqn ‖ consensus-hash hex text) (§2.3): the name is found by trying the recent consensus hashes. */
  readonly nameConsensusHash: string;
  readonly valueHash: string;
}

export interface NameTransfer {
  readonly type: 'name-transfer';
  /** `>` keeps the zone-file hash, `~` clears it. */
  readonly keepData: boolean;
  /** hash128(fqn) (§2.3). */
  readonly nameHash128: string;
  readonly consensusHash: string;
}

export interface NameRevoke {
  readonly type: 'name-revoke';
  readonly name: string;
}

export interface NameImport {
  readonly type: 'name-import';
  /** The zone-file hash travels in output 2, not in the payload (§3.8). */
  readonly name: string;
}

export interface NamespacePreorder {
  readonly type: 'namespace-preorder';
  readonly preorderHash: string;
  readonly consensusHash: string;
  /** Epoch 4+ (required there, forbidden before): STACKS burned. */
  readonly tokenFee: bigint | null;
}

export interface NamespaceReveal {
  readonly type: 'namespace-reveal';
  readonly namespaceId: string;
  /** Blocks; 0xffffffff = names never expire. */
  readonly lifetime: number;
  readonly coeff: number;
  readonly base: number;
  /** 16 exponents, 0–15. */
  readonly buckets: readonly number[];
  /** 1–15. */
  readonly nonalphaDiscount: number;
  /** 1–15. */
  readonly noVowelDiscount: number;
  /** 1 pay-to-burn, 2 pay-to-creator, 3 pay-with-STACKS. */
  readonly version: number;
}

export interface NamespaceReady {
  readonly type: 'namespace-ready';
  readonly namespaceId: string;
}

export interface Announce {
  readonly type: 'announce';
  /** hash160 of the announcement text. */
  readonly messageHash: string;
}

export type Operation =
  | NamePreorder
  | NameRegistration
  | NameRenewal
  | NameUpdate
  | NameTransfer
  | NameRevoke
  | NameImport
  | NamespacePreorder
  | NamespaceReveal
  | NamespaceReady
  | Announce;

export type OperationType = Operation['type'];

/** Epoch-4+ token operations (TOKEN_TRANSFER `$`): recognised, and ignored as out of scope. */
export interface OutOfScopeOperation {
  readonly type: 'out-of-scope';
  readonly opcode: '$';
  readonly operation: 'TOKEN_TRANSFER';
  /** The payload after the 3-byte header, hex. */
  readonly payload: string;
}

export type RejectionReason =
  | 'not-an-operation' // no magic bytes or no opcode: not for us
  | 'unknown-opcode'
  | 'bad-length'
  | 'bad-name'
  | 'bad-namespace-id'
  | 'bad-field'
  | 'not-in-this-epoch' // a form that only a later epoch allows
  | 'bad-outputs'; // the payload is fine but the output count rules it out

/** A payload the reference parser would ignore, and why. */
export interface Rejection {
  readonly type: 'rejected';
  /** The opcode character, when there was one. */
  readonly opcode: string | null;
  readonly reason: RejectionReason;
  readonly message: string;
}

export type Decoded = Operation | OutOfScopeOperation | Rejection;

/** What decoding depends on besides the bytes. */
export interface DecodeContext {
  /** The network's two ASCII magic bytes (`id` on mainnet). */
  readonly magicBytes: string;
  /** Features of the epoch of the block that carries the transaction (payload forms change by epoch). */
  readonly features: readonly EpochFeature[];
  /** Number of outputs of the transaction: ≥ 4 makes a `:` a renewal (§3.4). */
  readonly outputCount: number;
}
