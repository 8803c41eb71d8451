/**
 * What the panel's CSP view shows, as plain data: the audit recomputed from the session
 * (`auditSessionCsp`, the function the background uses, so a live tab and an imported file
 * show the same), plus what only the view needs — row keys and labels, the scope in words,
 * which applied policy each collected one became, and each CSP violation linked to the matrix
 * row it confirms. Pure: no DOM, no extension APIs.
 *
 * Past 400 lines but one job: every function here feeds `buildCspViewModel`, and the view types
 * it returns are declared beside it.
 */
import { parseCspPolicies, SDK_CSP, inScope } from '../../csp';
import type { CspAuditResult, MatrixRow, PerPolicyVerdict, PolicySuggestion, Scope, VerdictReason } from '../../csp';
import { evaluatePolicy, isSdkHostReminder, newFindings } from '../../csp/strength';
import type { StrengthFinding } from '../../csp/strength';
import { auditSessionCsp } from '../../csp/session-audit';
import type { CspAudit, CspPolicy, CspProposal, CspViolationEvent, SessionEvent } from '../../model/types';
import { policyLabel, REGION_NAME } from '../../model/vocabulary';

/** The part of a session the view reads: a live `TabSession` or an imported session file. */
export interface CspViewInput {
  url: string;
  events: readonly SessionEvent[];
  csp: CspAudit | null;
}

/** A session file (`session-format.md`) as view input. */
export function cspInputFromFile(file: { tab: { url: string }; events: readonly SessionEvent[]; csp: CspAudit | null }): CspViewInput {
  return { url: file.tab.url, events: file.events, csp: file.csp };
}

export interface PolicyLabel {
  /** `Policy 2 (<meta>)` — the same words the audit's notes use. */
  label: string;
  source: CspPolicy['source'];
  disposition: CspPolicy['disposition'];
}

export interface MatrixRowView {
  key: string;
  row: MatrixRow;
  /** The row's host (or `data:` / `blob:` / the page's origin for `'self'`). */
  host: string;
  /** `Policy 1 (header) · default-src`, or null when no policy has a directive for it. */
  decidedBy: string | null;
  /** The deciding directive is a fallback (`default-src` for a `connect-src` request …). */
  fallback: boolean;
  /** Why, in a few words (`not listed`, `needs the nonce ('strict-dynamic')` …). */
  reason: string;
  /** One line per policy when there are several. */
  perPolicy: string[];
  /** Violations of this document that name this row's request directive and host. */
  violations: string[];
  /** A violation agrees with the row's verdict. */
  confirmed: boolean;
  /** A violation was seen although the audit expected this request to pass that way. */
  contradicted: boolean;
}

export interface MatrixGroup {
  directive: MatrixRow['directive'];
  requestDirective: string;
  rows: MatrixRowView[];
}

export type ViolationContext = 'current' | 'other-frame' | 'earlier-document';

export interface ViolationView {
  /** The first of identical reports (same document, frame, URI, directive, disposition, source). */
  event: CspViolationEvent;
  /** How many identical reports it stands for: Chromium reports a report-only fetch twice. */
  count: number;
  /** The matrix row it confirms, when it names one of the SDK's requests on this page's policy. */
  rowKey: string | null;
  context: ViolationContext;
  /** Why it is not linked, in words (null when linked). */
  unlinkedReason: string | null;
  /** `file.js:12`, or null when the browser gave no source. */
  source: string | null;
}

export interface CollectedPolicyView extends CspPolicy {
  /** Labels of the applied policies it became (a comma-joined header gives several, an ignored one none). */
  applied: string[];
}

export interface AppliedPolicyView extends PolicyLabel, CspPolicy {
  index: number;
}

export interface SuggestionView {
  suggestion: PolicySuggestion;
  policy: PolicyLabel;
  /** The strict variant adds nothing. */
  unchanged: boolean;
  /** SDK requests this policy blocks (or reports) that adding sources cannot fix ('strict-dynamic'). */
  unfixable: number;
  /** csp_evaluator findings of the strict variant the page's policy lacks. */
  added: AddedFinding[];
}

export interface AddedFinding extends StrengthFinding {
  /** csp_evaluator's reminder on a script host the SDK must load from: the one finding a suggestion may add. */
  sdkHostReminder: boolean;
}

/** csp_evaluator's findings for one applied policy, as the page has it. */
export interface StrengthView {
  policy: PolicyLabel;
  findings: StrengthFinding[];
}

/** The proposal for one collected policy, by where it is delivered. */
export interface ProposalView {
  proposal: CspProposal;
  /** Where to put it, in words. */
  where: string;
  unchanged: boolean;
  /** The findings its applied policies' suggestions add (see `SuggestionView.added`). */
  added: AddedFinding[];
}

