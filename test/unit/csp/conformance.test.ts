/**
 * Conformance of lib/csp with CSP Level 3 (W3C Working Draft), Mixed Content Level 2, Upgrade
 * Insecure Requests and, where browsers depart from the text, the Chromium / Firefox behaviour the
 * cross-check (test/e2e/csp-crosscheck.e2e.ts) confirms. Each case's expected verdict is written
 * from the section it cites, not from running the code.
 */
import { describe, expect, it } from 'vitest';
import { auditCsp, checkRequest, checkRequestAgainstPolicies, parseCspPolicies, parseSerializedCsp, parseSourceExpression } from '../../../lib/csp';
import type { RequestStatus } from '../../../lib/csp';
import type { CspPolicy } from '../../../lib/model/types';

const HTTPS_PAGE = 'https://shop.example/checkout';
const HTTP_PAGE = 'http://localhost:3000/';

// ── §2.3.1 Source lists: the grammar of a source expression ──────────────────────────────────
const GRAMMAR: Array<[cite: string, expression: string, kind: string]> = [
  ['§2.3.1 host-source: scheme://host', 'https://cdn.leantech.me', 'host'],
  ['§2.3.1 host-part may end with "." (w3c/webappsec-csp#639)', 'https://link.leantech.me.', 'host'],
  ['§2.3.1 host-part "." with a port', 'https://link.leantech.me.:443', 'host'],
  ['§2.3.1 host-part "." with a path', 'link.leantech.me./x', 'host'],
  ['§2.3.1 host-part "." after a wildcard', '*.leantech.me.', 'host'],
  ['§2.3.1 host-part: two dots are not a host-char run', 'https://link..leantech.me', 'invalid'],
  ['§2.3.1 host-part: a lone "." is not a host', 'https://.', 'invalid'],
  ['§2.3.1 host-part "*." prefix', '*.leantech.me', 'host'],
  ['§2.3.1 a wildcard only as the first label', 'cdn.*.me', 'invalid'],
  ['§2.3.1 scheme-source', 'https:', 'scheme'],
  ['§2.3.1 scheme-source blob:', 'blob:', 'scheme'],
  ['§2.3.1 port-part "*"', 'https://x.test:*', 'host'],
  ['§2.3.1 port-part digits', 'https://x.test:8443', 'host'],
  ['§2.3.1 keyword-source', "'self'", 'keyword'],
  ['§2.3.1 keyword-source is case-insensitive', "'SELF'", 'keyword'],
  ['§2.3.1 nonce-source', "'nonce-r4nd0m'", 'nonce'],
  ['§2.3.1 hash-source', "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", 'hash'],
  ['§2.3.1 an unquoted keyword is a host named self', 'self', 'host'],
  ['§2.3.1 an unknown quoted keyword matches no grammar', "'script'", 'invalid'],
  ['§2.3.1 path-part has no query', 'https://x.test/a?b', 'invalid'],
  ['§2.3.1 "*" alone', '*', 'star'],
];

describe('CSP3 §2.3.1: source expression grammar', () => {
  for (const [cite, expression, kind] of GRAMMAR) {
    it(`${cite}: ${expression} → ${kind}`, () => {
      expect(parseSourceExpression(expression).kind).toBe(kind);
    });
  }
});

// ── §6.7.2 URL matching, §6.8 fallback, §4.1 several policies ─────────────────────────────────
interface MatchCase {
  cite: string;
  page?: string;
  policy: string;
  directive: string;
  url: string;
  allowed: boolean;
}

