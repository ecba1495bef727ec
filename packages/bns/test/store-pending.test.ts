import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type HistoryEntry, type NameRow, type PreorderRow, type Store } from '../src/index.js';

/*
 * The SQLite store keeps a transaction's writes in memory and sends them just before the commit
 * (store/pending-writes.ts). Whatever the mix of writes, reads inside and between transactions,
 * API queries in the middle of one (which send the pending writes first), rollbacks and nested
 * rollbacks, every read must answer as a plain model of the tables does, and the tables must end
 * as the model says.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NAMES = ['a.id', 'b.id', 'c.id', 'd.app', 'e.app', 'f.app'];
const SENDERS = ['s0', 's1', 's2'];
const OPS = [':', '+', '>>', '?', '::'];

type Command =
  | { readonly type: 'name'; readonly key: string; readonly sender: string; readonly value: number; readonly remove: boolean }
  | { readonly type: 'preorder'; readonly key: string; readonly remove: boolean }
  | { readonly type: 'history'; readonly id: string; readonly block: number; readonly vtxindex: number; readonly op: string }
  | { readonly type: 'snapshot'; readonly height: number; readonly remove: boolean }
  | { readonly type: 'tip'; readonly height: number }
  | { readonly type: 'read' }
  | { readonly type: 'query' };

interface Group {
  readonly commands: readonly Command[];
  /** commit; throw (the whole transaction rolls back); nested (the commands after `split` run in a nested transaction that throws, caught by the outer one, which commits). */
  readonly fate: 'commit' | 'throw' | 'nested';
  readonly split: number;
  /** Close and reopen the store afterwards (empty caches: reads go to SQLite and amend its answer). */
  readonly reopen: boolean;
}

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('name' as const), key: fc.constantFrom(...NAMES), sender: fc.constantFrom(...SENDERS), value: fc.nat(9), remove: fc.constantFrom(false, false, false, false, true) }),
  fc.record({ type: fc.constant('preorder' as const), key: fc.constantFrom('p0', 'p1', 'p2'), remove: fc.boolean() }),
  fc.record({ type: fc.constant('history' as const), id: fc.constantFrom('a.id', 'b.id', 'd.app'), block: fc.nat(2), vtxindex: fc.nat(1), op: fc.constantFrom(...OPS) }),
  fc.record({ type: fc.constant('snapshot' as const), height: fc.nat(5), remove: fc.boolean() }),
  fc.record({ type: fc.constant('tip' as const), height: fc.nat(5) }),
  fc.constant({ type: 'read' as const }),
  fc.constant({ type: 'query' as const }),
);

const group: fc.Arbitrary<Group> = fc.record({
  commands: fc.array(command, { maxLength: 25 }),
  fate: fc.constantFrom('commit' as const, 'commit' as const, 'throw' as const, 'nested' as const),
  split: fc.nat(25),
  reopen: fc.boolean(),
});

/** The tables as plain values. */
class Model {
  rows = new Map<string, NameRow | PreorderRow>();
  history: { entry: HistoryEntry; seq: number }[] = [];
  snapshots = new Map<number, string>();
  tip: number | null = null;
  #seq = 0;

  clone(): Model {
    const copy = new Model();
    copy.rows = new Map(this.rows);
    copy.history = [...this.history];
    copy.snapshots = new Map(this.snapshots);
    copy.tip = this.tip;
    copy.#seq = this.#seq;
    return copy;
  }

  nextSeq(): number {
    return this.#seq++;
  }
}

function nameRow(key: string, sender: string, value: number): NameRow {
  return { name: key, sender, address: `addr-${sender}`, namespace_id: key.slice(key.indexOf('.') + 1), name_hash128: `h-${key}`, value_hash: String(value) } as unknown as NameRow;
}

let txids = 0;

function run(store: Store, model: Model, commands: readonly Command[]): void {
  for (const c of commands) {
    switch (c.type) {
      case 'name': {
        const row = c.remove ? null : nameRow(c.key, c.sender, c.value);
        store.setRow('name', c.key, row);
        if (row === null) model.rows.delete(`name ${c.key}`);
        else model.rows.set(`name ${c.key}`, row);
        break;
      }
      case 'preorder': {
        const row = c.remove ? null : ({ op: '?', preorder_hash: c.key, block_number: txids } as unknown as PreorderRow);
        store.setRow('preorder', c.key, row);
        if (row === null) model.rows.delete(`preorder ${c.key}`);
        else model.rows.set(`preorder ${c.key}`, row);
        break;
      }
      case 'history': {
        const txid = `tx${txids++}`;
        const entry: HistoryEntry = {
          history_id: c.id,
          block_id: c.block,
          vtxindex: c.vtxindex,
          txid,
          op: c.op,
          opcode: c.op,
          history_data: { op: c.op, txid } as unknown as HistoryEntry['history_data'],
          value_hash: null,
          creator_address: null,
        };
        store.addHistory(entry, c.block);
        model.history.push({ entry, seq: model.nextSeq() });
        break;
      }
      case 'snapshot': {
        const hash = c.remove ? null : `${c.height}`.padStart(32, 'c');
        store.setSnapshot(c.height, hash === null ? null : { consensusHash: hash, opsHash: null });
        if (hash === null) model.snapshots.delete(c.height);
        else model.snapshots.set(c.height, hash);
        break;
      }
      case 'tip':
        store.setLastBlock(c.height);
        model.tip = c.height;
        break;
      case 'read':
        expectReads(store, model);
        break;
      case 'query':
        // An API query sends the pending writes first, and the transaction carries on.
        expect(store.nameCount()).toBe([...model.rows.keys()].filter((key) => key.startsWith('name ')).length);
        expect(store.namesInNamespace('app').map((row) => row.name)).toEqual(names(model).filter((row) => row.namespace_id === 'app').map((row) => row.name));
        break;
    }
  }
}

