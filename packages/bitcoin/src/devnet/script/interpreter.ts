import { crypto as bcrypto, script as bscript } from 'bitcoinjs-lib';
import { isPushOnly, OP, parseScript, witnessProgram, isP2SH, type Chunk } from './chunks.js';
import { VERIFY, type ScriptError } from './errors.js';
import {
  isCompressedOrUncompressedPubKey,
  isCompressedPubKey,
  isDefinedHashtype,
  isLowS,
  isValidSignatureEncoding,
} from './signature-encoding.js';

/**
 * A script interpreter for the opcodes standard spends use (src/script/interpreter.cpp
 * EvalScript/VerifyScript/VerifyWitnessProgram): pushes, small integers, stack moves, hashing,
 * EQUAL(VERIFY), CHECKSIG(VERIFY), CHECKMULTISIG(VERIFY). Anything else fails with UNSUPPORTED,
 * so the devnet never accepts a spend it could not really check.
 */

export type SigVersion = 'base' | 'witness_v0';

/** Checks signatures against the spending transaction (BaseSignatureChecker). */
export interface SignatureChecker {
  checkECDSA(sig: Uint8Array, pubkey: Uint8Array, scriptCode: Uint8Array, sigversion: SigVersion): boolean;
  /** Taproot key-path spend; returns the error, or null when valid. */
  checkSchnorrKeyPath(sig: Uint8Array, outputKey: Uint8Array, annex: Uint8Array | undefined): ScriptError | null;
}

const MAX_SCRIPT_ELEMENT_SIZE = 520;
const MAX_SCRIPT_SIZE = 10_000;
const MAX_OPS_PER_SCRIPT = 201;
const MAX_STACK_SIZE = 1_000;
const MAX_PUBKEYS_PER_MULTISIG = 20;

const DISABLED = new Set([
  OP.OP_CAT, OP.OP_SUBSTR, OP.OP_LEFT, OP.OP_RIGHT, OP.OP_INVERT, OP.OP_AND, OP.OP_OR, OP.OP_XOR,
  OP.OP_2MUL, OP.OP_2DIV, OP.OP_MUL, OP.OP_DIV, OP.OP_MOD, OP.OP_LSHIFT, OP.OP_RSHIFT,
]);

class ScriptFailure {
  constructor(readonly error: ScriptError) {}
}

function fail(error: ScriptError): never {
  throw new ScriptFailure(error);
}

export function castToBool(value: Uint8Array): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== 0) return !(i === value.length - 1 && value[i] === 0x80);
  }
  return false;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const TRUE = Uint8Array.of(1);
const FALSE = new Uint8Array(0);

interface Context {
  readonly flags: number;
  readonly checker: SignatureChecker;
  readonly sigversion: SigVersion;
  readonly scriptCode: Uint8Array;
}

function checkSignatureEncoding(sig: Uint8Array, flags: number): void {
  if (sig.length === 0) return;
  if (flags & (VERIFY.DERSIG | VERIFY.LOW_S | VERIFY.STRICTENC) && !isValidSignatureEncoding(sig)) fail('SIG_DER');
  if (flags & VERIFY.LOW_S && !isLowS(sig)) fail('SIG_HIGH_S');
  if (flags & VERIFY.STRICTENC && !isDefinedHashtype(sig)) fail('SIG_HASHTYPE');
}

function checkPubKeyEncoding(pubkey: Uint8Array, ctx: Context): void {
  if (ctx.flags & VERIFY.STRICTENC && !isCompressedOrUncompressedPubKey(pubkey)) fail('PUBKEYTYPE');
  if (ctx.flags & VERIFY.WITNESS_PUBKEYTYPE && ctx.sigversion === 'witness_v0' && !isCompressedPubKey(pubkey)) {
    fail('WITNESS_PUBKEYTYPE');
  }
}

