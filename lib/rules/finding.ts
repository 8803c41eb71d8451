/** Building, ordering and summarising findings. */
import type { Finding, Severity } from '../model/types';
import { RULES, type RuleId } from './sources';

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/**
 * A finding of rule `rule`. Its severity never exceeds what the rule's evidence supports
 * (the catalogue in `sources.ts`, docs/lean-sdk-reference.md §6): a rule asking for more is
 * held to its catalogued severity.
 */
export function finding(
  code: string,
  severity: Severity,
  field: string | null,
  message: string,
  rule: RuleId,
  fix?: string,
): Finding {
  const ceiling = RULES[rule].severity;
  const result: Finding = { code, severity: RANK[severity] > RANK[ceiling] ? ceiling : severity, field, message, source: rule };
  if (fix !== undefined) result.fix = fix;
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Deterministic order: by field (findings about the whole call, field null, first),
 * then code, then message. Plain code-unit comparison, so the order never depends on locale.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compare(a.field ?? '', b.field ?? '') ||
      (a.field === null ? 0 : 1) - (b.field === null ? 0 : 1) ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

/** The most severe finding's severity, or null when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) {
    if (worst === null || RANK[f.severity] > RANK[worst]) worst = f.severity;
  }
  return worst;
}
