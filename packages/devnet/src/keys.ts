import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputSigner } from '@bsk/bitcoin';
import { getPublicKeyFromPrivate, isValidPrivateKey, makeECPrivateKey, publicKeyToAddress } from '@bsk/crypto';

/*
 * The keys a local network is made with, kept in `<dataDir>/keys.json` so a restart finds the same
 * ones: the namespace creator (payer of the namespace preorders and reveals), the namespaces'
 * reveal key (readies them, may import names), and a key funded for the person at the keyboard.
 * Private keys are compressed, in the blockstack.js form (64 hex + `01`), so the CLI and the
 * reference client take them as they are.
 */

export interface LocalKey {
  readonly privateKey: string;
  /** P2PKH, in regtest's address version (the same as testnet's). */
  readonly address: string;
}

export interface LocalKeys {
  readonly namespaceCreator: LocalKey;
  readonly namespaceRevealer: LocalKey;
  readonly funded: LocalKey;
}

const FILE = 'keys.json';

/** The keys of `dataDir`, made (and written atomically) the first time. */
export function loadOrMakeKeys(dataDir: string): { keys: LocalKeys; fresh: boolean } {
  const path = join(dataDir, FILE);
  if (existsSync(path)) return { keys: readKeys(path), fresh: false };
  const keys: LocalKeys = { namespaceCreator: makeKey(), namespaceRevealer: makeKey(), funded: makeKey() };
  writeFileSync(`${path}.tmp`, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return { keys, fresh: true };
}

export function signerOf(key: LocalKey): InputSigner {
  return { type: 'p2pkh', privateKey: key.privateKey, compressed: true };
}

function makeKey(): LocalKey {
  const privateKey = `${makeECPrivateKey()}01`;
  return { privateKey, address: publicKeyToAddress(getPublicKeyFromPrivate(privateKey), 'regtest') };
}

function readKeys(path: string): LocalKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); start with --reset to make new keys`);
  }
  const keys = parsed as Partial<Record<keyof LocalKeys, Partial<LocalKey>>>;
  for (const role of ['namespaceCreator', 'namespaceRevealer', 'funded'] as const) {
    const key = keys[role];
    if (typeof key?.privateKey !== 'string' || !isValidPrivateKey(key.privateKey) || typeof key.address !== 'string') {
      throw new Error(`${path} has no valid '${role}' key; start with --reset to make new keys`);
    }
  }
  return parsed as LocalKeys;
}