function checkSig(sig: Uint8Array, pubkey: Uint8Array, ctx: Context): boolean {
  checkSignatureEncoding(sig, ctx.flags);
  checkPubKeyEncoding(pubkey, ctx);
  return sig.length > 0 && ctx.checker.checkECDSA(sig, pubkey, ctx.scriptCode, ctx.sigversion);
}

function scriptNum(value: Uint8Array): number {
  try {
    return bscript.number.decode(value, 4, false);
  } catch {
    return fail('UNKNOWN_ERROR');
  }
}

function executeMultisig(stack: Uint8Array[], ctx: Context, verify: boolean): void {
  const top = (i: number): Uint8Array => stack[stack.length - i]!;
  let i = 1;
  if (stack.length < i) fail('INVALID_STACK_OPERATION');
  let keysCount = scriptNum(top(i));
  if (keysCount < 0 || keysCount > MAX_PUBKEYS_PER_MULTISIG) fail('PUBKEY_COUNT');
  let ikey = ++i;
  let ikey2 = keysCount + 2;
  i += keysCount;
  if (stack.length < i) fail('INVALID_STACK_OPERATION');
  let sigsCount = scriptNum(top(i));
  if (sigsCount < 0 || sigsCount > keysCount) fail('SIG_COUNT');
  let isig = ++i;
  i += sigsCount;
  if (stack.length < i) fail('INVALID_STACK_OPERATION');
  let success = true;
  while (success && sigsCount > 0) {
    const sig = top(isig);
    const pubkey = top(ikey);
    checkSignatureEncoding(sig, ctx.flags);
    checkPubKeyEncoding(pubkey, ctx);
    if (sig.length > 0 && ctx.checker.checkECDSA(sig, pubkey, ctx.scriptCode, ctx.sigversion)) {
      isig++;
      sigsCount--;
    }
    ikey++;
    keysCount--;
    if (sigsCount > keysCount) success = false;
  }
  while (i-- > 1) {
    if (!success && ctx.flags & VERIFY.NULLFAIL && !ikey2 && top(1).length) fail('SIG_NULLFAIL');
    if (ikey2 > 0) ikey2--;
    stack.pop();
  }
  if (stack.length < 1) fail('INVALID_STACK_OPERATION');
  if (ctx.flags & VERIFY.NULLDUMMY && top(1).length) fail('SIG_NULLDUMMY');
  stack.pop();
  if (verify) {
    if (!success) fail('CHECKMULTISIGVERIFY');
  } else {
    stack.push(success ? TRUE : FALSE);
  }
}

function pop(stack: Uint8Array[]): Uint8Array {
  if (stack.length < 1) fail('INVALID_STACK_OPERATION');
  return stack.pop()!;
}