export interface ScopeView {
  scope: Scope;
  /** `UAE sandbox`, `KSA, any environment`, or null when nothing is known. */
  name: string | null;
  neededHosts: number;
  totalHosts: number;
  /** `UAE sandbox — 15 hosts of 21 needed`. */
  summary: string;
}

export type Verdict =
  /** The page has no policy at all. */
  | 'no-csp'
  /** Only report-only (or ignored) policies. */
  | 'no-enforced'
  | 'blocked'
  | 'allowed';

export interface CspViewModel {
  verdict: Verdict;
  /** One sentence that says it plainly. */
  headline: string;
  audit: CspAuditResult | null;
  collected: CollectedPolicyView[];
  applied: AppliedPolicyView[];
  scope: ScopeView;
  /** Every row of the vendor table, grouped by directive; `row.inScope` tells the subset. */
  groups: MatrixGroup[];
  violations: ViolationView[];
  notes: string[];
  suggestions: SuggestionView[];
  /** One per collected policy that applies: header, report-only header and `<meta>` proposals apart. */
  proposals: ProposalView[];
  /** csp_evaluator's findings, one entry per applied policy. */
  strength: StrengthView[];
  /** The current document shows the loader ran (a loader tag, then `Lean` hooked or called). */
  loaderRan: boolean;
}

export function rowKey(row: Pick<MatrixRow, 'directive' | 'source'>): string {
  return `${row.directive} ${row.source}`;
}

const REASONS: Record<VerdictReason, string> = {
  'no-directive': 'no directive governs it',
  'source-match': 'listed',
  nonce: 'allowed by its nonce',
  hash: 'allowed by its integrity hash',
  'strict-dynamic': "trusted through 'strict-dynamic' (inserted by the loader)",
  'strict-dynamic-parser-inserted': "'strict-dynamic' ignores hosts: the loader tag needs the policy's nonce or hash",
  none: "'none'",
  'no-match': 'not listed',
  'unused-fallback': 'every SDK request type has its own directive: default-src governs none of them',
};

function hostOfUrl(url: string): string | null {
  if (/^data(?::|$)/i.test(url)) return 'data:';
  if (/^blob(?::|$)/i.test(url)) return 'blob:';
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

/** Chromium and Firefox name a `<script src>` / stylesheet request by its -elem directive; older reports by the parent. */
function normalizeDirective(directive: string): string {
  const lower = directive.toLowerCase();
  if (lower === 'script-src') return 'script-src-elem';
  if (lower === 'style-src') return 'style-src-elem';
  return lower;
}

function sourceOf(event: CspViolationEvent): string | null {
  if (!event.sourceFile) return null;
  let file = event.sourceFile;
  try {
    const url = new URL(file);
    file = url.pathname.split('/').pop() || url.host || file;
  } catch {
    // Keep what the browser gave.
  }
  return event.lineNumber > 0 ? `${file}:${event.lineNumber}` : file;
}

/** The events of the current document: everything after the last navigation. */
function currentDocumentStart(events: readonly SessionEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === 'navigation') return i;
  return 0;
}

/** Why, in words; a default-src row names the SDK request types that fall back to it, a scheme-dependent row its environment. */
function rowReason(row: MatrixRow, deciding: PerPolicyVerdict | undefined): string {
  let reason = deciding ? REASONS[deciding.reason] : REASONS['no-directive'];
  if (row.fallbackFor.length > 0) reason += ` — default-src governs the SDK's ${row.fallbackFor.join(', ')} requests here`;
  if (row.environment) reason += ` (on ${row.environment.judgedFor} pages${row.environment.otherStatus === row.status ? ' and the other scheme alike' : `; ${row.environment.otherStatus} on ${row.environment.judgedFor === 'http' ? 'https' : 'http'} pages`})`;
  return reason;
}

function describePerPolicy(v: PerPolicyVerdict, labels: readonly PolicyLabel[]): string {
  const who = labels[v.policyIndex]?.label ?? `Policy ${v.policyIndex + 1}`;
  const verdict = v.allowed ? 'allows' : v.disposition === 'report' ? 'reports' : 'blocks';
  return `${who} ${verdict}${v.directive ? ` (${v.directive}: ${REASONS[v.reason]})` : ' (no directive)'}`;
}

/** Does a violation agree with the row's verdict? An enforce violation needs an enforced policy that blocks, a report one a report-only policy that objects. */
function agrees(row: MatrixRow, violation: CspViolationEvent): boolean {
  return row.perPolicy.some((v) => !v.allowed && v.disposition === violation.disposition);
}

