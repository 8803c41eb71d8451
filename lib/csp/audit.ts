/**
 * The CSP audit: the page's policies against the SDK host table (`sdk-hosts.ts`, from the
 * reference's "Content Security Policy the SDK needs" section). Pure: the live panel and the offline
 * viewer run the same function on session data.
 *
 * Result = the session format's `CspAudit` (`policies`, `blocked`, `suggestedPolicy`) plus a
 * verdict matrix, per-policy suggestions (strict and relaxed), plain-words notes and the scope.
 */
import type { CspAudit, CspBlocked, CspPolicy } from '../model/types';
import { policyLabel } from '../model/vocabulary';
import { checkRequestAgainstPolicies, governingDirective } from './match';
import type { CombinedVerdict, PerPolicyVerdict, RequestInfo, RequestStatus } from './match';
import { getDirective, parseCspPolicies, parseSerializedCsp } from './parse';
import type { ParsedPolicy } from './parse';
import { FULL_SCOPE, describeScope, inScope } from './scope';
import type { Scope } from './scope';
import { REQUEST_DIRECTIVE, SDK_CSP, SDK_DIRECTIVES, representativeUrl, suggestedSource } from './sdk-hosts';
import type { SdkDirective, SdkSource, SourceKind } from './sdk-hosts';
import { parseSourceExpression, sourceKey } from './source';

export interface AuditInput {
  /** The policies the page was observed with (headers and `<meta>`), in the order seen. */
  policies: CspPolicy[];
  /** The page's URL: `'self'` and `blob:` are resolved against it. */
  pageUrl: string;
  /** Which hosts the page needs; omitted = all (see `scope.ts`). */
  scope?: Scope;
  /** The loader `<script>` tag's `nonce` / `integrity`, when known. Unknown = it carries neither. */
  loader?: { nonce?: string; integrity?: string };
}

export interface MatrixRow {
  /** The directive of the vendor's table this row comes from. */
  directive: SdkDirective;
  /** The effective directive of the SDK's request (`script-src-elem` for `<script src>` …). */
  requestDirective: string;
  source: string;
  kind: SourceKind;
  region: SdkSource['region'];
  env: SdkSource['env'];
  /** The representative URL the row was tested with. */
  url: string;
  /** The page's scope needs this source. */
  inScope: boolean;
  /** False for `'self'`: the vendor lists it for the page's own files, the SDK needs no request to it. */
  sdkNeeds: boolean;
  status: RequestStatus;
  /** Which policy (index into `policies`) and which directive, after fallback, decided. */
  decidedBy: CombinedVerdict['decidedBy'];
  perPolicy: PerPolicyVerdict[];
}

export interface AuditBlocked extends CspBlocked {
  /** The source of the vendor's table that the page's policy is missing. */
  source: string;
  /** The directive of the page's policy that blocked it, after fallback (e.g. `default-src`). */
  governedBy: string;
}

export interface PolicySuggestion {
  policyIndex: number;
  source: CspPolicy['source'];
  disposition: CspPolicy['disposition'];
  /** The policy as the page has it. */
  before: string;
  /** The page's policy plus the vendor's exact sources it is missing. */
  strict: string;
  /** The same, with every Lean host written as `https://*.leantech.me`. */
  relaxed: string;
}

export interface DirectiveDiff {
  directive: string;
  /** The directive did not exist before. */
  created: boolean;
  added: string[];
  removed: string[];
}

export interface CspAuditResult extends CspAudit {
  /** One entry per policy the browser applies; a comma-joined header value gives several. Every
   * `policyIndex` points into this list. */
  policies: CspPolicy[];
  /** Each SDK source (in scope) an enforced policy blocks, once per policy and request directive. */
  blocked: AuditBlocked[];
  /** The strict suggestions of the enforced policies, comma-joined as one header value (the page's
   * own text when nothing is missing); '' when the page enforces no policy. */
  suggestedPolicy: string;
  scope: Scope;
  matrix: MatrixRow[];
  /** One per policy (report-only ones too: fixing them silences their reports). */
  suggestions: PolicySuggestion[];
  notes: string[];
}

function requestFor(directive: SdkDirective, entry: SdkSource, url: string, loader: AuditInput['loader']): RequestInfo {
  const request: RequestInfo = { url, directive: REQUEST_DIRECTIVE[directive] };
  if (entry.insertedBy === 'page') {
    request.parserInserted = true;
    if (loader?.nonce) request.nonce = loader.nonce;
    if (loader?.integrity) request.integrity = loader.integrity;
  }
  return request;
}

