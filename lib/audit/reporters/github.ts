/**
 * GitHub Actions: one workflow command per finding (`::error file=…,line=…::…`, baselined
 * findings as notices) and the step summary — a table of targets, then each target's
 * Markdown support report (the panel's, secrets redacted, personal data left out).
 */
import type { TabSession } from '../../protocol';
import { buildSupportReport } from '../../report/build';
import { code, text } from '../../report/markdown';
import type { Severity } from '../../model/types';
import type { AuditReport } from '../report';
import { coverageMarkdown } from './outcomes';

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow command data: `%`, CR and LF escaped (GitHub's toolkit `escapeData`). */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties: also `:` and `,` (`escapeProperty`). */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotations(report: AuditReport): string {
  const lines: string[] = [];
  for (const target of report.targets) {
    if (target.status === 'failed') {
      lines.push(`::error title=${escapeProperty(`lean-devtools: ${target.name}`)}::${escapeData(target.error ?? 'the audit could not run')}`);
    }
    for (const f of target.findings) {
      const props = [`file=${escapeProperty(f.location.uri)}`];
      if (f.location.line !== null) props.push(`line=${f.location.line}`);
      if (f.location.column !== null) props.push(`col=${f.location.column}`);
      props.push(`title=${escapeProperty(`${f.ruleId} (${target.name})`)}`);
      const command = f.baselined ? 'notice' : COMMAND[f.severity];
      lines.push(`::${command} ${props.join(',')}::${escapeData(f.message + (f.fix ? `\nFix: ${f.fix}` : ''))}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function githubStepSummary(report: AuditReport, sessions: ReadonlyArray<TabSession | null>): string {
  const out: string[] = ['## Lean DevTools audit', ''];
  const { summary } = report;
  out.push(
    `${summary.targets} target(s), ${summary.error} error(s), ${summary.warning} warning(s), ${summary.info} info, ${summary.baselined} in the baseline; fail on ${report.failOn}: exit ${report.exitCode}.`,
    '',
    '| target | status | calls | errors | warnings |',
    '|---|---|---|---|---|',
  );
  for (const t of report.targets) {
    const count = (s: Severity) => t.findings.filter((f) => !f.baselined && f.severity === s).length;
    const status = t.status === 'ok' ? 'ok' : `failed: ${text(t.error ?? '')}`;
    out.push(`| ${text(t.name)} | ${status} | ${t.calls} | ${count('error')} | ${count('warning')} |`);
  }
  for (const t of report.targets) out.push(...coverageMarkdown(t));
  report.targets.forEach((t, i) => {
    const session = sessions[i];
    if (!session) return;
    out.push('', `<details><summary>Support report: ${text(t.name)}</summary>`, '');
    out.push(
      buildSupportReport(
        {
          session,
          recordedWith: { extensionVersion: report.tool.version, browser: 'Chromium (lean-devtools audit)' },
          source: { kind: 'live' },
          callId: null,
          now: Date.parse(report.startedAt) + report.durationMs,
          generator: `${report.tool.name} ${report.tool.version}`,
        },
        { includePersonalData: false },
      ),
      '',
      '</details>',
    );
  });
  if (report.targets.length === 0) out.push('', code('no targets'));
  return out.join('\n') + '\n';
}
