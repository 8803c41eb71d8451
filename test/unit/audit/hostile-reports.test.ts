import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectFindings, mapLocation, parseCallsite } from '../../../lib/audit/findings';
import { failsRun } from '../../../lib/audit/report';
import { codeQualityReport } from '../../../lib/audit/reporters/codequality';
import { githubAnnotations, githubStepSummary, SUMMARY_LIMIT } from '../../../lib/audit/reporters/github';
import { junitFailureMessage, junitOutput, junitReport } from '../../../lib/audit/reporters/junit';
import { sarifReport } from '../../../lib/audit/reporters/sarif';
import { xmlChars } from '../../../lib/audit/reporters/xml';
import { readJunit, validateSarif } from '../../fixtures/audit/formats';
import { PAGE, target } from '../support/audit-fixtures';
import { call } from '../support/events';
import { hostileReport, hostileSession } from '../support/hostile';

describe('JUnit writer, hostile page text', () => {
  it('parses back to exactly the report’s testcases, failures and outputs', () => {
    const report = hostileReport();
    const suites = readJunit(junitReport(report));
    expect(suites.map((s) => s.name)).toEqual(report.targets.map((t) => xmlChars(t.name)));
    report.targets.forEach((t, i) => {
      const expected = [
        ...(t.status === 'failed' ? [{ name: 'audit', classname: xmlChars(t.name), failure: null, error: xmlChars(t.error!), skipped: false, output: null }] : []),
        ...report.rules.map((rule) => {
          const findings = t.findings.filter((f) => f.ruleId === rule.id);
          const failing = findings.filter((f) => failsRun(f, report.failOn));
          return {
            name: rule.id,
            classname: xmlChars(t.name),
            failure: failing.length ? xmlChars(junitFailureMessage(failing)) : null,
            error: null,
            skipped: false,
            output: findings.length ? xmlChars(junitOutput(findings)) : null,
          };
        }),
      ];
      expect(suites[i]!.cases).toEqual(expected);
    });
  });

  it('keeps every character XML allows and replaces the ones it forbids with U+FFFD', () => {
    expect(xmlChars('a\u0000b\u001bc\ud800d\ufffee\t\n\r\ud83d\ude00')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\t\n\r\ud83d\ude00');
  });

  it('parses back any target name and message, whatever its characters', () => {
    const base = hostileReport();
    const empty = { ...hostileSession(), events: [] };
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (name, message) => {
        const session = { ...empty, events: [call({ findings: [{ code: 'missing-required', severity: 'error', field: null, message, source: 'ref' }] })] };
        const report = { ...base, targets: [target(name, session)] };
        const [suite] = readJunit(junitReport(report));
        expect(suite!.name).toBe(xmlChars(name));
        const failed = suite!.cases.filter((c) => c.failure !== null);
        expect(failed.map((c) => c.name)).toEqual(['missing-required']);
        expect(failed[0]!.failure).toBe(xmlChars(`1 finding(s): ${message}`));
      }),
      { numRuns: 150 },
    );
  }, 20_000);
});

