/**
 * A suggested policy never weakens the page's policy, over generated policies (fast-check):
 * - csp_evaluator (Google's checks, CSP3) finds nothing in a suggestion that it did not find in
 *   the original, except its reminder on each script host the SDK must load from (medium-maybe
 *   "no bypass found": any policy that lets the SDK's scripts in by host carries it);
 * - requests the vendor's table is not about (objects, media, workers, manifests, and any host
 *   that is not the SDK's) are allowed by the suggestion exactly when the original allows them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditCsp, checkRequest, parseSerializedCsp } from '../../../lib/csp';
import type { Scope } from '../../../lib/csp';
import { evaluatePolicy, findingKey, isSdkHostReminder, newFindings } from '../../../lib/csp/strength';
import type { CspPolicy } from '../../../lib/model/types';

const directiveName = fc.constantFrom(
  'default-src', 'script-src', 'script-src-elem', 'style-src', 'child-src', 'frame-src', 'worker-src', 'connect-src', 'img-src',
  'object-src', 'media-src', 'font-src', 'manifest-src', 'base-uri', 'frame-ancestors', 'sandbox', 'report-uri', 'upgrade-insecure-requests',
  'require-trusted-types-for', 'img-scr',
);
const sourceExpression = fc.constantFrom(
  "'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", "'nonce-r4nd0mNonce'", "'nonce-ab'",
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", "'report-sample'", '*', 'https:', 'http:', 'data:', 'blob:', 'wss:',
  'https://cdn.leantech.me', '*.leantech.me', 'https://link.leantech.me.', 'http://cdn.mxpnl.com', 'https://cdn.segment.com',
  'https://ajax.googleapis.com', 'https://x.test/path/', 'wss://x.test', '127.0.0.1', 'https://*.example.com:*', "'script'", '<b>', 'https://%zz', 'a:b:c',
);
const directive = fc.tuple(directiveName, fc.array(sourceExpression, { maxLength: 4 })).map(([name, values]) => [name, ...values].join(' '));
const policyText = fc.array(directive, { minLength: 1, maxLength: 6 }).map((ds) => ds.join('; '));
const observed = fc.record({
  source: fc.constantFrom('header', 'meta') as fc.Arbitrary<CspPolicy['source']>,
  disposition: fc.constantFrom('enforce', 'report') as fc.Arbitrary<CspPolicy['disposition']>,
  text: policyText,
});
const page = fc.constantFrom('https://shop.example/checkout', 'http://localhost:3000/', 'http://shop.example/');
const scope: fc.Arbitrary<Scope> = fc.record({ region: fc.constantFrom('ae', 'sa', null), env: fc.constantFrom('sandbox', 'production', null) });

describe('a suggested policy never weakens the page’s policy', () => {
  it('has no csp_evaluator finding, at any severity, that the original lacked, but the reminder on the SDK’s own script hosts (1,000 generated policies)', () => {
    fc.assert(
      fc.property(fc.array(observed, { minLength: 1, maxLength: 2 }), page, scope, (policies, pageUrl, s) => {
        const audit = auditCsp({ policies, pageUrl, scope: s });
        for (const suggestion of audit.suggestions) {
          for (const after of [suggestion.strict, suggestion.relaxed]) {
            const added = newFindings(suggestion.before, after, suggestion.source).filter((f) => !isSdkHostReminder(f, suggestion.before, after));
            expect({ before: suggestion.before, after, added }).toEqual({ before: suggestion.before, after, added: [] });
          }
        }
      }),
      { numRuns: 1_000 },
    );
  }, 180_000);

  it('allows a request the vendor’s table is not about exactly when the original did (1,000 generated policies)', () => {
    const unrelated = [
      ...['object-src', 'media-src', 'worker-src', 'manifest-src'].flatMap((directive) =>
        ['https://cdn.leantech.me/x', 'https://cdn.segment.com/x', 'data:,x', 'blob:https://shop.example/1', 'https://evil.test/x'].map((url) => ({ directive, url })),
      ),
      ...['script-src-elem', 'connect-src', 'img-src', 'frame-src', 'font-src', 'style-src-elem'].map((directive) => ({ directive, url: 'https://evil.test/x' })),
    ];
    fc.assert(
      fc.property(observed, (policy) => {
        const pageUrl = 'https://shop.example/checkout';
        const audit = auditCsp({ policies: [policy], pageUrl });
        for (const suggestion of audit.suggestions) {
          const before = parseSerializedCsp(suggestion.before, suggestion.source);
          const after = parseSerializedCsp(suggestion.strict, suggestion.source);
          for (const request of unrelated) {
            expect([request, checkRequest(request, after, pageUrl).allowed]).toEqual([request, checkRequest(request, before, pageUrl).allowed]);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  }, 180_000);

  it('never throws on a source csp_evaluator cannot parse: the policy gets one UNREADABLE finding', () => {
    expect(evaluatePolicy('img-src https://%zz').map((f) => f.type)).toEqual(['UNREADABLE']);
  });

  it('counts the same value moved from default-src into a new script-src as the same finding', () => {
    const before = evaluatePolicy("default-src 'self' data:").map(findingKey);
    const after = evaluatePolicy("default-src 'self' data:; script-src 'self' data:").map(findingKey);
    expect(new Set(after)).toEqual(new Set(before));
  });

  it('does not accept a reminder on a host the suggestion did not add, nor a high-severity bypass host', () => {
    const before = "script-src 'self'";
    const after = "script-src 'self' https://ajax.googleapis.com https://cdn.leantech.me";
    const added = newFindings(before, after);
    expect(added.map((f) => [f.value, f.severity, isSdkHostReminder(f, before, after)])).toEqual([
      ['https://ajax.googleapis.com', 'high', false],
      ['https://cdn.leantech.me', 'medium-maybe', true],
    ]);
  });
});
