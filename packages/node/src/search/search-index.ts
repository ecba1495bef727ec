import { join } from 'node:path';
import Database from 'better-sqlite3';
import { profileSearchFields } from './profile-fields.js';
import { SEARCH_DB_FILE, SEARCH_SCHEMA } from './schema.js';

/*
 * Search over names, subdomains and profile fields with SQLite FTS5 (issue 5; bns.md §9.6). The
 * original (api/search/substring_search.py) matched a name when every query word is a prefix of
 * some word of the target; each query word here is an FTS5 prefix term, all required. Results are
 * ranked in tiers — the exact username or name, then matches in the name, in the person's name, in
 * account identifiers — and within a tier by BM25 (whose inverse document frequencies say little
 * in a small index, hence the tiers), then by name.
 */

export type SearchIndexOptions =
  | { /** The node's data directory; the index opens `search.db` there. */ readonly directory: string }
  | { /** A database shared with other parts; the index creates its tables in it and never closes it. */ readonly database: Database.Database };

/** One result, in the original's shape. */
export interface SearchResult {
  readonly fullyQualifiedName: string;
  readonly username: string;
  readonly profile: Record<string, unknown>;
  readonly openbazaar: string | null;
}

export interface SearchIndex {
  /** Makes a name or subdomain findable (keeps its profile if it had one). */
  upsertName(fqn: string): void;
  /** Many at once, in one transaction (first indexing, a block's registrations). */
  upsertNames(fqns: readonly string[]): void;
  /** Records the name's current (verified) profile; the name is added if new. */
  upsertProfile(fqn: string, profile: unknown): void;
  /** Forgets a name (revoked, expired, or undone by a reorganisation). */
  remove(fqn: string): void;
  /**
   * The best `limit` matches among the names `accept` keeps (default: all). The filter runs at
   * query time because a name expires by the chain moving on, without any event to remove it on.
   */
  search(query: string, limit?: number, accept?: (fqn: string) => boolean): SearchResult[];
  count(): number;
  close(): void;
}

export const DEFAULT_SEARCH_LIMIT = 50;
/** Query words used; the rest are ignored. */
const MAX_QUERY_WORDS = 8;
/** The largest profile kept for results, as JSON. */
const MAX_PROFILE_JSON = 64 * 1024;
/** BM25 column weights: name, full_name, accounts, description. */
const BM25_WEIGHTS = '10.0, 5.0, 3.0, 1.0';
/** Columns whose matches rank above the rest, best first. */
const TIER_COLUMNS = ['name', 'full_name', 'accounts'] as const;

/**
 * The original's username: the fqn without `.id` (it used Python's `rstrip('id')`, which also
 * eats trailing `i`/`d` letters of the name — not reproduced).
 */
export function searchUsername(fqn: string): string {
  return fqn.endsWith('.id') ? fqn.slice(0, -3) : fqn;
}

/** The words of a query, lower-case, letters and digits only — safe to quote into FTS5 syntax. */
export function searchWords(query: string): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_QUERY_WORDS);
}

interface EntryRow {
  id: number;
  fqn: string;
  username: string;
  full_name: string;
  description: string;
  accounts: string;
  openbazaar: string | null;
  profile: string | null;
}

/** Name columns tokenised as words: `alice.id` → "alice id", `bob.personal.id` → "bob personal id". */
const nameText = (fqn: string) => fqn.replace(/[._\-+]/g, ' ');

export function openSearchIndex(options: SearchIndexOptions): SearchIndex {
  const ownsDatabase = !('database' in options);
  const db = 'database' in options ? options.database : new Database(join(options.directory, SEARCH_DB_FILE));
  if (ownsDatabase) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.exec(SEARCH_SCHEMA);
  return new SqliteSearchIndex(db, ownsDatabase);
}

