import { invalid } from '@bsk/crypto';
import { SERIALIZE_FIELDS, type SerializedOpcode } from './fields.js';
import type { CanonicalRecord } from './records.js';
import { renderNamePreorder, renderNameRecord } from './render-name.js';
import { renderNamespace, renderNamespacePreorder } from './render-namespace.js';
import { renderTokenTransfer } from './render-token-transfer.js';
import type { RenderedFields, UntypedRecord } from './rendered-fields.js';

/**
 * virtualchain's canonical serialization of one accepted operation (bns.md §6.1):
 * `opcode ":" join(",", len(v) ":" v for each field of the opcode's list)`, where the opcode is
 * the OP_RETURN byte (`:` for registrations and renewals, `>` for both transfer kinds) and each
 * value is rendered as Python 2 `str()` would. Throws InvalidInputError for anything that is not
 * a well-typed canonical record (including ANNOUNCE, which never contributes).
 */
export function serializeOp(record: CanonicalRecord): string {
  if (typeof record !== 'object' || record === null) invalid('bad_record', 'expected a canonical record');
  const untyped = record as unknown as UntypedRecord;
  const { opcode, values } = render(untyped);
  const fields = SERIALIZE_FIELDS[opcode];
  let out = `${opcode}:`;
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ',';
    out += netstring(values, fields[i]!);
  }
  return out;
}

function render(record: UntypedRecord): { opcode: SerializedOpcode; values: RenderedFields } {
  const op = record.op;
  switch (op) {
    case '?':
      return { opcode: '?', values: renderNamePreorder(record) };
    case ':':
    case '::':
      return { opcode: ':', values: renderNameRecord(record, op) };
    case '+':
      return { opcode: '+', values: renderNameRecord(record, op) };
    case '>>':
    case '>~':
      return { opcode: '>', values: renderNameRecord(record, op) };
    case '~':
      return { opcode: '~', values: renderNameRecord(record, op) };
    case ';':
      return { opcode: ';', values: renderNameRecord(record, op) };
    case '*':
      return { opcode: '*', values: renderNamespacePreorder(record) };
    case '&':
    case '!':
      return { opcode: op, values: renderNamespace(record, op) };
    case '$':
      return { opcode: '$', values: renderTokenTransfer(record) };
    default:
      return invalid('not_serialized', `op ${typeof op === 'string' ? JSON.stringify(op) : typeof op} does not contribute to the consensus hash`);
  }
}

// Values are ASCII (python-str.ts), so string length is the byte length Python counts.
function netstring(values: RenderedFields, field: string): string {
  const value = values[field];
  if (value === undefined) invalid('bad_record', `missing field ${field}`);
  return value.length + ':' + value;
}
