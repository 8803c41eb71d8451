import { describe, expect, it } from 'vitest';
import { applyBaseline, applyRuleLevels, collectFindings, mapLocation, parseCallsite } from '../../../lib/audit/findings';
import { baselineFingerprints, exitCodeOf } from '../../../lib/audit/report';
import { citeSource } from '../../../lib/rules/sources';
import { PAGE, sampleReport, sessionWithMistakes, target } from '../support/audit-fixtures';

const context = { targetName: 'checkout', pageUrl: PAGE, cspLocation: 'nginx/site.conf', now: 10_000 };

describe('audit findings', () => {
  it('lists each call finding at its call site and each blocked CSP host at the CSP file', () => {
    const findings = collectFindings(sessionWithMistakes(), context);
    expect(findings.map((f) => [f.ruleId, f.severity, f.location.uri, f.location.line])).toEqual([
      ['missing-required', 'error', 'https://shop.example/js/app.js?v=3', 42],
      ['unknown-field', 'warning', 'https://shop.example/js/app.js?v=3', 42],
      ['csp-blocked', 'error', 'nginx/site.conf', null],
    ]);
    expect(findings[2]!.message).toContain('https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js');
  });

  it('cites each finding’s rule the way the panel and the support report do', () => {
    const session = sessionWithMistakes();
    const events = session.events.map((e) => (e.type === 'call' ? { ...e, findings: e.findings.map((f) => ({ ...f, source: 'REQUIRED' })) } : e));
    const [first] = collectFindings({ ...session, events }, context);
    expect(first!.source).toBe(citeSource('REQUIRED').text);
    expect(first!.source).toContain('SDK reference rule REQUIRED — Lean Web SDK page (seed §1)');
  });

  it('gives a finding the same fingerprint when only times, ids and line numbers change', () => {
    const session = sessionWithMistakes();
    const moved = sessionWithMistakes();
    const first = moved.events[0]!;
    if (first.type === 'call') Object.assign(first, { id: 'other', time: 99, callsite: 'https://shop.example/js/app.js?v=4:50:1' });
    expect(collectFindings(moved, context).map((f) => f.fingerprint)).toEqual(collectFindings(session, context).map((f) => f.fingerprint));
    expect(new Set(collectFindings(session, context).map((f) => f.fingerprint)).size).toBe(3);
  });

  it('changes a rule’s severity, or drops its findings, as --rule says', () => {
    const findings = collectFindings(sessionWithMistakes(), context);
    const changed = applyRuleLevels(findings, { 'unknown-field': 'error', 'csp-blocked': 'off' });
    expect(changed.map((f) => [f.ruleId, f.severity, f.defaultSeverity])).toEqual([
      ['missing-required', 'error', 'error'],
      ['unknown-field', 'error', 'warning'],
    ]);
  });

  it('marks the findings a baseline holds', () => {
    const findings = collectFindings(sessionWithMistakes(), context);
    const marked = applyBaseline(findings, new Set([findings[0]!.fingerprint]));
    expect(marked.map((f) => f.baselined)).toEqual([true, false, false]);
  });

  it('maps a URL to a repository file by the longest matching prefix, dropping the query', () => {
    const location = parseCallsite('https://shop.example/js/app.js?v=3:42:7', PAGE);
    expect(mapLocation(location, { 'https://shop.example/': 'public/', 'https://shop.example/js/': 'src/js/' })).toEqual({
      uri: 'src/js/app.js',
      line: 42,
      column: 7,
    });
    expect(mapLocation(location, { 'https://cdn.example/': 'x/' })).toBe(location);
  });

  it('locates a call without a call site at its page', () => {
    expect(parseCallsite(null, PAGE)).toEqual({ uri: PAGE, line: null, column: null });
  });
});

describe('audit exit code', () => {
  const ok = target('checkout', sessionWithMistakes());

  it('is 1 when a finding is at or above --fail-on', () => {
    expect(exitCodeOf([ok], 'error')).toBe(1);
    expect(exitCodeOf([ok], 'warning')).toBe(1);
  });

  it('is 0 with --fail-on never, or when nothing reaches the threshold', () => {
    expect(exitCodeOf([ok], 'never')).toBe(0);
    const warningsOnly = { ...ok, findings: ok.findings.filter((f) => f.severity === 'warning') };
    expect(exitCodeOf([warningsOnly], 'error')).toBe(0);
    expect(exitCodeOf([warningsOnly], 'warning')).toBe(1);
  });

  it('is 0 when every failing finding is in the baseline', () => {
    const baselined = { ...ok, findings: ok.findings.map((f) => ({ ...f, baselined: true })) };
    expect(exitCodeOf([baselined], 'warning')).toBe(0);
  });

  it('is 2 when the audit could not do its job on a target, whatever the findings', () => {
    expect(exitCodeOf([ok, { ...ok, status: 'failed', error: 'flow threw' }], 'never')).toBe(2);
  });

  it('is recorded in the report with counts that leave baselined findings apart', () => {
    const report = sampleReport();
    expect(report.exitCode).toBe(2);
    expect(report.summary).toEqual({ targets: 2, failedTargets: 1, error: 2, warning: 1, info: 0, baselined: 0 });
    expect(report.rules.find((r) => r.id === 'loader-late')?.level).toBe('off');
  });
});

describe('audit baseline file', () => {
  it('reads the fingerprints of a previous report', () => {
    const report = sampleReport();
    expect(baselineFingerprints(JSON.parse(JSON.stringify(report)))).toEqual(new Set(report.targets[0]!.findings.map((f) => f.fingerprint)));
  });

  it('refuses a file of another format', () => {
    expect(() => baselineFingerprints({ format: 'lean-devtools-session' })).toThrow(/not a lean-devtools-audit report/);
  });
});
