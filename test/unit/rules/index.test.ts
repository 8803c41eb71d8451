/**
 * Spec: the public API's contract — findings are deterministic, ordered by field then
 * code, always cite the SDK reference, and validation never throws on any snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METHODS, validateCall, worstSeverity } from '../../../lib/rules';
import { ruleEntry } from '../../../lib/rules/sources';
import type { Finding, Snapshot } from '../../../lib/model/types';

const f = (severity: Finding['severity']): Finding => ({ code: 'x', severity, field: null, message: 'm' });

describe('worstSeverity', () => {
  it('is null for no findings', () => expect(worstSeverity([])).toBeNull());
  it('is info when only infos', () => expect(worstSeverity([f('info')])).toBe('info'));
  it('prefers warning over info', () => expect(worstSeverity([f('info'), f('warning')])).toBe('warning'));
  it('prefers error over everything', () => expect(worstSeverity([f('warning'), f('error'), f('info')])).toBe('error'));
});

const MESSY: { [key: string]: Snapshot } = {
  customerId: 'c',
  permissions: ['accounts', 'balances'],
  sandbox: 'false',
  language: 'EN',
  access_from: '2026-13-01',
  customization: { themeColor: 'blue', theme_color: 'bleu' },
  account_id: 'a',
  access_token: '[redacted access_token …3a4f]',
};
const run = (config: Snapshot, method = 'connect') =>
  validateCall({ method, config, frameUrl: 'https://shop.example/', time: 0 }, { previous: [] });

describe('validateCall output', () => {
  it('is ordered by field (call-level first, plain code-unit order), then code', () => {
    expect(run(MESSY).map((x) => `${x.field ?? ''}|${x.code}`)).toEqual([
      'access_from|invalid-date',
      'access_token|access-token-not-jwt',
      'account_id|field-for-other-method',
      'app_token|missing-required',
      'callback|missing-callback',
      'customerId|unknown-field',
      'customer_id|missing-required',
      'customization.themeColor|customization-key',
      'customization.theme_color|customization-color',
      'language|invalid-enum',
      'permissions[1]|unknown-permission',
      'sandbox|boolean-as-string',
    ]);
  });

  it('does not depend on the order of keys in the config', () => {
    const reversed = Object.fromEntries(Object.entries(MESSY).reverse());
    expect(run(reversed)).toEqual(run(MESSY));
  });

  it('cites a rule of the reference’s catalogue in every finding and offers a fix', () => {
    for (const x of run(MESSY)) {
      expect(ruleEntry(x.source ?? '')?.codes, x.code).toContain(x.code);
      expect(x.fix, x.code).toBeTruthy();
      expect(x.message.length).toBeLessThan(200);
    }
  });

  it('cuts long page-supplied values short in messages', () => {
    const [finding] = run({ ...MESSY, language: 'x'.repeat(500) }).filter((x) => x.field === 'language');
    expect(finding?.message.length).toBeLessThan(120);
    expect(finding?.message).toContain('…');
  });

  it('uses stable kebab-case codes', () => {
    for (const x of run(MESSY)) expect(x.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

describe('validateCall robustness', () => {
  const snapshot = fc.letrec<{ value: Snapshot }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
      fc.constantFrom('[undefined]', '[function cb]', '[date 2026-01-01]', '[redacted access_token jwt exp=x …abcd]', '[cycle]'),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const fieldNames = fc.constantFrom('app_token', 'customer_id', 'permissions', 'sandbox', 'access_from', 'access_to', 'customization', 'callback', 'access_token', 'success_redirect_url', 'x');

  it('never throws and is deterministic for any config of any method', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(METHODS), 'unknownMethod'),
        fc.oneof(snapshot, fc.dictionary(fieldNames, snapshot)),
        (method, config) => {
          const a = run(config, method);
          expect(run(config, method)).toEqual(a);
          for (const x of a) expect(['error', 'warning', 'info']).toContain(x.severity);
        },
      ),
      { numRuns: 300 },
    );
  });
});
