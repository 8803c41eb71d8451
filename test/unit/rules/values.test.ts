/**
 * Spec: field types and values (SDK reference §1 method table and shared fields, §2
 * permissions and customization keys, §3 mistakes). Each row is one behaviour: a patch
 * applied to a valid minimal config, and exactly the findings it must produce.
 */
import { describe, expect, it } from 'vitest';
import { validateCall } from '../../../lib/rules';
import { MINIMAL_CONFIGS } from '../../../lib/rules/examples';
import type { Finding, LoaderEvent, SessionEvent, Snapshot } from '../../../lib/model/types';

type Config = { [key: string]: Snapshot };
interface Expected {
  code: string;
  severity: Finding['severity'];
  field: string | null;
}
interface Case {
  name: string;
  method?: string;
  patch: Config;
  remove?: string[];
  previous?: SessionEvent[];
  expect: Expected[];
  message?: RegExp;
  fix?: RegExp;
}

const loader = (region: 'ae' | 'sa' | null): LoaderEvent => ({
  id: 'l1',
  type: 'loader',
  time: 1,
  frameUrl: 'https://shop.example/',
  src: `https://cdn.leantech.me/link/loader/prod/${region ?? 'ae'}/latest/lean-link-loader.min.js`,
  region,
  insertedAt: 1,
  afterInteraction: false,
});

function run(c: Case): Finding[] {
  const method = c.method ?? 'connect';
  const config: Config = { ...MINIMAL_CONFIGS[method], ...c.patch };
  for (const field of c.remove ?? []) delete config[field];
  return validateCall(
    { method, config, frameUrl: 'https://shop.example/', time: Date.UTC(2026, 10, 23, 18) },
    { previous: c.previous ?? [] },
  );
}

const e = (code: string, severity: Finding['severity'], field: string | null): Expected => ({ code, severity, field });

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases)('$name', (c) => {
      const findings = run(c);
      expect(findings.map(({ code, severity, field }) => ({ code, severity, field }))).toEqual(c.expect);
      if (c.message) expect(findings[0]?.message).toMatch(c.message);
      if (c.fix) expect(findings[0]?.fix).toMatch(c.fix);
    });
  });
}

table('permissions', [
  { name: 'accepts every permission known in both regions', patch: { permissions: ['identity', 'accounts', 'balance', 'transactions', 'payments'] }, expect: [] },
  { name: 'a string instead of an array is wrong-type, with a fix that wraps it', patch: { permissions: 'identity' }, expect: [e('wrong-type', 'error', 'permissions')], fix: /\["identity"\]/ },
  { name: 'an unknown permission is an error that suggests the closest one', patch: { permissions: ['accounts', 'balances'] }, expect: [e('unknown-permission', 'error', 'permissions[1]')], message: /Did you mean balance\?/ },
  { name: 'a non-string entry is wrong-type', patch: { permissions: ['identity', 5] }, expect: [e('wrong-type', 'error', 'permissions[1]')] },
  { name: 'a repeated permission is an info', patch: { permissions: ['identity', 'identity'] }, expect: [e('duplicate-permission', 'info', 'permissions[1]')] },
]);

table('region-permission (KSA-only permissions with the UAE loader)', [
  { name: 'KSA-only permissions are fine with the sa loader', patch: { permissions: ['identities', 'beneficiaries', 'direct_debits', 'standing_orders', 'scheduled_payments'] }, previous: [loader('sa')], expect: [] },
  { name: 'KSA-only permissions are not judged when no loader was seen', patch: { permissions: ['direct_debits'] }, expect: [] },
  {
    name: 'each KSA-only permission with the ae loader is an error',
    patch: { permissions: ['accounts', 'identities', 'standing_orders'] },
    previous: [loader('ae')],
    expect: [e('region-permission', 'warning', 'permissions[1]'), e('region-permission', 'warning', 'permissions[2]')],
    message: /KSA-only.*UAE/,
  },
  {
    name: 'a loader from a previous document does not count',
    patch: { permissions: ['identities'] },
    previous: [loader('ae'), { id: 'n', type: 'navigation', time: 2, frameUrl: 'https://shop.example/b', url: 'https://shop.example/b' }],
    expect: [],
  },
]);

table('account_type', [
  { name: 'accepts PERSONAL', patch: { account_type: 'PERSONAL' }, expect: [] },
  { name: 'accepts BUSINESS', patch: { account_type: 'BUSINESS' }, expect: [] },
  { name: 'lower case is invalid-enum, suggesting the upper-case value', patch: { account_type: 'personal' }, expect: [e('invalid-enum', 'warning', 'account_type')], message: /Did you mean PERSONAL\?/ },
  { name: 'a number is a wrong-type warning (the typings take any string)', patch: { account_type: 1 }, expect: [e('wrong-type', 'warning', 'account_type')] },
]);

