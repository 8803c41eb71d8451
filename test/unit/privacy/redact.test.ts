import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, redactSecretValue, redactString, redactStringBounded, redactUrl } from '../../../lib/privacy/redact';
import { parseRedaction } from '../../../lib/model/markers';

const b64url = (text: string): string => Buffer.from(text).toString('base64url');

/** A JWT with the given payload; the signature ends in `SIG1` so its last4 is known. */
function makeJwt(payload: Record<string, unknown>, signature = 'c2lnbmF0dXJlX2J5dGVzSIG1'): string {
  return b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) + '.' + b64url(JSON.stringify(payload)) + '.' + signature;
}

// 2026-11-23T19:00:00Z
const EXP = 1795460400;
const JWT = makeJwt({ sub: 'cust_123', exp: EXP, iat: EXP - 3600 });
const JWT_MARKER = '[redacted jwt exp=2026-11-23T19:00:00Z sub=cust_123 …SIG1]';

describe('redactString: JWTs', () => {
  it('returns ordinary text unchanged', () => {
    const text = 'Payment of 10 AED to LEANMB1 succeeded';
    expect(redactString(text)).toBe(text);
  });

  it('replaces a bare JWT with a jwt marker carrying exp, sub and the last 4 characters', () => {
    expect(redactString(JWT)).toBe(JWT_MARKER);
  });

  it('writes exp as ISO-8601 with milliseconds only when the claim has a fraction of a second', () => {
    expect(redactString(makeJwt({ exp: EXP + 0.5 }))).toBe('[redacted jwt exp=2026-11-23T19:00:00.500Z …SIG1]');
  });

  it('takes sub from customer_id when the token has no sub claim', () => {
    expect(redactString(makeJwt({ customer_id: 'c-42' }))).toBe('[redacted jwt sub=c-42 …SIG1]');
  });

  it('leaves sub out when the claim is not a short identifier', () => {
    expect(redactString(makeJwt({ sub: 'has space' }))).toBe('[redacted jwt …SIG1]');
    expect(redactString(makeJwt({ sub: 'x'.repeat(65) }))).toBe('[redacted jwt …SIG1]');
    expect(redactString(makeJwt({ sub: 42 }))).toBe('[redacted jwt …SIG1]');
  });

  it('leaves exp out when it is not a usable number', () => {
    expect(redactString(makeJwt({ exp: 'tomorrow' }))).toBe('[redacted jwt …SIG1]');
    expect(redactString(makeJwt({ exp: 1e300 }))).toBe('[redacted jwt …SIG1]');
  });

  it('still redacts a JWT whose payload is not JSON', () => {
    const jwt = 'eyJhbGciOiJub25lIn0.bm90IGpzb24.c2lnbmF0dXJlX2J5dGVzSIG1';
    expect(redactString(jwt)).toBe('[redacted jwt …SIG1]');
  });

  it('redacts an unsigned JWT (empty signature segment)', () => {
    const jwt = b64url('{"alg":"none"}') + '.' + b64url('{"sub":"u1"}') + '.';
    expect(redactString('t=' + jwt + ' end')).toBe('t=[redacted jwt sub=u1 …SJ9.] end');
  });

  it('redacts a five-segment JWE as one token', () => {
    const jwe = b64url('{"alg":"RSA-OAEP","enc":"A256GCM"}') + '.a2V5a2V5.aXZpdg.Y2lwaGVydGV4dA.dGFnZ2dnSIG1';
    expect(redactString('x ' + jwe + ' y')).toBe('x [redacted jwt …SIG1] y');
  });

  it('redacts every JWT in a text', () => {
    const other = makeJwt({ sub: 'other' }, 'b3RoZXJfc2lnbmF0dXJlOTHR');
    expect(redactString(JWT + ' and ' + other)).toBe(JWT_MARKER + ' and [redacted jwt sub=other …OTHR]');
  });

  it('redacts a JWT in a URL path and in a harmless query parameter', () => {
    expect(redactString('https://link.leantech.me/v1/' + JWT + '/start?state=' + JWT)).toBe(
      'https://link.leantech.me/v1/' + JWT_MARKER + '/start?state=' + JWT_MARKER,
    );
  });

  it('redacts a JWT inside an open_banking_redirect_url', () => {
    const url = 'https://bank.example/authorize?client_id=lean&request=' + JWT + '&response_type=code';
    expect(redactString(url)).toBe(
      'https://bank.example/authorize?client_id=lean&request=' + JWT_MARKER + '&response_type=code',
    );
  });

  it('redacts a JWT inside a last_api_response text', () => {
    const text = '{"status":"OK","results":{"token":"' + JWT + '"}}';
    expect(redactString(text)).not.toContain(JWT);
    expect(redactString(text)).toContain('"status":"OK"');
  });

  it('keeps "Authorization: Bearer" and redacts the JWT after it', () => {
    expect(redactString('Authorization: Bearer ' + JWT)).toBe('Authorization: Bearer ' + JWT_MARKER);
  });

  it('does not rescan text that contains a lone eyJ with no dots', () => {
    const text = 'eyJ'.repeat(300_000);
    expect(redactString(text)).toBe(text);
  });
});

