import { bytesToHex, invalid } from '@bsk/crypto';
import { signerScript, type InputSigner, type SpendableOutput, type UnspentOutput } from '@bsk/bitcoin';
import type { NetworkParams } from '../params.js';
import { outputScriptAddress } from '../wire/extract.js';

/*
 * Who takes part in a naming transaction: a key (an `InputSigner` of @bsk/bitcoin) and the
 * outputs it can spend. BNS reads only p2pkh and p2sh senders (bns.md §1.2): a native segwit input
 * makes the whole transaction invisible, so such signers are refused here, before anything is built.
 */

export interface NameTxWallet {
  readonly signer: InputSigner;
  /** Unspent outputs of the signer's address (confirmed or not: the caller decides). */
  readonly utxos: readonly UnspentOutput[];
}

/** The p2pkh or p2sh address a signer spends from, in the network's address versions. */
export function walletAddress(params: NetworkParams, signer: InputSigner): string {
  const address = outputScriptAddress(params, bytesToHex(signerScript(signer)));
  if (address === null) invalid('bad_signer', `a ${signer.type} key cannot send naming operations: BNS reads only p2pkh and p2sh senders (bns.md §1.2)`);
  return address;
}

/**
 * The owner's input 0 of an update, transfer, renewal or revoke: the owner's smallest unspent
 * output, as blockstack.js `addOwnerInput` picked it (ties broken by txid and index so the
 * choice is deterministic). Its value goes back to the owner in an output of its own.
 */
export function ownerInput(params: NetworkParams, owner: NameTxWallet): SpendableOutput & { readonly address: string } {
  const address = walletAddress(params, owner.signer);
  const [smallest] = [...owner.utxos].sort((a, b) => a.value - b.value || (a.txid < b.txid ? -1 : a.txid > b.txid ? 1 : 0) || a.vout - b.vout);
  if (smallest === undefined) invalid('no_owner_utxo', `the owner ${address} has no unspent output to sign the operation with (it must be input 0)`);
  return { utxo: smallest, signer: owner.signer, address };
}
