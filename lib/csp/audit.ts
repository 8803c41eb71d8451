/**
 * The CSP audit: the page's policies against the SDK host table (`sdk-hosts.ts`, from the
 * reference's "Content Security Policy the SDK needs" section). Pure: the live panel and the offline
 * viewer run the same function on session data.
 *
 * Result = the session format's `CspAudit` (`policies`, `blocked`, `suggestedPolicy`) plus a
 * verdict matrix (`matrix.ts`: policy judging), per-policy suggestions, strict and relaxed
 * (`proposal.ts`: fix proposal), plain-words notes (here) and the scope.
 */
import type { CspAudit, CspBlocked, CspPolicy, CspProposal } from '../model/types';
import { policyLabel } from '../model/vocabulary';
import { KNOWN_DIRECTIVES, SOURCE_LIST_DIRECTIVES } from './directives';
import type { RequestStatus } from './match';
import { governingDirective } from './match';
import type { AuditInput, MatrixRow } from './matrix';
import { buildMatrix } from './matrix';
import type { ParsedPolicy } from './parse';
import { parseCspPolicies } from './parse';
import type { PolicySuggestion } from './proposal';
import { applyPlan, isNone, planSuggestion, proposalsByDelivery, suggestedHeader } from './proposal';
import type { Scope } from './scope';
import { FULL_SCOPE, describeScope } from './scope';
import { parseSourceExpression } from './source';

export interface AuditBlocked extends CspBlocked {
  /** The source of the vendor's table that the page's policy is missing. */
  source: string;
  /** The directive of the page's policy that blocked it, after fallback (e.g. `default-src`). */
  governedBy: string;
}

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
