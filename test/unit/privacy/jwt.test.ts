import { describe, expect, it } from 'vitest';
import { decodeBase64url } from '../../../lib/privacy/jwt';

const b64url = (text: string): string => Buffer.from(text).toString('base64url');

describe('decodeBase64url', () => {
  it('decodes the same with and without the platform atob', () => {
    const segment = b64url('{"sub":"ü-?>","exp":1}');
    expect(decodeBase64url(segment, false)).toBe(decodeBase64url(segment, true));
    expect(decodeBase64url(segment, false)).toBe(Buffer.from(segment, 'base64url').toString('latin1'));
  });

  it('returns null for text that is not base64url', () => {
    expect(decodeBase64url('not base64!', false)).toBeNull();
    expect(decodeBase64url('not base64!', true)).toBeNull();
  });
});
