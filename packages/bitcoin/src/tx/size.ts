import { compactSizeLength, outputSize } from './dust.js';
import { inputWeight, type InputSigner } from './signer.js';

/**
 * Upper bound of a transaction's weight before it is signed (every signature counted at its
 * largest, 72 bytes), so the fee computed from it never falls below the requested rate.
 */
export function estimateWeight(signers: readonly InputSigner[], outputScripts: readonly Uint8Array[]): number {
  let base = 4 + 4 + compactSizeLength(signers.length) + compactSizeLength(outputScripts.length);
  for (const script of outputScripts) base += outputSize(script);
  let weight = base * 4;
  let witness = 0;
  for (const signer of signers) {
    const input = inputWeight(signer);
    weight += input.base;
    witness += input.witness;
  }
  // BIP144: marker and flag bytes, and an empty stack (one 0x00 byte) for each legacy input.
  if (witness > 0) weight += 2 + witness + signers.filter((signer) => inputWeight(signer).witness === 0).length;
  return weight;
}

export function estimateVsize(signers: readonly InputSigner[], outputScripts: readonly Uint8Array[]): number {
  return Math.ceil(estimateWeight(signers, outputScripts) / 4);
}
