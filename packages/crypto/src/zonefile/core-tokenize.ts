/*
 * The tokenizer of blockstack-core's zone-file parser (Python `blockstack_zones` 0.19,
 * `tokenize_line` / `serialize`), which decides how a BNS node reads a domain's zone file
 * when it looks for subdomain records (bns.md §8.1). Its rules, which differ from the npm
 * parser's:
 *
 * - tokens split on ASCII whitespace; a double-quoted run is one token, and a quote may
 *   start in the middle of a token (`ab"c d"` is `abc d`);
 * - a backslash escapes the next character and is itself dropped (`\=` reads `=`, `\\`
 *   reads nothing); an escaped quote, space or `;` is an ordinary character;
 * - an unescaped `;` ends the line, even inside quotes, and leaves a token behind (possibly
 *   empty);
 * - serializing quotes a token only when it holds a space, and escapes `;` as `\;`.
 *
 * Every pass of the reference re-tokenizes the previous pass's serialized text; we do the
 * same, since that is what loses empty strings and collapses whitespace inside quotes.
 */

const PYTHON_SPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);

export function isPythonSpace(c: string): boolean {
  return PYTHON_SPACE.has(c);
}

export function tokenizeLine(line: string): string[] {
  const tokens: string[] = [];
  let escape = false;
  let quote = false;
  let token = '';
  for (const c of line) {
    if (isPythonSpace(c)) {
      if (!quote && !escape) {
        if (token.length > 0) tokens.push(token);
        token = '';
      } else {
        // inside quotes, or an escaped space: part of the token
        token += c;
        if (!quote) escape = false;
      }
      continue;
    }
    if (c === '\\') {
      escape = true;
      continue;
    }
    if (c === '"' && !escape) {
      if (quote) tokens.push(token);
      if (quote) token = '';
      quote = !quote;
      continue;
    }
    if (c === ';' && !escape) {
      tokens.push(token);
      token = '';
      return tokens;
    }
    token += c;
    escape = false;
  }
  if (stripChars(stripChars(token, ' '), '\n').length > 0) tokens.push(token);
  return tokens;
}

/** Python's `str.strip(chars)` for a single character. */
function stripChars(s: string, c: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === c) start++;
  while (end > start && s[end - 1] === c) end--;
  return s.slice(start, end);
}

export function serializeTokens(tokens: readonly string[]): string {
  return tokens
    .map((t) => (t.includes(' ') ? `"${t}"` : t))
    .map((t) => t.replace(/;/g, '\\;'))
    .join(' ');
}