function scopeView(scope: Scope): ScopeView {
  const hosts = new Map<string, boolean>();
  for (const entries of Object.values(SDK_CSP)) {
    for (const entry of entries) {
      if (entry.kind === 'keyword') continue;
      hosts.set(entry.source, (hosts.get(entry.source) ?? false) || inScope(entry, scope));
    }
  }
  const totalHosts = hosts.size;
  const neededHosts = [...hosts.values()].filter(Boolean).length;
  const region = scope.region ? REGION_NAME[scope.region] : null;
  const name =
    region && scope.env ? `${region} ${scope.env}` : region ? `${region}, any environment` : scope.env ? `any region, ${scope.env}` : null;
  const summary = name
    ? `${name} — ${neededHosts} hosts of ${totalHosts} needed`
    : `Region and environment not known — all ${totalHosts} hosts of the vendor list are needed`;
  return { scope, name, neededHosts, totalHosts, summary };
}

function loaderRan(events: readonly SessionEvent[]): boolean {
  let loader = false;
  for (const event of events) {
    if (event.type === 'loader') loader = true;
    else if (loader && (event.type === 'call' || (event.type === 'sdk' && event.state === 'hooked'))) return true;
  }
  return false;
}

const WHERE: Record<CspProposal['delivery'], string> = {
  header: 'Content-Security-Policy response header',
  'report-only-header': 'Content-Security-Policy-Report-Only response header',
  meta: '<meta http-equiv="Content-Security-Policy"> tag',
};

function addedFindings(suggestion: PolicySuggestion): AddedFinding[] {
  return newFindings(suggestion.before, suggestion.strict, suggestion.source).map((f) => ({
    ...f,
    sdkHostReminder: isSdkHostReminder(f, suggestion.before, suggestion.strict),
  }));
}