const MATCHING: MatchCase[] = [
  // §6.7.2.7 scheme-part matching
  { cite: '§6.7.2.7 same scheme', policy: 'img-src https://x.test', directive: 'img-src', url: 'https://x.test/a.png', allowed: true },
  { cite: '§6.7.2.7 http source matches https URL', policy: 'img-src http://x.test', directive: 'img-src', url: 'https://x.test/a.png', allowed: true },
  { cite: '§6.7.2.7 https source never matches http URL', policy: 'img-src https://x.test', directive: 'img-src', url: 'http://x.test/a.png', allowed: false },
  { cite: '§6.7.2.7 ws source matches wss', policy: 'connect-src ws://x.test', directive: 'connect-src', url: 'wss://x.test/', allowed: true },
  { cite: '§6.7.2.7 ws source matches https', policy: 'connect-src ws://x.test', directive: 'connect-src', url: 'https://x.test/', allowed: true },
  { cite: '§6.7.2.7 wss source matches https', policy: 'connect-src wss://x.test', directive: 'connect-src', url: 'https://x.test/', allowed: true },
  { cite: '§6.7.2.7 wss source never matches ws', policy: 'connect-src wss://x.test', directive: 'connect-src', url: 'ws://x.test/', allowed: false },
  { cite: '§6.7.2.6 scheme-source https: matches any https host', policy: 'connect-src https:', directive: 'connect-src', url: 'https://api.segment.io/v1', allowed: true },
  { cite: '§6.7.2.6 scheme-source http: also matches https', policy: 'connect-src http:', directive: 'connect-src', url: 'https://api.segment.io/v1', allowed: true },
  { cite: '§6.7.2.6 scheme-source https: never matches http', policy: 'img-src https:', directive: 'img-src', url: 'http://images.contentful.com/a', allowed: false },
  { cite: '§6.7.2.6 scheme-source data:', policy: 'img-src data:', directive: 'img-src', url: 'data:image/gif;base64,R0lGOD==', allowed: true },
  { cite: '§6.7.2.6 scheme-source data: is not blob:', policy: 'img-src data:', directive: 'img-src', url: 'blob:https://shop.example/1', allowed: false },
  { cite: '§6.7.2.6 host-source without scheme uses the page scheme (https page)', policy: 'img-src x.test', directive: 'img-src', url: 'https://x.test/a', allowed: true },
  { cite: '§6.7.2.6 host-source without scheme on an https page refuses http', policy: 'img-src x.test', directive: 'img-src', url: 'http://x.test/a', allowed: false },
  { cite: '§6.7.2.6 host-source without scheme on an http page allows http', page: HTTP_PAGE, policy: 'img-src x.test', directive: 'img-src', url: 'http://x.test/a', allowed: true },
  { cite: '§6.7.2.6 host-source without scheme on an http page allows https', page: HTTP_PAGE, policy: 'img-src x.test', directive: 'img-src', url: 'https://x.test/a', allowed: true },
  { cite: '§6.7.2.6 host-source never matches data:', policy: 'img-src https://x.test', directive: 'img-src', url: 'data:,x', allowed: false },
  // §6.7.2.8 host-part matching
  { cite: '§6.7.2.8 exact host', policy: 'connect-src https://link.leantech.me', directive: 'connect-src', url: 'https://link.leantech.me/x', allowed: true },
  { cite: '§6.7.2.8 host is case-insensitive', policy: 'connect-src https://LINK.leantech.ME', directive: 'connect-src', url: 'https://link.leantech.me/x', allowed: true },
  { cite: '§6.7.2.8 another host', policy: 'connect-src https://link.leantech.me', directive: 'connect-src', url: 'https://link.sandbox.leantech.me/x', allowed: false },
  { cite: '§6.7.2.8 wildcard matches a subdomain', policy: 'connect-src https://*.leantech.me', directive: 'connect-src', url: 'https://link.leantech.me/x', allowed: true },
  { cite: '§6.7.2.8 wildcard matches a deeper subdomain', policy: 'connect-src https://*.leantech.me', directive: 'connect-src', url: 'https://link.sandbox.sa.leantech.me/x', allowed: true },
  { cite: '§6.7.2.8 wildcard never matches the bare domain', policy: 'connect-src https://*.leantech.me', directive: 'connect-src', url: 'https://leantech.me/x', allowed: false },
  { cite: '§6.7.2.8 wildcard is a label, not a suffix', policy: 'connect-src https://*.leantech.me', directive: 'connect-src', url: 'https://evilleantech.me/x', allowed: false },
  { cite: '§6.7.2.8 trailing-dot source matches the dotted host', policy: 'connect-src https://link.leantech.me.', directive: 'connect-src', url: 'https://link.leantech.me./x', allowed: true },
  { cite: '§6.7.2.8 trailing-dot source: the dotted host is another host than the undotted one', policy: 'connect-src https://link.leantech.me.', directive: 'connect-src', url: 'https://link.leantech.me/x', allowed: false },
  { cite: '§6.7.2.8 undotted source does not match the dotted host', policy: 'connect-src https://link.leantech.me', directive: 'connect-src', url: 'https://link.leantech.me./x', allowed: false },
  { cite: '§6.7.2.8 wildcard with trailing dot matches a dotted subdomain', policy: 'connect-src https://*.leantech.me.', directive: 'connect-src', url: 'https://link.leantech.me./x', allowed: true },
  { cite: '§6.7.2.8 127.0.0.1 matches itself', policy: 'connect-src http://127.0.0.1:8080', directive: 'connect-src', url: 'http://127.0.0.1:8080/x', allowed: true },
  { cite: '§6.7.2.8 other IP addresses never match', policy: 'connect-src https://10.0.0.1', directive: 'connect-src', url: 'https://10.0.0.1/x', allowed: false },
  // §6.7.2.9 port-part matching
  { cite: '§6.7.2.9 no port-part matches the default port', policy: 'connect-src https://x.test', directive: 'connect-src', url: 'https://x.test:443/x', allowed: true },
  { cite: '§6.7.2.9 no port-part refuses another port', policy: 'connect-src https://x.test', directive: 'connect-src', url: 'https://x.test:8443/x', allowed: false },
  { cite: '§6.7.2.9 port "*" matches any port', policy: 'connect-src https://x.test:*', directive: 'connect-src', url: 'https://x.test:8443/x', allowed: true },
  { cite: '§6.7.2.9 explicit port', policy: 'connect-src https://x.test:8443', directive: 'connect-src', url: 'https://x.test:8443/x', allowed: true },
  { cite: '§6.7.2.9 explicit port refuses the default one', policy: 'connect-src https://x.test:8443', directive: 'connect-src', url: 'https://x.test/x', allowed: false },
  { cite: '§6.7.2.9 port 80 also matches 443 after a scheme upgrade', policy: 'img-src http://x.test:80', directive: 'img-src', url: 'https://x.test/a', allowed: true },
  // §6.7.2.10 path-part matching
  { cite: '§6.7.2.10 a path ending in "/" matches below it', policy: 'script-src https://x.test/lib/', directive: 'script-src-elem', url: 'https://x.test/lib/a/b.js', allowed: true },
  { cite: '§6.7.2.10 a path ending in "/" refuses a sibling', policy: 'script-src https://x.test/lib/', directive: 'script-src-elem', url: 'https://x.test/other.js', allowed: false },
  { cite: '§6.7.2.10 an exact path matches only itself', policy: 'script-src https://x.test/a.js', directive: 'script-src-elem', url: 'https://x.test/a.js', allowed: true },
  { cite: '§6.7.2.10 an exact path refuses another file', policy: 'script-src https://x.test/a.js', directive: 'script-src-elem', url: 'https://x.test/b.js', allowed: false },
  { cite: '§6.7.2.10 the query is not part of the path', policy: 'script-src https://x.test/a.js', directive: 'script-src-elem', url: 'https://x.test/a.js?v=2', allowed: true },
  // §6.7.2.6 'self', '*', 'none'
  { cite: "§6.7.2.6 'self' matches the page's origin", policy: "img-src 'self'", directive: 'img-src', url: 'https://shop.example/logo.png', allowed: true },
  { cite: "§6.7.2.6 'self' refuses another host", policy: "img-src 'self'", directive: 'img-src', url: 'https://cdn.shop.example/logo.png', allowed: false },
  { cite: "§6.7.2.6 'self' on an http page matches the https upgrade of the origin", page: HTTP_PAGE, policy: "connect-src 'self'", directive: 'connect-src', url: 'https://localhost:3000/api', allowed: true },
  { cite: "§6.7.2.6 'self' on an http page matches ws: of the origin", page: HTTP_PAGE, policy: "connect-src 'self'", directive: 'connect-src', url: 'ws://localhost:3000/hmr', allowed: true },
  { cite: "§6.7.2.6 'self' on an https page refuses http of the origin", policy: "connect-src 'self'", directive: 'connect-src', url: 'http://shop.example/api', allowed: false },
  { cite: "§6.7.2.6 'self' never matches a blob: URL (Chromium and Firefox; checked by the cross-check)", policy: "connect-src 'self'", directive: 'connect-src', url: 'blob:https://shop.example/1', allowed: false },
  { cite: "§6.7.2.6 '*' matches any https URL", policy: 'img-src *', directive: 'img-src', url: 'https://anything.test/a', allowed: true },
  { cite: "§6.7.2.6 '*' matches any http URL", policy: 'img-src *', directive: 'img-src', url: 'http://anything.test/a', allowed: true },
  { cite: "§6.7.2.6 '*' never matches data:", policy: 'img-src *', directive: 'img-src', url: 'data:,x', allowed: false },
  { cite: "§6.7.2.6 '*' never matches blob:", policy: 'frame-src *', directive: 'frame-src', url: 'blob:https://shop.example/1', allowed: false },
  { cite: "§6.7.2.5 'none' alone matches nothing", policy: "img-src 'none'", directive: 'img-src', url: 'https://shop.example/a', allowed: false },
  { cite: '§6.7.2.5 an empty source list matches nothing', policy: 'img-src', directive: 'img-src', url: 'https://shop.example/a', allowed: false },
  { cite: "§6.7.2.5 'none' next to sources is ignored", policy: "img-src 'none' https://x.test", directive: 'img-src', url: 'https://x.test/a', allowed: true },
  { cite: '§2.3.1 an invalid expression is ignored, the rest applies', policy: "img-src 'bogus' https://x.test", directive: 'img-src', url: 'https://x.test/a', allowed: true },
  // §6.8.3 fallback lists
  { cite: '§6.8.3 img-src falls back to default-src', policy: "default-src 'self'", directive: 'img-src', url: 'https://cdn.leantech.me/a', allowed: false },
  { cite: '§6.8.3 its own directive wins over default-src', policy: "default-src 'self'; img-src https://cdn.leantech.me", directive: 'img-src', url: 'https://cdn.leantech.me/a', allowed: true },
  { cite: '§6.8.3 its own directive does not inherit default-src', policy: "default-src https://x.test; img-src 'self'", directive: 'img-src', url: 'https://x.test/a', allowed: false },
  { cite: '§6.8.3 frame-src falls back to child-src', policy: "default-src 'none'; child-src https://cdn.leantech.me", directive: 'frame-src', url: 'https://cdn.leantech.me/link', allowed: true },
  { cite: '§6.8.3 worker-src falls back to child-src', policy: "default-src 'none'; child-src blob:", directive: 'worker-src', url: 'blob:https://shop.example/1', allowed: true },
  { cite: '§6.8.3 worker-src falls back to script-src without child-src', policy: "default-src 'none'; script-src blob:", directive: 'worker-src', url: 'blob:https://shop.example/1', allowed: true },
  { cite: '§6.8.3 worker-src prefers child-src to script-src', policy: "script-src blob:; child-src 'self'", directive: 'worker-src', url: 'blob:https://shop.example/1', allowed: false },
  { cite: '§6.8.3 worker-src wins over child-src', policy: "child-src blob:; worker-src 'self'", directive: 'worker-src', url: 'blob:https://shop.example/1', allowed: false },
  { cite: '§6.8.3 script-src-elem falls back to script-src', policy: "default-src 'none'; script-src https://cdn.leantech.me", directive: 'script-src-elem', url: 'https://cdn.leantech.me/l.js', allowed: true },
  { cite: '§6.8.3 script-src-elem wins over script-src', policy: "script-src https://cdn.leantech.me; script-src-elem 'self'", directive: 'script-src-elem', url: 'https://cdn.leantech.me/l.js', allowed: false },
  { cite: '§6.8.3 style-src-elem falls back to style-src', policy: "default-src 'none'; style-src https://fonts.googleapis.com", directive: 'style-src-elem', url: 'https://fonts.googleapis.com/css', allowed: true },
  { cite: '§6.8.3 object-src falls back to default-src', policy: 'default-src data:', directive: 'object-src', url: 'data:,x', allowed: true },
  { cite: '§6.8.3 object-src does not fall back to script-src', policy: 'script-src data:', directive: 'object-src', url: 'data:,x', allowed: true },
  { cite: '§6.8.3 media-src falls back to default-src', policy: "default-src 'self'", directive: 'media-src', url: 'blob:https://shop.example/1', allowed: false },
  { cite: '§6.8.3 connect-src does not fall back to child-src', policy: "child-src 'none'", directive: 'connect-src', url: 'https://x.test/', allowed: true },
  { cite: '§6.8.3 frame-src does not fall back to script-src', policy: "script-src 'none'", directive: 'frame-src', url: 'https://x.test/', allowed: true },
  { cite: '§6.8.3 font-src falls back to default-src', policy: 'default-src https://fonts.gstatic.com', directive: 'font-src', url: 'https://fonts.gstatic.com/a.woff2', allowed: true },
  { cite: '§2.2.1 directive names are case-insensitive', policy: 'IMG-SRC https://x.test', directive: 'img-src', url: 'https://x.test/a', allowed: true },
  { cite: '§2.2.1 the first of two duplicate directives wins', policy: "img-src 'none'; img-src https://x.test", directive: 'img-src', url: 'https://x.test/a', allowed: false },
];

