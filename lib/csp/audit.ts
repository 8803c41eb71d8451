/**
 * The CSP audit: the page's policies against the SDK host table (`sdk-hosts.ts`, from the
 * reference's "Content Security Policy the SDK needs" section). Pure: the live panel and the offline
 * viewer run the same function on session data.
 *
 * Result = the session format's `CspAudit` (`policies`, `blocked`, `suggestedPolicy`) plus a
 * verdict matrix, per-policy suggestions (strict and relaxed), plain-words notes and the scope.
 */
import type { CspAudit, CspBlocked, CspPolicy, CspProposal } from '../model/types';
import { policyLabel } from '../model/vocabulary';
import { checkRequestAgainstPolicies, combineVerdicts, fallbackList, governingDirective } from './match';
import type { CombinedVerdict, PerPolicyVerdict, RequestInfo, RequestStatus } from './match';
import { META_IGNORED_DIRECTIVES, getDirective, parseCspPolicies, parseSerializedCsp } from './parse';
import type { Directive, ParsedPolicy } from './parse';
import { FULL_SCOPE, describeScope, inScope } from './scope';
import type { Scope } from './scope';
import { REQUEST_DIRECTIVE, SDK_CSP, SDK_DIRECTIVES, dependsOnPageScheme, pageScheme, representativeUrl, suggestedSource } from './sdk-hosts';
import type { SdkDirective, SdkSource, SourceKind } from './sdk-hosts';
import { parseSourceExpression, sourceKey } from './source';
import { KNOWN_DIRECTIVES, SOURCE_LIST_DIRECTIVES } from './directives';

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
  /** The default-src row only: the SDK's request types (effective directives) that fall back to
   * default-src in the deciding policy. Empty = default-src governs none of them, and the row blocks nothing. */
  fallbackFor: string[];
  /**
   * Sources the vendor writes as `http://` only: the request depends on the page's scheme (no
   * mixed-content upgrade on an http page, Mixed Content §4.1). `judgedFor` is this page's scheme;
   * `otherStatus` the verdict on the same page served with the other scheme.
   */
  environment: { judgedFor: 'http' | 'https'; otherStatus: RequestStatus } | null;
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

/** Where a policy is delivered, and so where its proposal goes. */
export type Delivery = CspProposal['delivery'];

export interface CspAuditResult extends CspAudit {
  /** One entry per policy the browser applies; a comma-joined header value gives several. Every
   * `policyIndex` points into this list. */
  policies: CspPolicy[];
  /** Each SDK source (in scope) an enforced policy blocks, once per policy and request directive. */
  blocked: AuditBlocked[];
  /** The strict proposals of the enforced header policies, comma-joined as one header value (the
   * page's own text when nothing is missing); when the page enforces only `<meta>` policies, theirs;
   * '' when it enforces none. A header and a `<meta>` policy are never merged: see `proposals`. */
  suggestedPolicy: string;
  /** One proposal per collected policy, by where it is delivered. */
  proposals: CspProposal[];
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

/** The vendor's default-src row blocks nothing in a policy where no SDK request type falls back to default-src. */
function judgeDefaultSrcRow(verdict: CombinedVerdict, policies: readonly ParsedPolicy[]): CombinedVerdict {
  return combineVerdicts(
    verdict.perPolicy.map((v) =>
      v.directive === 'default-src' && !v.allowed && defaultSrcFallbacks(policies[v.policyIndex]!).length === 0
        ? { ...v, allowed: true, reason: 'unused-fallback' }
        : v,
    ),
  );
}

function judge(directive: SdkDirective, entry: SdkSource, pageUrl: string, policies: readonly ParsedPolicy[], scope: Scope, loader: AuditInput['loader']) {
  const url = representativeUrl(entry, pageUrl, scope.region);
  const verdict = checkRequestAgainstPolicies(requestFor(directive, entry, url, loader), policies, pageUrl);
  return { url, verdict: directive === 'default-src' ? judgeDefaultSrcRow(verdict, policies) : verdict };
}

/** The same page URL served with the other of http / https, or null. */
function otherSchemePage(pageUrl: string): { url: string; scheme: 'http' | 'https' } | null {
  const scheme = pageScheme(pageUrl);
  if (scheme !== 'http' && scheme !== 'https') return null;
  const other = scheme === 'http' ? 'https' : 'http';
  return { url: `${other}:${pageUrl.slice(pageUrl.indexOf(':') + 1)}`, scheme: other };
}

function buildMatrix(policies: readonly ParsedPolicy[], pageUrl: string, scope: Scope, loader: AuditInput['loader']): MatrixRow[] {
  const rows: MatrixRow[] = [];
  const other = otherSchemePage(pageUrl);
  for (const directive of SDK_DIRECTIVES) {
    for (const entry of SDK_CSP[directive]) {
      const { url, verdict } = judge(directive, entry, pageUrl, policies, scope, loader);
      const decider = verdict.decidedBy ? policies[verdict.decidedBy.policyIndex] : undefined;
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
        fallbackFor: directive === 'default-src' && decider ? defaultSrcFallbacks(decider).map((d) => REQUEST_DIRECTIVE[d]) : [],
        environment:
          dependsOnPageScheme(entry) && other
            ? {
                judgedFor: other.scheme === 'http' ? 'https' : 'http',
                otherStatus: judge(directive, entry, other.url, policies, scope, loader).verdict.status,
              }
            : null,
      });
    }
  }
  return rows;
}