table('language', [
  { name: 'accepts en', patch: { language: 'en' }, expect: [] },
  { name: 'accepts ar', patch: { language: 'ar' }, expect: [] },
  { name: '"EN" is invalid-enum suggesting en', patch: { language: 'EN' }, expect: [e('invalid-enum', 'error', 'language')], message: /Did you mean en\?/ },
  { name: '"fr" is invalid-enum', patch: { language: 'fr' }, expect: [e('invalid-enum', 'error', 'language')] },
]);

table('access_from / access_to', [
  { name: 'accepts real YYYY-MM-DD dates in order', patch: { access_from: '2026-01-01', access_to: '2026-12-31' }, expect: [] },
  { name: 'accepts the same day for both', patch: { access_from: '2026-02-28', access_to: '2026-02-28' }, expect: [] },
  { name: 'accepts 29 February in a leap year', patch: { access_from: '2028-02-29' }, expect: [] },
  { name: 'an impossible day is an invalid-date warning', patch: { access_from: '2026-02-30' }, expect: [e('invalid-date', 'warning', 'access_from')], message: /not a real calendar date/ },
  { name: 'another format is an invalid-date warning (the official tests pass 10-10-2023)', patch: { access_to: '31/12/2026' }, expect: [e('invalid-date', 'warning', 'access_to')], message: /YYYY-MM-DD/ },
  { name: 'a Date object is a wrong-type warning', patch: { access_to: '[date 2026-12-31T00:00:00.000Z]' }, expect: [e('wrong-type', 'warning', 'access_to')], message: /Date object/ },
  { name: 'access_from after access_to is a date-order warning', patch: { access_from: '2026-06-01', access_to: '2026-01-01' }, expect: [e('date-order', 'warning', 'access_from')], fix: /Swap/ },
]);

table('booleans that arrive as strings', [
  { name: 'accepts sandbox: true', patch: { sandbox: true }, expect: [] },
  { name: 'accepts sandbox: false', patch: { sandbox: false }, expect: [] },
  { name: 'sandbox: "false" is an error that says the string is truthy', patch: { sandbox: 'false' }, expect: [e('boolean-as-string', 'error', 'sandbox')], message: /"false", which is truthy: the SDK reads it as true/ },
  { name: 'sandbox: "true" is a warning (works by accident)', patch: { sandbox: 'true' }, expect: [e('boolean-as-string', 'warning', 'sandbox')], fix: /sandbox: true/ },
  { name: 'show_consent_explanation: "false" is an error', patch: { show_consent_explanation: 'false' }, expect: [e('boolean-as-string', 'error', 'show_consent_explanation')] },
  { name: 'show_balances: "0" on pay is an error', method: 'pay', patch: { show_balances: '0' }, expect: [e('boolean-as-string', 'error', 'show_balances')] },
  { name: 'sandbox: 1 is a wrong-type warning', patch: { sandbox: 1 }, expect: [e('wrong-type', 'warning', 'sandbox')] },
  { name: 'sandbox: {} is a wrong-type error', patch: { sandbox: {} }, expect: [e('wrong-type', 'error', 'sandbox')] },
]);

table('redirect URLs', [
  { name: 'accepts https URLs', method: 'checkout', patch: {}, expect: [] },
  { name: 'accepts http://localhost', method: 'checkout', patch: { success_redirect_url: 'http://localhost:3000/ok' }, expect: [] },
  { name: 'accepts http://127.0.0.1', method: 'authorizeConsent', patch: { fail_redirect_url: 'http://127.0.0.1:8080/fail' }, expect: [] },
  { name: 'a relative path is a redirect-url warning', method: 'checkout', patch: { success_redirect_url: '/lean/success' }, expect: [e('redirect-url', 'warning', 'success_redirect_url')], message: /absolute/ },
  { name: 'plain http on a real host is a redirect-url warning', method: 'checkout', patch: { fail_redirect_url: 'http://shop.example/fail' }, expect: [e('redirect-url', 'warning', 'fail_redirect_url')], message: /http:/ },
  { name: 'an app scheme (a WebView host’s deep link) is accepted', method: 'authorizeConsent', patch: { success_redirect_url: 'myapp://done' }, expect: [] },
  { name: 'a javascript: URL is a redirect-url warning', method: 'authorizeConsent', patch: { success_redirect_url: 'javascript:void(0)' }, expect: [e('redirect-url', 'warning', 'success_redirect_url')] },
  { name: 'section 2 redirect URLs on connect are checked too', patch: { success_redirect_url: 'shop.example/ok' }, expect: [e('redirect-url', 'warning', 'success_redirect_url')] },
]);

