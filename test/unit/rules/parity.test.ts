/**
 * Parity with Lean's official SDKs (docs/lean-sdk-reference.md §2 "Validation the official
 * SDKs run", §5): configs they refuse get an error with the same meaning; configs from their
 * tests, READMEs and example apps (paraphrased into web form: app_token and callback on the
 * call) get no error at all.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, LoaderEvent, SessionEvent, Snapshot } from '../../../lib/model/types';
import { validateCall } from '../../../lib/rules';

type Config = { [key: string]: Snapshot };
const web = { app_token: '[redacted app_token …9be0]', callback: '[function callback]' };
const CUSTOMER = 'dda80d32-4062-404c-abe7-ba9b9290c873';

const loader = (src: string, region: 'ae' | 'sa' | null): LoaderEvent => ({
  id: 'l',
  type: 'loader',
  time: 0,
  frameUrl: 'https://shop.example/',
  src,
  region,
  insertedAt: 0,
  afterInteraction: false,
});
const UAE_LOADER = loader('https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js', 'ae');

function check(method: string, config: Config, previous: SessionEvent[] = []): Finding[] {
  return validateCall({ method, config: { ...web, ...config }, frameUrl: 'https://shop.example/', time: Date.UTC(2026, 11, 7) }, { previous });
}
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.field ?? '-'}`);

/** [what the official SDK refuses, method, config, the error we must give]. */
const REFUSED: [string, string, Config, string][] = [
  ['link without customer_id (V1)', 'link', { permissions: ['identity'] }, 'missing-required:customer_id'],
  ['link with an empty permissions array (V2)', 'link', { customer_id: CUSTOMER, permissions: [] }, 'missing-required:permissions'],
  ['link with permissions as a string, not an array (V2)', 'link', { customer_id: CUSTOMER, permissions: 'identity' }, 'wrong-type:permissions'],
  ['link asking for payments (V4)', 'link', { customer_id: CUSTOMER, permissions: ['identity', 'payments'] }, 'payments-not-for-link:permissions[1]'],
  ['link asking for balance without accounts (V3)', 'link', { customer_id: CUSTOMER, permissions: ['identity', 'balance'] }, 'permissions-need-accounts:permissions'],
  ['link without app_token (SDK-level prop)', 'link', { app_token: '', customer_id: CUSTOMER, permissions: ['accounts'] }, 'missing-required:app_token'],
  ['connect asking for transactions without accounts (V3)', 'connect', { customer_id: CUSTOMER, permissions: ['identity', 'transactions'] }, 'permissions-need-accounts:permissions'],
  ['connect without permissions (V2)', 'connect', { customer_id: CUSTOMER }, 'missing-required:permissions'],
  ['connect with an empty permissions list (Flutter)', 'connect', { customer_id: CUSTOMER, permissions: [] }, 'missing-required:permissions'],
  ['connect without customer_id (V1)', 'connect', { permissions: ['identity'] }, 'missing-required:customer_id'],
  ['connect with a permission outside the enum', 'connect', { customer_id: CUSTOMER, permissions: ['accounts', 'balances'] }, 'unknown-permission:permissions[1]'],
  ['reconnect without reconnect_id (V5)', 'reconnect', {}, 'missing-required:reconnect_id'],
  ['pay with neither intent id (V6)', 'pay', { account_id: 'acc-1' }, 'exactly-one-of:payment_intent_id'],
  ['updatePaymentSource without customer_id (V1)', 'updatePaymentSource', { payment_source_id: 'ps', payment_destination_id: 'pd' }, 'missing-required:customer_id'],
  ['createPaymentSource without customer_id (V1)', 'createPaymentSource', { bank_identifier: 'LEAN_MB1' }, 'missing-required:customer_id'],
];

