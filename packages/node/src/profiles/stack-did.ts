import { NETWORKS, decodeAddress, hashToAddress } from '@bsk/crypto';
import type { NetworkParams } from '@bsk/bns';

/*
 * `did:stack:v0:<address>-<index>` (bns.md §9.2; util.py make_DID, parse_DID). A name's DID carries
 * its creator's address as the network writes addresses; a subdomain's carries its first owner's
 * hash under the subdomain versions — 63 (`S…`) single-sig and 50 (`M…`) multisig on mainnet, 127 and
 * 142 on the test networks — so that the address alone says which kind of name the DID is for.
 */

const SUBDOMAIN_VERSIONS = { mainnet: { single: 63, multisig: 50 }, test: { single: 127, multisig: 142 } } as const;

function subdomainVersions(params: NetworkParams): { readonly single: number; readonly multisig: number } {
  return params.id === 'mainnet' ? SUBDOMAIN_VERSIONS.mainnet : SUBDOMAIN_VERSIONS.test;
}

/** A subdomain's DID from its first owner's address and its rank among that owner's creations. */
export function makeSubdomainDid(params: NetworkParams, owner: string, index: number): string {
  const { version, hash } = decodeAddress(owner);
  const singleSig = version === NETWORKS.mainnet.p2pkh || version === NETWORKS.testnet.p2pkh;
  const versions = subdomainVersions(params);
  return `did:stack:v0:${hashToAddress(hash, singleSig ? versions.single : versions.multisig)}-${index}`;
}

export type ParsedStackDid =
  | { readonly kind: 'name'; readonly address: string; readonly index: number }
  /** `owners`: the first owner's address as either network writes it (registrars write either). */
  | { readonly kind: 'subdomain'; readonly owners: readonly string[]; readonly index: number };

const DID_PATTERN = /^did:stack:v0:([123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz]{25,35})-([0-9]{1,9})$/;

/** A `did:stack:v0:` DID, or null when it is malformed (bad shape, base58check or version). */
export function parseStackDid(params: NetworkParams, did: string): ParsedStackDid | null {
  const match = DID_PATTERN.exec(did);
  if (match === null) return null;
  const [, address, index] = match as unknown as [string, string, string];
  let decoded: { version: number; hash: string };
  try {
    decoded = decodeAddress(address);
  } catch {
    return null;
  }
  const versions = subdomainVersions(params);
  if (decoded.version !== versions.single && decoded.version !== versions.multisig) return { kind: 'name', address, index: Number(index) };
  const kind = decoded.version === versions.single ? 'p2pkh' : 'p2sh';
  const owners = [NETWORKS.mainnet[kind], NETWORKS.testnet[kind]].map((version) => hashToAddress(decoded.hash, version));
  return { kind: 'subdomain', owners, index: Number(index) };
}
