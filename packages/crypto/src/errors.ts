/**
 * The one error type that code in this package throws for bad input.
 * Parsers of untrusted bytes throw nothing else; verifiers return `false` instead of throwing.
 * `code` is stable and machine-readable; `message` is for people.
 */
export class InvalidInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'InvalidInputError';
    this.code = code;
  }
}

/** ECIES MAC mismatch or undecryptable ciphertext: same code and message as blockstack.js. */
export class FailedDecryptionError extends Error {
  readonly code = 'failed_decryption_error';
  constructor(message = 'Decryption failed: failure in MAC check') {
    super(message);
    this.name = 'FailedDecryptionError';
  }
}

export function invalid(code: string, message: string): never {
  throw new InvalidInputError(code, message);
}