function executeOp(chunk: Chunk, stack: Uint8Array[], ctx: Context): void {
  const { op } = chunk;
  if (chunk.data !== undefined || op === OP.OP_0) {
    const data = chunk.data ?? FALSE;
    if (data.length > MAX_SCRIPT_ELEMENT_SIZE) fail('PUSH_SIZE');
    stack.push(data);
    return;
  }
  if (op === OP.OP_1NEGATE) return void stack.push(Uint8Array.of(0x81));
  if (op >= OP.OP_1 && op <= OP.OP_16) return void stack.push(Uint8Array.of(op - OP.OP_1 + 1));
  switch (op) {
    case OP.OP_NOP:
      return;
    case OP.OP_RETURN:
      return fail('OP_RETURN');
    case OP.OP_VERIFY:
      if (!castToBool(pop(stack))) fail('VERIFY');
      return;
    case OP.OP_DUP: {
      const top = pop(stack);
      stack.push(top, top);
      return;
    }
    case OP.OP_DROP:
      pop(stack);
      return;
    case OP.OP_SWAP: {
      const a = pop(stack);
      const b = pop(stack);
      stack.push(a, b);
      return;
    }
    case OP.OP_SIZE: {
      const top = pop(stack);
      stack.push(top, bscript.number.encode(top.length));
      return;
    }
    case OP.OP_EQUAL:
    case OP.OP_EQUALVERIFY: {
      const a = pop(stack);
      const b = pop(stack);
      const equal = equalBytes(a, b);
      if (op === OP.OP_EQUALVERIFY) {
        if (!equal) fail('EQUALVERIFY');
      } else stack.push(equal ? TRUE : FALSE);
      return;
    }
    case OP.OP_RIPEMD160:
      return void stack.push(bcrypto.ripemd160(pop(stack)));
    case OP.OP_SHA256:
      return void stack.push(bcrypto.sha256(pop(stack)));
    case OP.OP_HASH160:
      return void stack.push(bcrypto.hash160(pop(stack)));
    case OP.OP_HASH256:
      return void stack.push(bcrypto.hash256(pop(stack)));
    case OP.OP_CHECKSIG:
    case OP.OP_CHECKSIGVERIFY: {
      if (stack.length < 2) fail('INVALID_STACK_OPERATION');
      const pubkey = pop(stack);
      const sig = pop(stack);
      const ok = checkSig(sig, pubkey, ctx);
      if (!ok && ctx.flags & VERIFY.NULLFAIL && sig.length) fail('SIG_NULLFAIL');
      if (op === OP.OP_CHECKSIGVERIFY) {
        if (!ok) fail('CHECKSIGVERIFY');
      } else stack.push(ok ? TRUE : FALSE);
      return;
    }
    case OP.OP_CHECKMULTISIG:
    case OP.OP_CHECKMULTISIGVERIFY:
      return executeMultisig(stack, ctx, op === OP.OP_CHECKMULTISIGVERIFY);
    default:
      return fail(op > 0xb9 ? 'BAD_OPCODE' : 'UNSUPPORTED');
  }
}

/** EvalScript: runs one script over the stack; throws ScriptFailure. */
function evalScript(stack: Uint8Array[], script: Uint8Array, flags: number, checker: SignatureChecker, sigversion: SigVersion): void {
  if (script.length > MAX_SCRIPT_SIZE) fail('SCRIPT_SIZE');
  const chunks = parseScript(script);
  if (!chunks) fail('BAD_OPCODE');
  if (chunks.some((c) => DISABLED.has(c.op))) fail('DISABLED_OPCODE');
  if (chunks.filter((c) => c.op > OP.OP_16).length > MAX_OPS_PER_SCRIPT) fail('OP_COUNT');
  const ctx: Context = { flags, checker, sigversion, scriptCode: script };
  for (const chunk of chunks) {
    executeOp(chunk, stack, ctx);
    if (stack.length > MAX_STACK_SIZE) fail('STACK_SIZE');
  }
}

function executeWitnessScript(stack: Uint8Array[], script: Uint8Array, flags: number, checker: SignatureChecker): void {
  if (stack.some((item) => item.length > MAX_SCRIPT_ELEMENT_SIZE)) fail('PUSH_SIZE');
  evalScript(stack, script, flags, checker, 'witness_v0');
  if (stack.length !== 1) fail('CLEANSTACK');
  if (!castToBool(stack[0]!)) fail('EVAL_FALSE');
}

