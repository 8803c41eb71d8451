import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELAXED_LEAN_SOURCE, SDK_CSP, SDK_DIRECTIVES, representativeUrl, urlMatchesExpression, vendorPolicy } from '../../../lib/csp';

/**
 * The vendor's strict list, copied from docs/lean-sdk-reference.md, section "Content Security
 * Policy the SDK needs (vendor's "strict" list)". The data table must say exactly this.
 */
const REFERENCE_TABLE = `
| default-src | 'self' https://cdn.leantech.me data: blob: |
| script-src | 'self' https://cdn.leantech.me https://cdn.segment.com http://cdn.mxpnl.com |
| style-src | 'self' https://cdn.leantech.me https://fonts.googleapis.com https://cdn.segment.com |
| connect-src | 'self' blob: https://apm.ae01.leantech.me https://apm.sa01.leantech.me https://link.sandbox.leantech.me https://link.leantech.me https://link.sandbox.sa.leantech.me https://link.sa.leantech.me https://graphql.contentful.com https://api.segment.io https://cdn.segment.com https://api-js.mixpanel.com https://cdn.growthbook.io |
| img-src | 'self' data: https://cdn.leantech.me https://images.leantech.me https://images.sandbox.leantech.me https://images.sa.leantech.me https://images.sandbox.sa.leantech.me https://images.ctfassets.net http://images.contentful.com https://graphql.contentful.com |
| font-src | 'self' https://fonts.gstatic.com |
| frame-src | 'self' https://cdn.leantech.me data: blob: |
`;

function tableRows(markdown: string): Array<[string, string[]]> {
  return markdown
    .split('\n')
    .map((line) => /^\|\s*([a-z-]+-src)\s*\|\s*(.+?)\s*\|\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!.split(/\s+/)]);
}

describe('the SDK host table', () => {
  it("lists exactly the reference's directives and sources, in order", () => {
    expect(SDK_DIRECTIVES.map((d) => [d, SDK_CSP[d].map((e) => e.source)])).toEqual(tableRows(REFERENCE_TABLE));
  });

  const reference = path.resolve(__dirname, '../../../docs/lean-sdk-reference.md');
  it('matches the table in docs/lean-sdk-reference.md', () => {
    const text = readFileSync(reference, 'utf8');
    const section = text.slice(text.indexOf('### Content Security Policy the SDK needs'));
    expect(tableRows(section.slice(0, section.indexOf('"Relaxed" variant')))).toEqual(tableRows(REFERENCE_TABLE));
  });

  it('classifies sources as Lean hosts, third-party hosts or keywords', () => {
    const all = Object.values(SDK_CSP).flat();
    for (const entry of all) {
      const expected = entry.source.endsWith('.leantech.me') ? 'lean' : /^https?:\/\//.test(entry.source) ? 'third-party' : 'keyword';
      expect([entry.source, entry.kind]).toEqual([entry.source, expected]);
    }
  });

  it('tags KSA hosts (sa, sa01) with region sa and other region-specific Lean hosts with ae', () => {
    const regions = Object.fromEntries(SDK_CSP['connect-src'].filter((e) => e.kind === 'lean').map((e) => [e.source, e.region]));
    expect(regions).toEqual({
      'https://apm.ae01.leantech.me': 'ae',
      'https://apm.sa01.leantech.me': 'sa',
      'https://link.sandbox.leantech.me': 'ae',
      'https://link.leantech.me': 'ae',
      'https://link.sandbox.sa.leantech.me': 'sa',
      'https://link.sa.leantech.me': 'sa',
    });
  });

  it('tags sandbox hosts with env sandbox and their production twins with production', () => {
    const envs = Object.fromEntries(SDK_CSP['img-src'].filter((e) => e.kind === 'lean').map((e) => [e.source, e.env]));
    expect(envs).toEqual({
      'https://cdn.leantech.me': null,
      'https://images.leantech.me': null,
      'https://images.sandbox.leantech.me': 'sandbox',
      'https://images.sa.leantech.me': 'production',
      'https://images.sandbox.sa.leantech.me': 'sandbox',
    });
  });

  it('keeps hosts without a region or environment marker (cdn, images, third parties) for every page', () => {
    for (const entry of Object.values(SDK_CSP).flat()) {
      if (entry.kind !== 'lean' || ['cdn.leantech.me', 'images.leantech.me'].some((h) => entry.source.endsWith(`//${h}`))) {
        expect([entry.source, entry.region, entry.env]).toEqual([entry.source, null, null]);
      }
    }
  });

  it("each source matches its own representative URL (so an added source really unblocks the SDK's request)", () => {
    const page = 'https://shop.example/checkout';
    for (const directive of SDK_DIRECTIVES) {
      for (const entry of SDK_CSP[directive]) {
        expect([directive, entry.source, urlMatchesExpression(representativeUrl(entry, page), entry.source, page)]).toEqual([directive, entry.source, true]);
      }
    }
  });

  it('writes the loader as the URL the reference gives, for the region in scope', () => {
    const loader = SDK_CSP['script-src'].find((e) => e.insertedBy === 'page')!;
    expect(representativeUrl(loader, 'https://shop.example/', 'sa')).toBe('https://cdn.leantech.me/link/loader/prod/sa/latest/lean-link-loader.min.js');
  });

  it('resolves blob: against the page origin', () => {
    const blob = SDK_CSP['connect-src'].find((e) => e.source === 'blob:')!;
    expect(representativeUrl(blob, 'https://shop.example/checkout')).toMatch(/^blob:https:\/\/shop\.example\//);
  });

  it('the relaxed vendor policy replaces every Lean host with https://*.leantech.me', () => {
    const relaxed = vendorPolicy('relaxed');
    expect(relaxed).not.toMatch(/https:\/\/(?!\*\.)[a-z0-9.]*leantech\.me/);
    expect(relaxed).toContain(`connect-src 'self' blob: ${RELAXED_LEAN_SOURCE} https://graphql.contentful.com`);
  });
});
