/**
 * Policy judging: each source of the SDK host table (`sdk-hosts.ts`, from the reference's
 * "Content Security Policy the SDK needs" section) requested as the SDK requests it, and judged
 * against every policy of the page — one row of the verdict matrix per source, with the policy and
 * directive that decided it, and, for sources written as `http://`, the verdict on the same page
 * served with the other scheme.
 */
import type { CspPolicy } from '../model/types';
import type { CombinedVerdict, PerPolicyVerdict, RequestInfo, RequestStatus } from './match';
import { checkRequestAgainstPolicies, combineVerdicts, governingDirective } from './match';
import type { ParsedPolicy } from './parse';
import type { Scope } from './scope';
import { inScope } from './scope';
import type { SdkDirective, SdkSource, SourceKind } from './sdk-hosts';
import { REQUEST_DIRECTIVE, SDK_CSP, SDK_DIRECTIVES, dependsOnPageScheme, pageScheme, representativeUrl } from './sdk-hosts';

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

export function buildMatrix(policies: readonly ParsedPolicy[], pageUrl: string, scope: Scope, loader: AuditInput['loader']): MatrixRow[] {
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

/** The SDK request types (table directive → effective directive) that fall back to default-src in this policy. */
export function defaultSrcFallbacks(policy: Pick<ParsedPolicy, 'directives'>): SdkDirective[] {
  return SDK_DIRECTIVES.filter((d) => d !== 'default-src' && governingDirective(policy, REQUEST_DIRECTIVE[d])?.name === 'default-src');
}