describe('CSP3 §6.7.2 matching and §6.8.3 fallback, one policy', () => {
  for (const c of MATCHING) {
    it(`${c.cite}: "${c.policy}" ${c.allowed ? 'allows' : 'blocks'} ${c.directive} ${c.url}`, () => {
      expect(checkRequest({ url: c.url, directive: c.directive }, parseSerializedCsp(c.policy), c.page ?? HTTPS_PAGE).allowed).toBe(c.allowed);
    });
  }
});

// ── §4.1 several policies, §3.3 <meta>, Upgrade Insecure Requests ─────────────────────────────
interface ListCase {
  cite: string;
  page?: string;
  policies: CspPolicy[];
  directive: string;
  url: string;
  status: RequestStatus;
}

const header = (text: string): CspPolicy => ({ source: 'header', disposition: 'enforce', text });
const reportOnly = (text: string): CspPolicy => ({ source: 'header', disposition: 'report', text });
const meta = (text: string): CspPolicy => ({ source: 'meta', disposition: 'enforce', text });

const LISTS: ListCase[] = [
  { cite: '§4.1 every enforced policy must allow: the second blocks', policies: [header('img-src https:'), header("img-src 'self'")], directive: 'img-src', url: 'https://x.test/a', status: 'blocked' },
  { cite: '§2.2.2 a comma in a header value starts another policy', policies: [header("img-src https:, img-src 'self'")], directive: 'img-src', url: 'https://x.test/a', status: 'blocked' },
  { cite: '§4.1 a report-only policy never blocks', policies: [reportOnly("img-src 'self'")], directive: 'img-src', url: 'https://x.test/a', status: 'report-only-violation' },
  { cite: '§4.1 enforced block wins over a report', policies: [reportOnly("img-src 'self'"), header("img-src 'none'")], directive: 'img-src', url: 'https://x.test/a', status: 'blocked' },
  { cite: '§3.3 a <meta> policy is enforced like a header', policies: [meta("img-src 'self'")], directive: 'img-src', url: 'https://x.test/a', status: 'blocked' },
  { cite: '§3.3 header and <meta> policies both apply', policies: [header('img-src https:'), meta("img-src 'self'")], directive: 'img-src', url: 'https://x.test/a', status: 'blocked' },
  { cite: '§3.3 report-only is not supported in a <meta> element', policies: [{ source: 'meta', disposition: 'report', text: "img-src 'none'" }], directive: 'img-src', url: 'https://x.test/a', status: 'allowed' },
  // Upgrade Insecure Requests
  { cite: 'UIR §4.1: http is upgraded to https before the check', page: HTTP_PAGE, policies: [header('upgrade-insecure-requests; img-src https:')], directive: 'img-src', url: 'http://images.contentful.com/a', status: 'allowed' },
  { cite: 'UIR §4.1: without the directive, http stays http', page: HTTP_PAGE, policies: [header('img-src https:')], directive: 'img-src', url: 'http://images.contentful.com/a', status: 'blocked' },
  { cite: 'UIR §4.1: any enforced policy upgrades for all of them', page: HTTP_PAGE, policies: [header('upgrade-insecure-requests'), header('img-src https:')], directive: 'img-src', url: 'http://images.contentful.com/a', status: 'allowed' },
  { cite: 'UIR §4.1: a <meta> policy may upgrade (only report-only is excluded)', page: HTTP_PAGE, policies: [meta('upgrade-insecure-requests'), header('img-src https:')], directive: 'img-src', url: 'http://images.contentful.com/a', status: 'allowed' },
  { cite: 'UIR §3.1: ignored in a report-only policy', page: HTTP_PAGE, policies: [reportOnly('upgrade-insecure-requests'), header('img-src https:')], directive: 'img-src', url: 'http://images.contentful.com/a', status: 'blocked' },
  { cite: 'UIR §4.1: ws is upgraded to wss', page: HTTP_PAGE, policies: [header('upgrade-insecure-requests; connect-src wss://x.test')], directive: 'connect-src', url: 'ws://x.test/socket', status: 'allowed' },
  { cite: 'UIR §4.1: port 80 becomes 443', page: HTTP_PAGE, policies: [header('upgrade-insecure-requests; connect-src https://x.test')], directive: 'connect-src', url: 'http://x.test:80/a', status: 'allowed' },
  { cite: 'UIR §4.1: another port is kept', page: HTTP_PAGE, policies: [header('upgrade-insecure-requests; connect-src https://x.test')], directive: 'connect-src', url: 'http://x.test:8080/a', status: 'blocked' },
  { cite: 'UIR §4.1: the upgraded request is what report-only policies see too', page: HTTP_PAGE, policies: [header('upgrade-insecure-requests'), reportOnly('img-src https:')], directive: 'img-src', url: 'http://x.test/a', status: 'allowed' },
  { cite: 'UIR §4.1: https requests are unchanged', policies: [header("upgrade-insecure-requests; img-src 'self'")], directive: 'img-src', url: 'https://x.test/a', status: 'blocked' },
];