const isNone = (value: string): boolean => value.toLowerCase() === "'none'";

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
  /** Directives to create, with the value they start from (a copy of the fallback that governed them). */
  created: Map<string, string[]>;
  /** Directives to add with the value that governed them before, so the additions widen nothing else. */
  pins: Map<string, string[]>;
  notes: string[];
}

/**
 * Effective directives (CSP3 §6.8.1) whose requests are matched against URLs and that no row of the
 * vendor's table is about: when a directive they fall back to gains a source, they are pinned to
 * their previous value. The -attr directives are left out: inline attributes are judged by
 * 'unsafe-inline', 'unsafe-hashes' and hashes only (§6.7.3.3), never by the URL sources we add.
 */
const PINNED_IF_WIDENED = ['worker-src', 'object-src', 'media-src', 'manifest-src'] as const;

/** The SDK request types (table directive → effective directive) that fall back to default-src in this policy. */
export function defaultSrcFallbacks(policy: Pick<ParsedPolicy, 'directives'>): SdkDirective[] {
  return SDK_DIRECTIVES.filter((d) => d !== 'default-src' && governingDirective(policy, REQUEST_DIRECTIVE[d])?.name === 'default-src');
}

function planSuggestion(
  policy: ParsedPolicy,
  policyIndex: number,
  rows: readonly MatrixRow[],
  variant: 'strict' | 'relaxed',
  pageUrl: string,
): SuggestionPlan {
  const plan: SuggestionPlan = { additions: new Map(), created: new Map(), pins: new Map(), notes: [] };
  /**
   * Gives an SDK request type its own effective directive (`script-src-elem`, `frame-src` …),
   * starting from the fallback that governs it, which changes nothing by itself; nothing else falls
   * back to an effective directive, so what is added there widens nothing else (CSP3 §6.8.3).
   */
  const create = (table: SdkDirective, from: string) => {
    const name = REQUEST_DIRECTIVE[table];
    if (plan.created.has(name)) return;
    plan.created.set(name, [...(getDirective(policy, from)?.value ?? [])]);
    plan.notes.push(
      `there is no ${name}, so ${REQUEST_KIND[table]} fall back to ${from}: the suggestion adds an explicit ${name} with ${from}'s sources, so what it adds for them widens nothing else (CSP3 §6.8.3).`,
    );
  };
  for (const row of rows) {
    if (!row.inScope || !row.sdkNeeds) continue;
    const verdict = row.perPolicy[policyIndex]!;
    if (verdict.allowed || verdict.directive === null) continue;
    // 'strict-dynamic' ignores host sources: adding one would change nothing (see the notes).
    if (verdict.reason === 'strict-dynamic-parser-inserted') continue;
    if (row.directive === 'default-src') {
      // Never add to default-src: every directive without its own entry would widen with it
      // (object-src data: is an XSS route). The SDK request types that still fall back to it get
      // their own directive instead, after which default-src governs none of the SDK's requests.
      for (const name of defaultSrcFallbacks(policy)) create(name, 'default-src');
      continue;
    }
    let target = verdict.directive;
    // Governed through a fallback other than the table's own directive (child-src, default-src).
    if (target !== row.requestDirective && target !== row.directive) {
      create(row.directive, target);
      target = row.requestDirective;
    }
    const existing = plan.created.get(target) ?? getDirective(policy, target)?.value ?? [];
    const list = plan.additions.get(target) ?? [];
    const source = suggestedSource(row, variant, pageUrl);
    const key = sourceKey(source);
    if (!existing.some((v) => sourceKey(v) === key) && !list.some((v) => sourceKey(v) === key)) list.push(source);
    plan.additions.set(target, list);
  }
  // Pin what would otherwise inherit the additions (workers inherit script-src, child-src …).
  const after = (name: string): Directive | undefined => {
    const value = plan.created.get(name) ?? getDirective(policy, name)?.value;
    return value === undefined ? undefined : { name, value: extend(value, plan.additions.get(name) ?? []) };
  };
  for (const name of PINNED_IF_WIDENED) {
    const before = governingDirective(policy, name);
    const now = fallbackList(name).map(after).find((d) => d !== undefined);
    // Nothing governed it before: a created directive only ever copies a governing one, so nothing governs it now either.
    if (!before || !now || sameSources(now.value, before.value)) continue;
    plan.pins.set(name, before.value);
    plan.notes.push(
      `${name} falls back to ${now.name}: the suggestion pins it to its previous sources (${before.value.join(' ') || "'none'"}, from ${before.name}) so the SDK's additions do not widen it.`,
    );
  }
  return plan;
}

