/**
 * Spec: which fields a method takes (SDK reference §1 method table, §2 known fields),
 * unknown and foreign fields, deprecated and legacy methods, and fields the SDK overrides.
 */
import { describe, expect, it } from 'vitest';
import { validateCall } from '../../../lib/rules';
import { MINIMAL_CONFIGS } from '../../../lib/rules/examples';
import type { Finding, LoaderEvent, SessionEvent, Snapshot } from '../../../lib/model/types';

type Config = { [key: string]: Snapshot };

function check(method: string, patch: Config = {}, previous: SessionEvent[] = []): Finding[] {
  return validateCall(
    { method, config: { ...MINIMAL_CONFIGS[method], ...patch }, frameUrl: 'https://shop.example/', time: 0 },
    { previous },
  );
}
const only = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);

describe('unknown-field', () => {
  it.each([
    ['customerId', 'customer_id'],
    ['appToken', 'app_token'],
    ['permisions', 'permissions'],
    ['Customer_ID', 'customer_id'],
    ['bank_identifer', 'bank_identifier'],
  ])('%s on connect is a warning suggesting %s', (field, suggestion) => {
    const findings = check('connect', { [field]: 'x' });
    expect(findings).toEqual([expect.objectContaining({ code: 'unknown-field', severity: 'warning', field })]);
    expect(findings[0]?.message).toContain(`Did you mean ${suggestion}?`);
    expect(findings[0]?.fix).toBe(`Rename it to ${suggestion}.`);
  });

  it('an unrelated name gets no suggestion and a fix to remove it', () => {
    const findings = check('connect', { foo: 1 });
    expect(findings).toEqual([expect.objectContaining({ code: 'unknown-field', field: 'foo' })]);
    expect(findings[0]?.message).not.toContain('Did you mean');
    expect(findings[0]?.fix).toBe('Remove foo.');
  });

  it('a near miss of another method’s field says which methods take it', () => {
    const [finding] = check('connect', { acount_id: 'a' });
    expect(finding?.message).toContain('Did you mean account_id (taken by pay, authorizeConsent, checkout)?');
  });

  it.each(['__proto__', 'toString', 'constructor', 'hasOwnProperty'])('treats the prototype name %s as an ordinary unknown field', (field) => {
    const config = JSON.parse(`{"${field}": 1}`) as Config;
    const findings = check('connect', config);
    expect(findings.map((f) => [f.code, f.field])).toEqual([['unknown-field', field]]);
  });

  it('is raised even when the unknown field is undefined', () => {
    expect(only(check('connect', { customerId: '[undefined]' }), 'unknown-field')).toHaveLength(1);
  });

  it.each([
    ['connect', 'payment_destination_id'],
    ['connect', 'end_user_id'],
    ['pay', 'show_balances'],
    ['pay', 'destination_alias'],
    ['reconnect', 'success_redirect_url'],
    ['captureRedirect', 'consent_id'],
    ['checkout', 'account_id'],
    ['authorizeConsent', 'bank_identifier'],
    ['manageConsents', 'show_logs'],
    ['verifyAddress', 'customer_metadata'],
  ])('section 2 known field: %s accepts %s', (method, field) => {
    const value = field.startsWith('show_') ? true : field.endsWith('_url') ? 'https://shop.example/x' : 'v';
    expect(check(method, { [field]: value })).toEqual([]);
  });

  it.each(['access_token', 'sandbox', 'language', 'customization', 'callback'])('shared field %s is accepted on every method', (field) => {
    const values: Config = {
      access_token: '[redacted access_token jwt exp=2030-01-01T00:00:00.000Z …9xQa]',
      sandbox: true,
      language: 'ar',
      customization: { theme_color: '#0080ff' },
      callback: '[function]',
    };
    for (const method of ['connect', 'pay', 'reconnect', 'manageConsents', 'captureRedirect', 'verifyAddress']) {
      expect(check(method, { [field]: values[field] ?? null })).toEqual([]);
    }
  });
});