/** Pairs each proposal with the suggestions of the applied policies its collected policy became (same order as the audit's). */
function proposalViews(audit: CspAuditResult | null, suggestions: readonly SuggestionView[], inputOf: readonly number[]): ProposalView[] {
  const groups = new Map<number, SuggestionView[]>();
  for (const s of suggestions) {
    const input = inputOf[s.suggestion.policyIndex] ?? -1;
    groups.set(input, [...(groups.get(input) ?? []), s]);
  }
  const grouped = [...groups.values()];
  return (audit?.proposals ?? []).map((proposal, i) => ({
    proposal,
    where: WHERE[proposal.delivery],
    unchanged: proposal.strict === proposal.before,
    added: (grouped[i] ?? []).flatMap((s) => s.added),
  }));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function buildCspViewModel(input: CspViewInput): CspViewModel {
  const collectedInput = input.csp?.policies ?? [];
  const audit = collectedInput.length > 0 ? auditSessionCsp(collectedInput, input.url, input.events) : null;
  const scope = scopeView(audit?.scope ?? auditSessionCsp([], input.url, input.events).scope);

  const appliedPolicies = audit?.policies ?? [];
  const labels: PolicyLabel[] = appliedPolicies.map((p, i) => ({ label: policyLabel(p, i), source: p.source, disposition: p.disposition }));
  const applied: AppliedPolicyView[] = appliedPolicies.map((p, i) => ({ ...p, ...labels[i]!, index: i }));

  // Which applied policies each collected one became (same parser as the audit, same order).
  const parsed = parseCspPolicies(collectedInput).policies;
  const collected: CollectedPolicyView[] = collectedInput.map((p, i) => ({
    ...p,
    applied: parsed.flatMap((q, j) => (q.inputIndex === i ? [labels[j]?.label ?? `Policy ${j + 1}`] : [])),
  }));

  // Violations, linked to the row they confirm.
  const start = currentDocumentStart(input.events);
  const rows = audit?.matrix ?? [];
  const linked = new Map<string, CspViolationEvent[]>();
  const violations: ViolationView[] = [];
  const byIdentity = new Map<string, ViolationView>();
  input.events.forEach((event, index) => {
    if (event.type !== 'csp-violation') return;
    const context: ViolationContext = index < start ? 'earlier-document' : input.url && event.frameUrl !== input.url ? 'other-frame' : 'current';
    const identity = JSON.stringify([
      index < start ? 'earlier' : 'current',
      event.frameUrl,
      event.blockedURI,
      event.effectiveDirective,
      event.disposition,
      event.sourceFile,
      event.lineNumber,
    ]);
    const same = byIdentity.get(identity);
    if (same) {
      same.count++;
      return;
    }
    let key: string | null = null;
    let unlinkedReason: string | null = null;
    if (context === 'earlier-document') unlinkedReason = 'from an earlier document of this tab, judged by that document’s policy';
    else if (context === 'other-frame') unlinkedReason = `reported in a frame (${event.frameUrl}), which its own policy governs`;
    else {
      const directive = normalizeDirective(event.effectiveDirective);
      const host = hostOfUrl(event.blockedURI);
      const row = host ? rows.find((r) => r.requestDirective === directive && hostOfUrl(r.url) === host) : undefined;
      if (row) {
        key = rowKey(row);
        linked.set(key, [...(linked.get(key) ?? []), event]);
      } else if (!audit) unlinkedReason = 'no policy was collected for this page';
      else if (!host) unlinkedReason = `not a request for a URL (${event.blockedURI || 'no URI'})`;
      else unlinkedReason = `not one of the SDK's requests the vendor's table lists (${directive} ${host})`;
    }
    const view: ViolationView = { event, count: 1, rowKey: key, context, unlinkedReason, source: sourceOf(event) };
    byIdentity.set(identity, view);
    violations.push(view);
  });

  const groups: MatrixGroup[] = [];
  for (const row of rows) {
    const key = rowKey(row);
    const decider = row.decidedBy;
    const deciding = decider ? row.perPolicy[decider.policyIndex] : undefined;
    const seen = linked.get(key) ?? [];
    const view: MatrixRowView = {
      key,
      row,
      host: row.source === "'self'" ? (hostOfUrl(row.url) ?? row.url) : (hostOfUrl(row.url) ?? row.source),
      decidedBy: decider ? `${labels[decider.policyIndex]?.label ?? `Policy ${decider.policyIndex + 1}`} · ${decider.directive}` : null,
      fallback: decider !== null && decider.directive !== row.requestDirective,
      reason: rowReason(row, deciding),
      perPolicy: row.perPolicy.length > 1 ? row.perPolicy.map((v) => describePerPolicy(v, labels)) : [],
      violations: seen.map((v) => v.id),
      confirmed: seen.some((v) => agrees(row, v)),
      contradicted: seen.some((v) => !agrees(row, v)),
    };
    const group = groups.find((g) => g.directive === row.directive);
    if (group) group.rows.push(view);
    else groups.push({ directive: row.directive, requestDirective: row.requestDirective, rows: [view] });
  }

  const suggestions: SuggestionView[] = (audit?.suggestions ?? []).map((suggestion) => ({
    suggestion,
    policy: labels[suggestion.policyIndex]!,
    unchanged: suggestion.strict === suggestion.before,
    unfixable: rows.filter((r) => {
      const v = r.perPolicy[suggestion.policyIndex];
      return r.inScope && r.sdkNeeds && v !== undefined && !v.allowed && v.reason === 'strict-dynamic-parser-inserted';
    }).length,
    added: addedFindings(suggestion),
  }));
  const proposals = proposalViews(
    audit,
    suggestions,
    parsed.map((p) => p.inputIndex),
  );
  const strength: StrengthView[] = applied.map((p, i) => ({ policy: labels[i]!, findings: evaluatePolicy(p.text) }));

  const enforced = appliedPolicies.some((p) => p.disposition === 'enforce');
  const needed = rows.filter((r) => r.inScope && r.sdkNeeds).length;
  const blockedRequests = rows.filter((r) => r.inScope && r.sdkNeeds && r.status === 'blocked').length;
  const reported = rows.filter((r) => r.inScope && r.sdkNeeds && r.status === 'report-only-violation').length;
  let verdict: Verdict;
  let headline: string;
  if (collectedInput.length === 0) {
    verdict = 'no-csp';
    headline = 'This page has no Content-Security-Policy: nothing blocks the SDK.';
  } else if (!enforced) {
    verdict = 'no-enforced';
    headline = `No enforced policy: nothing blocks the SDK.${reported > 0 ? ` The report-only policy reports ${plural(reported, 'SDK source')} as violations.` : ''}`;
  } else if (blockedRequests > 0) {
    verdict = 'blocked';
    headline = `The page's policy blocks ${blockedRequests} of the ${needed} SDK sources this page needs.`;
  } else {
    verdict = 'allowed';
    headline = `The page's policy allows every SDK source this page needs.${reported > 0 ? ` A report-only policy still reports ${plural(reported, 'SDK source')} as violations.` : ''}`;
  }

  return {
    verdict,
    headline,
    audit,
    collected,
    applied,
    scope,
    groups,
    violations,
    notes: audit?.notes ?? [],
    suggestions,
    proposals,
    strength,
    loaderRan: loaderRan(input.events.slice(start)),
  };
}
