/**
 * Every output format, from the canonical report: the file each writes (in the output
 * directory) and its text. `github` also prints its workflow commands, writes each target's
 * support report beside its summary and appends the summary to `$GITHUB_STEP_SUMMARY` when
 * set (the caller's job).
 */
import type { TabSession } from '../../protocol';
import type { ReporterName } from '../config';
import type { AuditReport } from '../report';
import { codeQualityReport } from './codequality';
import { githubStepSummary, type SummaryOptions } from './github';
import { junitReport } from './junit';
import { sarifReport } from './sarif';

export const REPORT_FILES: Readonly<Record<ReporterName, string>> = {
  json: 'report.json',
  junit: 'junit.xml',
  sarif: 'report.sarif',
  github: 'summary.md',
  codequality: 'gl-code-quality-report.json',
};

export function renderReport(name: ReporterName, report: AuditReport, sessions: ReadonlyArray<TabSession | null>, summary: SummaryOptions = {}): string {
  switch (name) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'junit':
      return junitReport(report);
    case 'sarif':
      return sarifReport(report);
    case 'github':
      return githubStepSummary(report, sessions, summary);
    case 'codequality':
      return codeQualityReport(report) + '\n';
  }
}

export { artifactsUrlOf, githubAnnotations, supportReports } from './github';