describe('CSP3 §4.1 several policies, §3.3 <meta>, Upgrade Insecure Requests', () => {
  for (const c of LISTS) {
    it(`${c.cite}: ${c.directive} ${c.url} → ${c.status}`, () => {
      const { policies } = parseCspPolicies(c.policies);
      expect(checkRequestAgainstPolicies({ url: c.url, directive: c.directive }, policies, c.page ?? HTTPS_PAGE).status).toBe(c.status);
    });
  }
});

describe('CSP3 §3.3: a <meta> policy ignores report-uri, frame-ancestors and sandbox', () => {
  for (const name of ['report-uri /csp', "frame-ancestors 'none'", 'sandbox', 'sandbox allow-scripts']) {
    it(`leaves "${name}" out of the applied policy and out of the <meta> proposal`, () => {
      const policies = [meta(`${name}; img-src 'self'`)];
      const applied = parseCspPolicies(policies).policies[0]!;
      expect(applied.directives.map((d) => d.name)).toEqual(['img-src']);
      const proposal = auditCsp({ policies, pageUrl: HTTPS_PAGE }).proposals[0]!;
      expect(parseSerializedCsp(proposal.strict).tokens.map((t) => t.name)).toEqual(['img-src']);
    });
  }

  it('keeps them in a header proposal, where they apply', () => {
    const proposal = auditCsp({ policies: [header("sandbox allow-scripts; frame-ancestors 'none'; img-src 'self'")], pageUrl: HTTPS_PAGE }).proposals[0]!;
    expect(parseSerializedCsp(proposal.strict).tokens.map((t) => t.name)).toEqual(['sandbox', 'frame-ancestors', 'img-src']);
  });
});

