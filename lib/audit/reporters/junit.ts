/**
 * JUnit XML: one testsuite per target, one testcase per rule evaluated (passes included). A
 * rule fails when it has findings that fail the run (`--fail-on`, not baselined); its other
 * findings are listed in the testcase's output. Rules turned off are skipped; a target the
 * audit could not run has one erroring `audit` testcase.
 *
 * Written with `./xml` (escaped text, no CDATA): any page text — `]]>`, `<testcase>`, control
 * characters, lone surrogates — parses back as the same text (XML-forbidden characters as
 * U+FFFD), never as markup.
 */
import { type AuditReport, failsRun, type TargetReport } from '../report';
import type { AuditFinding } from '../findings';
import { element } from './xml';
import { coverageLine } from './outcomes';

function describe(f: AuditFinding): string {
  const where = f.location.line === null ? f.location.uri : `${f.location.uri}:${f.location.line}`;
  const parts = [`[${f.severity}${f.baselined ? ', baseline' : ''}] ${f.message}`, `  at ${where}`];
  if (f.fix) parts.push(`  fix: ${f.fix}`);
  if (f.source) parts.push(`  rule: ${f.source}`);
  return parts.join('\n');
}

/** The text of a rule's testcase output: each of its findings. */
export function junitOutput(findings: readonly AuditFinding[]): string {
  return findings.map(describe).join('\n\n');
}

/** The failure message of a rule with failing findings. */
export function junitFailureMessage(failing: readonly AuditFinding[]): string {
  return `${failing.length} finding(s): ${failing[0]!.message}`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function suite(report: AuditReport, target: TargetReport, counts: Counts): string {
  const cases: string[] = [];
  const local: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  if (target.status === 'failed') {
    local.tests++;
    local.errors++;
    const message = target.error ?? 'the audit could not run';
    cases.push(element('testcase', { classname: target.name, name: 'audit' }, [element('error', { message }, message)]));
  }
  for (const rule of report.rules) {
    local.tests++;
    const attributes = { classname: target.name, name: rule.id };
    if (rule.level === 'off') {
      local.skipped++;
      cases.push(element('testcase', attributes, [element('skipped', {})]));
      continue;
    }
    const findings = target.findings.filter((f) => f.ruleId === rule.id);
    const failing = findings.filter((f) => failsRun(f, report.failOn));
    const children: string[] = [];
    if (failing.length) {
      local.failures++;
      children.push(element('failure', { message: junitFailureMessage(failing), type: rule.kind }));
    }
    if (findings.length) children.push(element('system-out', {}, junitOutput(findings)));
    cases.push(element('testcase', attributes, children));
  }
  for (const key of Object.keys(local) as Array<keyof Counts>) counts[key] += local[key];
  // Outcome coverage (docs/overrides.md): the overrides the run applied, then one line per method.
  const props = [
    ...(target.url === null ? [] : [element('property', { name: 'url', value: target.url })]),
    ...target.overrides.map((spec) => element('property', { name: 'override', value: spec })),
    ...target.outcomes.map((row) => element('property', { name: 'outcomes', value: coverageLine(row) })),
  ];
  const properties = props.length ? [element('properties', {}, props)] : [];
  return element('testsuite', { name: target.name, ...local, time: target.durationMs / 1000 }, [...properties, ...cases]);
}

export function junitReport(report: AuditReport): string {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = report.targets.map((target) => suite(report, target, counts));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('testsuites', { ...counts }, suites)}\n`;
}