describe('SARIF and Code Quality writers, hostile locations', () => {
  const pathMap = { 'https://shop.example/js/': 'public/js/' };
  const located = (callsite: string, frameUrl = PAGE) =>
    collectFindings({ ...hostileSession(), events: [call({ callsite, frameUrl, findings: [{ code: 'missing-required', severity: 'error', field: 'x', message: 'm', source: 'ref' }] })] }, {
      targetName: 't',
      pageUrl: PAGE,
      cspLocation: 'nginx/site.conf',
      now: 0,
    }).map((f) => ({ ...f, location: mapLocation(f.location, pathMap) }));

  it('writes a valid SARIF log and a Code Quality report for a lone surrogate in a mapped script URL', () => {
    const findings = located('https://shop.example/js/\ud800app.js:3:1');
    expect(findings[0]!.location.uri).toBe('public/js/\ud800app.js');
    const report = { ...hostileReport(), targets: [target('t', hostileSession(), { findings })] };
    const sarif = JSON.parse(sarifReport(report));
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('public/js/%EF%BF%BDapp.js');
    expect(JSON.parse(codeQualityReport(report))[0].location.path).toBe('public/js/\ufffdapp.js');
  });

  it('never writes a hostile report that a schema refuses or a writer throws on', () => {
    const sarif = JSON.parse(sarifReport(hostileReport()));
    expect(validateSarif(sarif)).toEqual([]);
    expect(() => JSON.parse(codeQualityReport(hostileReport()))).not.toThrow();
  });

  it.each([
    ['a .. that leaves the mapped folder', 'https://shop.example/js/../../.github/workflows/ci.yml:1:1'],
    ['an encoded ..', 'https://shop.example/js/%2e%2e/%2E%2E/.github/workflows/ci.yml:1:1'],
    ['an absolute path', 'https://shop.example/js//etc/passwd:1:1'],
    ['an encoded absolute path', 'https://shop.example/js/%2Fetc%2Fpasswd:1:1'],
    ['a backslash', 'https://shop.example/js/..%5C..%5C.github%5Cci.yml:1:1'],
    ['an undecodable escape', 'https://shop.example/js/%E0%A4%A.js:1:1'],
    ['a control character', 'https://shop.example/js/a%0A::error::x.js:1:1'],
  ])('does not map %s: the location stays its URL', (_, callsite) => {
    const [finding] = located(callsite);
    expect(finding!.location.uri).toBe(callsite.replace(/:1:1$/, ''));
  });

  it('maps a .. that stays inside the mapped folder, normalised', () => {
    expect(located('https://shop.example/js/vendor/../app.js?v=1:4:2')[0]!.location).toEqual({ uri: 'public/js/app.js', line: 4, column: 2 });
  });

  it.each([
    ['a bare relative path', '../../.github/workflows/ci.yml:1:1'],
    ['a repository path', '.github/workflows/ci.yml:1:1'],
    ['an absolute path', '/home/runner/work/repo/repo/.github/workflows/ci.yml:1:1'],
    ['a file: URL on a web page', 'file:///home/runner/work/repo/repo/.github/workflows/ci.yml:1:1'],
    ['a javascript: URL', 'javascript:alert(1):1:1'],
  ])('locates a call site that is %s at its frame, not at that file', (_, callsite) => {
    expect(parseCallsite(callsite, PAGE)).toEqual({ uri: PAGE, line: null, column: null });
  });

  it('keeps a file: call site on a file: page', () => {
    expect(parseCallsite('file:///srv/site/app.js:2:3', 'file:///srv/site/index.html')).toEqual({ uri: 'file:///srv/site/app.js', line: 2, column: 3 });
  });

  it('maps any URL rest inside the mapped folder or not at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (rest) => {
        const uri = `https://shop.example/js/${rest}`;
        const mapped = mapLocation({ uri, line: 1, column: 1 }, pathMap).uri;
        if (mapped === uri) return;
        expect(mapped.startsWith('public/js/')).toBe(true);
        expect(mapped.split('/')).not.toContain('..');
        expect(mapped).not.toMatch(/[\\:]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('GitHub writer, hostile page text', () => {
  it('prints workflow commands that page text can neither end, forge nor colour', () => {
    const report = hostileReport();
    const out = githubAnnotations(report);
    const lines = out.trimEnd().split(/\r\n|\r|\n/);
    const expected = report.targets.reduce((n, t) => n + t.findings.length + (t.status === 'failed' ? 1 : 0), 0);
    expect(lines).toHaveLength(expected);
    expect(lines.every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach the log
    expect(out.trimEnd()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('escapes target names in the summary’s HTML and Markdown', () => {
    const summary = githubStepSummary(hostileReport(), []);
    expect(summary).toContain('<details><summary>&#60;img src=x onerror=alert&#40;1&#41;&#62;&#60;/summary&#62;&#60;/details&#62;&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;: 22 finding(s)</summary>');
    // Outside code spans (shown literally), no markup: `<` and `[` are escaped or references.
    const prose = summary.replace(/(`+).*?\1/g, '');
    expect(prose).not.toMatch(/(?<!\\)<(img|script|b|testcase)[ >]/);
    expect(prose).not.toMatch(/(?<!\\)\[link\]/);
    // Every table row keeps its columns: page text adds no unescaped `|`.
    for (const row of summary.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = row.replace(/\\\|/g, '').split('|').length - 2;
      expect([4, 5]).toContain(cells);
    }
  });

  it('stays within GitHub’s 1 MiB, says where it was cut, and embeds no support report', () => {
    const session = hostileSession();
    const many = Array.from({ length: 200 }, () => call({ findings: [{ code: 'unknown-field', severity: 'warning', field: 'x', message: 'm'.repeat(5000), source: 'ref' }] }));
    const big = { ...session, events: many };
    const report = { ...hostileReport(), targets: Array.from({ length: 300 }, (_, i) => target(`t${i} ${'n'.repeat(5000)}`, big)) };
    const summary = githubStepSummary(report, report.targets.map(() => big));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(summary).toContain('Summary cut here');
    expect(summary).not.toContain('# Lean support report');
    expect(summary).toContain('Support report: `support-1.md`');
  });
});
