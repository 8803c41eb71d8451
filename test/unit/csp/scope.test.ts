import { describe, expect, it } from 'vitest';
import { auditCsp, classifyLeanHost, inScope, scopeFromObservations, sdkSourcesInScope } from '../../../lib/csp';

const UAE_SANDBOX = { region: 'ae', env: 'sandbox' } as const;

describe('which hosts a page needs', () => {
  it('a UAE sandbox page needs the UAE sandbox link host only', () => {
    const links = sdkSourcesInScope('connect-src', UAE_SANDBOX)
      .filter((e) => e.source.includes('link.'))
      .map((e) => e.source);
    expect(links).toEqual(['https://link.sandbox.leantech.me']);
  });

  it('a UAE sandbox page still needs apm.ae01 (UAE, both environments) but not apm.sa01', () => {
    const apm = sdkSourcesInScope('connect-src', UAE_SANDBOX)
      .filter((e) => e.source.includes('apm.'))
      .map((e) => e.source);
    expect(apm).toEqual(['https://apm.ae01.leantech.me']);
  });

  it('a KSA production page needs the KSA production hosts and the shared ones', () => {
    expect(sdkSourcesInScope('img-src', { region: 'sa', env: 'production' }).map((e) => e.source)).toEqual([
      "'self'",
      'data:',
      'https://cdn.leantech.me',
      'https://images.leantech.me',
      'https://images.sa.leantech.me',
      'https://images.ctfassets.net',
      'http://images.contentful.com',
      'https://graphql.contentful.com',
    ]);
  });

  it('an unknown region or environment keeps every host', () => {
    expect(sdkSourcesInScope('connect-src', { region: null, env: null })).toHaveLength(13);
    expect(sdkSourcesInScope('connect-src', { region: 'sa', env: null }).map((e) => e.source)).toContain('https://link.sandbox.sa.leantech.me');
  });

  it('third-party hosts and keywords are needed by every page', () => {
    expect(inScope({ region: null, env: null }, { region: 'sa', env: 'sandbox' })).toBe(true);
  });
});

describe('auditing with a scope', () => {
  const policies = [{ source: 'header' as const, disposition: 'enforce' as const, text: "connect-src 'self'" }];

  it('does not tell a UAE sandbox page to allow KSA or production hosts', () => {
    const audit = auditCsp({ policies, pageUrl: 'https://shop.example/', scope: UAE_SANDBOX });
    const urls = audit.blocked.map((b) => b.url);
    expect(urls).toContain('https://link.sandbox.leantech.me');
    for (const host of ['link.leantech.me', 'link.sa.leantech.me', 'link.sandbox.sa.leantech.me', 'apm.sa01.leantech.me']) {
      expect(urls).not.toContain(`https://${host}`);
      expect(audit.suggestedPolicy).not.toContain(`https://${host}`);
    }
  });

  it('still shows out-of-scope hosts in the matrix, marked as such', () => {
    const audit = auditCsp({ policies, pageUrl: 'https://shop.example/', scope: UAE_SANDBOX });
    const ksa = audit.matrix.find((r) => r.source === 'https://link.sa.leantech.me')!;
    expect(ksa).toMatchObject({ inScope: false, status: 'blocked' });
  });

  it('says which hosts the scope left out', () => {
    const audit = auditCsp({ policies, pageUrl: 'https://shop.example/', scope: UAE_SANDBOX });
    expect(audit.notes.find((n) => n.startsWith('Scope UAE, sandbox'))).toContain('https://link.sa.leantech.me');
  });

  it('without a scope, every host of the table is required', () => {
    const audit = auditCsp({ policies, pageUrl: 'https://shop.example/' });
    expect(audit.blocked.filter((b) => b.directive === 'connect-src')).toHaveLength(12);
  });
});

describe('classifying an observed Lean host', () => {
  it.each([
    ['link.sandbox.sa.leantech.me', 'sa', 'sandbox'],
    ['apm.sa01.leantech.me', 'sa', null],
    ['apm.ae01.leantech.me', 'ae', null],
    ['link.leantech.me', 'ae', 'production'],
    ['cdn.leantech.me', null, null],
    ['new-thing.sandbox.leantech.me', 'ae', 'sandbox'],
    ['cdn.segment.com', null, null],
  ])('%s → region %s, env %s', (host, region, env) => {
    expect(classifyLeanHost(host)).toEqual({ region, env });
  });
});

describe('the scope observations support', () => {
  it('takes the loader region and the sandbox flag when they agree', () => {
    expect(scopeFromObservations({ loaderRegions: ['ae', 'ae'], sandboxValues: [true, true] })).toEqual(UAE_SANDBOX);
  });

  it('reads sandbox as the SDK does: the string "false" is truthy, so sandbox', () => {
    expect(scopeFromObservations({ sandboxValues: ['false'] }).env).toBe('sandbox');
  });

  it('reads an absent sandbox flag as production', () => {
    expect(scopeFromObservations({ sandboxValues: [undefined] }).env).toBe('production');
  });

  it('gives unknown (null) when observations disagree or are missing', () => {
    expect(scopeFromObservations({ loaderRegions: ['ae', 'sa'], sandboxValues: [true, false] })).toEqual({ region: null, env: null });
    expect(scopeFromObservations({})).toEqual({ region: null, env: null });
  });

  it('uses the region and environment of Lean hosts the page contacted', () => {
    expect(scopeFromObservations({ urls: ['https://link.sandbox.sa.leantech.me/x', 'https://cdn.leantech.me/y'] })).toEqual({
      region: 'sa',
      env: 'sandbox',
    });
  });
});
