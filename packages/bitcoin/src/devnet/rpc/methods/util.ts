import { witnessProgram } from '../../script/chunks.js';
import { addressToScript, scriptToAddress, solve } from '../../script/standard.js';
import type { RpcMethod } from '../context.js';

/** Utility RPCs (src/rpc/output_script.cpp, misc.cpp). */
export const utilMethods: RpcMethod[] = [
  {
    name: 'validateaddress',
    params: [{ name: 'address', type: 'string', required: true }],
    description: 'Return information about the given bitcoin address.',
    handler: ([address]) => {
      const script = addressToScript(String(address));
      if (!script) return { isvalid: false, error_locations: [], error: 'Invalid or unsupported Segwit (Bech32) or Base58 encoding.' };
      const wp = witnessProgram(script);
      return {
        isvalid: true,
        address: scriptToAddress(script),
        scriptPubKey: Buffer.from(script).toString('hex'),
        isscript: ['scripthash', 'witness_v0_scripthash', 'witness_v1_taproot'].includes(solve(script).type),
        iswitness: wp !== null,
        witness_version: wp?.version,
        witness_program: wp ? Buffer.from(wp.program).toString('hex') : undefined,
      };
    },
  },
];