function buildMatrix(policies: readonly ParsedPolicy[], pageUrl: string, scope: Scope, loader: AuditInput['loader']): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const directive of SDK_DIRECTIVES) {
    for (const entry of SDK_CSP[directive]) {
      const url = representativeUrl(entry, pageUrl, scope.region);
      const verdict = checkRequestAgainstPolicies(requestFor(directive, entry, url, loader), policies, pageUrl);
      rows.push({
        directive,
        requestDirective: REQUEST_DIRECTIVE[directive],
        source: entry.source,
        kind: entry.kind,
        region: entry.region,
        env: entry.env,
        url,
        inScope: inScope(entry, scope),
        sdkNeeds: entry.source !== "'self'",
        status: verdict.status,
        decidedBy: verdict.decidedBy,
        perPolicy: verdict.perPolicy,
      });
    }
  }
  return rows;
}

const isNone = (value: string): boolean => value.toLowerCase() === "'none'";

/** Directives whose value is a source list (CSP3 §6.1–6.3, plus frame-ancestors' ancestor list). */
const SOURCE_LIST_DIRECTIVES: ReadonlySet<string> = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'connect-src',
  'img-src',
  'font-src',
  'frame-src',
  'child-src',
  'worker-src',
  'media-src',
  'object-src',
  'manifest-src',
  'base-uri',
  'form-action',
  'frame-ancestors',
]);

/** Every directive CSP3 and its companion specs define (others are ignored by browsers). */
const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set([
  ...SOURCE_LIST_DIRECTIVES,
  'sandbox',
  'report-uri',
  'report-to',
  'webrtc',
  'upgrade-insecure-requests',
  'block-all-mixed-content',
  'require-trusted-types-for',
  'trusted-types',
  'fenced-frame-src',
  'prefetch-src',
  'navigate-to',
  'plugin-types',
  'require-sri-for',
]);

/** What the requests of each table directive are, in words. */
const REQUEST_KIND: Record<SdkDirective, string> = {
  'default-src': 'other resource types',
  'script-src': '<script src> requests (script-src-elem)',
  'style-src': 'stylesheets (style-src-elem)',
  'connect-src': 'fetch / XHR / WebSocket requests',
  'img-src': 'images',
  'font-src': 'fonts',
  'frame-src': 'frames',
};

interface SuggestionPlan {
  /** Directive name → sources to add. */
  additions: Map<string, string[]>;
  /** Directives to create, with the value they start from (a copy of default-src's). */
  created: Map<string, string[]>;
  /** Pin worker-src to default-src's sources (a new script-src would otherwise widen workers). */
  pinWorkers: boolean;
  notes: string[];
}

function planSuggestion(
  policy: ParsedPolicy,
  policyIndex: number,
  rows: readonly MatrixRow[],
  variant: 'strict' | 'relaxed',
): SuggestionPlan {
  const plan: SuggestionPlan = { additions: new Map(), created: new Map(), pinWorkers: false, notes: [] };
  const defaultSrc = getDirective(policy, 'default-src');
  for (const row of rows) {
    if (!row.inScope || !row.sdkNeeds) continue;
    const verdict = row.perPolicy[policyIndex]!;
    if (verdict.allowed || verdict.directive === null) continue;
    // 'strict-dynamic' ignores host sources: adding one would change nothing (see the notes).
    if (verdict.reason === 'strict-dynamic-parser-inserted') continue;
    let target = verdict.directive;
    if (target === 'default-src' && row.directive !== 'default-src') {
      target = row.directive;
      if (!plan.created.has(target)) {
        plan.created.set(target, (defaultSrc?.value ?? []).filter((v) => !isNone(v)));
        plan.notes.push(
          `there is no ${target}, so ${REQUEST_KIND[row.directive]} fall back to default-src: the suggestion adds an explicit ${target} with default-src's sources plus the SDK's, so nothing else is widened.`,
        );
      }
    }
    if (target === 'default-src' && !plan.additions.has('default-src')) {
      plan.notes.push(
        "the vendor lists some sources in default-src itself; added there, they also apply to every resource type without its own directive (object-src, media-src, worker-src…).",
      );
    }
    const existing = plan.created.get(target) ?? getDirective(policy, target)?.value ?? [];
    const list = plan.additions.get(target) ?? [];
    const source = suggestedSource(row, variant);
    const key = sourceKey(source);
    if (!existing.some((v) => sourceKey(v) === key) && !list.some((v) => sourceKey(v) === key)) list.push(source);
    plan.additions.set(target, list);
  }
  if (plan.created.has('script-src') && !getDirective(policy, 'worker-src') && !getDirective(policy, 'child-src')) {
    plan.pinWorkers = true;
    plan.notes.push(
      "workers fall back to script-src: the suggestion also sets worker-src to default-src's sources so the new script-src does not widen them.",
    );
  }
  return plan;
}

