/*
 * The two text passes the reference parser (npm `zone-file` 1.x) runs before it reads
 * records. They are reproduced with their quirks, because a zone file's meaning to every
 * deployed client is whatever these passes make of it (auth-and-storage.md §5.4):
 *
 * - a `;` not preceded by a backslash starts a comment, even inside a quoted TXT string;
 * - parentheses anywhere (even inside quotes) become spaces, and the whitespace inside
 *   each `( … )` group collapses to single spaces so a group reads as one line.
 */

const COMMENT = /(^|[^\\]);.*/g;

/** Drops everything from an unescaped `;` to the end of its line. */
export function stripComments(text: string): string {
  return text.replace(COMMENT, (_match, before: string) => before);
}

const PARENTHESISED_GROUP = /\([\s\S]*?\)/g;

/**
 * Joins each parenthesised group onto one line, then turns every parenthesis into a space.
 *
 * The reference splices each collapsed group into an array of the text's characters at the
 * group's offset in the *original* text. After the first splice that array is shorter, so
 * later groups land at stale offsets; we apply the splices the same way so that zone files
 * with several groups (multi-line SOA records) read exactly as they do for the reference.
 */
export function flattenParentheses(text: string): string {
  const groups = [...text.matchAll(PARENTHESISED_GROUP)];
  const units = text.split('');
  for (const group of groups) {
    units.splice(group.index ?? 0, group[0].length, group[0].replace(/\s+/g, ' '));
  }
  return units.join('').replace(/\(|\)/g, ' ');
}