class SqliteSearchIndex implements SearchIndex {
  readonly #db: Database.Database;
  readonly #ownsDatabase: boolean;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database, ownsDatabase: boolean) {
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
  }

  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #reindex(row: EntryRow): void {
    this.#sql('DELETE FROM search_fts WHERE rowid = ?').run(row.id);
    this.#sql('INSERT INTO search_fts (rowid, name, full_name, accounts, description) VALUES (?, ?, ?, ?, ?)').run(
      row.id,
      nameText(row.fqn),
      row.full_name,
      row.accounts,
      row.description,
    );
  }

  #entry(fqn: string): EntryRow | undefined {
    return this.#sql('SELECT * FROM search_entries WHERE fqn = ?').get(fqn) as EntryRow | undefined;
  }

  #upsertName(fqn: string): void {
    if (this.#entry(fqn) !== undefined) return;
    this.#sql('INSERT INTO search_entries (fqn, username) VALUES (?, ?)').run(fqn, searchUsername(fqn));
    this.#reindex(this.#entry(fqn) as EntryRow);
  }

  upsertName(fqn: string): void {
    this.#db.transaction(() => this.#upsertName(fqn))();
  }

  upsertNames(fqns: readonly string[]): void {
    this.#db.transaction(() => {
      for (const fqn of fqns) this.#upsertName(fqn);
    })();
  }

  upsertProfile(fqn: string, profile: unknown): void {
    const fields = profileSearchFields(profile);
    let json: string | null = null;
    try {
      json = JSON.stringify(profile) ?? null;
    } catch {
      json = null;
    }
    if (json !== null && json.length > MAX_PROFILE_JSON) json = null;
    this.#db.transaction(() => {
      this.#upsertName(fqn);
      this.#sql('UPDATE search_entries SET full_name = ?, description = ?, accounts = ?, openbazaar = ?, profile = ? WHERE fqn = ?').run(
        fields.fullName,
        fields.description,
        fields.accounts.join(' '),
        fields.openbazaar,
        json,
        fqn,
      );
      this.#reindex(this.#entry(fqn) as EntryRow);
    })();
  }

  remove(fqn: string): void {
    this.#db.transaction(() => {
      const row = this.#entry(fqn);
      if (row === undefined) return;
      this.#sql('DELETE FROM search_fts WHERE rowid = ?').run(row.id);
      this.#sql('DELETE FROM search_entries WHERE id = ?').run(row.id);
    })();
  }

  search(query: string, limit = DEFAULT_SEARCH_LIMIT, accept: (fqn: string) => boolean = () => true): SearchResult[] {
    const words = searchWords(query);
    if (words.length === 0) return [];
    const match = words.map((w) => `"${w}"*`).join(' AND ');
    const exact = query.trim().toLowerCase();
    const tiers = TIER_COLUMNS.map((column) => `(search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH '${column} : (' || ? || ')')) DESC`);
    const rows = this.#sql(
      `SELECT e.* FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
       WHERE search_fts MATCH ?
       ORDER BY (e.username = ? OR e.fqn = ?) DESC, ${tiers.join(', ')}, bm25(search_fts, ${BM25_WEIGHTS}), e.fqn`,
    ).iterate(match, exact, exact, ...TIER_COLUMNS.map(() => match)) as IterableIterator<EntryRow>;
    const results: SearchResult[] = [];
    for (const row of rows) {
      if (!accept(row.fqn)) continue;
      results.push(toResult(row));
      if (results.length >= limit) break; // leaving the loop ends the statement
    }
    return results;
  }

  count(): number {
    return this.#sql('SELECT COUNT(*) FROM search_entries').pluck().get() as number;
  }

  close(): void {
    this.#statements.clear();
    if (this.#ownsDatabase) this.#db.close();
  }
}

function toResult(row: EntryRow): SearchResult {
  let profile: Record<string, unknown> = {};
  if (row.profile !== null) {
    const parsed = JSON.parse(row.profile) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) profile = parsed as Record<string, unknown>;
  }
  return { fullyQualifiedName: row.fqn, username: row.username, profile, openbazaar: row.openbazaar };
}
