/*
 * blockstack-core's zone-file parser reads each record line with Python 2.7 `argparse`
 * (one sub-command per record type), so what a BNS node accepts is argparse's behaviour:
 * positional arguments matched greedily by nargs pattern, `-`-prefixed tokens taken as
 * options, `--ttl` accepted anywhere in a TXT line, `--` ending options, `-h` aborting.
 * This module reproduces the part of argparse those parsers use (bns.md §8.1). A line
 * argparse rejects makes the whole zone file unreadable to the node; we signal it with
 * LineRejected.
 */

export class LineRejected extends Error {}

export type ArgumentType = 'str' | 'int';

export interface PositionalSpec {
  readonly dest: string;
  readonly nargs: null | '?' | '+';
  readonly type: ArgumentType;
}

export interface ParserSpec {
  readonly positionals: readonly PositionalSpec[];
  /** Options besides -h/--help, each taking one argument. */
  readonly options: Readonly<Record<string, { readonly dest: string; readonly type: ArgumentType }>>;
}

export type ArgumentValue = string | number | null | (string | number)[];

/** Python 2's `int()` of a str: ASCII whitespace, an optional sign, decimal digits. */
export function pythonInt(text: string): number | null {
  return /^[ \t\n\v\f\r]*[+-]?[0-9]+[ \t\n\v\f\r]*$/.test(text) ? Number(text.trim()) : null;
}

function convert(value: string, type: ArgumentType): string | number {
  if (type === 'str') return value;
  const n = pythonInt(value);
  if (n === null) throw new LineRejected(`invalid int value: ${JSON.stringify(value).slice(0, 40)}`);
  return n;
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;
const HELP = ['-h', '--help'];

type Classified = { kind: 'A' } | { kind: '-' } | { kind: 'O'; option: string | null; explicit: string | null };

function optionStrings(spec: ParserSpec): string[] {
  return [...HELP, ...Object.keys(spec.options)];
}

/** argparse `_parse_optional`: is this token an option, and which one? */
function classify(arg: string, known: readonly string[]): Classified {
  if (!arg || arg[0] !== '-') return { kind: 'A' };
  if (known.includes(arg)) return { kind: 'O', option: arg, explicit: null };
  if (arg.length === 1) return { kind: 'A' };
  if (arg.includes('=')) {
    const [name, explicit] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    if (known.includes(name)) return { kind: 'O', option: name, explicit };
  }
  const matches: Array<{ option: string; explicit: string | null }> = [];
  if (arg[1] === '-') {
    const at = arg.indexOf('=');
    const prefix = at >= 0 ? arg.slice(0, at) : arg;
    const explicit = at >= 0 ? arg.slice(at + 1) : null;
    for (const option of known) if (option.startsWith(prefix)) matches.push({ option, explicit });
  } else {
    for (const option of known) {
      if (option === arg.slice(0, 2)) matches.push({ option, explicit: arg.slice(2) });
      else if (option.startsWith(arg)) matches.push({ option, explicit: null });
    }
  }
  if (matches.length > 1) throw new LineRejected(`ambiguous option: ${arg.slice(0, 40)}`);
  if (matches.length === 1) return { kind: 'O', ...matches[0]! };
  if (NEGATIVE_NUMBER.test(arg) || arg.includes(' ')) return { kind: 'A' };
  return { kind: 'O', option: null, explicit: null };
}

function nargsPattern(nargs: PositionalSpec['nargs']): string {
  if (nargs === '?') return '(-*A?-*)';
  if (nargs === '+') return '(-*A[A-]*)';
  return '(-*A-*)';
}

const regexCache = new Map<string, RegExp>();

function positionalsRegex(positionals: readonly PositionalSpec[]): RegExp {
  const source = '^' + positionals.map((p) => nargsPattern(p.nargs)).join('');
  let regex = regexCache.get(source);
  if (!regex) regexCache.set(source, (regex = new RegExp(source)));
  return regex;
}

/** argparse `_match_arguments_partial`: as many positionals as the pattern allows. */
function matchPartial(positionals: readonly PositionalSpec[], pattern: string): number[] {
  for (let i = positionals.length; i > 0; i--) {
    const match = positionalsRegex(positionals.slice(0, i)).exec(pattern);
    if (match) return match.slice(1).map((g) => (g as string).length);
  }
  return [];
}

function positionalValue(spec: PositionalSpec, strings: string[]): ArgumentValue {
  const values = [...strings];
  const dashes = values.indexOf('--');
  if (dashes >= 0) values.splice(dashes, 1);
  if (values.length === 0 && spec.nargs === '?') return null;
  if (values.length === 1 && spec.nargs !== '+') return convert(values[0]!, spec.type);
  return values.map((v) => convert(v, spec.type));
}

/**
 * Parses one sub-command's argument strings; returns the namespace (unset values null).
 * Throws LineRejected where argparse would error, exit, or leave arguments unrecognised.
 */
export function parseArguments(spec: ParserSpec, args: readonly string[]): Record<string, ArgumentValue> {
  const known = optionStrings(spec);
  const namespace: Record<string, ArgumentValue> = {};
  for (const p of spec.positionals) namespace[p.dest] = null;
  for (const o of Object.values(spec.options)) namespace[o.dest] = null;

  const classified: Classified[] = [];
  let afterDashes = false;
  for (const arg of args) {
    if (afterDashes) classified.push({ kind: 'A' });
    else if (arg === '--') {
      afterDashes = true;
      classified.push({ kind: '-' });
    } else classified.push(classify(arg, known));
  }
  const pattern = classified.map((c) => c.kind).join('');
  const optionIndexes = classified.flatMap((c, i) => (c.kind === 'O' ? [i] : []));

  let positionals = [...spec.positionals];
  let extras: string[] = [];

  const consumePositionals = (start: number): number => {
    const counts = matchPartial(positionals, pattern.slice(start));
    counts.forEach((count, i) => {
      namespace[positionals[i]!.dest] = positionalValue(positionals[i]!, args.slice(start, start + count));
      start += count;
    });
    positionals = positionals.slice(counts.length);
    return start;
  };

  const consumeOptional = (start: number): number => {
    const c = classified[start] as Extract<Classified, { kind: 'O' }>;
    if (c.option === null) {
      extras.push(args[start]!);
      return start + 1;
    }
    if (HELP.includes(c.option)) throw new LineRejected('help requested');
    const target = spec.options[c.option]!;
    if (c.explicit !== null) {
      namespace[target.dest] = convert(c.explicit, target.type);
      return start + 1;
    }
    if (pattern[start + 1] !== 'A') throw new LineRejected(`${c.option}: expected one argument`);
    namespace[target.dest] = convert(args[start + 1]!, target.type);
    return start + 2;
  };

  let start = 0;
  const lastOption = optionIndexes.length ? optionIndexes[optionIndexes.length - 1]! : -1;
  while (start <= lastOption) {
    const nextOption = optionIndexes.find((i) => i >= start)!;
    if (start !== nextOption) {
      const end = consumePositionals(start);
      if (end > start) {
        start = end;
        continue;
      }
    }
    if (!optionIndexes.includes(start)) {
      extras = extras.concat(args.slice(start, nextOption));
      start = nextOption;
    }
    start = consumeOptional(start);
  }
  const stop = consumePositionals(start);
  extras = extras.concat(args.slice(stop));
  if (positionals.length > 0) throw new LineRejected('too few arguments');
  if (extras.length > 0) throw new LineRejected(`unrecognized arguments: ${extras.join(' ').slice(0, 60)}`);
  return namespace;
}
