/**
 * The strength of a policy as Google's csp_evaluator judges it (its default checks, CSP Level 3),
 * and what a suggestion changes in it. Kept out of `index.ts`: only the panel needs it, so the
 * library stays in the panel's chunk and out of the background and content scripts.
 */
import { checkIpSource, checkNonceLength, checkSrcHttp } from 'csp_evaluator/dist/checks/security_checks.js';
import { CspEvaluator, DEFAULT_CHECKS } from 'csp_evaluator/dist/evaluator.js';
import { Version } from 'csp_evaluator/dist/csp.js';
import { Severity, Type } from 'csp_evaluator/dist/finding.js';
import { CspParser } from 'csp_evaluator/dist/parser.js';
import { diff } from './proposal';
import { META_IGNORED_DIRECTIVES, parseSerializedCsp } from './parse';
import type { PolicySource } from './parse';
import { parseSourceExpression } from './source';

export type StrengthSeverity = 'high' | 'syntax' | 'medium' | 'high-maybe' | 'strict-csp' | 'medium-maybe' | 'info' | 'none';

export interface StrengthFinding {
  /** csp_evaluator's finding type, e.g. `SCRIPT_ALLOWLIST_BYPASS`. */
  type: string;
  severity: StrengthSeverity;
  directive: string;
  value: string | null;
  description: string;
}

const SEVERITY_NAMES: Record<number, StrengthSeverity> = {
  [Severity.HIGH]: 'high',
  [Severity.SYNTAX]: 'syntax',
  [Severity.MEDIUM]: 'medium',
  [Severity.HIGH_MAYBE]: 'high-maybe',
  [Severity.STRICT_CSP]: 'strict-csp',
  [Severity.MEDIUM_MAYBE]: 'medium-maybe',
  [Severity.INFO]: 'info',
  [Severity.NONE]: 'none',
};

/**
 * The checks about each written source (plain http, IP addresses, short nonces) run on the policy as
 * written. csp_evaluator runs its default checks on an "effective" policy from which, when
 * default-src carries 'strict-dynamic', it strips default-src's hosts — yet 'strict-dynamic' voids
 * them for scripts only (CSP3 §8.2), and they still govern images, frames and the rest.
 */
const AS_WRITTEN_CHECKS = [checkSrcHttp, checkIpSource, checkNonceLength];
const EFFECTIVE_CHECKS = DEFAULT_CHECKS.filter((check) => !AS_WRITTEN_CHECKS.includes(check));

/**
 * csp_evaluator's findings (its default checks, CSP3) for one serialized policy (no top-level
 * comma). The library throws on some sources it cannot parse as a URL (page data is hostile): that
 * policy then gets one `UNREADABLE` finding instead.
 */
export function evaluatePolicy(text: string): StrengthFinding[] {
  try {
    const csp = new CspParser(text).csp;
    return new CspEvaluator(csp, Version.CSP3).evaluate(AS_WRITTEN_CHECKS, EFFECTIVE_CHECKS).map((f) => ({
      type: Type[f.type] ?? String(f.type),
      severity: SEVERITY_NAMES[f.severity] ?? 'info',
      directive: f.directive,
      value: f.value ?? null,
      description: f.description,
    }));
  } catch {
    return [{ type: 'UNREADABLE', severity: 'info', directive: '', value: null, description: 'csp_evaluator could not read this policy (a source it cannot parse as a URL).' }];
  }
}

/**
 * Two findings are the same when type, severity and the value they are about agree (the directive
 * when there is no value). The directive is left out of a valued finding on purpose: a suggestion
 * that gives scripts their own `script-src` copied from `default-src` moves the same values, and
 * their findings, from one directive to the other without changing what they allow.
 */
export function findingKey(f: StrengthFinding): string {
  return `${f.type}|${f.severity}|${f.value ?? `@${f.directive}`}`;
}

/** A policy as a browser applies it: a `<meta>` one without the directives it ignores (CSP3 §3.3). */
function asApplied(text: string, source: PolicySource): string {
  if (source !== 'meta') return text;
  return parseSerializedCsp(text)
    .tokens.filter((t) => !META_IGNORED_DIRECTIVES.includes(t.name))
    .map((t) => t.text)
    .join('; ');
}

/** The findings of `after` that `before`, as the browser applies it, lacks. */
export function newFindings(before: string, after: string, source: PolicySource = 'header'): StrengthFinding[] {
  const known = new Set(evaluatePolicy(asApplied(before, source)).map(findingKey));
  return evaluatePolicy(after).filter((f) => !known.has(findingKey(f)));
}

/** Host sources a suggestion adds to the directives scripts are checked against. */
function addedScriptHosts(before: string, after: string): Set<string> {
  return new Set(
    diff(before, after)
      .filter((d) => d.directive.startsWith('script-src'))
      .flatMap((d) => d.added)
      .filter((v) => parseSourceExpression(v).kind === 'host'),
  );
}

/**
 * The one finding a suggestion may add: csp_evaluator's reminder on a script host the SDK must load
 * from ("No bypass found; make sure that this URL doesn't serve JSONP replies or Angular
 * libraries", medium-maybe). It names each allowed script host, so no policy can let the SDK's
 * scripts in by host without it; a host on its bypass lists would be `high` and is not accepted.
 */
export function isSdkHostReminder(f: StrengthFinding, before: string, after: string): boolean {
  return f.type === 'SCRIPT_ALLOWLIST_BYPASS' && f.severity === 'medium-maybe' && f.value !== null && addedScriptHosts(before, after).has(f.value);
}
