/**
 * Properties of the CSP parser and audit (lib/csp) over generated policy text (fast-check):
 * whatever a header or `<meta>` holds, parsing and auditing never throw, and what they return
 * stays well-formed. Run counts are set per property; together 5,000 generated inputs per
 * `vitest run`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditCsp, parseCspPolicies, parseMetaCsp, parseSerializedCsp, parseSerializedCspList } from '../../../lib/csp';
import { auditSessionCsp } from '../../../lib/csp/session-audit';
import type { CspPolicy } from '../../../lib/model/types';

/** Pieces real policies are made of, and pieces that break them. */
const token = fc.oneof(
  fc.constantFrom(
    'default-src', 'script-src', 'script-src-elem', 'connect-src', 'frame-src', 'child-src', 'img-src', 'style-src',
    'report-uri', 'frame-ancestors', 'sandbox', 'upgrade-insecure-requests', "'self'", "'none'", "'unsafe-inline'",
    "'strict-dynamic'", "'nonce-abc'", "'sha256-abc='", '*', 'https:', 'http:', 'data:', 'blob:', '*.leantech.me',
    'https://cdn.leantech.me', 'https://*.sa.leantech.me:443/path', 'wss://x', 'ws:', "'unsafe-eval'", "'report-sample'",
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom(';', ',', ' ', '\t', '\n', '\f', '\r', ';;', ',,', "'", '*.', ':', '//', '\u00a0', 'é', '\0'),
);
const policyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(token, { maxLength: 30 }).map((parts) => parts.join(' ')));
const observed = fc.record({
  source: fc.constantFrom('header', 'meta') as fc.Arbitrary<CspPolicy['source']>,
  disposition: fc.constantFrom('enforce', 'report') as fc.Arbitrary<CspPolicy['disposition']>,
  text: policyText,
});
const pageUrl = fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 }), fc.constantFrom('about:blank', 'http://localhost:5173/demo/', 'file:///x', ''));

describe('the CSP parser and audit over generated policies', () => {
  it('parses any string as one policy, a list or a <meta> policy without throwing, directive names lower-case and never empty (2,000 inputs)', () => {
    fc.assert(
      fc.property(policyText, (text) => {
        const one = parseSerializedCsp(text);
        const list = parseSerializedCspList(text, 'header', 'report');
        const meta = parseMetaCsp(text);
        for (const policy of [one, ...list, ...meta]) {
          for (const d of policy.directives) {
            expect(d.name).toBe(d.name.toLowerCase());
            expect(d.name).not.toBe('');
          }
          expect(new Set(policy.directives.map((d) => d.name)).size).toBe(policy.directives.length);
        }
        for (const policy of meta) {
          expect(policy.directives.some((d) => ['report-uri', 'frame-ancestors', 'sandbox'].includes(d.name))).toBe(false);
        }
        expect(list.every((p) => p.directives.length > 0)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('audits any set of observed policies for any page URL without throwing, every blocked entry pointing at an enforced policy (2,000 inputs)', () => {
    fc.assert(
      fc.property(fc.array(observed, { maxLength: 4 }), pageUrl, (policies, url) => {
        const parsed = parseCspPolicies(policies);
        const audit = auditCsp({ policies, pageUrl: url });
        expect(typeof audit.suggestedPolicy).toBe('string');
        for (const blocked of audit.blocked) {
          expect(blocked.policyIndex).toBeGreaterThanOrEqual(0);
          expect(blocked.policyIndex).toBeLessThan(parsed.policies.length);
          expect(parsed.policies[blocked.policyIndex]!.disposition).toBe('enforce');
        }
        // No policy, nothing blocked.
        if (parsed.policies.length === 0) expect(audit.blocked).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
    // 2,000 audits: seconds on a loaded machine, more than Vitest's default 5 s allows.
  }, 60_000);

  it('audits a session’s policies scoped by arbitrary loader regions, sandbox values and violation URLs without throwing (1,000 inputs)', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('loader' as const), region: fc.constantFrom('ae', 'sa', null) }),
      fc.record({ type: fc.constant('call' as const), config: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ type: fc.constant('csp-violation' as const), blockedURI: fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 })) }),
    );
    fc.assert(
      fc.property(fc.array(observed, { maxLength: 3 }), pageUrl, fc.array(event, { maxLength: 6 }), (policies, url, partial) => {
        const events = partial.map((e, i) => ({
          id: `e${i}`,
          time: i,
          frameUrl: url,
          ...(e.type === 'loader'
            ? { type: 'loader', src: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js', region: e.region, insertedAt: i, afterInteraction: false }
            : e.type === 'call'
              ? { type: 'call', method: 'connect', config: e.config, findings: [], callsite: null }
              : { type: 'csp-violation', blockedURI: e.blockedURI, effectiveDirective: 'script-src-elem', disposition: 'enforce', sourceFile: '', lineNumber: 0 }),
        })) as Parameters<typeof auditSessionCsp>[2];
        const audit = auditSessionCsp(policies, url, events);
        expect(typeof audit.suggestedPolicy).toBe('string');
      }),
      { numRuns: 1_000 },
    );
  });
});