table('customization', [
  {
    name: 'accepts every documented and section 2 key with valid values',
    patch: {
      customization: {
        theme_color: '#0080ff',
        button_text_color: '#fff',
        link_color: '#0080ffcc',
        overlay_color: 'rgba(0, 0, 0, 0.5)',
        button_border_radius: '8',
        dialog_mode: 'contained',
        bottom_inset: 0,
      },
    },
    expect: [],
  },
  { name: 'accepts rgb() in comma and space syntax', patch: { customization: { theme_color: 'rgb(0,128,255)', link_color: 'rgb(0 128 255 / 50%)' } }, expect: [] },
  { name: 'a non-object is a wrong-type warning', patch: { customization: '#0080ff' }, expect: [e('wrong-type', 'warning', 'customization')] },
  { name: 'a near miss of a documented key is a customization-key info with a suggestion', patch: { customization: { themeColor: '#0080ff' } }, expect: [e('customization-key', 'info', 'customization.themeColor')], message: /did you mean theme_color\?/ },
  { name: 'another extra key is accepted (the typings admit any key)', patch: { customization: { font_family: 'Inter', dialog_mode: 'uncontained' } }, expect: [] },
  { name: 'hex without # is customization-color with the fixed value', patch: { customization: { theme_color: '0080ff' } }, expect: [e('customization-color', 'warning', 'customization.theme_color')], fix: /"#0080ff"/ },
  { name: 'CSS colour names and hsl() are accepted', patch: { customization: { button_text_color: 'white', theme_color: 'hsl(210, 100%, 50%)', link_color: 'RebeccaPurple' } }, expect: [] },
  { name: 'a word that is no colour is customization-color', patch: { customization: { button_text_color: 'whiteish' } }, expect: [e('customization-color', 'warning', 'customization.button_text_color')] },
  { name: 'a 5-digit hex is customization-color', patch: { customization: { overlay_color: '#12345' } }, expect: [e('customization-color', 'warning', 'customization.overlay_color')] },
  { name: 'button_border_radius as a number is a wrong-type info', patch: { customization: { button_border_radius: 8 } }, expect: [e('wrong-type', 'info', 'customization.button_border_radius')], fix: /"8"/ },
  { name: 'button_border_radius with units is customization-value', patch: { customization: { button_border_radius: '8px' } }, expect: [e('customization-value', 'warning', 'customization.button_border_radius')], fix: /"8"/ },
]);

table('callback', [
  { name: 'accepts a function', patch: { callback: '[function]' }, expect: [] },
  { name: 'a missing callback is a warning about CANCELLED and ERROR', remove: ['callback'], patch: {}, expect: [e('missing-callback', 'warning', 'callback')], message: /never learn CANCELLED or ERROR/ },
  { name: 'an undefined callback counts as missing', patch: { callback: '[undefined]' }, expect: [e('missing-callback', 'warning', 'callback')] },
  { name: 'a string callback is a callback-not-function warning', patch: { callback: 'onLeanDone' }, expect: [e('callback-not-function', 'warning', 'callback')] },
  { name: 'an object callback is a callback-not-function warning', patch: { callback: {} }, expect: [e('callback-not-function', 'warning', 'callback')] },
]);

table('string and object fields', [
  { name: 'a numeric customer_id is a wrong-type warning', patch: { customer_id: 123 }, expect: [e('wrong-type', 'warning', 'customer_id')] },
  { name: 'an object customer_id is a wrong-type error', patch: { customer_id: { id: 'x' } }, expect: [e('wrong-type', 'error', 'customer_id')] },
  { name: 'a redacted value counts as a string', patch: { customer_id: '[redacted customer_id …0123]' }, expect: [] },
  { name: 'an uncopyable value is not judged', patch: { customer_id: '[truncated]' }, expect: [] },
  { name: 'risk_details as an object is accepted', method: 'pay', patch: { risk_details: { payment_process: {} } }, expect: [] },
  { name: 'risk_details as a JSON string is a wrong-type warning', method: 'pay', patch: { risk_details: '{"a":1}' }, expect: [e('wrong-type', 'warning', 'risk_details')] },
  { name: 'an optional field given as undefined is ignored', patch: { bank_identifier: '[undefined]', language: null }, expect: [] },
]);
