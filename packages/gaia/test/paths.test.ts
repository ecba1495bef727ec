import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadPathError, assertValidPath, historicalPath, isBucketAddress, isHistoricalFile, pathProblem, stripTrailingSlash } from '@bsk/gaia';

// Path rules (auth-and-storage.md §4.8) and history names (§4.6).

describe('pathProblem', () => {
  it('accepts ordinary paths and refuses the §4.8 cases', () => {
    for (const ok of ['a', 'a/b/c.txt', 'file x.txt', '.history.1.x.y', 'a.b', 'ünï/cødé']) expect(pathProblem(ok)).toBeNull();
    for (const bad of ['', '..', 'a/../b', 'a..b', '/abs', 'a//b', 'a/', 'a/./b', '.', 'x\0y', `${'d/'.repeat(100)}f`, 'n'.repeat(256), 'x'.repeat(4097)]) {
      expect(pathProblem(bad), bad.slice(0, 30)).not.toBeNull();
      expect(() => assertValidPath(bad)).toThrow(BadPathError);
    }
    expect(pathProblem(`${'d/'.repeat(99)}f`)).toBeNull();
  });

  it('never lets an accepted path leave its bucket directory (property)', () => {
    const bucketDir = resolve('/srv/gaia/bucket');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '.', '..', '/', '\\', '%2F', 'b c', '\0', '.x'), { maxLength: 12 }).map((parts) => parts.join('')), (path) => {
        if (pathProblem(path) !== null) return;
        const target = resolve(join(bucketDir, ...path.split('/')));
        expect(target.startsWith(bucketDir + sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary strings (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (path) => {
      const problem = pathProblem(path);
      expect(problem === null || typeof problem === 'string').toBe(true);
    }));
  });
});

describe('bucket addresses and trailing slashes', () => {
  it('are [a-zA-Z0-9]+; one trailing slash is stripped', () => {
    expect(isBucketAddress('14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb')).toBe(true);
    for (const bad of ['', 'a-auth', 'a/b', '..', 'a b']) expect(isBucketAddress(bad)).toBe(false);
    expect(stripTrailingSlash('dir/sub/')).toBe('dir/sub');
    expect(stripTrailingSlash('dir//')).toBe('dir/');
    expect(stripTrailingSlash('file')).toBe('file');
  });
});

describe('historicalPath', () => {
  it('puts .history.<ms>.<id>. before the file name in the same directory', () => {
    expect(historicalPath('docs/a/note.txt', 1234567890123)).toMatch(/^docs\/a\/\.history\.1234567890123\.[0-9A-Za-z]{10}\.note\.txt$/);
    expect(historicalPath('top.json', 5)).toMatch(/^\.history\.5\.[0-9A-Za-z]{10}\.top\.json$/);
    expect(historicalPath('x', 1)).not.toBe(historicalPath('x', 1));
    expect(isHistoricalFile(historicalPath('docs/n.txt'))).toBe(true);
    expect(isHistoricalFile('docs/.history/n.txt')).toBe(false);
    expect(isHistoricalFile('n.history.txt')).toBe(false);
  });
});
