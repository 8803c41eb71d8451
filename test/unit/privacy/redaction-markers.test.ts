import { describe, expect, it } from 'vitest';
import { secretLabel } from '../../../lib/privacy/redaction-markers';

describe('secretLabel', () => {
  it('uses the key itself when it is marker-safe', () => {
    expect(secretLabel('X-Api-Key')).toBe('X-Api-Key');
  });

  it('falls back to "secret" for long keys and keys that look like tokens', () => {
    expect(secretLabel('k'.repeat(65))).toBe('secret');
    expect(secretLabel('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln')).toBe('secret');
  });
});
