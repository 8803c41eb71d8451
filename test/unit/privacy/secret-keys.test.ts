import { describe, expect, it } from 'vitest';
import { isSecretKey } from '../../../lib/privacy/secret-keys';

describe('isSecretKey', () => {
  it.each([
    'app_token', 'access_token', 'refresh_token', 'id_token', 'authorization', 'auth', 'token', 'secret', 'client_secret',
    'password', 'api_key', 'apikey', 'private_key', 'bearer', 'cookie', 'jwt',
  ])('treats %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it('ignores case, underscores and dashes', () => {
    expect(isSecretKey('AppToken')).toBe(true);
    expect(isSecretKey('ACCESS-TOKEN')).toBe(true);
    expect(isSecretKey('Api_Key')).toBe(true);
    expect(isSecretKey('Private-Key')).toBe(true);
  });

  it('treats keys ending in token or secret as secret', () => {
    expect(isSecretKey('csrfToken')).toBe(true);
    expect(isSecretKey('webhook_secret')).toBe(true);
    expect(isSecretKey('X-Api-Key')).toBe(true);
    expect(isSecretKey('Set-Cookie')).toBe(true);
  });

  it.each([
    'customer_id', 'bank_identifier', 'payment_intent_id', 'permissions', 'granular_status_code', 'token_type',
    'key', 'sandbox', 'lean_correlation_id', 'authorizeConsent', '',
  ])('does not treat %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('answers the same for a key seen many times (cached) and a new one', () => {
    for (let i = 0; i < 2000; i++) expect(isSecretKey('field_' + i)).toBe(false);
    expect(isSecretKey('app_token')).toBe(true);
  });
});