// ── The audit: which environment, which delivery, which fallback ───────────────────────────────
const row = (audit: ReturnType<typeof auditCsp>, directive: string, source: string) => audit.matrix.find((r) => r.directive === directive && r.source === source)!;

describe('Mixed Content §4.1: the SDK’s http:// sources are judged by the page’s scheme', () => {
  const policy = [header("default-src 'self'; img-src 'self' data: https:")];

  it('an http page requests http://images.contentful.com as http: img-src https: blocks it', () => {
    const audit = auditCsp({ policies: policy, pageUrl: HTTP_PAGE });
    expect(row(audit, 'img-src', 'http://images.contentful.com')).toMatchObject({ url: expect.stringMatching(/^http:\/\//), status: 'blocked', environment: { judgedFor: 'http', otherStatus: 'allowed' } });
  });

  it('an https page requests it as https (upgraded, Mixed Content §4.1): allowed', () => {
    const audit = auditCsp({ policies: policy, pageUrl: HTTPS_PAGE });
    expect(row(audit, 'img-src', 'http://images.contentful.com')).toMatchObject({ status: 'allowed', environment: { judgedFor: 'https', otherStatus: 'blocked' } });
  });

  it('says which environment the finding applies to', () => {
    const audit = auditCsp({ policies: policy, pageUrl: HTTP_PAGE });
    expect(audit.notes.some((n) => n.includes('http://images.contentful.com') && n.includes('on this http page') && n.includes('allowed on an https page'))).toBe(true);
  });

  it('upgrade-insecure-requests on the http page makes it https again (UIR §4.1)', () => {
    const audit = auditCsp({ policies: [header("upgrade-insecure-requests; default-src 'self'; img-src 'self' data: https:")], pageUrl: HTTP_PAGE });
    expect(row(audit, 'img-src', 'http://images.contentful.com').status).toBe('allowed');
  });

  it('the suggestion for an http page allows the http request, without an http:// source (scheme-less, §6.7.2.6)', () => {
    const audit = auditCsp({ policies: [header("default-src 'self'; img-src 'self'")], pageUrl: HTTP_PAGE });
    expect(audit.proposals[0]!.strict).toContain(' images.contentful.com');
    expect(audit.proposals[0]!.strict).not.toContain('http://');
    expect(auditCsp({ policies: [header(audit.proposals[0]!.strict)], pageUrl: HTTP_PAGE }).blocked).toEqual([]);
  });
});

describe('CSP3 §6.8.3: the vendor’s default-src row', () => {
  it('blocks nothing when every SDK request type has its own directive', () => {
    const audit = auditCsp({
      policies: [header("default-src 'none'; script-src https:; style-src https:; connect-src https: blob:; img-src https: data:; font-src https:; frame-src https: data: blob:")],
      pageUrl: HTTPS_PAGE,
    });
    expect(row(audit, 'default-src', 'data:')).toMatchObject({ status: 'allowed', fallbackFor: [] });
    expect(audit.blocked.filter((b) => b.directive === 'default-src')).toEqual([]);
  });

  it('names the SDK request types that still fall back to default-src', () => {
    const audit = auditCsp({ policies: [header("default-src 'self'; script-src https:; style-src https:; img-src https: data:; frame-src https: data: blob:")], pageUrl: HTTPS_PAGE });
    expect(row(audit, 'default-src', 'data:')).toMatchObject({ status: 'blocked', fallbackFor: ['connect-src', 'font-src'] });
  });

  it('is fixed by giving those request types their own directive, never by widening default-src', () => {
    const audit = auditCsp({ policies: [header("default-src 'self'; object-src 'self'")], pageUrl: HTTPS_PAGE });
    const after = parseSerializedCsp(audit.suggestedPolicy);
    expect(after.directives.find((d) => d.name === 'default-src')!.value).toEqual(["'self'"]);
    expect(auditCsp({ policies: [header(audit.suggestedPolicy)], pageUrl: HTTPS_PAGE }).blocked).toEqual([]);
  });
});

describe('CSP3 §6.8.3: a suggestion widens nothing through a fallback', () => {
  const suggestion = (text: string) => parseSerializedCsp(auditCsp({ policies: [header(text)], pageUrl: HTTPS_PAGE }).suggestedPolicy);
  const cases: Array<[cite: string, policy: string, directive: string, url: string]> = [
    ['§6.8.3 workers fall back to child-src: frames get frame-src instead', "default-src 'self'; child-src 'self'", 'worker-src', 'blob:https://shop.example/1'],
    ['§6.8.3 workers fall back to child-src: data: workers stay blocked', "default-src 'self'; child-src 'self'", 'worker-src', 'data:application/javascript,1'],
    ['§6.8.3 object-src falls back to default-src: object-src data: stays blocked', "default-src 'self'", 'object-src', 'data:text/html,x'],
    ['§6.8.3 object-src blob: stays blocked', "default-src 'self'", 'object-src', 'blob:https://shop.example/1'],
    ['§6.8.3 media-src blob: stays blocked', "default-src 'self'", 'media-src', 'blob:https://shop.example/1'],
    ['§6.8.3 workers falling back to default-src stay blocked', "default-src 'self'", 'worker-src', 'blob:https://shop.example/1'],
    ['§6.8.3 manifest-src stays as it was', "default-src 'self'", 'manifest-src', 'https://cdn.leantech.me/manifest.json'],
    ['§6.8.3 workers falling back to script-src are pinned', "default-src 'self'; script-src 'self'", 'worker-src', 'https://cdn.segment.com/w.js'],
  ];
  for (const [cite, policy, directive, url] of cases) {
    it(`${cite}: "${policy}" → ${directive} ${url} still blocked`, () => {
      expect(checkRequest({ url, directive }, parseSerializedCsp(policy), HTTPS_PAGE).allowed).toBe(false);
      expect(checkRequest({ url, directive }, suggestion(policy), HTTPS_PAGE).allowed).toBe(false);
    });
  }
});

describe('CSP3 §3.3 / §2.2.2: a header and a <meta> policy are proposed where each is delivered', () => {
  const audit = auditCsp({ policies: [header("default-src 'self'; frame-ancestors 'none'"), meta("img-src 'self'; sandbox")], pageUrl: HTTPS_PAGE });

  it('gives one proposal per delivery, never merged', () => {
    expect(audit.proposals.map((p) => p.delivery)).toEqual(['header', 'meta']);
    expect(audit.proposals[0]!.strict).not.toContain(',');
  });

  it('suggestedPolicy is the header proposal only', () => {
    expect(audit.suggestedPolicy).toBe(audit.proposals[0]!.strict);
    expect(parseSerializedCsp(audit.suggestedPolicy).directives.map((d) => d.name)).not.toContain('sandbox');
  });

  it('a report-only header is proposed as a report-only header', () => {
    const ro = auditCsp({ policies: [reportOnly("default-src 'self'")], pageUrl: HTTPS_PAGE });
    expect(ro.proposals.map((p) => p.delivery)).toEqual(['report-only-header']);
    expect(ro.suggestedPolicy).toBe('');
  });
});
