import { describe, expect, it } from 'vitest';
import {
  checkRequest,
  checkRequestAgainstPolicies,
  fallbackList,
  governingDirective,
  hostPartMatches,
  parseSerializedCsp,
  parseSourceExpression,
  pathPartMatches,
  portPartMatches,
  schemePartMatches,
  urlMatchesExpression,
  urlMatchesSourceList,
} from '../../../lib/csp';
import type { PolicyLike } from '../../../lib/csp';

// CSP Level 3 §6.7.2 (URL matching) and §6.8 (effective directive, fallback list).

const HTTPS_PAGE = 'https://shop.test/checkout';
const HTTP_PAGE = 'http://shop.test/checkout';
const matches = (url: string, expression: string, page = HTTPS_PAGE) => urlMatchesExpression(url, expression, page);

describe('source expressions', () => {
  it.each([
    ['*', 'star'],
    ["'self'", 'keyword'],
    ["'SELF'", 'keyword'],
    ["'nonce-r4nd0m'", 'nonce'],
    ["'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", 'hash'],
    ['https:', 'scheme'],
    ['data:', 'scheme'],
    ['cdn.leantech.me', 'host'],
    ['https://*.leantech.me:*/link/', 'host'],
    ["'self-ish'", 'invalid'],
    ['https://a.test/p?q=1', 'invalid'],
  ])('classifies %s as %s', (text, kind) => {
    expect(parseSourceExpression(text).kind).toBe(kind);
  });
});

describe('scheme-part matching (§6.7.2.7)', () => {
  it.each([
    ['http', 'http', true],
    ['http', 'https', true],
    ['https', 'http', false],
    ['ws', 'wss', true],
    ['ws', 'https', true],
    ['wss', 'https', true],
    ['https', 'wss', false],
    ['HTTPS', 'https', true],
    ['data', 'blob', false],
  ])('%s matches %s: %s', (a, b, expected) => {
    expect(schemePartMatches(a, b)).toBe(expected);
  });
});

