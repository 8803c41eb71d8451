/**
 * GitHub Actions: one workflow command per finding (`::error file=…,line=…::…`, baselined
 * findings as notices) and the step summary — a table of targets, then per target its findings
 * (at most `MAX_SUMMARY_FINDINGS`, each message cut to `MAX_SUMMARY_TEXT`) and the name of its
 * support report file (the panel's Markdown report, secrets redacted, personal data left out),
 * written beside the other reports rather than embedded. The summary stays under GitHub's
 * 1 MiB limit (`SUMMARY_LIMIT` bytes); past it, a note says where it was cut.
 */
import type { TabSession } from '../../protocol';
import { buildSupportReport } from '../../report/build';
import { code, text } from '../../report/markdown';
import { printable } from '../../report/terminal';
import type { Severity } from '../../model/types';
import type { AuditReport, TargetReport } from '../report';
import { coverageMarkdown } from './outcomes';

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub refuses a step summary over 1 MiB (and shows none of it). */
export const SUMMARY_LIMIT = 1024 * 1024;
/** Findings listed per target; report.json has them all. */
export const MAX_SUMMARY_FINDINGS = 50;
/** Characters of page text per table cell. */
export const MAX_SUMMARY_TEXT = 300;

/**
 * Workflow command data: `%`, CR and LF escaped (GitHub's toolkit `escapeData`), then every
 * other control character made visible, so no escape sequence reaches the log.
 */
function escapeData(value: string): string {
  return printable(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
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

/** The file each target's support report is written to (beside the other reports), by position. */
export function supportReportFile(index: number): string {
  return `support-${index + 1}.md`;
}

/** Each target's support report (the panel's Markdown, personal data left out), for the targets that have a session. */
export function supportReports(report: AuditReport, sessions: ReadonlyArray<TabSession | null>): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  sessions.forEach((session, i) => {
    if (!session) return;
    const body = buildSupportReport(
      {
        session,
        recordedWith: { extensionVersion: report.tool.version, browser: 'Chromium (lean-devtools audit)' },
        source: { kind: 'live' },
        callId: null,
        now: Date.parse(report.startedAt) + report.durationMs,
        generator: `${report.tool.name} ${report.tool.version}`,
      },
      { includePersonalData: false },
    );
    out.push({ file: supportReportFile(i), text: body });
  });
  return out;
}

/** At most `MAX_SUMMARY_TEXT` characters, one line, control and bidi characters made visible (`\x1b`, `\u202e`). */
function short(value: string): string {
  return printable(value.length > MAX_SUMMARY_TEXT ? `${value.slice(0, MAX_SUMMARY_TEXT)}…` : value);
}

/**
 * Text for an HTML context (`<summary>`): short, one line, every HTML and Markdown markup
 * character a numeric reference (shown as itself, never read as markup by either).
 */
function html(value: string): string {
  return short(value).replace(/[&<>"'`*_[\]()|#!~\\]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Page text for a table cell: short, Markdown escaped. */
function cell(value: string): string {
  return text(short(value));
}

function count(target: TargetReport, severity: Severity): number {
  return target.findings.filter((f) => !f.baselined && f.severity === severity).length;
}

function targetSection(target: TargetReport, index: number, hasSupportReport: boolean, artifacts: string): string[] {
  const total = target.findings.length;
  const lines = [
    '',
    `<details><summary>${html(target.name)}: ${total} finding(s)</summary>`,
    '',
  ];
  if (total) {
    lines.push('| severity | rule | message | where |', '|---|---|---|---|');
    for (const f of target.findings.slice(0, MAX_SUMMARY_FINDINGS)) {
      const where = f.location.line === null ? f.location.uri : `${f.location.uri}:${f.location.line}`;
      lines.push(`| ${f.severity}${f.baselined ? ' (baseline)' : ''} | ${text(f.ruleId)} | ${cell(f.message)} | ${code(short(where), true)} |`);
    }
    if (total > MAX_SUMMARY_FINDINGS) lines.push('', `…and ${total - MAX_SUMMARY_FINDINGS} more in report.json.`);
  }
  if (hasSupportReport) lines.push('', `Support report: ${code(supportReportFile(index))} ${artifacts}.`);
  lines.push('', '</details>');
  return lines;
}

export interface SummaryOptions {
  /** Where the reports can be downloaded (the workflow run's artifacts), or null. */
  artifactsUrl?: string | null;
}

/** The workflow run's page (where its artifacts are listed), from GitHub's own variables. */
export function artifactsUrlOf(env: Record<string, string | undefined>): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  if (!server || !repo || !run || !/^https:\/\/[\w.-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(run)) return null;
  return `${server}/${repo}/actions/runs/${run}#artifacts`;
}

/** Appends `lines` while they fit in `SUMMARY_LIMIT` bytes, then a note where it was cut. */
function bounded(lines: readonly string[]): string {
  const note = '\n> **Summary cut here**: GitHub shows no step summary over 1 MiB. Every finding is in report.json.\n';
  const budget = SUMMARY_LIMIT - Buffer.byteLength(note);
  let size = 0;
  const kept: string[] = [];
  for (const line of lines) {
    const bytes = Buffer.byteLength(line) + 1;
    if (size + bytes > budget) return kept.join('\n') + '\n' + note;
    size += bytes;
    kept.push(line);
  }
  return kept.join('\n') + '\n';
}

export function githubStepSummary(report: AuditReport, sessions: ReadonlyArray<TabSession | null>, options: SummaryOptions = {}): string {
  const out: string[] = ['## Lean DevTools audit', ''];
  const { summary } = report;
  out.push(
    `${summary.targets} target(s), ${summary.error} error(s), ${summary.warning} warning(s), ${summary.info} info, ${summary.baselined} in the baseline; fail on ${report.failOn}: exit ${report.exitCode}.`,
    '',
    '| target | status | calls | errors | warnings |',
    '|---|---|---|---|---|',
  );
  for (const t of report.targets) {
    const status = t.status === 'ok' ? 'ok' : `failed: ${cell(t.error ?? '')}`;
    out.push(`| ${cell(t.name)} | ${status} | ${t.calls} | ${count(t, 'error')} | ${count(t, 'warning')} |`);
  }
  const artifacts = options.artifactsUrl ? `in the audit's output folder ([the run's artifacts](${options.artifactsUrl}))` : "in the audit's output folder";
  report.targets.forEach((t, i) => {
    if (t.findings.length || sessions[i]) out.push(...targetSection(t, i, Boolean(sessions[i]), artifacts));
    out.push(...coverageMarkdown(t, cell(t.name)));
  });
  if (report.targets.length === 0) out.push('', code('no targets'));
  return bounded(out);
}