describe('redactString: Bearer and Basic credentials', () => {
  it('redacts an opaque Bearer token, showing its last 4 characters when it is long', () => {
    expect(redactString('Authorization: Bearer 0a1b2c3d4e5f6g7h8i9jWXYZ')).toBe(
      'Authorization: Bearer [redacted bearer …WXYZ]',
    );
  });

  it('redacts a Basic credential whatever the case of the scheme', () => {
    expect(redactString('authorization: basic dXNlcjpwYXNz')).toBe('authorization: basic [redacted basic]');
    expect(redactString('BEARER abc123def')).toBe('BEARER [redacted bearer]');
  });

  it('leaves prose that merely uses the words "bearer" and "basic"', () => {
    expect(redactString('Invalid bearer token')).toBe('Invalid bearer token');
    expect(redactString('this is basic information')).toBe('this is basic information');
  });
});

describe('redactString: token-like URL parameters', () => {
  it('redacts the value of code= and keeps the rest of the URL readable', () => {
    expect(redactString('https://shop.example/ok?consent_attempt_id=ca_1&code=AbCdEfGh12345678WXYZ&x=1')).toBe(
      'https://shop.example/ok?consent_attempt_id=ca_1&code=[redacted code …WXYZ]&x=1',
    );
  });

  it('redacts fragment parameters', () => {
    expect(redactString('https://app.example/cb#access_token=opaque-token-value-1234&token_type=bearer')).toBe(
      'https://app.example/cb#access_token=[redacted access_token …1234]&token_type=bearer',
    );
  });

  it.each([
    'token', 'access_token', 'id_token', 'refresh_token', 'app_token', 'code', 'secret', 'client_secret', 'key',
    'api_key', 'apikey', 'password', 'auth', 'authorization', 'signature', 'sig', 'session', 'sessionid', 'jwt',
  ])('redacts the %s parameter, case-insensitively', (name) => {
    const value = 'v4lue-that-is-long-enough';
    expect(redactString('https://x.example/p?a=1&' + name + '=' + value)).toBe(
      'https://x.example/p?a=1&' + name + '=[redacted ' + name + ' …ough]',
    );
    const upper = name.toUpperCase();
    expect(redactString('https://x.example/p?' + upper + '=' + value)).toBe(
      'https://x.example/p?' + upper + '=[redacted ' + upper + ' …ough]',
    );
  });

  it('marks a parameter whose value is a JWT as a jwt', () => {
    expect(redactString('https://x.example/cb?id_token=' + JWT)).toBe('https://x.example/cb?id_token=[redacted id_token jwt …SIG1]');
  });

  it('finds a parameter percent-encoded inside another parameter', () => {
    const url = 'https://bank.example/a?redirect_uri=https%3A%2F%2Fshop.example%2Fcb%3Fcode%3DAbCdEfGh12345678WXYZ%26state%3D7';
    expect(redactString(url)).toBe(
      'https://bank.example/a?redirect_uri=https%3A%2F%2Fshop.example%2Fcb%3Fcode%3D[redacted code …WXYZ]%26state%3D7',
    );
  });

  it('redacts a parameter in a bare query string and in free text', () => {
    expect(redactString('code=AbCdEfGh12345678WXYZ&state=1')).toBe('code=[redacted code …WXYZ]&state=1');
    expect(redactString('retry with token=abc123')).toBe('retry with token=[redacted token]');
  });

  it('leaves the redirect handshake parameters readable', () => {
    const url = 'https://shop.example/ok?consent_attempt_id=ca_1&granular_status_code=OK&status_additional_info=none';
    expect(redactString(url)).toBe(url);
  });

  it('leaves an empty token parameter as it is', () => {
    expect(redactString('https://x.example/cb?code=&state=1')).toBe('https://x.example/cb?code=&state=1');
  });
});

