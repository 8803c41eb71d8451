/**
 * "Does this policy allow this request?" — CSP Level 3 §6.7 (matching algorithms) and §6.8
 * (effective directive, fallback list). Pure functions over URLs and parsed policies.
 *
 * Where the spec text and browsers disagree we say which one we follow:
 * - `*` matches http, https, ws and wss URLs of any host (the spec's "HTTP(S) scheme", plus the
 *   WebSocket schemes, whose requests the spec fetches as http(s)) and URLs with the page's own
 *   scheme; never `data:`, `blob:` or `filesystem:` unless the page itself has that scheme.
 * - `'self'` never matches `data:`, `blob:` or `filesystem:` URLs. The spec's "origin is the same
 *   as url's origin" would match a same-origin `blob:` URL; Chromium and Firefox do not, and the
 *   cross-check (test/e2e/csp-crosscheck.e2e.ts) confirms Chromium blocks it.
 * - `http://host:80` also matches `https://host` (443), as §1.3 of the spec says and Chromium does.
 * - Known Chromium differences we do NOT copy (the spec wins): Chromium lets `https://10.0.0.1`
 *   match that IP (the spec only lets `127.0.0.1` match), and refuses `http://host:8080` for
 *   `https://host:8080` (the spec allows the scheme upgrade on the same port). None of these
 *   concern the SDK's hosts.
 * - Redirects are out of scope: every check is for the first request (redirect count 0).
 */
import type { Disposition } from '../model/types';
import { getDirective } from './parse';
import type { Directive, Policy } from './parse';
import { parseSourceExpression } from './source';
import type { SourceExpression } from './source';

/** An origin, or a URL: a scheme, a host ('' when none) and a port (null = the scheme's default). */
interface UrlParts {
  scheme: string;
  host: string;
  port: number | null;
  path: string;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };

export function defaultPort(scheme: string): number | null {
  return DEFAULT_PORTS[scheme] ?? null;
}

function parts(url: string | URL): UrlParts | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  const port = parsed.port === '' ? null : Number(parsed.port);
  // The URL parser drops a default port, but keep this robust for hand-made inputs.
  return { scheme, host: parsed.hostname.toLowerCase(), port: port === defaultPort(scheme) ? null : port, path: parsed.pathname };
}

