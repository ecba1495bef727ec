import { b40ToBytes } from './b40.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from './bytes.js';
import { hash128Hex, hash160 } from './hash.js';

/*
 * The hashes that naming operations carry on chain (bns.md §2.2, §2.3).
 */

/**
 * `hash_name`: the preorder hash of a name or namespace id.
 * hash160(b40(fqn) ‖ sender scriptPubKey bytes ‖ ASCII of the register address text).
 * The "salt" is the sender script plus the register address; there is no random salt.
 */
export function hashName(fqnOrNamespaceId: string, senderScriptHex: string, registerAddress = ''): string {
  return bytesToHex(hash160(concatBytes(b40ToBytes(fqnOrNamespaceId), hexToBytes(senderScriptHex), utf8ToBytes(registerAddress))));
}

/** hash128 of the ASCII name: the NAME_TRANSFER payload field and DB column. */
export function nameHash128(fqn: string): string {
  return hash128Hex(fqn);
}

/**
 * NAME_UPDATE's name-consensus hash: hash128 of the name followed by the 32 hex
 * *characters* of the consensus hash (not its 16 bytes).
 */
export function nameConsensusHash(fqn: string, consensusHashHex: string): string {
  return hash128Hex(fqn + consensusHashHex);
}
