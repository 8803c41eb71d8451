/**
 * Fix proposal: for each policy of the page, the smallest change that lets the SDK's requests in
 * and widens nothing else — a strict and a relaxed variant. It never adds to `default-src` (every
 * directive without its own entry would widen with it): an SDK request type gets its own effective
 * directive copied from the fallback that governed it, and what would inherit the additions
 * (`worker-src` …) is pinned to its previous sources. Proposals stay where the page delivers each
 * policy (header, report-only header, `<meta>`), never merged.
 */
import type { CspPolicy, CspProposal } from '../model/types';
import type { MatrixRow } from './matrix';
import { defaultSrcFallbacks } from './matrix';
import { fallbackList, governingDirective } from './match';
import type { Directive, ParsedPolicy } from './parse';
import { META_IGNORED_DIRECTIVES, getDirective, parseSerializedCsp } from './parse';
import type { SdkDirective } from './sdk-hosts';
import { REQUEST_DIRECTIVE, suggestedSource } from './sdk-hosts';
import { sourceKey } from './source';

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

export const isNone = (value: string): boolean => value.toLowerCase() === "'none'";

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

export function planSuggestion(
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
export function applyPlan(policy: ParsedPolicy, plan: SuggestionPlan): string {
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

function deliveryOf(policy: Pick<CspPolicy, 'source' | 'disposition'>): Delivery {
  return policy.source === 'meta' ? 'meta' : policy.disposition === 'report' ? 'report-only-header' : 'header';
}

/** One proposal per collected policy (its applied policies' suggestions, comma-joined as it was). */
export function proposalsByDelivery(policies: readonly ParsedPolicy[], suggestions: readonly PolicySuggestion[]): CspProposal[] {
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
export function suggestedHeader(proposals: readonly CspProposal[]): string {
  const headers = proposals.filter((p) => p.delivery === 'header');
  return (headers.length > 0 ? headers : proposals.filter((p) => p.delivery === 'meta')).map((p) => p.strict).join(', ');
}
