import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorsOf, checkDoc, type DocRepository, headingSlug } from '../support/doc-links';

const repository: DocRepository = {
  exists: (repoPath) => existsSync(repoPath),
  read: (repoPath) => (existsSync(repoPath) ? readFileSync(repoPath, 'utf8') : null),
};

const DOCS = ['README.md', ...readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

describe.each(DOCS)('%s', (doc) => {
  it('names only repository paths that exist and links only to files and headings that exist', () => {
    const problems = checkDoc(doc, readFileSync(doc, 'utf8'), repository);
    expect(problems.map(({ line, problem }) => `${doc}:${line} ${problem}`)).toEqual([]);
  });
});

/** A repository of two pages and one module, for the checker's own tests. */
const fake: DocRepository = {
  exists: (repoPath) => ['README.md', 'docs/guide.md', 'lib/hook', 'lib/hook/trap.ts'].includes(repoPath),
  read: (repoPath) => (repoPath === 'docs/guide.md' ? '# Guide\n\n## Per-site mode\n' : null),
};

describe('the docs checker', () => {
  it('reports a path in inline code that does not exist, with its line', () => {
    expect(checkDoc('README.md', 'intro\nsee `lib/session/capture-limits.ts`\n', fake)).toEqual([
      { line: 2, problem: 'names a missing path lib/session/capture-limits.ts' },
    ]);
  });

  it('accepts existing files and folders, also as words of a command', () => {
    expect(checkDoc('README.md', '`lib/hook/` and `lib/hook/trap.ts:12` and `npx vitest run lib/hook`', fake)).toEqual([]);
  });

  it('reports a missing path named as a word of a command, and .ci paths', () => {
    expect(checkDoc('README.md', '`npx vitest run test/unit/gone.test.ts` then `.ci/run`', fake)).toEqual([
      { line: 1, problem: 'names a missing path test/unit/gone.test.ts' },
      { line: 1, problem: 'names a missing path .ci/run' },
    ]);
  });

  it('leaves placeholders, globs and fenced code alone', () => {
    const text = '`test/unit/<dir>/<module>.test.ts` `test/**/*.json`\n```sh\ncat lib/none.ts `lib/none.ts`\n```\n';
    expect(checkDoc('README.md', text, fake)).toEqual([]);
  });

  it('resolves relative links from the page’s own folder', () => {
    expect(checkDoc('docs/guide.md', '[home](../README.md) [self](guide.md) [gone](gone.md)', fake)).toEqual([
      { line: 1, problem: 'links to a missing file gone.md' },
    ]);
  });

  it('checks a link’s anchor against the target page’s headings', () => {
    const text = '[ok](docs/guide.md#per-site-mode) [bad](docs/guide.md#limits) [web](https://x.test/a#b)';
    expect(checkDoc('README.md', text, fake)).toEqual([{ line: 1, problem: 'links to a missing heading docs/guide.md#limits' }]);
  });

  it('checks an anchor within the same page', () => {
    expect(checkDoc('docs/guide.md', '# Guide\n[up](#guide) [gone](#nowhere)', { ...fake, read: () => '# Guide\n' })).toEqual([
      { line: 2, problem: 'links to a missing heading #nowhere' },
    ]);
  });

  it('makes anchors as GitHub does', () => {
    expect(headingSlug('`lean-devtools audit`: the panel’s findings in CI')).toBe('lean-devtools-audit-the-panels-findings-in-ci');
    expect([...anchorsOf('## Limits\n## Limits\n```\n# not a heading\n```\n<a id="perms"></a>')]).toEqual([
      'limits',
      'limits-1',
      'perms',
    ]);
  });
});