describe('field-for-other-method', () => {
  it('account_id on connect names the methods that take it, documented ones first', () => {
    const findings = check('connect', { account_id: 'acc-1' });
    expect(findings).toEqual([expect.objectContaining({ code: 'field-for-other-method', severity: 'warning', field: 'account_id' })]);
    expect(findings[0]?.message).toBe('account_id is not a connect field; pay, authorizeConsent, checkout take account_id.');
  });

  it('uses the singular for one taker', () => {
    expect(check('connect', { show_balances: true })[0]?.message).toContain('pay takes show_balances');
  });

  it('never recommends a deprecated alias when a current method takes the field', () => {
    const message = check('connect', { payment_source_id: 'ps-1' })[0]?.message ?? '';
    expect(message).toContain('updatePaymentSource takes payment_source_id');
    expect(message).not.toContain('createBeneficiary');
  });

  it('does not name methods that ignore the field (verifyAddress forces permissions)', () => {
    expect(check('pay', { permissions: ['payments'] })[0]?.message).toBe(
      'permissions is not a pay field; connect takes permissions.',
    );
  });

  it('is not raised for the method’s own fields', () => {
    expect(check('pay', { account_id: 'acc-1' })).toEqual([]);
  });
});

describe('deprecated-method', () => {
  it('createBeneficiary is a warning pointing to updatePaymentSource', () => {
    const findings = check('createBeneficiary');
    expect(findings).toEqual([expect.objectContaining({ code: 'deprecated-method', severity: 'warning', field: null })]);
    expect(findings[0]?.message).toContain('use Lean.updatePaymentSource');
  });

  it('createPaymentSource is a warning pointing to connect with payments', () => {
    const findings = check('createPaymentSource');
    expect(findings[0]?.message).toContain('use Lean.connect');
    expect(findings[0]?.fix).toContain('permissions: ["payments"]');
  });

  it('createBeneficiary is validated like updatePaymentSource', () => {
    expect(only(check('createBeneficiary', { payment_destination_id: '' }), 'missing-required')).toEqual([
      expect.objectContaining({ field: 'payment_destination_id' }),
    ]);
  });

  it('createPaymentSource is validated like connect', () => {
    expect(only(check('createPaymentSource', { account_type: 'personal' }), 'invalid-enum')).toHaveLength(1);
  });

  it('is not raised for current methods', () => {
    expect(only(check('updatePaymentSource'), 'deprecated-method')).toEqual([]);
  });
});

describe('legacy-method (link)', () => {
  const newLoader: LoaderEvent = {
    id: 'l',
    type: 'loader',
    time: 0,
    frameUrl: 'https://shop.example/',
    src: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js',
    region: 'ae',
    insertedAt: 0,
    afterInteraction: false,
  };
  const oldLoader: LoaderEvent = { ...newLoader, src: 'https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js', region: null };

  it('is a warning recommending connect on an old-SDK page', () => {
    const findings = check('link', {}, [oldLoader]);
    expect(findings).toEqual([expect.objectContaining({ code: 'legacy-method', severity: 'warning', field: null })]);
    expect(findings[0]?.message).toContain('Lean.connect');
  });

  it('is a warning on the regional loader too: its hosted page still opens link', () => {
    const findings = check('link', {}, [newLoader]);
    expect(findings).toEqual([expect.objectContaining({ code: 'legacy-method', severity: 'warning' })]);
    expect(findings[0]?.message).toContain('Lean.connect');
  });

  it('requires app_token, customer_id and non-empty permissions, as the official SDKs do', () => {
    const findings = check('link', { app_token: '[undefined]', customer_id: '', permissions: [] }).filter((f) => f.code !== 'legacy-method');
    expect(findings.map((f) => [f.code, f.field, f.severity, f.source])).toEqual([
      ['missing-required', 'app_token', 'error', 'LINK-REQUIRED'],
      ['missing-required', 'customer_id', 'error', 'LINK-REQUIRED'],
      ['missing-required', 'permissions', 'error', 'LINK-REQUIRED'],
    ]);
  });
});

describe('ignored-field (fields the SDK forces)', () => {
  it('permissions on verifyAddress are a warning: the SDK uses ["identity"]', () => {
    const findings = check('verifyAddress', { permissions: ['accounts'] });
    expect(findings).toEqual([expect.objectContaining({ code: 'ignored-field', severity: 'warning', field: 'permissions' })]);
    expect(findings[0]?.message).toContain('["identity"]');
  });

  it('permissions on createPaymentSource are ignored and not validated', () => {
    const findings = check('createPaymentSource', { permissions: ['bogus'] }).filter((f) => f.code !== 'deprecated-method');
    expect(findings).toEqual([expect.objectContaining({ code: 'ignored-field', severity: 'warning', field: 'permissions' })]);
    expect(findings[0]?.message).toContain('["payments"]');
  });

  it('passing exactly the forced value is only an info', () => {
    expect(check('verifyAddress', { permissions: ['identity'] })).toEqual([
      expect.objectContaining({ code: 'ignored-field', severity: 'info' }),
    ]);
  });

  it('is not raised when the field is absent', () => {
    expect(check('verifyAddress')).toEqual([]);
  });
});
