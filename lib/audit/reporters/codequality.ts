/**
 * GitLab Code Quality (a subset of Code Climate's format): one issue per finding not in the
 * baseline, located like SARIF's (line 1 when the finding has none, as the format needs one).
 * Text is made well-formed (lone surrogates as U+FFFD) so every JSON reader takes it.
 */
import type { Severity } from '../../model/types';
import { wellFormed } from '../../report/terminal';
import type { AuditReport } from '../report';

const SEVERITY: Readonly<Record<Severity, 'info' | 'minor' | 'major' | 'critical'>> = {
  info: 'info',
  warning: 'major',
  error: 'critical',
};

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

export function codeQualityReport(report: AuditReport): string {
  const issues: CodeQualityIssue[] = [];
  for (const target of report.targets) {
    for (const f of target.findings) {
      if (f.baselined) continue;
      issues.push({
        description: wellFormed(`${f.message} (${target.name})`),
        check_name: f.ruleId,
        fingerprint: f.fingerprint,
        severity: SEVERITY[f.severity],
        location: { path: wellFormed(f.location.uri), lines: { begin: f.location.line ?? 1 } },
      });
    }
  }
  return JSON.stringify(issues, null, 2);
}
