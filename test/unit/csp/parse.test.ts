import { describe, expect, it } from 'vitest';
import { getDirective, parseCspPolicies, parseMetaCsp, parseSerializedCsp, parseSerializedCspList } from '../../../lib/csp';

// CSP Level 3 §2.2.1 "Parse a serialized CSP", §2.2.2 "Parse a serialized CSP list", §3.3 <meta>.

describe('parsing a serialized policy', () => {
  it('splits on semicolons and each token on ASCII whitespace', () => {
    const policy = parseSerializedCsp("default-src 'self'; img-src\thttps://a.test   data:");
    expect(policy.directives).toEqual([
      { name: 'default-src', value: ["'self'"] },
      { name: 'img-src', value: ['https://a.test', 'data:'] },
    ]);
  });

  it('lower-cases directive names and keeps source expressions as written', () => {
    const policy = parseSerializedCsp("Script-SRC 'SELF' HTTPS://CDN.LEANTECH.ME");
    expect(policy.directives).toEqual([{ name: 'script-src', value: ["'SELF'", 'HTTPS://CDN.LEANTECH.ME'] }]);
  });

  it('keeps the first of duplicated directives and ignores later ones, with a note', () => {
    const policy = parseSerializedCsp('connect-src https://a.test; CONNECT-SRC https://b.test');
    expect(getDirective(policy, 'connect-src')?.value).toEqual(['https://a.test']);
    expect(policy.tokens.map((t) => t.status)).toEqual(['effective', 'duplicate']);
    expect(policy.notes).toEqual([expect.objectContaining({ code: 'duplicate-directive', directive: 'connect-src' })]);
  });

  it('ignores empty tokens: trailing, doubled and whitespace-only semicolons', () => {
    const policy = parseSerializedCsp("  img-src 'self' ;; ;  connect-src 'none' ; ");
    expect(policy.directives.map((d) => d.name)).toEqual(['img-src', 'connect-src']);
  });

  it('keeps a directive without a value, with an empty value', () => {
    expect(parseSerializedCsp('connect-src; img-src *').directives[0]).toEqual({ name: 'connect-src', value: [] });
  });

  it('gives an empty directive set for an empty or blank policy', () => {
    expect(parseSerializedCsp('').directives).toEqual([]);
    expect(parseSerializedCsp(' ; ;').directives).toEqual([]);
  });

  it('skips a token with non-ASCII characters, with a note', () => {
    const policy = parseSerializedCsp("img-src https://ünï.test; connect-src 'self'");
    expect(policy.directives.map((d) => d.name)).toEqual(['connect-src']);
    expect(policy.notes[0]?.code).toBe('non-ascii-token');
  });

  it('keeps unknown directives verbatim (browsers ignore them, the parser does not drop them)', () => {
    expect(parseSerializedCsp("img-scr 'none'").directives).toEqual([{ name: 'img-scr', value: ["'none'"] }]);
  });
});

describe('parsing a serialized policy list (a header value)', () => {
  it('splits a header value on commas into several policies', () => {
    const policies = parseSerializedCspList("connect-src https://a.test, img-src 'self'");
    expect(policies.map((p) => p.directives.map((d) => d.name))).toEqual([['connect-src'], ['img-src']]);
    expect(policies.map((p) => p.text)).toEqual(['connect-src https://a.test', "img-src 'self'"]);
  });

  it('drops policies with an empty directive set', () => {
    expect(parseSerializedCspList(" , img-src 'self' ,, ")).toHaveLength(1);
  });

  it('carries source and disposition onto every policy', () => {
    const [policy] = parseSerializedCspList("img-src 'self'", 'header', 'report');
    expect(policy).toMatchObject({ source: 'header', disposition: 'report' });
  });
});

describe('parsing a <meta> policy', () => {
  it('drops report-uri, frame-ancestors and sandbox, with a note for each', () => {
    const [policy] = parseMetaCsp("img-src 'self'; report-uri /r; frame-ancestors 'none'; sandbox allow-scripts");
    expect(policy!.directives.map((d) => d.name)).toEqual(['img-src']);
    expect(policy!.notes.filter((n) => n.code === 'meta-ignored-directive').map((n) => n.directive)).toEqual([
      'report-uri',
      'frame-ancestors',
      'sandbox',
    ]);
  });

  it('keeps the dropped directives as tokens, so the page text can be rebuilt verbatim', () => {
    const [policy] = parseMetaCsp("img-src 'self'; sandbox");
    expect(policy!.tokens.map((t) => [t.text, t.status])).toEqual([
      ["img-src 'self'", 'effective'],
      ['sandbox', 'meta-ignored'],
    ]);
  });

  it('splits on commas like Chromium, and says the HTML standard does not', () => {
    const policies = parseMetaCsp("img-src 'none', connect-src 'none'");
    expect(policies).toHaveLength(2);
    expect(policies[0]!.notes.map((n) => n.code)).toContain('meta-comma');
  });
});

describe('turning observed policies into applied policies', () => {
  it('gives one applied policy per comma-separated policy and remembers its input', () => {
    const { policies } = parseCspPolicies([
      { source: 'header', disposition: 'enforce', text: "img-src 'self', connect-src 'self'" },
      { source: 'meta', disposition: 'enforce', text: "font-src 'self'" },
    ]);
    expect(policies.map((p) => [p.inputIndex, p.source, p.text])).toEqual([
      [0, 'header', "img-src 'self'"],
      [0, 'header', "connect-src 'self'"],
      [1, 'meta', "font-src 'self'"],
    ]);
  });

  it('ignores a report-only policy delivered in <meta>, with a note', () => {
    const { policies, notes } = parseCspPolicies([{ source: 'meta', disposition: 'report', text: "img-src 'none'" }]);
    expect(policies).toEqual([]);
    expect(notes.map((n) => n.code)).toEqual(['meta-report-only']);
  });

  it('notes a policy that restricts nothing', () => {
    const { policies, notes } = parseCspPolicies([{ source: 'meta', disposition: 'enforce', text: 'sandbox; report-uri /r' }]);
    expect(policies).toEqual([]);
    expect(notes.map((n) => n.code)).toEqual(['meta-ignored-directive', 'meta-ignored-directive', 'empty-policy']);
  });
});
