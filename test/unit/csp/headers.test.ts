import { describe, expect, it } from 'vitest';
import { becomesDocument, policiesFromHeaders } from '../../../lib/csp/headers';

describe('CSP policies from response headers', () => {
  it('reads enforced and report-only policies, each header once, in order', () => {
    expect(
      policiesFromHeaders([
        { name: 'Content-Type', value: 'text/html' },
        { name: 'content-security-policy', value: "default-src 'self'" },
        { name: 'Content-Security-Policy-Report-Only', value: 'img-src *' },
        { name: 'Content-Security-Policy', value: "script-src 'none'" },
      ]),
    ).toEqual([
      { source: 'header', disposition: 'enforce', text: "default-src 'self'" },
      { source: 'header', disposition: 'report', text: 'img-src *' },
      { source: 'header', disposition: 'enforce', text: "script-src 'none'" },
    ]);
  });

  it('ignores an empty header', () => {
    expect(policiesFromHeaders([{ name: 'Content-Security-Policy', value: '' }])).toEqual([]);
  });
});

describe('which top-level responses become the document', () => {
  it.each([
    [200, [], true],
    [404, [], true],
    [204, [], false],
    [302, [], false],
    [200, [{ name: 'Content-Disposition', value: 'attachment; filename="a.pdf"' }], false],
    [200, [{ name: 'Content-Disposition', value: 'inline' }], true],
  ])('status %i with %j → %s', (status, headers, expected) => {
    expect(becomesDocument(status, headers)).toBe(expected);
  });
});
