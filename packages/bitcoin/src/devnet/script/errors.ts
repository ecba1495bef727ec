/** Script failures with the text bitcoind puts in its reject reasons (src/script/script_error.cpp). */
export const SCRIPT_ERRORS = Object.freeze({
  UNKNOWN_ERROR: 'unknown error',
  EVAL_FALSE: 'Script evaluated without error but finished with a false/empty top stack element',
  OP_RETURN: 'OP_RETURN was encountered',
  SCRIPT_SIZE: 'Script is too big',
  PUSH_SIZE: 'Push value size limit exceeded',
  OP_COUNT: 'Operation limit exceeded',
  STACK_SIZE: 'Stack size limit exceeded',
  SIG_COUNT: 'Signature count negative or greater than pubkey count',
  PUBKEY_COUNT: 'Pubkey count negative or limit exceeded',
  VERIFY: 'Script failed an OP_VERIFY operation',
  EQUALVERIFY: 'Script failed an OP_EQUALVERIFY operation',
  CHECKMULTISIGVERIFY: 'Script failed an OP_CHECKMULTISIGVERIFY operation',
  CHECKSIGVERIFY: 'Script failed an OP_CHECKSIGVERIFY operation',
  BAD_OPCODE: 'Opcode missing or not understood',
  DISABLED_OPCODE: 'Attempted to use a disabled opcode',
  INVALID_STACK_OPERATION: 'Operation not valid with the current stack size',
  SIG_HASHTYPE: 'Signature hash type missing or not understood',
  SIG_DER: 'Non-canonical DER signature',
  SIG_PUSHONLY: 'Only push operators allowed in signatures',
  SIG_HIGH_S: 'Non-canonical signature: S value is unnecessarily high',
  SIG_NULLDUMMY: 'Dummy CHECKMULTISIG argument must be zero',
  PUBKEYTYPE: 'Public key is neither compressed or uncompressed',
  CLEANSTACK: 'Stack size must be exactly one after execution',
  SIG_NULLFAIL: 'Signature must be zero for failed CHECK(MULTI)SIG operation',
  DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM: 'Witness version reserved for soft-fork upgrades',
  WITNESS_PROGRAM_WRONG_LENGTH: 'Witness program has incorrect length',
  WITNESS_PROGRAM_WITNESS_EMPTY: 'Witness program was passed an empty witness',
  WITNESS_PROGRAM_MISMATCH: 'Witness program hash mismatch',
  WITNESS_MALLEATED: 'Witness requires empty scriptSig',
  WITNESS_MALLEATED_P2SH: 'Witness requires only-redeemscript scriptSig',
  WITNESS_UNEXPECTED: 'Witness provided for non-witness script',
  WITNESS_PUBKEYTYPE: 'Using non-compressed keys in segwit',
  SCHNORR_SIG_SIZE: 'Invalid Schnorr signature size',
  SCHNORR_SIG_HASHTYPE: 'Invalid Schnorr signature hash type',
  SCHNORR_SIG: 'Invalid Schnorr signature',
  // Not a bitcoind error: the devnet's interpreter covers the standard templates only.
  UNSUPPORTED: 'Opcode missing or not understood (unsupported by the devnet interpreter)',
});

export type ScriptError = keyof typeof SCRIPT_ERRORS;

/** Script verification flags (src/script/interpreter.h), the subset the devnet enforces. */
export const VERIFY = Object.freeze({
  P2SH: 1 << 0,
  STRICTENC: 1 << 1,
  DERSIG: 1 << 2,
  LOW_S: 1 << 3,
  NULLDUMMY: 1 << 4,
  CLEANSTACK: 1 << 8,
  DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM: 1 << 12,
  NULLFAIL: 1 << 14,
  WITNESS: 1 << 11,
  WITNESS_PUBKEYTYPE: 1 << 15,
  TAPROOT: 1 << 17,
});

/** Consensus: failing these makes a transaction invalid (MANDATORY_SCRIPT_VERIFY_FLAGS). */
export const MANDATORY_FLAGS = VERIFY.P2SH | VERIFY.DERSIG | VERIFY.NULLDUMMY | VERIFY.WITNESS | VERIFY.TAPROOT;

/** Policy: what the mempool enforces on top (STANDARD_SCRIPT_VERIFY_FLAGS). */
export const STANDARD_FLAGS =
  MANDATORY_FLAGS |
  VERIFY.STRICTENC |
  VERIFY.LOW_S |
  VERIFY.CLEANSTACK |
  VERIFY.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM |
  VERIFY.NULLFAIL |
  VERIFY.WITNESS_PUBKEYTYPE;
