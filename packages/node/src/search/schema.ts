/*
 * The search index's tables (issue 5 "Search"; bns.md §9.6). `search_entries` holds one row per
 * name or subdomain with the profile fields searched (auth-and-storage.md §5.1: name,
 * description, the identifiers of `account` entries) and the profile returned; `search_fts` is
 * an FTS5 index over the same fields, kept in step by the index (rowid = entry id).
 */
export const SEARCH_SCHEMA = `
CREATE TABLE IF NOT EXISTS search_entries (
  id INTEGER PRIMARY KEY,
  fqn TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL,
  full_name TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  accounts TEXT NOT NULL DEFAULT '',
  openbazaar TEXT,
  profile TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  name, full_name, accounts, description,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

/** The file the index opens inside the node's data directory. */
export const SEARCH_DB_FILE = 'search.db';
