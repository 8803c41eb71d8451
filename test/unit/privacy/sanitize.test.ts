import { describe, expect, it } from 'vitest';
import { createSanitizer } from '../../../lib/privacy/sanitize';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0b21lci0xIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1hdC1sZWFzdC0zMg';

describe('support report: only exact markers are trusted (issue 14 point 8)', () => {
  it('redacts a string that merely begins with "[redacted"', () => {
    const { snapshot } = createSanitizer([], false);
    const out = JSON.stringify(snapshot({ note: '[redacted jwt] but here it is: ' + JWT }));
    expect(out).not.toContain('eyJ');
  });

  it('redacts a value under a secret key that merely begins with "[redacted"', () => {
    const { snapshot } = createSanitizer([], false);
    expect(snapshot({ app_token: '[redacted app_token] raw-app-token-0123456789' })).toEqual({
      app_token: '[redacted app_token …6789]',
    });
  });

  it('keeps exact markers as they are', () => {
    const { snapshot } = createSanitizer([], false);
    const value = { app_token: '[redacted app_token …6789]', note: '[redacted jwt exp=2026-01-01T01:00:00Z sub=cust-1 …abcd]' };
    expect(snapshot(value)).toEqual(value);
  });
});