function applyPlan(policy: ParsedPolicy, plan: SuggestionPlan): string {
  const out: string[] = [];
  for (const token of policy.tokens) {
    const adds = plan.additions.get(token.name);
    if (token.status === 'effective' && adds && adds.length > 0 && !plan.created.has(token.name)) {
      out.push([token.rawName, ...token.value.filter((v) => !isNone(v)), ...adds].join(' '));
    } else {
      out.push(token.text);
    }
  }
  for (const [name, base] of plan.created) {
    const adds = plan.additions.get(name) ?? [];
    out.push([name, ...base, ...adds].join(' '));
  }
  if (plan.pinWorkers) {
    const value = getDirective(policy, 'default-src')?.value ?? [];
    out.push(['worker-src', ...(value.length > 0 ? value : ["'none'"])].join(' '));
  }
  return out.join('; ');
}

/** Per-directive sources added (and removed) between two serialized policies, for a diff view. */
export function diff(before: string, after: string): DirectiveDiff[] {
  const a = parseSerializedCsp(before);
  const b = parseSerializedCsp(after);
  const result: DirectiveDiff[] = [];
  for (const directive of b.directives) {
    const old = getDirective(a, directive.name);
    const oldKeys = new Set((old?.value ?? []).map(sourceKey));
    const newKeys = new Set(directive.value.map(sourceKey));
    const added = directive.value.filter((v) => !oldKeys.has(sourceKey(v)));
    const removed = (old?.value ?? []).filter((v) => !newKeys.has(sourceKey(v)));
    if (!old || added.length > 0 || removed.length > 0) result.push({ directive: directive.name, created: !old, added, removed });
  }
  for (const directive of a.directives) {
    if (!getDirective(b, directive.name)) result.push({ directive: directive.name, created: false, added: [], removed: [...directive.value] });
  }
  return result;
}

function policyNotes(policy: ParsedPolicy, index: number, rows: readonly MatrixRow[], loader: AuditInput['loader']): string[] {
  const notes: string[] = [];
  const who = policyLabel(policy, index);
  for (const note of policy.notes) notes.push(`${who}: ${note.message}`);

  for (const directive of policy.directives) {
    if (!KNOWN_DIRECTIVES.has(directive.name)) {
      notes.push(`${who}: "${directive.name}" is not a CSP directive browsers know; it is ignored (a typo?).`);
      continue;
    }
    if (!SOURCE_LIST_DIRECTIVES.has(directive.name)) continue;
    const hasNone = directive.value.some(isNone);
    if (hasNone && directive.value.length > 1) {
      notes.push(`${who}: ${directive.name} lists 'none' next to other sources; browsers ignore 'none' there.`);
    }
    const invalid = directive.value.filter((v) => parseSourceExpression(v).kind === 'invalid');
    if (invalid.length > 0) notes.push(`${who}: ${directive.name} has source expressions browsers ignore: ${invalid.join(' ')}.`);
  }

  // Directives that shut a whole kind of SDK request out.
  const noneDirectives = new Set<string>();
  for (const row of rows) {
    const v = row.perPolicy[index]!;
    if (row.inScope && row.sdkNeeds && v.reason === 'none' && v.directive) noneDirectives.add(v.directive);
  }
  for (const name of noneDirectives) {
    notes.push(`${who}: ${name} is 'none' (or empty): it blocks every request it governs, the SDK's included.`);
  }

  // Scripts: 'strict-dynamic', nonces, hashes — in plain words.
  const script = governingDirective(policy, 'script-src-elem');
  if (script) {
    const kinds = script.value.map(parseSourceExpression);
    const strictDynamic = kinds.some((e) => e.kind === 'keyword' && e.keyword === 'strict-dynamic');
    const nonces = kinds.filter((e) => e.kind === 'nonce');
    const hashes = kinds.filter((e) => e.kind === 'hash');
    const unsafeInline = kinds.some((e) => e.kind === 'keyword' && e.keyword === 'unsafe-inline');
    const loaderRow = rows.find((r) => r.directive === 'script-src' && r.kind === 'lean');
    const loaderVerdict = loaderRow?.perPolicy[index];
    if (strictDynamic) {
      const loaderState =
        loaderVerdict?.allowed === true
          ? `The loader tag carries a matching ${loaderVerdict.reason === 'hash' ? 'integrity hash' : 'nonce'}, so it runs.`
          : `The loader <script src="https://cdn.leantech.me/…"> written in the page's HTML is therefore blocked unless it carries the policy's nonce (nonce="…") or an integrity hash the policy lists${loader ? '' : ' (the audit cannot see the tag and assumes it has neither)'}.`;
      notes.push(
        `${who}: ${script.name} uses 'strict-dynamic'. Browsers then ignore host sources, 'self' and 'unsafe-inline' in it: listing https://cdn.leantech.me does not help. ${loaderState} Once the loader runs, the scripts it inserts itself (Segment, Mixpanel…) are allowed without listing their hosts.`,
      );
    } else if (nonces.length > 0 || hashes.length > 0) {
      notes.push(
        `${who}: ${script.name} uses ${nonces.length > 0 ? 'a nonce' : 'hashes'}. A <script> carrying ${nonces.length > 0 ? 'the nonce' : 'a listed integrity hash'} runs from any URL, so the loader tag can be allowed that way; the scripts the SDK inserts itself carry neither, so their hosts (https://cdn.segment.com, http://cdn.mxpnl.com) must be listed.${unsafeInline ? " 'unsafe-inline' is ignored because a nonce or hash is present." : ''}`,
      );
    }
  }

  if (policy.disposition === 'report') {
    const reported = rows.filter((r) => r.inScope && r.sdkNeeds && !r.perPolicy[index]!.allowed);
    if (reported.length > 0) {
      notes.push(
        `${who} never blocks, but it reports ${reported.length} SDK request${reported.length === 1 ? '' : 's'} as violations: ${[...new Set(reported.map((r) => r.source))].join(' ')}.`,
      );
    }
  }
  return notes;
}