describe('redactString: other places secrets hide', () => {
  it('redacts the password of a URL with credentials', () => {
    expect(redactString('https://user:hunter2@host.example/path')).toBe('https://user:[redacted password]@host.example/path');
  });

  it('redacts secret fields of JSON text', () => {
    expect(redactString('{"client_secret":"cs_live_0123456789abcdef","scope":"payments"}')).toBe(
      '{"client_secret":"[redacted client_secret …cdef]","scope":"payments"}',
    );
  });

  it('redacts secret fields of JSON text that was itself escaped into a string', () => {
    expect(redactString('{\\"access_token\\":\\"opaque-0123456789abcdef\\"}')).toBe(
      '{\\"access_token\\":\\"[redacted access_token …cdef]\\"}',
    );
  });

  it('gives the same result when applied twice', () => {
    const text = 'Authorization: Bearer ' + JWT + ' https://x.example/cb?code=AbCdEfGh12345678WXYZ#token=abcdefghijklmnopqrst';
    const once = redactString(text);
    expect(redactString(once)).toBe(once);
  });
});

describe('the last4 reveal rule', () => {
  it('reveals the last 4 characters of an original of 16 characters or more', () => {
    expect(redactSecretValue('app_token', '0123456789abWXYZ')).toBe('[redacted app_token …WXYZ]');
  });

  it('reveals nothing of an original shorter than 16 characters', () => {
    expect(redactSecretValue('app_token', '0123456789aWXYZ')).toBe('[redacted app_token]');
    expect(redactString('https://x.example/?code=12345678')).toBe('https://x.example/?code=[redacted code]');
  });

  it('reveals nothing when the last 4 characters are not printable ASCII', () => {
    expect(redactSecretValue('password', 'correct horse battery stäple')).toBe('[redacted password]');
  });
});

describe('redactSecretValue', () => {
  it('keeps the claims of a JWT found under a secret key', () => {
    expect(redactSecretValue('access_token', JWT)).toBe('[redacted access_token jwt exp=2026-11-23T19:00:00Z sub=cust_123 …SIG1]');
  });

  it('reads the JWT after a Bearer scheme', () => {
    expect(redactSecretValue('Authorization', 'Bearer ' + JWT)).toBe(
      '[redacted Authorization jwt exp=2026-11-23T19:00:00Z sub=cust_123 …SIG1]',
    );
  });

  it('returns empty and blank values unchanged: they hide nothing', () => {
    expect(redactSecretValue('app_token', '')).toBe('');
    expect(redactSecretValue('app_token', '  ')).toBe('  ');
  });

  it('writes markers that parse back with the marker grammar', () => {
    expect(parseRedaction(redactSecretValue('access_token', JWT))).toEqual({
      label: 'access_token',
      jwt: true,
      exp: '2026-11-23T19:00:00Z',
      sub: 'cust_123',
      last4: 'SIG1',
    });
    expect(parseRedaction(redactSecretValue('my token]', 'x'.repeat(20)))).toEqual({ label: 'my_token_', jwt: false, last4: 'xxxx' });
  });
});

describe('redactUrl', () => {
  it('redacts token parameters and JWTs of a frame URL', () => {
    expect(redactUrl('https://link.sandbox.leantech.me/?token=' + JWT + '&lang=en')).toBe(
      'https://link.sandbox.leantech.me/?token=[redacted token jwt …SIG1]&lang=en',
    );
  });

  it('cuts URLs longer than 4096 characters', () => {
    const url = 'data:text/html,' + 'a'.repeat(100_000);
    const out = redactUrl(url);
    expect(out.startsWith('data:text/html,aaa')).toBe(true);
    expect(out.endsWith('…[truncated ' + (url.length - MAX_URL_LENGTH) + ' chars]')).toBe(true);
  });
});

describe('redactStringBounded', () => {
  it('redacts before cutting, so a secret straddling the cut is not half-shown', () => {
    const text = 'x'.repeat(70) + ' Bearer ' + JWT + ' ' + 'y'.repeat(200);
    const out = redactStringBounded(text, 160);
    expect(out).not.toContain('eyJ');
    expect(out.startsWith('x'.repeat(70) + ' Bearer [redacted jwt')).toBe(true);
    expect(out).toMatch(/…\[truncated \d+ chars\]$/);
  });

  it('cuts before a marker rather than through it, so no half marker is left', () => {
    const text = 'x'.repeat(70) + ' Bearer ' + JWT + ' and more text after it';
    const out = redactStringBounded(text, 100);
    expect(out).toBe('x'.repeat(70) + ' Bearer …[truncated ' + (redactString(text).length - 78) + ' chars]');
  });

  it('does not split a surrogate pair at the cut', () => {
    const out = redactStringBounded('a'.repeat(9) + '😀' + 'b'.repeat(20), 10);
    expect(out).toBe('a'.repeat(9) + '…[truncated 22 chars]');
  });
});
