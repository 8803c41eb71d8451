/**
 * A target's findings as the panel shows them, in one flat list: each call's findings (the
 * validator's, computed as the call entered the session), the session rules', and one per
 * SDK host the page's enforced CSP blocks. Then the run's choices: severity overrides
 * (`--rule`), and the baseline's findings marked so they do not fail the run.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { TabSession } from '../protocol';
import { citeSource, sessionFindings } from '../rules';
import type { Severity } from '../model/types';
import type { RuleLevel } from './config';
import { CSP_BLOCKED, type RuleKind, ruleInfo } from './rule-catalog';

export interface SourceLocation {
  /** The page's script URL (call site), the page URL, or the repository file that sets the CSP. */
  uri: string;
  line: number | null;
  column: number | null;
}

export interface AuditFinding {
  ruleId: string;
  kind: RuleKind;
  severity: Severity;
  /** The severity the rule gave, before `--rule` overrides. */
  defaultSeverity: Severity;
  message: string;
  /** The config path it concerns (`customization.theme_color`), or null. */
  field: string | null;
  /** The SDK reference section the rule comes from. */
  source: string | null;
  fix: string | null;
  /** The Lean method called, for config findings. */
  method: string | null;
  location: SourceLocation;
  /** Stable across runs: no times, ids, line numbers or redacted values in it. */
  fingerprint: string;
  /** Also in the baseline: reported, never failing the run. */
  baselined: boolean;
}

export interface FindingContext {
  targetName: string;
  pageUrl: string;
  /** Where CSP findings are located: the target's `cspFile`, the config file, or the page. */
  cspLocation: string;
  /** The time session rules judge at (the end of the run). */
  now: number;
}

const CALLSITE = /^(.*):(\d+):(\d+)$/;

/**
 * A call site's script is page text (`//# sourceURL=` names it): kept only when it is a web
 * address (`http:`, `https:`), or a `file:` URL on a `file:` page. Anything else (a bare path,
 * `../.github/…`, a `file:` URL claimed by a web page) would name a file of the runner or the
 * repository, so the finding is located at its frame instead.
 */
function isScriptAddress(uri: string, frameUrl: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return URL.canParse(uri);
  return scheme === 'file' && /^file:/i.test(frameUrl) && URL.canParse(uri);
}

export function parseCallsite(callsite: string | null, fallback: string): SourceLocation {
  const match = callsite ? CALLSITE.exec(callsite) : null;
  if (!match || !isScriptAddress(match[1]!, fallback)) return { uri: fallback, line: null, column: null };
  return { uri: match[1]!, line: Number(match[2]), column: Number(match[3]) };
}

function fingerprint(parts: readonly (string | null)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function withoutQuery(uri: string): string {
  return uri.replace(/[?#].*$/, '');
}

/** The findings the panel shows for this session, unfiltered. */
export function collectFindings(session: TabSession, context: FindingContext): AuditFinding[] {
  const out: AuditFinding[] = [];
  const add = (
    f: { code: string; severity: Severity; message: string; field: string | null; source?: string; fix?: string },
    method: string | null,
    location: SourceLocation,
    identity: readonly (string | null)[],
  ) => {
    out.push({
      ruleId: f.code,
      kind: ruleInfo(f.code).kind,
      severity: f.severity,
      defaultSeverity: f.severity,
      message: f.message,
      field: f.field,
      source: f.source === undefined ? null : citeSource(f.source).text,
      fix: f.fix ?? null,
      method,
      location,
      fingerprint: fingerprint([context.targetName, f.code, ...identity]),
      baselined: false,
    });
  };
  for (const event of session.events) {
    if (event.type !== 'call') continue;
    const location = parseCallsite(event.callsite, event.frameUrl);
    for (const f of event.findings) add(f, event.method, location, [event.method, f.field, withoutQuery(location.uri)]);
  }
  for (const f of sessionFindings(session.events, context.now)) {
    add(f, null, { uri: context.pageUrl, line: null, column: null }, [f.field, withoutQuery(context.pageUrl)]);
  }
  const csp = session.csp;
  for (const blocked of csp?.blocked ?? []) {
    const policy = csp!.policies[blocked.policyIndex];
    const how = policy?.source === 'meta' ? '<meta>' : policy?.disposition === 'report' ? 'report-only header' : 'header';
    add(
      {
        code: CSP_BLOCKED,
        severity: 'error',
        field: null,
        message: `The page's CSP (policy ${blocked.policyIndex + 1}, ${how}) blocks ${blocked.url} under ${blocked.directive}: the Lean SDK cannot load or connect.`,
        source: 'SDK reference §7, Content Security Policy the SDK needs',
        fix: csp!.suggestedPolicy ? `Serve this policy instead: ${csp!.suggestedPolicy}` : undefined,
      },
      null,
      { uri: context.cspLocation, line: null, column: null },
      [blocked.directive, blocked.url, policy?.source ?? null],
    );
  }
  return out;
}

/** `--rule` overrides: a new severity, or the finding left out (`off`). */
export function applyRuleLevels(findings: readonly AuditFinding[], rules: Readonly<Record<string, RuleLevel>>): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const f of findings) {
    const level = rules[f.ruleId];
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  return out;
}

/** Marks the findings whose fingerprint the baseline holds. */
export function applyBaseline(findings: readonly AuditFinding[], baseline: ReadonlySet<string>): AuditFinding[] {
  return findings.map((f) => (baseline.has(f.fingerprint) ? { ...f, baselined: true } : f));
}

/**
 * The rest of a URL after a `pathMap` prefix, as a path inside the mapped folder: decoded and
 * normalised, or null when it would leave the folder (`..`), is absolute, or is odd (empty,
 * undecodable, a backslash, a control character or a `:`).
 */
function pathInside(rest: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutQuery(rest));
  } catch {
    return null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a path with control characters is refused
  if (decoded === '' || decoded.startsWith('/') || /[\\:\u0000-\u001f\u007f-\u009f]/.test(decoded)) return null;
  const normal = path.posix.normalize(decoded);
  if (normal === '.' || normal === '..' || normal.startsWith('../')) return null;
  return normal;
}

/**
 * URL prefix → repository path prefix; the longest prefix that matches wins. A rest that would
 * leave the mapped folder (see `pathInside`) is not mapped: the location stays its URL, which
 * code scanning cannot place on a repository file.
 */
export function mapLocation(location: SourceLocation, pathMap: Readonly<Record<string, string>>): SourceLocation {
  let best = '';
  for (const prefix of Object.keys(pathMap)) if (location.uri.startsWith(prefix) && prefix.length > best.length) best = prefix;
  if (!best) return location;
  const inside = pathInside(location.uri.slice(best.length));
  return inside === null ? location : { ...location, uri: pathMap[best]! + inside };
}
