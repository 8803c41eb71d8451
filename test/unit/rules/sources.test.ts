/**
 * Spec: every rule has a source, and an error rule's source can ground an error
 * (docs/lean-sdk-reference.md §0 "Severity by evidence"); the reference's source table (§0)
 * and rule catalogue (§6) are exactly `lib/rules/sources.ts`; findings never exceed their
 * rule's severity; `citeSource` is the one citation every surface prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finding } from '../../../lib/rules/finding';
import { RULES, type RuleEntry, SOURCES, citeSource } from '../../../lib/rules/sources';

const REFERENCE = readFileSync('docs/lean-sdk-reference.md', 'utf8');

/** The rows of the table between `<!-- name:start -->` and `<!-- name:end -->`, cells trimmed. */
function tableRows(name: string): string[][] {
  const start = REFERENCE.indexOf(`<!-- ${name}:start -->`);
  const end = REFERENCE.indexOf(`<!-- ${name}:end -->`);
  expect(start, name).toBeGreaterThan(0);
  return REFERENCE.slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('|---'))
    .slice(1)
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
}

const list = (cell: string): string[] => cell.split(',').map((x) => x.trim());

/** What is wrong with a catalogue: rules without sources, unknown keys, unsupported errors. */
function catalogueProblems(rules: Readonly<Record<string, RuleEntry>>): string[] {
  return Object.entries(rules).flatMap(([id, rule]) => {
    const problems: string[] = [];
    if (rule.sources.length === 0) problems.push(`${id}: no source`);
    for (const key of rule.sources) if (!Object.hasOwn(SOURCES, key)) problems.push(`${id}: unknown source ${key}`);
    const grounded = rule.sources.some((key) => Object.hasOwn(SOURCES, key) && SOURCES[key].grounds !== 'advice');
    if (rule.severity === 'error' && !grounded) problems.push(`${id}: error without a source that rejects or requires`);
    return problems;
  });
}

describe('the rule catalogue', () => {
  it('gives every rule a source, and every error rule a source that grounds an error', () => {
    expect(catalogueProblems(RULES)).toEqual([]);
  });

  it('catches a rule without a source and an error resting on advice only', () => {
    expect(
      catalogueProblems({
        ORPHAN: { codes: ['x'], severity: 'info', sources: [] },
        GUESS: { codes: ['y'], severity: 'error', sources: ['seed-mistakes', 'rn-readme'] },
      }),
    ).toEqual(['ORPHAN: no source', 'GUESS: error without a source that rejects or requires']);
  });

  it('is the reference’s §6 table, row for row', () => {
    const rows = tableRows('rules').map(([id, codes, severity, sources]) => [id, list(codes!), severity, list(sources!)]);
    expect(rows).toEqual(Object.entries(RULES).map(([id, r]) => [id, [...r.codes], r.severity, [...r.sources]]));
  });

  it('cites only sources of the reference’s §0 table, with the same grounds', () => {
    const rows = tableRows('sources').map(([key, , grounds]) => [key, grounds]);
    expect(rows).toEqual(Object.entries(SOURCES).map(([key, s]) => [key, s.grounds]));
  });

  it('names, for every official source, its repository and full commit in the reference', () => {
    for (const [key, source] of Object.entries(SOURCES)) {
      const github = /^https:\/\/github\.com\/leantechnologies\/([^/]+)\/blob\/([0-9a-f]{40})\/(.+)$/.exec(source.url);
      if (!github) continue;
      const row = tableRows('sources').find(([k]) => k === key)![1]!;
      expect(row, key).toContain(`${github[1]} @ ${github[2]}`);
      expect(row, key).toContain(github[3]);
    }
  });

  it('covers exactly the finding codes lib/rules emits', () => {
    const emitted = new Set<string>();
    for (const file of readdirSync('lib/rules')) {
      const text = readFileSync(`lib/rules/${file}`, 'utf8');
      for (const match of text.matchAll(/\bfinding\(\s*'([a-z][a-z-]*)'/g)) emitted.add(match[1]!);
    }
    expect(new Set(Object.values(RULES).flatMap((r) => r.codes))).toEqual(emitted);
  });
});

describe('finding()', () => {
  it('holds a finding to its rule’s severity', () => {
    expect(finding('redirect-url', 'error', 'x', 'm', 'REDIRECT-URL').severity).toBe('warning');
    expect(finding('legacy-sdk-bundle', 'warning', null, 'm', 'LEGACY-BUNDLE').severity).toBe('info');
  });

  it('keeps a lower severity and records the rule id as the source', () => {
    expect(finding('missing-required', 'warning', 'x', 'm', 'REQUIRED')).toMatchObject({ severity: 'warning', source: 'REQUIRED' });
  });
});

describe('citeSource', () => {
  it('names the rule and its sources, linking the first', () => {
    const cite = citeSource('PERMISSIONS-ACCOUNTS');
    expect(cite.text).toBe(
      'SDK reference rule PERMISSIONS-ACCOUNTS — link-sdk-react-native@d54c979 src/components/LinkSDK/Lean.js; link-sdk-flutter@930d00d lib/lean.dart; link-sdk-flutter@1b8b595 lib/lean.dart',
    );
    expect(cite.url).toBe(
      'https://github.com/leantechnologies/link-sdk-react-native/blob/d54c979d334463a4857ce9127aea7327dcb21a0f/src/components/LinkSDK/Lean.js',
    );
  });

  it('keeps linking a section of the older reference (findings from files made before rule ids)', () => {
    expect(citeSource('SDK reference §1, method table')).toEqual({ text: 'SDK reference §1, method table', url: 'https://docs.leantech.me/docs/web' });
  });

  it('shows any other text as it is, never as a link', () => {
    for (const text of ['javascript:alert(1)', 'https://evil.example/', 'SDK reference §9']) {
      expect(citeSource(text)).toEqual({ text, url: null });
    }
  });
});
