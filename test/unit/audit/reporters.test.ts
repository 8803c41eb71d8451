import { describe, expect, it } from 'vitest';
import { codeQualityReport } from '../../../lib/audit/reporters/codequality';
import { artifactsUrlOf, githubAnnotations, githubStepSummary, supportReports } from '../../../lib/audit/reporters/github';
import { junitReport } from '../../../lib/audit/reporters/junit';
import { sarifReport } from '../../../lib/audit/reporters/sarif';
import { RULES } from '../../../lib/audit/rule-catalog';
import { parseJunit, validateSarif } from '../../fixtures/audit/formats';
import { sampleReport, sessionWithMistakes } from '../support/audit-fixtures';

describe('JUnit writer', () => {
  it('writes one testsuite per target and one testcase per rule, passes included', () => {
    const suites = parseJunit(junitReport(sampleReport()));
    expect(suites.map((s) => s.name)).toEqual(['checkout', 'broken']);
    const checkout = suites[0]!.cases;
    expect(checkout.map((c) => c['@_name'])).toEqual(RULES.map((r) => r.id));
    const failing = checkout.filter((c) => c.failure !== undefined).map((c) => c['@_name']);
    expect(failing).toEqual(['missing-required', 'csp-blocked']);
    expect(checkout.find((c) => c['@_name'] === 'loader-late')?.skipped).toBeDefined();
  });

  it('fails the warnings’ rules too with --fail-on warning', () => {
    const failing = parseJunit(junitReport(sampleReport('warning')))[0]!.cases.filter((c) => c.failure !== undefined);
    expect(failing.map((c) => c['@_name'])).toEqual(['missing-required', 'unknown-field', 'csp-blocked']);
  });

  it('reports a target the audit could not run as an erroring testcase', () => {
    const broken = parseJunit(junitReport(sampleReport()))[1]!.cases;
    expect(broken[0]).toMatchObject({ '@_name': 'audit' });
    expect(broken[0]!.error).toBeDefined();
  });
});

describe('SARIF writer', () => {
  const sarif = JSON.parse(sarifReport(sampleReport())) as {
    version: string;
    runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>; partialFingerprints: Record<string, string> }> }>;
  };

  it('is valid against the official SARIF 2.1.0 schema', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(validateSarif(sarif)).toEqual([]);
    // The check can fail: a log without runs is refused.
    expect(validateSarif({ version: '2.1.0' })).not.toEqual([]);
  });

  it('gives every result a physical location: the call site for config findings, the CSP file for CSP findings', () => {
    const results = sarif.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region?.startLine])).toEqual([
      ['missing-required', 'error', 'lean-devtools-web/shop.example/js/app.js', 42],
      ['unknown-field', 'warning', 'lean-devtools-web/shop.example/js/app.js', 42],
      ['csp-blocked', 'error', 'nginx/site.conf', undefined],
    ]);
  });

  it('places a web address under lean-devtools-web/ (code scanning refuses http locations) and keeps it in properties.url', () => {
    const [result] = sarif.runs[0]!.results as unknown as Array<{ properties: { url?: string } }>;
    expect(result!.properties.url).toBe('https://shop.example/js/app.js?v=3');
    const report = sampleReport();
    const f = report.targets[0]!.findings[0]!;
    const at = (uri: string) => {
      report.targets[0]!.findings = [{ ...f, location: { uri, line: 1, column: 1 } }];
      return JSON.parse(sarifReport(report)).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    };
    expect(at('http://localhost:3000/a/../../b c.js')).toBe('lean-devtools-web/localhost_3000/b%20c.js');
    expect(at('http://src/app.js')).toBe('lean-devtools-web/src/app.js');
    expect(at('http://[::1]:8080/x.js')).toBe('lean-devtools-web/___1__8080/x.js');
    expect(at('file:///home/runner/work/repo/repo/.github/workflows/ci.yml')).toBe('lean-devtools-web/file/home/runner/work/repo/repo/.github/workflows/ci.yml');
    expect(at('about:blank')).toBe('lean-devtools-web/about/blank');
  });

  it('carries each finding’s stable fingerprint', () => {
    const expected = sampleReport().targets[0]!.findings.map((f) => f.fingerprint);
    expect(sarif.runs[0]!.results.map((r) => r.partialFingerprints['leanDevtools/v1'])).toEqual(expected);
  });
});

describe('GitLab Code Quality writer', () => {
  it('writes one issue per finding with a path, a line and a fingerprint', () => {
    const issues = JSON.parse(codeQualityReport(sampleReport())) as Array<Record<string, unknown>>;
    expect(issues.map((i) => [i.check_name, i.severity, i.location])).toEqual([
      ['missing-required', 'critical', { path: 'https://shop.example/js/app.js?v=3', lines: { begin: 42 } }],
      ['unknown-field', 'major', { path: 'https://shop.example/js/app.js?v=3', lines: { begin: 42 } }],
      ['csp-blocked', 'critical', { path: 'nginx/site.conf', lines: { begin: 1 } }],
    ]);
    expect(issues.every((i) => typeof i.fingerprint === 'string' && typeof i.description === 'string')).toBe(true);
  });

  it('leaves baselined findings out', () => {
    const report = sampleReport();
    report.targets[0]!.findings = report.targets[0]!.findings.map((f) => ({ ...f, baselined: true }));
    expect(JSON.parse(codeQualityReport(report))).toEqual([]);
  });
});

describe('GitHub writer', () => {
  it('prints one workflow command per finding, escaped so page text cannot end or forge one', () => {
    const lines = githubAnnotations(sampleReport()).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('::error title=lean-devtools%3A broken::flow threw: no button');
    expect(lines[0]).toMatch(/^::error file=https%3A\/\/shop\.example\/js\/app\.js\?v=3,line=42,col=7,title=missing-required \(checkout\)::Lean\.connect requires customer_id\.%0AFix: Pass customer_id\.$/);
    expect(lines[1]).toContain('::connect has no field customerId, "100%25"%0Asure');
  });

  it('summarises the run, lists each target’s findings and names its support report file', () => {
    const summary = githubStepSummary(sampleReport(), [sessionWithMistakes(), null]);
    expect(summary).toContain('| checkout | ok | 1 | 2 | 1 |');
    expect(summary).toContain('| broken | failed: flow threw: no button |');
    expect(summary).toContain('<details><summary>checkout: 3 finding(s)</summary>');
    expect(summary).toContain('| error | missing-required | Lean.connect requires customer\\_id. | `https://shop.example/js/app.js?v=3:42` |');
    expect(summary).toContain("Support report: `support-1.md` in the audit's output folder.");
    expect(summary).not.toContain('# Lean support report');
  });

  it('links the workflow run’s artifacts when GitHub’s variables name the run', () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '42' };
    const artifactsUrl = artifactsUrlOf(env);
    expect(artifactsUrl).toBe('https://github.com/acme/shop/actions/runs/42#artifacts');
    expect(githubStepSummary(sampleReport(), [sessionWithMistakes(), null], { artifactsUrl })).toContain(`([the run's artifacts](${artifactsUrl}))`);
    expect(artifactsUrlOf({ ...env, GITHUB_REPOSITORY: 'acme/shop)[x](javascript:1' })).toBeNull();
  });

  it('writes each target’s support report, without personal data, for the targets that have a session', () => {
    const files = supportReports(sampleReport(), [sessionWithMistakes(), null]);
    expect(files.map((f) => f.file)).toEqual(['support-1.md']);
    expect(files[0]!.text).toContain('# Lean support report');
  });
});