/** Rebuilds the page's policy text with the plan applied; a `<meta>` proposal leaves out what a meta policy ignores (CSP3 §3.3). */
function applyPlan(policy: ParsedPolicy, plan: SuggestionPlan): string {
  const out: string[] = [];
  for (const token of policy.tokens) {
    // Its duplicates too: with the first one gone, a duplicate would read as the directive.
    if (policy.source === 'meta' && META_IGNORED_DIRECTIVES.includes(token.name)) continue;
    const adds = plan.additions.get(token.name);
    if (token.status === 'effective' && adds && adds.length > 0 && !plan.created.has(token.name)) {
      out.push([token.rawName, ...extend(token.value, adds)].join(' '));
    } else {
      out.push(token.text);
    }
  }
  for (const [name, base] of plan.created) out.push(directiveText(name, extend(base, plan.additions.get(name) ?? [])));
  for (const [name, value] of plan.pins) out.push(directiveText(name, value));
  return out.join('; ');
}

/**
 * A source list with sources added. A lone 'none' goes (it would be ignored next to them, CSP3
 * §6.7.2.5); a 'none' already next to other sources is kept, like every other source of the page's.
 */
function extend(value: readonly string[], adds: readonly string[]): string[] {
  if (adds.length === 0) return [...value];
  return value.length === 1 && isNone(value[0]!) ? [...adds] : [...value, ...adds];
}

function sameSources(a: readonly string[], b: readonly string[]): boolean {
  const keys = new Set(a.map(sourceKey));
  return a.length === b.length && b.every((v) => keys.has(sourceKey(v)));
}

function directiveText(name: string, value: readonly string[]): string {
  return [name, ...(value.length > 0 ? value : ["'none'"])].join(' ');
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

function deliveryOf(policy: Pick<CspPolicy, 'source' | 'disposition'>): Delivery {
  return policy.source === 'meta' ? 'meta' : policy.disposition === 'report' ? 'report-only-header' : 'header';
}

/** One proposal per collected policy (its applied policies' suggestions, comma-joined as it was). */
function proposalsByDelivery(policies: readonly ParsedPolicy[], suggestions: readonly PolicySuggestion[]): CspProposal[] {
  const byInput = new Map<number, PolicySuggestion[]>();
  for (const s of suggestions) byInput.set(policies[s.policyIndex]!.inputIndex, [...(byInput.get(policies[s.policyIndex]!.inputIndex) ?? []), s]);
  return [...byInput.values()].map((group) => ({
    delivery: deliveryOf(group[0]!),
    before: group.map((s) => s.before).join(', '),
    strict: group.map((s) => s.strict).join(', '),
    relaxed: group.map((s) => s.relaxed).join(', '),
  }));
}

/** The enforced header proposals as one header value; the enforced `<meta>` ones only when the page has no enforced header. */
function suggestedHeader(proposals: readonly CspProposal[]): string {
  const headers = proposals.filter((p) => p.delivery === 'header');
  return (headers.length > 0 ? headers : proposals.filter((p) => p.delivery === 'meta')).map((p) => p.strict).join(', ');
}

/** Rows whose verdict depends on the page's scheme, in words: which environment the finding applies to. */
function environmentNotes(matrix: readonly MatrixRow[], pageUrl: string): string[] {
  const notes: string[] = [];
  for (const row of matrix) {
    if (!row.inScope || !row.environment || row.environment.otherStatus === row.status) continue;
    const { judgedFor } = row.environment;
    const other = judgedFor === 'http' ? 'https' : 'http';
    notes.push(
      `${row.source} (${row.directive}) is ${STATUS_WORDS[row.status]} on this ${judgedFor} page (${pageUrl}) but ${STATUS_WORDS[row.environment.otherStatus]} on an ${other} page: ${
        judgedFor === 'http'
          ? 'an http page requests it as http (no mixed-content upgrade, Mixed Content §4.1), an https page as https.'
          : 'an https page requests it as https (Mixed Content §4.1), an http page (local development) as http.'
      }`,
    );
  }
  return notes;
}

const STATUS_WORDS: Record<RequestStatus, string> = { allowed: 'allowed', blocked: 'blocked', 'report-only-violation': 'reported' };

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
    const strictPlan = planSuggestion(policy, policyIndex, matrix, 'strict', input.pageUrl);
    const relaxedPlan = planSuggestion(policy, policyIndex, matrix, 'relaxed', input.pageUrl);
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

  const proposals = proposalsByDelivery(policies, suggestions);
  notes.push(...environmentNotes(matrix, input.pageUrl));
  const enforced = suggestions.filter((s) => s.disposition === 'enforce');
  if (input.policies.length === 0) notes.push('The page has no Content-Security-Policy: nothing blocks the SDK.');
  else if (enforced.length === 0) notes.push('No enforced policy: nothing blocks the SDK (report-only policies only send reports).');
  if (enforced.length > 1) {
    notes.push(
      `${enforced.length} enforced policies: a request must be allowed by each of them, so each needs the SDK's sources (each is proposed where the page delivers it${enforced.some((s) => s.source === 'meta') ? ': a <meta> policy in its <meta> tag, never merged into the header' : ''}).`,
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
    suggestedPolicy: suggestedHeader(proposals),
    proposals,
    scope,
    matrix,
    suggestions,
    notes,
  };
}