function p2pkhScript(hash: Uint8Array): Uint8Array {
  return bscript.compile([OP.OP_DUP, OP.OP_HASH160, hash, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
}

function verifyWitnessProgram(
  witness: readonly Uint8Array[],
  version: number,
  program: Uint8Array,
  flags: number,
  checker: SignatureChecker,
  isP2shWrapped: boolean,
): void {
  if (version === 0) {
    if (program.length === 32) {
      if (witness.length === 0) fail('WITNESS_PROGRAM_WITNESS_EMPTY');
      const script = witness[witness.length - 1]!;
      if (!equalBytes(bcrypto.sha256(script), program)) fail('WITNESS_PROGRAM_MISMATCH');
      return executeWitnessScript(witness.slice(0, -1), script, flags, checker);
    }
    if (program.length === 20) {
      if (witness.length !== 2) fail('WITNESS_PROGRAM_MISMATCH');
      return executeWitnessScript([...witness], p2pkhScript(program), flags, checker);
    }
    return fail('WITNESS_PROGRAM_WRONG_LENGTH');
  }
  if (version === 1 && program.length === 32 && !isP2shWrapped && flags & VERIFY.TAPROOT) {
    const stack = [...witness];
    if (stack.length === 0) fail('WITNESS_PROGRAM_WITNESS_EMPTY');
    let annex: Uint8Array | undefined;
    if (stack.length >= 2 && stack[stack.length - 1]![0] === 0x50) annex = stack.pop();
    if (stack.length !== 1) fail('UNSUPPORTED'); // script-path spends
    const error = checker.checkSchnorrKeyPath(stack[0]!, program, annex);
    if (error) fail(error);
    return;
  }
  if (flags & VERIFY.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM) fail('DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM');
}

/**
 * VerifyScript: scriptSig, then scriptPubKey, then P2SH and witness programs. Returns the
 * failure, or null when the input is validly spent under these flags.
 */
export function verifyScript(
  scriptSig: Uint8Array,
  scriptPubKey: Uint8Array,
  witness: readonly Uint8Array[],
  flags: number,
  checker: SignatureChecker,
): ScriptError | null {
  try {
    runVerifyScript(scriptSig, scriptPubKey, witness, flags, checker);
    return null;
  } catch (e) {
    if (e instanceof ScriptFailure) return e.error;
    throw e;
  }
}

function runVerifyScript(
  scriptSig: Uint8Array,
  scriptPubKey: Uint8Array,
  witness: readonly Uint8Array[],
  flags: number,
  checker: SignatureChecker,
): void {
  const stack: Uint8Array[] = [];
  evalScript(stack, scriptSig, flags, checker, 'base');
  const stackCopy = flags & VERIFY.P2SH ? [...stack] : [];
  evalScript(stack, scriptPubKey, flags, checker, 'base');
  if (stack.length === 0 || !castToBool(stack[stack.length - 1]!)) fail('EVAL_FALSE');

  let hadWitness = false;
  const wp = witnessProgram(scriptPubKey);
  if (flags & VERIFY.WITNESS && wp) {
    hadWitness = true;
    if (scriptSig.length !== 0) fail('WITNESS_MALLEATED');
    verifyWitnessProgram(witness, wp.version, wp.program, flags, checker, false);
    stack.length = 1;
  }

  let finalStack = stack;
  if (flags & VERIFY.P2SH && isP2SH(scriptPubKey)) {
    const sigChunks = parseScript(scriptSig);
    if (!sigChunks || !isPushOnly(sigChunks)) fail('SIG_PUSHONLY');
    finalStack = stackCopy;
    if (finalStack.length === 0) fail('EVAL_FALSE');
    const redeemScript = finalStack.pop()!;
    evalScript(finalStack, redeemScript, flags, checker, 'base');
    if (finalStack.length === 0 || !castToBool(finalStack[finalStack.length - 1]!)) fail('EVAL_FALSE');
    const redeemProgram = witnessProgram(redeemScript);
    if (flags & VERIFY.WITNESS && redeemProgram) {
      hadWitness = true;
      const expectedSig = bscript.compile([redeemScript]);
      if (!equalBytes(scriptSig, expectedSig)) fail('WITNESS_MALLEATED_P2SH');
      verifyWitnessProgram(witness, redeemProgram.version, redeemProgram.program, flags, checker, true);
      finalStack.length = 1;
    }
  }

  if (flags & VERIFY.CLEANSTACK && finalStack.length !== 1) fail('CLEANSTACK');
  if (flags & VERIFY.WITNESS && !hadWitness && witness.length > 0) fail('WITNESS_UNEXPECTED');
}