describe('host-part matching (§6.7.2.8)', () => {
  it('matches the same host, case-insensitively', () => {
    expect(hostPartMatches('CDN.LeanTech.me', 'cdn.leantech.me')).toBe(true);
  });

  it('*.example.com matches subdomains at any depth', () => {
    expect(hostPartMatches('*.leantech.me', 'link.sandbox.sa.leantech.me')).toBe(true);
  });

  it('*.example.com does not match example.com itself', () => {
    expect(hostPartMatches('*.leantech.me', 'leantech.me')).toBe(false);
  });

  it('*.example.com does not match a host that merely ends in the same letters', () => {
    expect(hostPartMatches('*.leantech.me', 'evilleantech.me')).toBe(false);
  });

  it('matches an IPv4 address only when it is 127.0.0.1', () => {
    expect(hostPartMatches('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(hostPartMatches('10.1.2.3', '10.1.2.3')).toBe(false);
  });
});

describe('port-part matching (§6.7.2.9)', () => {
  it('no port-part matches only the default port', () => {
    expect(portPartMatches(null, { scheme: 'https', port: null })).toBe(true);
    expect(portPartMatches(null, { scheme: 'https', port: 8443 })).toBe(false);
  });

  it(':* matches any port', () => {
    expect(portPartMatches('*', { scheme: 'https', port: 8443 })).toBe(true);
  });

  it('an explicit default port matches a URL without a port', () => {
    expect(portPartMatches('443', { scheme: 'https', port: null })).toBe(true);
  });

  it('80 matches 443 only when the scheme was upgraded', () => {
    expect(portPartMatches('80', { scheme: 'https', port: null }, true)).toBe(true);
    expect(portPartMatches('80', { scheme: 'https', port: null }, false)).toBe(false);
  });
});

describe('path-part matching (§6.7.2.10)', () => {
  it('a path ending in / matches everything below it', () => {
    expect(pathPartMatches('/link/', '/link/loader/x.js')).toBe(true);
  });

  it('a path ending in / does not match the same path without the slash', () => {
    expect(pathPartMatches('/link/', '/link')).toBe(false);
  });

  it('any other path matches exactly', () => {
    expect(pathPartMatches('/a.js', '/a.js')).toBe(true);
    expect(pathPartMatches('/a.js', '/a.jsx')).toBe(false);
    expect(pathPartMatches('/a.js', '/a.js/more')).toBe(false);
  });

  it('compares percent-decoded pieces', () => {
    expect(pathPartMatches('/a%20b/', '/a b/c')).toBe(true);
  });

  it('ignores the query: only the URL path is compared', () => {
    expect(matches('https://a.test/a.js?v=2', 'https://a.test/a.js')).toBe(true);
  });
});

describe('matching a URL against one expression (§6.7.2.6)', () => {
  it('* matches http, https, ws and wss URLs of any host', () => {
    for (const url of ['http://x.test/', 'https://x.test/', 'ws://x.test/', 'wss://x.test/']) expect(matches(url, '*')).toBe(true);
  });

  it('* does not match data:, blob: or filesystem: URLs', () => {
    for (const url of ['data:,x', 'blob:https://shop.test/1', 'filesystem:https://shop.test/temporary/x']) expect(matches(url, '*')).toBe(false);
  });

  it('https: matches any https URL but not http', () => {
    expect(matches('https://x.test/', 'https:')).toBe(true);
    expect(matches('http://x.test/', 'https:')).toBe(false);
  });

  it('http: and http:// hosts also match https (the secure upgrade)', () => {
    expect(matches('https://x.test/', 'http:')).toBe(true);
    expect(matches('https://images.contentful.com/a.png', 'http://images.contentful.com')).toBe(true);
  });

  it('an https:// host does not match the http URL (no downgrade)', () => {
    expect(matches('http://a.test/', 'https://a.test', HTTP_PAGE)).toBe(false);
  });

  it('a host without a scheme takes the page scheme, with its upgrade', () => {
    expect(matches('https://a.test/', 'a.test', HTTP_PAGE)).toBe(true);
    expect(matches('http://a.test/', 'a.test', HTTPS_PAGE)).toBe(false);
  });

  it('a host source never matches a data: or blob: URL', () => {
    expect(matches('blob:https://shop.test/1', 'shop.test')).toBe(false);
  });

  it("'self' matches the page origin", () => {
    expect(matches('https://shop.test/api', "'self'")).toBe(true);
    expect(matches('https://www.shop.test/api', "'self'")).toBe(false);
    expect(matches('https://shop.test:8443/api', "'self'")).toBe(false);
  });

  it("'self' on an http page also matches https and wss on default ports", () => {
    expect(matches('https://shop.test/api', "'self'", HTTP_PAGE)).toBe(true);
    expect(matches('wss://shop.test/s', "'self'", HTTP_PAGE)).toBe(true);
    expect(matches('https://shop.test:8443/api', "'self'", HTTP_PAGE)).toBe(false);
  });

  it("'self' on an https page does not match http (no downgrade)", () => {
    expect(matches('http://shop.test/api', "'self'")).toBe(false);
  });

  it("'self' does not match the page's own blob: URLs (as browsers do)", () => {
    expect(matches('blob:https://shop.test/1', "'self'")).toBe(false);
  });

  it("keywords like 'unsafe-inline' and nonces never match a URL", () => {
    expect(matches('https://shop.test/', "'unsafe-inline'")).toBe(false);
    expect(matches('https://shop.test/', "'nonce-abc'")).toBe(false);
  });
});

describe('matching a URL against a source list (§6.7.2.5)', () => {
  it("'none' alone matches nothing", () => {
    expect(urlMatchesSourceList('https://shop.test/', ["'none'"], HTTPS_PAGE)).toBe(false);
  });

  it("'none' next to other sources is ignored", () => {
    expect(urlMatchesSourceList('https://a.test/', ["'none'", 'https://a.test'], HTTPS_PAGE)).toBe(true);
  });

  it('an empty source list matches nothing', () => {
    expect(urlMatchesSourceList('https://shop.test/', [], HTTPS_PAGE)).toBe(false);
  });
});

describe('effective directive and fallback (§6.8)', () => {
  it.each([
    ['script-src-elem', ['script-src-elem', 'script-src', 'default-src']],
    ['style-src-elem', ['style-src-elem', 'style-src', 'default-src']],
    ['frame-src', ['frame-src', 'child-src', 'default-src']],
    ['connect-src', ['connect-src', 'default-src']],
    ['img-src', ['img-src', 'default-src']],
    ['font-src', ['font-src', 'default-src']],
  ])('%s falls back along %j', (directive, list) => {
    expect(fallbackList(directive)).toEqual(list);
  });

  it('the most specific directive present governs', () => {
    const policy = parseSerializedCsp("default-src 'none'; script-src 'self'; script-src-elem https://cdn.leantech.me");
    expect(governingDirective(policy, 'script-src-elem')?.name).toBe('script-src-elem');
    expect(governingDirective(policy, 'img-src')?.name).toBe('default-src');
  });

  it('a request with no directive in its fallback list is allowed', () => {
    const verdict = checkRequest({ url: 'https://x.test/i.png', directive: 'img-src' }, parseSerializedCsp("connect-src 'none'"), HTTPS_PAGE);
    expect(verdict).toEqual({ allowed: true, directive: null, reason: 'no-directive' });
  });
});

describe('scripts: nonces, hashes and strict-dynamic (§6.7.1)', () => {
  const loader = 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js';
  const strict = parseSerializedCsp("script-src 'nonce-r4nd0m' 'strict-dynamic' https://cdn.leantech.me");

  it("'strict-dynamic' blocks a parser-inserted loader without the nonce, even if its host is listed", () => {
    expect(checkRequest({ url: loader, directive: 'script-src-elem', parserInserted: true }, strict, HTTPS_PAGE)).toMatchObject({
      allowed: false,
      reason: 'strict-dynamic-parser-inserted',
    });
  });

  it("'strict-dynamic' allows a loader tag that carries the nonce", () => {
    expect(checkRequest({ url: loader, directive: 'script-src-elem', parserInserted: true, nonce: 'r4nd0m' }, strict, HTTPS_PAGE).reason).toBe('nonce');
  });

  it("'strict-dynamic' allows scripts inserted by script, from any host", () => {
    expect(checkRequest({ url: 'https://cdn.segment.com/a.js', directive: 'script-src-elem' }, strict, HTTPS_PAGE).reason).toBe('strict-dynamic');
  });

  it("'strict-dynamic' does not touch other request types", () => {
    const policy = parseSerializedCsp("default-src 'self' 'strict-dynamic'");
    expect(checkRequest({ url: 'https://a.test/i.png', directive: 'img-src' }, policy, HTTPS_PAGE).allowed).toBe(false);
  });

  it('a nonce must be identical (case-sensitive)', () => {
    expect(checkRequest({ url: loader, directive: 'script-src-elem', nonce: 'R4ND0M' }, strict, HTTPS_PAGE).allowed).toBe(true); // strict-dynamic: not parser-inserted
    const nonceOnly = parseSerializedCsp("script-src 'nonce-r4nd0m'");
    expect(checkRequest({ url: loader, directive: 'script-src-elem', nonce: 'R4ND0M' }, nonceOnly, HTTPS_PAGE).allowed).toBe(false);
  });

  it('a listed hash allows an external script whose integrity metadata names it', () => {
    const policy = parseSerializedCsp("script-src 'sha384-abc'");
    expect(checkRequest({ url: loader, directive: 'script-src-elem', integrity: 'sha384-abc' }, policy, HTTPS_PAGE).reason).toBe('hash');
    expect(checkRequest({ url: loader, directive: 'script-src-elem', integrity: 'sha384-abc sha512-def' }, policy, HTTPS_PAGE).allowed).toBe(false);
  });
});

describe('several policies', () => {
  const enforce = (text: string): PolicyLike => ({ ...parseSerializedCsp(text), disposition: 'enforce' });
  const report = (text: string): PolicyLike => ({ ...parseSerializedCsp(text), disposition: 'report' });

  it('a request is allowed only if every enforced policy allows it', () => {
    const verdict = checkRequestAgainstPolicies(
      { url: 'https://a.test/', directive: 'connect-src' },
      [enforce('connect-src https://a.test'), enforce('connect-src https://b.test')],
      HTTPS_PAGE,
    );
    expect(verdict.status).toBe('blocked');
    expect(verdict.decidedBy).toEqual({ policyIndex: 1, directive: 'connect-src' });
  });

  it('a report-only policy never blocks but says it would', () => {
    const verdict = checkRequestAgainstPolicies({ url: 'https://a.test/', directive: 'connect-src' }, [report("default-src 'self'")], HTTPS_PAGE);
    expect(verdict.status).toBe('report-only-violation');
    expect(verdict.decidedBy).toEqual({ policyIndex: 0, directive: 'default-src' });
  });

  it('an enforced block wins over a report-only objection', () => {
    const verdict = checkRequestAgainstPolicies(
      { url: 'https://a.test/', directive: 'connect-src' },
      [report("connect-src 'self'"), enforce("connect-src 'self'")],
      HTTPS_PAGE,
    );
    expect(verdict.status).toBe('blocked');
    expect(verdict.decidedBy?.policyIndex).toBe(1);
  });

  it('no policy with a directive for the request: allowed, decided by nobody', () => {
    const verdict = checkRequestAgainstPolicies({ url: 'https://a.test/', directive: 'font-src' }, [enforce("img-src 'none'")], HTTPS_PAGE);
    expect(verdict).toMatchObject({ status: 'allowed', decidedBy: null });
  });
});
