/**
 * The canonical JSON report (`docs/audit-report-format.md`): every other format is written
 * from it. `format` and `version` follow the session file's rule: bump `version` on any
 * incompatible change.
 */
import type { CspAudit, Severity } from '../model/types';
import type { OutcomeCoverageRow } from '../model/outcome-coverage';
import type { FailOn, RuleLevel } from './config';
import type { AuditFinding } from './findings';
import { RULES, type RuleKind } from './rule-catalog';

export const AUDIT_FORMAT = 'lean-devtools-audit';
export const AUDIT_VERSION = 1;

export type TargetStatus = 'ok' | 'failed';

export interface TargetReport {
  name: string;
  url: string | null;
  flow: string | null;
  status: TargetStatus;
  /** Why the audit could not do its job on this target (status `failed`). */
  error: string | null;
  /** The URL the page ended on. */
  finalUrl: string | null;
  durationMs: number;
  leanDetected: boolean;
  calls: number;
  droppedEvents: number;
  refusedMessages: number;
  csp: CspAudit | null;
  findings: AuditFinding[];
  /** Outcome overrides the target was given, at init or by its flow (`pay=ERROR:INVALID_CREDENTIALS`; docs/overrides.md). */
  overrides: string[];
  /** Per method: the outcomes the SDK answered and those overrides made the page's callback get. */
  outcomes: OutcomeCoverageRow[];
}

export interface RuleReport {
  id: string;
  kind: RuleKind;
  description: string;
  /** `default` when no `--rule` override applies. */
  level: RuleLevel | 'default';
}

export interface AuditReport {
  format: typeof AUDIT_FORMAT;
  version: typeof AUDIT_VERSION;
  tool: { name: string; version: string };
  /** How Chromium ran (site isolation is always on); null when it did not start. */
  browser: BrowserReport | null;
  startedAt: string;
  durationMs: number;
  failOn: FailOn;
  exitCode: 0 | 1 | 2;
  summary: { targets: number; failedTargets: number; error: number; warning: number; info: number; baselined: number };
  rules: RuleReport[];
  targets: TargetReport[];
}

export interface BrowserReport {
  /** Chromium's sandbox was on (off with `--no-sandbox`, or when running as root). */
  sandbox: boolean;
}

export interface ReportInput {
  tool: { name: string; version: string };
  browser?: BrowserReport | null;
  startedAt: number;
  finishedAt: number;
  failOn: FailOn;
  rules: Readonly<Record<string, RuleLevel>>;
  targets: TargetReport[];
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/**
 * 2: the tool could not do its job on some target; 1: a finding (not in the baseline) at or
 * above `failOn`; 0: neither.
 */
export function exitCodeOf(targets: readonly TargetReport[], failOn: FailOn): 0 | 1 | 2 {
  if (targets.some((t) => t.status === 'failed')) return 2;
  return targets.some((t) => t.findings.some((f) => failsRun(f, failOn))) ? 1 : 0;
}

export function failsRun(finding: Pick<AuditFinding, 'severity' | 'baselined'>, failOn: FailOn): boolean {
  return failOn !== 'never' && !finding.baselined && RANK[finding.severity] >= RANK[failOn];
}

/** The session format's CspAudit fields only (the panel's matrix and notes stay out of the report). */
export function publicCsp(csp: CspAudit | null): CspAudit | null {
  if (!csp) return null;
  return {
    policies: csp.policies,
    blocked: csp.blocked.map(({ directive, url, policyIndex }) => ({ directive, url, policyIndex })),
    suggestedPolicy: csp.suggestedPolicy,
  };
}

export function buildReport(input: ReportInput): AuditReport {
  const summary = { targets: input.targets.length, failedTargets: 0, error: 0, warning: 0, info: 0, baselined: 0 };
  for (const target of input.targets) {
    if (target.status === 'failed') summary.failedTargets++;
    for (const f of target.findings) {
      if (f.baselined) summary.baselined++;
      else summary[f.severity]++;
    }
  }
  const known = new Set(RULES.map((r) => r.id));
  // A code the catalogue does not know yet is still reported as a rule of its own.
  const extra = input.targets.flatMap((t) => t.findings.map((f) => f.ruleId)).filter((id) => !known.has(id));
  const rules: RuleReport[] = [
    ...RULES,
    ...[...new Set(extra)].map((id) => ({ id, kind: 'config' as const, description: id })),
  ].map((r) => ({ id: r.id, kind: r.kind, description: r.description, level: input.rules[r.id] ?? 'default' }));
  return {
    format: AUDIT_FORMAT,
    version: AUDIT_VERSION,
    tool: input.tool,
    browser: input.browser ?? null,
    startedAt: new Date(input.startedAt).toISOString(),
    durationMs: input.finishedAt - input.startedAt,
    failOn: input.failOn,
    exitCode: exitCodeOf(input.targets, input.failOn),
    summary,
    rules,
    targets: input.targets,
  };
}

/** The fingerprints a previous report holds (its findings, baselined or not). Throws on a file of another format. */
export function baselineFingerprints(json: unknown): Set<string> {
  const report = json as Partial<AuditReport> | null;
  if (report?.format !== AUDIT_FORMAT || !Array.isArray(report.targets)) {
    throw new Error(`not a ${AUDIT_FORMAT} report`);
  }
  return new Set(report.targets.flatMap((t) => (Array.isArray(t.findings) ? t.findings.map((f) => f.fingerprint) : [])));
}
