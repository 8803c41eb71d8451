/**
 * JUnit XML: one testsuite per target, one testcase per rule evaluated (passes included). A
 * rule fails when it has findings that fail the run (`--fail-on`, not baselined); its other
 * findings are listed in the testcase's output. Rules turned off are skipped; a target the
 * audit could not run has one erroring `audit` testcase.
 */
import junit from 'junit-report-builder';
import { type AuditReport, failsRun } from '../report';
import type { AuditFinding } from '../findings';
import { coverageLine } from './outcomes';

function describe(f: AuditFinding): string {
  const where = f.location.line === null ? f.location.uri : `${f.location.uri}:${f.location.line}`;
  const parts = [`[${f.severity}${f.baselined ? ', baseline' : ''}] ${f.message}`, `  at ${where}`];
  if (f.fix) parts.push(`  fix: ${f.fix}`);
  if (f.source) parts.push(`  rule: ${f.source}`);
  return parts.join('\n');
}

export function junitReport(report: AuditReport): string {
  const builder = junit.newBuilder();
  for (const target of report.targets) {
    const suite = builder.testSuite().name(target.name).time(target.durationMs / 1000);
    if (target.url) suite.property('url', target.url);
    // Outcome coverage (docs/overrides.md): the overrides the run applied, then one line per method.
    for (const spec of target.overrides) suite.property('override', spec);
    for (const row of target.outcomes) suite.property('outcomes', coverageLine(row));
    if (target.status === 'failed') {
      suite.testCase().className(target.name).name('audit').error(target.error ?? 'the audit could not run');
    }
    for (const rule of report.rules) {
      const testCase = suite.testCase().className(target.name).name(rule.id);
      if (rule.level === 'off') {
        testCase.skipped();
        continue;
      }
      const findings = target.findings.filter((f) => f.ruleId === rule.id);
      const failing = findings.filter((f) => failsRun(f, report.failOn));
      if (failing.length) testCase.failure(`${failing.length} finding(s): ${failing[0]!.message}`, rule.kind);
      if (findings.length) testCase.standardOutput(findings.map(describe).join('\n\n'));
    }
  }
  return builder.build();
}