function names(model: Model): NameRow[] {
  return [...model.rows.entries()]
    .filter(([key]) => key.startsWith('name '))
    .map(([, row]) => row as NameRow)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function historyLines(entries: readonly HistoryEntry[]): string[] {
  return entries.map((entry) => `${entry.op} ${entry.block_id} ${entry.vtxindex} ${entry.txid}`);
}

function expectReads(store: Store, model: Model): void {
  for (const key of NAMES) {
    expect(store.getRow('name', key)).toEqual(model.rows.get(`name ${key}`) ?? null);
    expect(store.nameByHash128(`h-${key}`)?.name ?? null).toBe(model.rows.has(`name ${key}`) ? key : null);
    const ordered = model.history
      .filter(({ entry }) => entry.history_id === key)
      .sort((a, b) => a.entry.block_id - b.entry.block_id || a.entry.vtxindex - b.entry.vtxindex || a.seq - b.seq)
      .map(({ entry }) => entry);
    expect(historyLines(store.history(key))).toEqual(historyLines(ordered));
    const decisive = ordered.filter((entry) => entry.op === ':' || entry.op === '+');
    expect(historyLines(store.history(key, [':', '+']))).toEqual(historyLines(decisive));
    expect(historyLines(store.history(key, [':', '+'], 2))).toEqual(historyLines(decisive.slice(-2)));
    expect(historyLines(store.history(key, undefined, 1))).toEqual(historyLines(ordered.slice(-1)));
  }
  for (const key of ['p0', 'p1', 'p2']) expect(store.getRow('preorder', key)).toEqual(model.rows.get(`preorder ${key}`) ?? null);
  for (const sender of SENDERS) {
    expect(store.namesOwnedBy(sender).map((row) => row.name)).toEqual(names(model).filter((row) => row.sender === sender).map((row) => row.name));
  }
  for (let height = 0; height <= 5; height++) expect(store.consensusHashAt(height)).toBe(model.snapshots.get(height) ?? null);
  expect(store.lastBlock()).toBe(model.tip);
}

describe('SQLite store: pending writes (sent in bulk before the commit)', () => {
  it('every read, inside and between transactions, answers as a plain model of the tables; rollbacks drop exactly their writes', () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 8 }), (groups) => {
        const dir = mkdtempSync(join(tmpdir(), 'bsk-bns-pending-'));
        dirs.push(dir);
        const path = join(dir, 'names.sqlite');
        let store = openSqliteStore(path);
        let model = new Model();
        try {
          for (const g of groups) {
            const before = model.clone();
            const working = model.clone();
            const split = Math.min(g.split, g.commands.length);
            try {
              store.transaction(() => {
                if (g.fate !== 'nested') {
                  run(store, working, g.commands);
                  if (g.fate === 'throw') throw new Error('rolled back');
                  return;
                }
                run(store, working, g.commands.slice(0, split));
                const outer = working.clone();
                expect(() =>
                  store.transaction(() => {
                    run(store, working, g.commands.slice(split));
                    throw new Error('nested rollback');
                  }),
                ).toThrow('nested rollback');
                // The nested transaction's writes are gone, the outer ones are still there.
                expectReads(store, outer);
                model = outer;
              });
              if (g.fate === 'commit') model = working;
            } catch (error) {
              if (!(error instanceof Error) || error.message !== 'rolled back') throw error;
              model = before;
            }
            expectReads(store, model);
            if (g.reopen) {
              store.close();
              store = openSqliteStore(path);
            }
          }
          expectReads(store, model);
          expect(store.dump().rows).toEqual([...model.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, row]) => `${key} ${JSON.stringify(row)}`));
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a write outside any transaction is committed at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-bns-pending-'));
    dirs.push(dir);
    const path = join(dir, 'names.sqlite');
    const store = openSqliteStore(path);
    store.setRow('name', 'a.id', nameRow('a.id', 's0', 1));
    store.setLastBlock(3);
    const reader = openSqliteStore(path);
    expect(reader.getRow('name', 'a.id')).toEqual(nameRow('a.id', 's0', 1));
    expect(reader.lastBlock()).toBe(3);
    reader.close();
    store.close();
  });
});