describe('configs the official SDKs refuse', () => {
  it.each(REFUSED)('%s is an error', (_name, method, config, expected) => {
    expect(errors(check(method, config))).toEqual([expected]);
  });

  it('cite the official validation for the permission rules', () => {
    const [v3] = check('connect', { customer_id: CUSTOMER, permissions: ['balance'] }).filter((f) => f.severity === 'error');
    const [v4] = check('link', { customer_id: CUSTOMER, permissions: ['accounts', 'payments'] }).filter((f) => f.severity === 'error');
    expect([v3?.source, v4?.source]).toEqual(['PERMISSIONS-ACCOUNTS', 'LINK-NO-PAYMENTS']);
  });
});

/** [where the config comes from, method, config, loader or none]. */
const ACCEPTED: [string, string, Config, LoaderEvent | null][] = [
  ['RN test: connect with all five permissions', 'connect', { customer_id: CUSTOMER, permissions: ['identity', 'accounts', 'balance', 'transactions', 'payments'], sandbox: false, language: 'en' }, UAE_LOADER],
  ['RN README: link for data', 'link', { customer_id: CUSTOMER, permissions: ['identity', 'accounts', 'balance', 'transactions'], bank_identifier: 'LEAN_MB1' }, UAE_LOADER],
  ['iOS demo: link without identity', 'link', { customer_id: CUSTOMER, permissions: ['accounts', 'balance', 'transactions'] }, null],
  ['RN README: connect with a payment destination', 'connect', { customer_id: CUSTOMER, permissions: ['identity', 'accounts', 'balance', 'transactions', 'payments'], bank_identifier: 'LEAN_MB1', payment_destination_id: 'pd-1' }, UAE_LOADER],
  ['RN README: reconnect', 'reconnect', { reconnect_id: 'rc-1' }, UAE_LOADER],
  ['RN README: createPaymentSource', 'createPaymentSource', { customer_id: CUSTOMER, bank_identifier: 'LEAN_MB1' }, UAE_LOADER],
  ['RN README: updatePaymentSource', 'updatePaymentSource', { customer_id: CUSTOMER, payment_source_id: 'ps-1', payment_destination_id: 'pd-1' }, UAE_LOADER],
  ['RN README: pay with an account', 'pay', { payment_intent_id: 'pi-1', account_id: 'acc-1' }, UAE_LOADER],
  ['V6: pay with both intent ids', 'pay', { payment_intent_id: 'pi-1', bulk_payment_intent_id: 'bpi-1' }, UAE_LOADER],
  ['Flutter 3.0.3: pay with a bulk intent', 'pay', { bulk_payment_intent_id: 'bpi-1', show_balances: true }, UAE_LOADER],
  ['RN README: connect with app-scheme redirects', 'connect', { customer_id: CUSTOMER, permissions: ['payments'], success_redirect_url: 'myapp://success', fail_redirect_url: 'myapp://fail' }, UAE_LOADER],
  ['RN v0.1.6 README: app scheme with a host', 'connect', { customer_id: CUSTOMER, permissions: ['identity'], success_redirect_url: 'myapp://www.myapp.com/success', fail_redirect_url: 'myapp://www.myapp.com/fail' }, null],
  ['iOS WebView integration: emoney:// deep links on checkout', 'checkout', { payment_intent_id: 'pi-1', success_redirect_url: 'emoney://lean/success', fail_redirect_url: 'emoney://lean/fail' }, UAE_LOADER],
  ['RN README: authorizeConsent with app-scheme redirects', 'authorizeConsent', { customer_id: CUSTOMER, consent_id: 'c-1', success_redirect_url: 'myapp://success', fail_redirect_url: 'myapp://fail' }, UAE_LOADER],
  ['Flutter example: https redirects on connect', 'connect', { customer_id: CUSTOMER, permissions: ['identity', 'accounts'], success_redirect_url: 'https://cdn.leantech.me/app/flutter/connect/success', fail_redirect_url: 'https://cdn.leantech.me/app/flutter/connect/fail' }, UAE_LOADER],
  ['RN typings 2026: allow_payment_source_change on pay', 'pay', { payment_intent_id: 'pi-1', allow_payment_source_change: true, bank_identifier: 'LEAN_MB1' }, UAE_LOADER],
  ['RN typings 2026: allow_payment_source_change on checkout', 'checkout', { payment_intent_id: 'pi-1', success_redirect_url: 'https://shop.example/ok', fail_redirect_url: 'https://shop.example/fail', allow_payment_source_change: false, account_id: 'acc-1' }, UAE_LOADER],
  ['RN typings 2026: allow_payment_source_change on authorizeConsent', 'authorizeConsent', { customer_id: CUSTOMER, consent_id: 'c-1', success_redirect_url: 'https://shop.example/ok', fail_redirect_url: 'https://shop.example/fail', allow_payment_source_change: true }, UAE_LOADER],
  ['RN test fixture: dates as DD-MM-YYYY', 'connect', { customer_id: CUSTOMER, permissions: ['accounts', 'transactions'], access_from: '10-05-2023', access_to: '10-10-2023' }, UAE_LOADER],
  ['RN tests: an access_token that is no JWT', 'connect', { customer_id: CUSTOMER, permissions: ['identity'], access_token: 'test' }, UAE_LOADER],
  ['Official examples: colour names and extra customization keys', 'connect', { customer_id: CUSTOMER, permissions: ['identity'], customization: { theme_color: 'white', button_text_color: 'red', link_color: 'pink', overlay_color: 'rgba(0,0,0,0.5)', button_border_radius: '10', dialog_mode: 'uncontained', bottom_inset: 24, font: 'Inter' } }, UAE_LOADER],
  ['RN tests: verifyAddress with identity', 'verifyAddress', { customer_id: CUSTOMER, customer_name: 'Sara', permissions: ['identity'] }, UAE_LOADER],
  ['RN typings: captureRedirect with consent_id', 'captureRedirect', { customer_id: CUSTOMER, consent_id: 'c-1', consent_attempt_id: 'ca-1' }, UAE_LOADER],
  ['No official country check: a KSA permission on the UAE loader', 'connect', { customer_id: CUSTOMER, permissions: ['accounts', 'direct_debits'] }, UAE_LOADER],
  ['RN typings: account_type is any string', 'connect', { customer_id: CUSTOMER, permissions: ['identity'], account_type: 'personal' }, UAE_LOADER],
  ['RN updatePaymentSource with entity_id only (Apr 2025)', 'updatePaymentSource', { customer_id: CUSTOMER, entity_id: 'ent-1', payment_destination_id: 'pd-1' }, UAE_LOADER],
  [
    'RN risk-details type: a full risk_details on pay',
    'pay',
    {
      payment_intent_id: 'pi-1',
      risk_details: {
        debtor_indicators: {
          authentication: { authentication_channel: 'WEB', possession_factor: { is_used: true, type: 'SMS_OTP' }, challenge_outcome: 'PASS', authentication_flow: 'MFA' },
          user_name: { en: 'Sara', ar: 'سارة' },
          geo_location: { latitude: '25.2048', longitude: 55.2708 },
          device_information: { device_type: 'DESKTOP', connection_type: 'WIFI', device_environment_context: ['VPN_DETECTED'] },
        },
        destination_delivery_address: { recipient_type: 'INDIVIDUAL', national_address: [{ address_type: 'RESIDENTIAL', town_name: 'Dubai' }] },
        transaction_indicators: { is_customer_present: true, channel: 'WEB', channel_type: 'ECOMMERCE', merchant_risk: { delivery_timeframe: 'ELECTRONIC_DELIVERY' } },
        payment_process: { total_duration: 30, current_session_attempts: 1 },
      },
    },
    UAE_LOADER,
  ],
];

describe('configs the official SDKs accept', () => {
  it.each(ACCEPTED)('%s gets no error', (_name, method, config, pageLoader) => {
    expect(errors(check(method, config, pageLoader ? [pageLoader] : []))).toEqual([]);
  });

  it('from the official examples with current methods and fields, get no finding at all', () => {
    const clean = ACCEPTED.filter(([name]) => /README: (connect|reconnect|pay|authorizeConsent)|allow_payment_source_change|colour names|full risk_details|Flutter example/.test(name));
    for (const [name, method, config, pageLoader] of clean) {
      expect(check(method, config, pageLoader ? [pageLoader] : []), name).toEqual([]);
    }
  });
});
