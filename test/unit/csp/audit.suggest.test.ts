import { describe, expect, it } from 'vitest';
import { auditCsp, checkRequest, diff, parseSerializedCsp, sourceKey } from '../../../lib/csp';
import type { AuditInput } from '../../../lib/csp';
import type { CspPolicy } from '../../../lib/model/types';

const PAGE = 'https://shop.example/checkout';
const UAE_SANDBOX = { region: 'ae', env: 'sandbox' } as const;
const header = (text: string, disposition: CspPolicy['disposition'] = 'enforce'): CspPolicy => ({ source: 'header', disposition, text });
const suggest = (text: string, extra: Partial<AuditInput> = {}) => auditCsp({ policies: [header(text)], pageUrl: PAGE, ...extra }).suggestions[0]!;
const directiveOf = (policy: string, name: string) => parseSerializedCsp(policy).directives.find((d) => d.name === name)?.value;

describe('the strict suggestion', () => {
  it('adds only the missing sources, to the directive that governs the request', () => {
    const s = suggest("default-src 'self' https://cdn.leantech.me data: blob:; connect-src 'self' https://link.sandbox.leantech.me blob: https://apm.ae01.leantech.me", {
      scope: UAE_SANDBOX,
    });
    expect(diff(s.before, s.strict).find((d) => d.directive === 'connect-src')).toEqual({
      directive: 'connect-src',
      created: false,
      added: ['https://graphql.contentful.com', 'https://api.segment.io', 'https://cdn.segment.com', 'https://api-js.mixpanel.com', 'https://cdn.growthbook.io'],
      removed: [],
    });
  });

  it("when the request falls back to default-src, adds an explicit directive with default-src's sources plus the new ones", () => {
    const s = suggest("default-src 'self' https://cdn.leantech.me data: blob:; connect-src *", { scope: UAE_SANDBOX });
    expect(directiveOf(s.strict, 'default-src')).toEqual(["'self'", 'https://cdn.leantech.me', 'data:', 'blob:']);
    expect(directiveOf(s.strict, 'font-src')).toEqual(["'self'", 'https://cdn.leantech.me', 'data:', 'blob:', 'https://fonts.gstatic.com']);
  });

  it('leaves default-src alone when only a specific request type needs more', () => {
    const s = suggest("default-src 'self' https://cdn.leantech.me data: blob:; connect-src *", { scope: UAE_SANDBOX });
    expect(diff(s.before, s.strict).find((d) => d.directive === 'default-src')).toBeUndefined();
  });

  it('creates script-src-elem, not script-src, when scripts fall back to default-src: workers keep falling back to default-src', () => {
    const s = suggest("default-src 'self' https://cdn.leantech.me data: blob:");
    expect(directiveOf(s.strict, 'script-src-elem')).toEqual(["'self'", 'https://cdn.leantech.me', 'data:', 'blob:', 'https://cdn.segment.com', 'https://cdn.mxpnl.com']);
    expect(directiveOf(s.strict, 'script-src')).toBeUndefined();
    expect(directiveOf(s.strict, 'worker-src')).toBeUndefined();
  });

  it("pins worker-src to its previous sources when it adds to the script-src workers fall back to", () => {
    const s = suggest("default-src 'self'; script-src 'self' blob:");
    expect(directiveOf(s.strict, 'script-src')).toEqual(["'self'", 'blob:', 'https://cdn.leantech.me', 'https://cdn.segment.com', 'https://cdn.mxpnl.com']);
    expect(directiveOf(s.strict, 'worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('creates frame-src from child-src instead of adding to child-src, which workers fall back to', () => {
    const s = suggest("default-src 'self'; child-src 'self'");
    expect(directiveOf(s.strict, 'child-src')).toEqual(["'self'"]);
    expect(directiveOf(s.strict, 'frame-src')).toEqual(["'self'", 'https://cdn.leantech.me', 'data:', 'blob:']);
    expect(directiveOf(s.strict, 'worker-src')).toBeUndefined();
  });

  it('never adds to default-src: object-src, media-src and workers keep what they had', () => {
    const s = suggest("default-src 'self'");
    expect(directiveOf(s.strict, 'default-src')).toEqual(["'self'"]);
  });

  it('keeps every other directive, unknown ones and default-src included, verbatim and in order', () => {
    const before = "Default-Src 'self'; object-src 'none'; upgrade-insecure-requests; img-scr foo; report-to csp-endpoint; connect-src 'self'";
    const s = suggest(before);
    const tokens = s.strict.split('; ');
    expect(tokens.slice(0, 5)).toEqual(before.split('; ').slice(0, 5));
    expect(tokens[5]!.startsWith("connect-src 'self' ")).toBe(true);
  });

  it('never removes a source (only an ignored lone-none in a directive it extends)', () => {
    const before = "default-src 'self' 'unsafe-inline' 'nonce-abc' https://x.test/path/; img-src 'none'; connect-src 'self' wss://x.test";
    const s = suggest(before);
    for (const d of diff(before, s.strict)) {
      expect([d.directive, d.removed]).toEqual([d.directive, d.directive === 'img-src' ? ["'none'"] : []]);
    }
  });

  it("replaces a lone 'none' when it extends that directive (it would be ignored next to sources)", () => {
    expect(directiveOf(suggest("img-src 'none'").strict, 'img-src')).not.toContain("'none'");
  });

  it('extends the first of duplicated directives and keeps the ignored one verbatim', () => {
    const s = suggest("connect-src 'self'; connect-src https://ignored.test", { scope: UAE_SANDBOX });
    expect(s.strict.split('; ')[0]!.startsWith("connect-src 'self' blob: https://apm.ae01.leantech.me")).toBe(true);
    expect(s.strict.split('; ')[1]).toBe('connect-src https://ignored.test');
  });

  it("does not add hosts to a script directive with 'strict-dynamic' (they would be ignored)", () => {
    const s = suggest("script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'");
    expect(directiveOf(s.strict, 'script-src')).toEqual(["'nonce-r4nd0m'", "'strict-dynamic'"]);
  });

  it("a request no directive governs needs nothing: a policy with only object-src stays as it is", () => {
    const s = suggest("object-src 'none'; base-uri 'self'");
    expect(s.strict).toBe(s.before);
  });

  it("leaves out of a <meta> proposal the directives a <meta> policy ignores (CSP3 §3.3)", () => {
    const audit = auditCsp({ policies: [{ source: 'meta', disposition: 'enforce', text: "img-src 'self'; frame-ancestors 'none'; sandbox; report-uri /r" }], pageUrl: PAGE });
    expect(parseSerializedCsp(audit.suggestions[0]!.strict).tokens.map((t) => t.name)).toEqual(['img-src']);
    expect(audit.proposals).toEqual([expect.objectContaining({ delivery: 'meta', strict: audit.suggestions[0]!.strict })]);
  });

  it('changes nothing for requests that are not the SDK’s', () => {
    const before = "default-src 'self' https://cdn.leantech.me data: blob:; script-src 'self' 'nonce-abc'; style-src 'self' 'unsafe-inline'; object-src 'none'; upgrade-insecure-requests";
    const after = suggest(before).strict;
    const urls = ['https://evil.test/x', 'http://evil.test/x', 'wss://evil.test/', 'https://shop.example/x', 'https://sub.leantech.me/x', 'data:,x', `blob:${new URL(PAGE).origin}/1`];
    const directives = ['script-src-elem', 'style-src-elem', 'connect-src', 'img-src', 'font-src', 'frame-src', 'media-src', 'object-src', 'worker-src', 'manifest-src'];
    const a = parseSerializedCsp(before);
    const b = parseSerializedCsp(after);
    for (const directive of directives) {
      for (const url of urls) {
        const request = { url, directive };
        expect([directive, url, checkRequest(request, b, PAGE).allowed]).toEqual([directive, url, checkRequest(request, a, PAGE).allowed]);
      }
    }
  });

  it('fixes everything in scope: re-auditing the suggestion finds nothing blocked', () => {
    for (const text of [
      "default-src 'self'",
      "default-src 'none'; script-src 'self'; img-src 'self'",
      "connect-src 'self'; frame-src 'none'; child-src https://x.test",
      "script-src-elem 'self'; style-src-elem 'self'; IMG-SRC 'NONE'; default-src https:",
      "default-src 'self'; img-src 'self'; img-src *",
    ]) {
      for (const scope of [UAE_SANDBOX, { region: null, env: null }, { region: 'sa', env: 'production' }] as const) {
        for (const variant of ['strict', 'relaxed'] as const) {
          const suggested = suggest(text, { scope })[variant];
          expect([text, variant, auditCsp({ policies: [header(suggested)], pageUrl: PAGE, scope }).blocked]).toEqual([text, variant, []]);
        }
      }
    }
  });
});

describe('the relaxed suggestion', () => {
  it('writes every missing Lean host as https://*.leantech.me, once', () => {
    const s = suggest("connect-src 'self' blob:");
    expect(directiveOf(s.relaxed, 'connect-src')).toEqual([
      "'self'",
      'blob:',
      'https://*.leantech.me',
      'https://graphql.contentful.com',
      'https://api.segment.io',
      'https://cdn.segment.com',
      'https://api-js.mixpanel.com',
      'https://cdn.growthbook.io',
    ]);
  });

  it('keeps third-party hosts exact', () => {
    expect(directiveOf(suggest("font-src 'self'").relaxed, 'font-src')).toEqual(["'self'", 'https://fonts.gstatic.com']);
  });

  it('adds nothing Lean when the page already allows every Lean host it needs', () => {
    const s = suggest("img-src 'self' data: https://*.leantech.me https://images.ctfassets.net http://images.contentful.com https://graphql.contentful.com");
    expect(s.relaxed).toBe(s.before);
  });
});

describe('suggestions for several policies', () => {
  it('gives one suggestion per policy, report-only ones included, and a suggestedPolicy of the enforced ones', () => {
    const audit = auditCsp({ policies: [header("img-src 'self'"), header("connect-src 'self'", 'report'), header("font-src 'self'")], pageUrl: PAGE });
    expect(audit.suggestions.map((s) => [s.policyIndex, s.disposition])).toEqual([
      [0, 'enforce'],
      [1, 'report'],
      [2, 'enforce'],
    ]);
    expect(audit.suggestedPolicy).toBe(`${audit.suggestions[0]!.strict}, ${audit.suggestions[2]!.strict}`);
  });
});

describe('diff', () => {
  it('gives the sources added per directive', () => {
    expect(diff("img-src 'self'", "img-src 'self' data: https://cdn.leantech.me")).toEqual([
      { directive: 'img-src', created: false, added: ['data:', 'https://cdn.leantech.me'], removed: [] },
    ]);
  });

  it('marks a directive that did not exist before as created', () => {
    expect(diff("default-src 'self'", "default-src 'self'; font-src 'self' https://fonts.gstatic.com")).toEqual([
      { directive: 'font-src', created: true, added: ["'self'", 'https://fonts.gstatic.com'], removed: [] },
    ]);
  });

  it('compares sources case-insensitively where CSP does', () => {
    expect(diff("IMG-SRC 'SELF' HTTPS://A.test", "img-src 'self' https://a.test")).toEqual([]);
    expect(sourceKey("'nonce-AbC'")).not.toBe(sourceKey("'nonce-abc'"));
  });

  it('lists removed sources too', () => {
    expect(diff("img-src 'none'", 'img-src data:')).toEqual([{ directive: 'img-src', created: false, added: ['data:'], removed: ["'none'"] }]);
  });
});