/** Audits the page's policies against the SDK's needs. */
export function auditCsp(input: AuditInput): CspAuditResult {
  const scope = input.scope ?? FULL_SCOPE;
  const parsed = parseCspPolicies(input.policies);
  const policies = parsed.policies;
  const matrix = buildMatrix(policies, input.pageUrl, scope, input.loader);

  const blocked: AuditBlocked[] = [];
  policies.forEach((policy, policyIndex) => {
    if (policy.disposition !== 'enforce') return;
    for (const row of matrix) {
      const v = row.perPolicy[policyIndex]!;
      if (!row.inScope || !row.sdkNeeds || v.allowed) continue;
      if (blocked.some((b) => b.policyIndex === policyIndex && b.url === row.url && b.directive === row.requestDirective)) continue;
      blocked.push({ directive: row.requestDirective, url: row.url, policyIndex, source: row.source, governedBy: v.directive ?? row.requestDirective });
    }
  });

  const notes: string[] = parsed.notes.map((n) => n.message);
  const suggestions: PolicySuggestion[] = policies.map((policy, policyIndex) => {
    const strictPlan = planSuggestion(policy, policyIndex, matrix, 'strict');
    const relaxedPlan = planSuggestion(policy, policyIndex, matrix, 'relaxed');
    notes.push(...policyNotes(policy, policyIndex, matrix, input.loader));
    for (const note of strictPlan.notes) notes.push(`${policyLabel(policy, policyIndex)}: ${note}`);
    return {
      policyIndex,
      source: policy.source,
      disposition: policy.disposition,
      before: policy.text,
      strict: applyPlan(policy, strictPlan),
      relaxed: applyPlan(policy, relaxedPlan),
    };
  });

  const enforced = suggestions.filter((s) => s.disposition === 'enforce');
  if (input.policies.length === 0) notes.push('The page has no Content-Security-Policy: nothing blocks the SDK.');
  else if (enforced.length === 0) notes.push('No enforced policy: nothing blocks the SDK (report-only policies only send reports).');
  if (enforced.length > 1) {
    notes.push(
      `${enforced.length} enforced policies: a request must be allowed by each of them, so each needs the SDK's sources (the suggested policy lists them comma-separated, as one header value would${enforced.some((s) => s.source === 'meta') ? '; a <meta> policy is fixed in its <meta> tag' : ''}).`,
    );
  }
  const outOfScope = matrix.filter((r) => !r.inScope);
  if (outOfScope.length > 0) {
    notes.push(
      `Scope ${describeScope(scope)}: ${new Set(outOfScope.map((r) => r.source)).size} host(s) of the vendor list are for another region or environment; they are not reported as blocked nor suggested (${[...new Set(outOfScope.map((r) => r.source))].join(' ')}).`,
    );
  }

  return {
    policies: policies.map((p) => ({ source: p.source, disposition: p.disposition, text: p.text })),
    blocked,
    suggestedPolicy: enforced.map((s) => s.strict).join(', '),
    scope,
    matrix,
    suggestions,
    notes,
  };
}
