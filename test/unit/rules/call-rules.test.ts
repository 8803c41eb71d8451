/**
 * Spec: rules that read the page context and earlier calls — the captureRedirect
 * handshake (SDK reference §1, Open Finance redirect handshake) and tokens judged only
 * from their redaction markers (§1 shared fields: access_token is a customer-scoped JWT).
 */
import { describe, expect, it } from 'vitest';
import { validateCall } from '../../../lib/rules';
import { MINIMAL_CONFIGS } from '../../../lib/rules/examples';
import type { CallEvent, Finding, SessionEvent, Snapshot } from '../../../lib/model/types';

type Config = { [key: string]: Snapshot };
const NOW = Date.parse('2026-11-23T18:00:00.000Z');

function check(method: string, patch: Config, frameUrl = 'https://shop.example/', previous: SessionEvent[] = []): Finding[] {
  return validateCall({ method, config: { ...MINIMAL_CONFIGS[method], ...patch }, frameUrl, time: NOW }, { previous });
}

describe('capture-redirect-params', () => {
  const RETURN = 'https://shop.example/lean/success?consent_attempt_id=ca-1&granular_status_code=OK&status_additional_info=Payment%20done';
  const ALL = { consent_attempt_id: 'ca-1', granular_status_code: 'OK', status_additional_info: 'Payment done' };

  it('is silent when captureRedirect passes every parameter of the URL', () => {
    expect(check('captureRedirect', ALL, RETURN)).toEqual([]);
  });

  it('is silent when the page URL carries none of them', () => {
    expect(check('captureRedirect', {}, 'https://shop.example/lean/success')).toEqual([]);
  });

  it('warns once per URL parameter the config does not pass', () => {
    const findings = check('captureRedirect', { consent_attempt_id: 'ca-1' }, RETURN);
    expect(findings.map((f) => [f.code, f.severity, f.field])).toEqual([
      ['capture-redirect-params', 'warning', 'granular_status_code'],
      ['capture-redirect-params', 'warning', 'status_additional_info'],
    ]);
    expect(findings[0]?.fix).toContain("get('granular_status_code')");
  });

  it('is an error when the config passes a different value than the URL', () => {
    const findings = check('captureRedirect', { ...ALL, consent_attempt_id: 'ca-OLD' }, RETURN);
    expect(findings).toEqual([
      expect.objectContaining({ code: 'capture-redirect-params', severity: 'error', field: 'consent_attempt_id' }),
    ]);
  });

  it('accepts a value passed still URL-encoded', () => {
    expect(check('captureRedirect', { ...ALL, status_additional_info: 'Payment%20done' }, RETURN)).toEqual([]);
  });

  it('compares redacted values by their last 4 characters only', () => {
    const url = 'https://shop.example/r?consent_attempt_id=' + encodeURIComponent('[redacted consent_attempt_id …ab12]');
    expect(check('captureRedirect', { consent_attempt_id: 'xxxxxxab12' }, url)).toEqual([]);
    expect(check('captureRedirect', { consent_attempt_id: 'xxxxxxzz99' }, url).map((f) => f.severity)).toEqual(['error']);
  });

  it('only concerns captureRedirect', () => {
    expect(check('connect', {}, RETURN)).toEqual([]);
  });
});

describe('access_token', () => {
  const jwt = (extra: string) => `[redacted access_token jwt${extra} …9xQa]`;

  it('is silent for an unexpired JWT issued for this customer', () => {
    expect(check('connect', { access_token: jwt(' exp=2026-11-23T19:00:00.000Z sub=cust-123') })).toEqual([]);
  });

  it('access-token-not-jwt: a token that is not a JWT is a warning (the official SDKs never check its shape)', () => {
    const findings = check('connect', { access_token: '[redacted access_token …3a4f]' });
    expect(findings).toEqual([expect.objectContaining({ code: 'access-token-not-jwt', severity: 'warning', field: 'access_token' })]);
  });

  it('access-token-expired: exp before the call is an error giving the expiry time', () => {
    const findings = check('connect', { access_token: jwt(' exp=2026-11-23T17:59:59.000Z') });
    expect(findings).toEqual([expect.objectContaining({ code: 'access-token-expired', severity: 'error', field: 'access_token' })]);
    expect(findings[0]?.message).toContain('2026-11-23T17:59:59.000Z');
  });

  it('access-token-expired is not raised when exp is after the call', () => {
    expect(check('pay', { access_token: jwt(' exp=2026-11-23T18:00:01.000Z') })).toEqual([]);
  });

  it('access-token-customer-mismatch: a sub naming another customer is a warning', () => {
    const findings = check('connect', { access_token: jwt(' sub=cust-999') });
    expect(findings).toEqual([
      expect.objectContaining({ code: 'access-token-customer-mismatch', severity: 'warning', field: 'access_token' }),
    ]);
  });

  it('access-token-customer-mismatch accepts a sub that embeds the customer id', () => {
    expect(check('connect', { access_token: jwt(' sub=customer.cust-123') })).toEqual([]);
  });

  it('access-token-customer-mismatch is not judged without a customer_id', () => {
    expect(check('pay', { access_token: jwt(' sub=cust-999') })).toEqual([]);
  });

  it('reads an unredacted JWT the same way, without ever quoting it', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const raw = `${b64({ alg: 'HS256' })}.${b64({ exp: NOW / 1000 - 60, sub: 'cust-999' })}.c2lnbmF0dXJl`;
    const findings = check('connect', { access_token: raw });
    expect(findings.map((f) => f.code)).toEqual(['access-token-customer-mismatch', 'access-token-expired']);
    for (const f of findings) expect(JSON.stringify(f)).not.toContain(raw.slice(0, 20));
  });

  it('never reveals more of a token than its marker does', () => {
    const findings = check('connect', { access_token: '[redacted access_token …3a4f]' });
    expect(JSON.stringify(findings)).not.toContain('3a4f');
  });
});

describe('app-token-mixed-env', () => {
  const earlier = (config: Config): CallEvent => ({
    id: 'c0',
    type: 'call',
    time: NOW - 1000,
    frameUrl: 'https://shop.example/',
    method: 'connect',
    config: { ...MINIMAL_CONFIGS['connect'], ...config },
    findings: [],
    callsite: null,
  });

  it('warns when the same app_token (same last 4) ran with sandbox on and now off', () => {
    const findings = check('pay', { sandbox: false }, undefined, [earlier({ sandbox: true })]);
    expect(findings).toEqual([expect.objectContaining({ code: 'app-token-mixed-env', severity: 'warning', field: 'app_token' })]);
    expect(findings[0]?.message).toContain('…3a4f');
  });

  it('counts sandbox: "false" as sandbox on, as the SDK does', () => {
    const codes = check('pay', {}, undefined, [earlier({ sandbox: 'false' })]).map((f) => f.code);
    expect(codes).toEqual(['app-token-mixed-env']);
  });

  it('is silent for the same token in the same environment', () => {
    expect(check('pay', { sandbox: true }, undefined, [earlier({ sandbox: true })])).toEqual([]);
  });

  it('is silent for a different token in the other environment', () => {
    expect(check('pay', { sandbox: true }, undefined, [earlier({ app_token: '[redacted app_token …beef]' })])).toEqual([]);
  });

  it('is silent when the marker keeps no last 4 characters', () => {
    const token = '[redacted app_token]';
    expect(check('pay', { app_token: token, sandbox: true }, undefined, [earlier({ app_token: token })])).toEqual([]);
  });
});