/** §6.7.2.7 `scheme-part` matching: `http` → `https`, `ws` → `wss`/`http`/`https`, `wss` → `https`. */
export function schemePartMatches(a: string, b: string): boolean {
  const A = a.toLowerCase();
  const B = b.toLowerCase();
  if (A === B) return true;
  if (A === 'http') return B === 'https';
  if (A === 'ws') return B === 'wss' || B === 'http' || B === 'https';
  if (A === 'wss') return B === 'https';
  return false;
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

/** §6.7.2.8 `host-part` matching. `*.example.com` matches `a.example.com`, never `example.com`. */
export function hostPartMatches(pattern: string, host: string): boolean {
  const A = pattern.toLowerCase();
  const B = host.toLowerCase();
  if (A.startsWith('*')) return B.endsWith(A.slice(1));
  if (A !== B) return false;
  if ((IPV4.test(A) && A !== '127.0.0.1') || A.startsWith('[')) return false;
  return true;
}

/**
 * §6.7.2.9 `port-part` matching: `*` matches any port, no port-part matches the scheme's default
 * port, `80` also matches 443 when the scheme was upgraded (§1.3; Chromium does the same).
 */
export function portPartMatches(portPart: string | null, url: { scheme: string; port: number | null }, schemeUpgraded = false): boolean {
  if (portPart === '*') return true;
  const effectiveUrlPort = url.port ?? defaultPort(url.scheme);
  if (portPart === null) return url.port === null;
  const wanted = Number(portPart);
  if (wanted === effectiveUrlPort) return true;
  return schemeUpgraded && wanted === 80 && effectiveUrlPort === 443;
}

function percentDecode(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * §6.7.2.10 `path-part` matching: a path ending in `/` matches everything below it; any other
 * path matches exactly that path. Pieces are compared percent-decoded.
 */
export function pathPartMatches(pathA: string, pathB: string): boolean {
  if (pathA === '') return true;
  if (pathA === '/' && pathB === '') return true;
  const exact = !pathA.endsWith('/');
  const listA = pathA.split('/');
  const listB = pathB.split('/');
  if (listA.length > listB.length) return false;
  if (exact && listA.length !== listB.length) return false;
  if (!exact) listA.pop();
  return listA.every((pieceA, i) => percentDecode(pieceA) === percentDecode(listB[i]!));
}

const HOSTLESS_SCHEMES = new Set(['data', 'blob', 'filesystem', 'about', 'javascript']);

function matchesSelf(url: UrlParts, self: UrlParts): boolean {
  if (HOSTLESS_SCHEMES.has(url.scheme) || url.host === '') return false;
  if (url.scheme === self.scheme && url.host === self.host && url.port === self.port) return true;
  if (url.host !== self.host) return false;
  const portsOk = url.port === self.port || (url.port === null && self.port === null);
  if (!portsOk) return false;
  return url.scheme === 'https' || url.scheme === 'wss' || (self.scheme === 'http' && (url.scheme === 'http' || url.scheme === 'ws'));
}

function expressionMatches(expression: SourceExpression, url: UrlParts, self: UrlParts): boolean {
  switch (expression.kind) {
    case 'star':
      return ['http', 'https', 'ws', 'wss'].includes(url.scheme) || url.scheme === self.scheme;
    case 'scheme':
      return schemePartMatches(expression.scheme, url.scheme);
    case 'host': {
      if (expression.scheme !== null && !schemePartMatches(expression.scheme, url.scheme)) return false;
      if (url.host === '' || HOSTLESS_SCHEMES.has(url.scheme)) return false;
      const scheme = expression.scheme ?? self.scheme;
      if (expression.scheme === null && !schemePartMatches(self.scheme, url.scheme)) return false;
      if (!hostPartMatches(expression.host, url.host)) return false;
      const upgraded = scheme !== url.scheme;
      if (!portPartMatches(expression.port, url, upgraded)) return false;
      if (expression.path !== '' && !pathPartMatches(expression.path, url.path)) return false;
      return true;
    }
    case 'keyword':
      return expression.keyword === 'self' && matchesSelf(url, self);
    default:
      // 'none', 'unsafe-inline', nonces, hashes … never match a URL by themselves.
      return false;
  }
}

/** §6.7.2.6: does `url` match one source expression, for a page whose origin is `selfOrigin`? */
export function urlMatchesExpression(url: string | URL, expression: string, selfOrigin: string | URL): boolean {
  const u = parts(url);
  const self = parts(selfOrigin);
  if (!u || !self) return false;
  return expressionMatches(parseSourceExpression(expression), u, self);
}

/**
 * §6.7.2.5: does `url` match a source list? An empty list, or `'none'` alone, matches nothing;
 * `'none'` next to other sources is ignored.
 */
export function urlMatchesSourceList(url: string | URL, list: readonly string[], selfOrigin: string | URL): boolean {
  const u = parts(url);
  const self = parts(selfOrigin);
  if (!u || !self) return false;
  if (list.length === 0) return false;
  return list.some((text) => expressionMatches(parseSourceExpression(text), u, self));
}

/** §6.8.3 "Get fetch directive fallback list" (the effective directive first). */
export function fallbackList(effectiveDirective: string): string[] {
  switch (effectiveDirective) {
    case 'script-src-elem':
      return ['script-src-elem', 'script-src', 'default-src'];
    case 'script-src-attr':
      return ['script-src-attr', 'script-src', 'default-src'];
    case 'style-src-elem':
      return ['style-src-elem', 'style-src', 'default-src'];
    case 'style-src-attr':
      return ['style-src-attr', 'style-src', 'default-src'];
    case 'worker-src':
      return ['worker-src', 'child-src', 'script-src', 'default-src'];
    case 'frame-src':
      return ['frame-src', 'child-src', 'default-src'];
    case 'connect-src':
    case 'manifest-src':
    case 'object-src':
    case 'media-src':
    case 'font-src':
    case 'img-src':
      return [effectiveDirective, 'default-src'];
    case 'default-src':
      // Not an effective directive in the spec: used by the audit for resource types the SDK
      // table does not name, which only default-src can govern.
      return ['default-src'];
    default:
      return [];
  }
}

/** §6.8.4 "Should fetch directive execute": the directive of `policy` that governs the request, if any. */
export function governingDirective(policy: Pick<Policy, 'directives'>, effectiveDirective: string): Directive | null {
  for (const name of fallbackList(effectiveDirective)) {
    const directive = getDirective(policy, name);
    if (directive) return directive;
  }
  return null;
}

/** A request as CSP sees it before it starts. */
export interface RequestInfo {
  url: string;
  /**
   * The effective directive (§6.8.1): `script-src-elem` for `<script src>`, `style-src-elem` for a
   * stylesheet, `connect-src` for fetch/XHR/WebSocket/EventSource, `img-src`, `font-src`,
   * `frame-src`, `media-src`, `worker-src` …
   */
  directive: string;
  /** The element's `nonce` attribute (cryptographic nonce metadata), if any. */
  nonce?: string;
  /** The element's `integrity` attribute (SRI metadata), if any. */
  integrity?: string;
  /** A `<script>` the HTML parser inserted (the page's own markup), as opposed to one a script added. */
  parserInserted?: boolean;
}

export type VerdictReason =
  /** No directive of the fallback list is present: this policy does not restrict the request. */
  | 'no-directive'
  | 'source-match'
  | 'nonce'
  | 'hash'
  /** Allowed: 'strict-dynamic' trusts scripts inserted by an already trusted script. */
  | 'strict-dynamic'
  /** Blocked: 'strict-dynamic' ignores host sources, and a parser-inserted script needs a nonce or hash. */
  | 'strict-dynamic-parser-inserted'
  /** Blocked: the directive is `'none'` or empty. */
  | 'none'
  | 'no-match'
  /** The vendor's default-src row only: every SDK request type has its own directive, so default-src
   * governs none of them (CSP3 §6.8.3) and what it lacks blocks nothing the SDK does. */
  | 'unused-fallback';

export interface PolicyVerdict {
  allowed: boolean;
  /** The directive that decided, after fallback, or null when none applies. */
  directive: string | null;
  reason: VerdictReason;
}

function directiveValueIsNone(value: readonly string[]): boolean {
  return value.length === 0 || (value.length === 1 && value[0]!.toLowerCase() === "'none'");
}

const SCRIPT_LIKE = new Set(['script-src-elem', 'worker-src']);
const NONCEABLE = new Set(['script-src-elem', 'style-src-elem', 'worker-src']);

function integrityMatches(integrity: string | undefined, expressions: readonly SourceExpression[]): boolean {
  const hashes = expressions.filter((e): e is Extract<SourceExpression, { kind: 'hash' }> => e.kind === 'hash');
  if (hashes.length === 0 || !integrity) return false;
  const metadata = integrity
    .split(/[\t\n\f\r ]+/)
    .map((item) => /^(sha256|sha384|sha512)-([A-Za-z0-9+/_-]+={0,2})(?:\?.*)?$/i.exec(item))
    .filter((m): m is RegExpExecArray => m !== null);
  if (metadata.length === 0) return false;
  return metadata.every((m) => hashes.some((h) => h.algorithm === m[1]!.toLowerCase() && h.value === m[2]));
}

/**
 * The pre-request check of one policy (§6.1 fetch directives, §6.7.1 script checks): find the
 * governing directive through the fallback list, then nonce → hash (scripts) →
 * 'strict-dynamic' (scripts) → URL matching.
 */
export function checkRequest(request: RequestInfo, policy: Pick<Policy, 'directives'>, pageUrl: string): PolicyVerdict {
  const directive = governingDirective(policy, request.directive);
  if (!directive) return { allowed: true, directive: null, reason: 'no-directive' };
  const expressions = directive.value.map(parseSourceExpression);
  const name = directive.name;
  if (NONCEABLE.has(request.directive) && request.nonce) {
    if (expressions.some((e) => e.kind === 'nonce' && e.value === request.nonce)) return { allowed: true, directive: name, reason: 'nonce' };
  }
  if (SCRIPT_LIKE.has(request.directive)) {
    if (integrityMatches(request.integrity, expressions)) return { allowed: true, directive: name, reason: 'hash' };
    if (expressions.some((e) => e.kind === 'keyword' && e.keyword === 'strict-dynamic')) {
      return request.parserInserted
        ? { allowed: false, directive: name, reason: 'strict-dynamic-parser-inserted' }
        : { allowed: true, directive: name, reason: 'strict-dynamic' };
    }
  }
  if (directiveValueIsNone(directive.value)) return { allowed: false, directive: name, reason: 'none' };
  return urlMatchesSourceList(request.url, directive.value, pageUrl)
    ? { allowed: true, directive: name, reason: 'source-match' }
    : { allowed: false, directive: name, reason: 'no-match' };
}

export type RequestStatus = 'allowed' | 'blocked' | 'report-only-violation';

export interface PolicyLike {
  disposition: Disposition;
  directives: Directive[];
}

export interface PerPolicyVerdict extends PolicyVerdict {
  policyIndex: number;
  disposition: Disposition;
}

export interface CombinedVerdict {
  /**
   * `blocked` when an enforced policy blocks; `report-only-violation` when only report-only
   * policies object (the request goes ahead, a report is sent); `allowed` otherwise.
   */
  status: RequestStatus;
  perPolicy: PerPolicyVerdict[];
  /** The policy and directive that decided: the first blocking enforced policy, else the first
   * objecting report-only one, else the first policy whose directive allowed it; null when no
   * policy has a directive for this request. */
  decidedBy: { policyIndex: number; directive: string } | null;
}

/**
 * §4.1.2 / §4.1.1: every enforced policy must allow a request; report-only policies never block
 * but report what they would block.
 */
export function checkRequestAgainstPolicies(request: RequestInfo, policies: readonly PolicyLike[], pageUrl: string): CombinedVerdict {
  const checked = upgradesInsecureRequests(policies) ? { ...request, url: upgradeInsecureUrl(request.url) } : request;
  return combineVerdicts(
    policies.map((policy, policyIndex) => ({
      ...checkRequest(checked, policy, pageUrl),
      policyIndex,
      disposition: policy.disposition,
    })),
  );
}

/**
 * Upgrade Insecure Requests §3.1/§4.1: `upgrade-insecure-requests` in an enforced policy (header or
 * `<meta>`) upgrades the request before Fetch's "main fetch" asks CSP (step 4 before step 7); a
 * report-only policy's is ignored (UIR §3.1).
 */
export function upgradesInsecureRequests(policies: readonly PolicyLike[]): boolean {
  return policies.some((p) => p.disposition === 'enforce' && p.directives.some((d) => d.name === 'upgrade-insecure-requests'));
}

/** UIR §4.1 "Upgrade request to an a priori authenticated URL": http → https, ws → wss, port 80 → 443. */
export function upgradeInsecureUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const secure = parsed.protocol === 'http:' ? 'https:' : parsed.protocol === 'ws:' ? 'wss:' : null;
  if (!secure) return url;
  // The URL parser already dropped an explicit :80 (http/ws's default); any other port is kept.
  return new URL(`${secure}${parsed.href.slice(parsed.protocol.length)}`).href;
}

/** Combines per-policy verdicts (§4.1.2 / §4.1.1): an enforced block blocks, a report-only one reports. */
export function combineVerdicts(perPolicy: PerPolicyVerdict[]): CombinedVerdict {
  const enforcedBlock = perPolicy.find((v) => v.disposition === 'enforce' && !v.allowed);
  const reportBlock = perPolicy.find((v) => v.disposition === 'report' && !v.allowed);
  const status: RequestStatus = enforcedBlock ? 'blocked' : reportBlock ? 'report-only-violation' : 'allowed';
  const decider =
    enforcedBlock ??
    reportBlock ??
    perPolicy.find((v) => v.disposition === 'enforce' && v.directive !== null) ??
    perPolicy.find((v) => v.directive !== null);
  return {
    status,
    perPolicy,
    decidedBy: decider && decider.directive !== null ? { policyIndex: decider.policyIndex, directive: decider.directive } : null,
  };
}
