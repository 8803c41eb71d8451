import { describe, expect, it } from 'vitest';
import { isLeanHost, isLeanUrl, policyLabel, REGION_NAME, tryUrl } from '../../../lib/model/vocabulary';

describe('Lean hosts', () => {
  it('are leantech.me and its subdomains, in any case and with a trailing dot', () => {
    expect(['leantech.me', 'link.sandbox.leantech.me', 'CDN.LeanTech.me', 'cdn.leantech.me.'].map(isLeanHost)).toEqual([true, true, true, true]);
  });

  it('exclude hosts that only end in the same letters or carry the domain as a label', () => {
    expect(['evilleantech.me', 'leantech.me.evil.example', 'leantech.com'].map(isLeanHost)).toEqual([false, false, false]);
  });

  it('are read from URLs, and text that is not a URL is not one', () => {
    expect(isLeanUrl('https://link.leantech.me/x?y=1')).toBe(true);
    expect(isLeanUrl('https://example.com/leantech.me')).toBe(false);
    expect(isLeanUrl('not a url')).toBe(false);
  });
});

describe('tryUrl', () => {
  it('parses a URL, against a base when given, and gives null otherwise', () => {
    expect(tryUrl('https://a.example/b')?.pathname).toBe('/b');
    expect(tryUrl('/c', 'https://a.example/b')?.href).toBe('https://a.example/c');
    expect(tryUrl('::')).toBeNull();
  });
});

describe('names shown to people', () => {
  it('name the regions UAE and KSA', () => {
    expect(REGION_NAME).toEqual({ ae: 'UAE', sa: 'KSA' });
  });

  it('label a policy by position and kind', () => {
    expect(policyLabel({ source: 'header', disposition: 'enforce' }, 0)).toBe('Policy 1 (header)');
    expect(policyLabel({ source: 'header', disposition: 'report' }, 1)).toBe('Policy 2 (report-only header)');
    expect(policyLabel({ source: 'meta', disposition: 'enforce' }, 2)).toBe('Policy 3 (<meta>)');
  });
});
