/**
 * Spec: the method tables (docs/lean-sdk-reference.md §2: the seed method table and the
 * official SDKs' parameters, with `link` as the official SDKs define it).
 * A valid minimal config is silent; each required field, exactly-one-of and one-of
 * group is enforced; unknown methods get one info finding and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { METHODS, validateCall } from '../../../lib/rules';
import { MINIMAL_CONFIGS } from '../../../lib/rules/examples';
import type { Finding, Snapshot } from '../../../lib/model/types';

const FRAME = 'https://shop.example/checkout';
type Config = { [key: string]: Snapshot };

function check(method: string, config: Snapshot): Finding[] {
  return validateCall({ method, config, frameUrl: FRAME, time: Date.UTC(2026, 10, 23, 18) }, { previous: [] });
}

function minimal(method: string): Config {
  const config = MINIMAL_CONFIGS[method];
  if (!config) throw new Error(`no example for ${method}`);
  return { ...config };
}

const without = (config: Config, field: string): Config => {
  const copy = { ...config };
  delete copy[field];
  return copy;
};

const codes = (findings: Finding[]) => findings.map((f) => f.code);
const STATUS_CODES = ['deprecated-method', 'legacy-method'];
const ignoringStatus = (findings: Finding[]) => findings.filter((f) => !STATUS_CODES.includes(f.code));

const CURRENT = Object.keys(METHODS).filter((m) => METHODS[m]?.status === undefined);
const NOT_CURRENT = Object.keys(METHODS).filter((m) => METHODS[m]?.status !== undefined);

describe('a minimal valid config', () => {
  it('exists for every method in the table', () => {
    expect(Object.keys(MINIMAL_CONFIGS).sort()).toEqual(Object.keys(METHODS).sort());
  });

  it.each(CURRENT)('for %s produces no findings at all', (method) => {
    expect(check(method, minimal(method))).toEqual([]);
  });

  it.each(NOT_CURRENT)('for %s produces only the deprecated/legacy finding', (method) => {
    const findings = check(method, minimal(method));
    expect(findings).toHaveLength(1);
    expect(STATUS_CODES).toContain(findings[0]?.code);
  });
});

describe('missing-required', () => {
  const cases = Object.entries(METHODS).flatMap(([method, spec]) => spec.required.map((field) => [method, field] as const));

  it.each(cases)('%s without %s is one error naming that field', (method, field) => {
    const findings = ignoringStatus(check(method, without(minimal(method), field)));
    expect(findings).toEqual([
      expect.objectContaining({ code: 'missing-required', severity: 'error', field, source: method === 'link' ? 'LINK-REQUIRED' : 'REQUIRED' }),
    ]);
    expect(findings[0]?.message).toContain(field);
    expect(findings[0]?.fix).toContain(field);
  });

  it.each([
    ['[undefined]', 'undefined'],
    ['', 'empty string'],
    ['   ', 'empty string'],
    [null, 'null'],
  ] as const)('a required field given as %j counts as missing (%s)', (value, why) => {
    const findings = check('connect', { ...minimal('connect'), customer_id: value });
    expect(findings).toEqual([expect.objectContaining({ code: 'missing-required', field: 'customer_id' })]);
    expect(findings[0]?.message).toContain(why);
  });

  it('an empty permissions array counts as missing', () => {
    const findings = check('connect', { ...minimal('connect'), permissions: [] });
    expect(findings).toEqual([expect.objectContaining({ code: 'missing-required', field: 'permissions' })]);
    expect(findings[0]?.message).toContain('empty array');
  });
});

describe('exactly-one-of (pay: payment_intent_id / bulk_payment_intent_id)', () => {
  const payBase = without(minimal('pay'), 'payment_intent_id');

  it.each([
    ['payment_intent_id', { payment_intent_id: 'pi-1' }],
    ['bulk_payment_intent_id', { bulk_payment_intent_id: 'bpi-1' }],
  ])('accepts %s alone', (_name, patch) => {
    expect(check('pay', { ...payBase, ...patch })).toEqual([]);
  });

  it('rejects neither with an error, naming both fields (the official SDKs refuse it)', () => {
    const findings = check('pay', payBase);
    expect(findings).toEqual([
      expect.objectContaining({ code: 'exactly-one-of', severity: 'error', field: 'payment_intent_id' }),
    ]);
    expect(findings[0]?.message).toMatch(/payment_intent_id or bulk_payment_intent_id; neither/);
  });

  it('warns about both (the seed says exactly one; the official SDKs send both)', () => {
    const findings = check('pay', { ...payBase, payment_intent_id: 'pi-1', bulk_payment_intent_id: 'bpi-1' });
    expect(findings).toEqual([expect.objectContaining({ code: 'exactly-one-of', severity: 'warning', source: 'PAY-BOTH-INTENTS' })]);
    expect(findings[0]?.message).toContain('both given');
  });

  it('treats a blank alternative as not given', () => {
    expect(check('pay', { ...payBase, payment_intent_id: 'pi-1', bulk_payment_intent_id: '[undefined]' })).toEqual([]);
  });
});

describe('one-of (updatePaymentSource: payment_source_id / entity_id)', () => {
  for (const method of ['updatePaymentSource', 'createBeneficiary']) {
    const base = without(minimal(method), 'payment_source_id');

    it(`${method} accepts entity_id instead of payment_source_id`, () => {
      expect(ignoringStatus(check(method, { ...base, entity_id: 'ent-1' }))).toEqual([]);
    });

    it(`${method} accepts both`, () => {
      expect(ignoringStatus(check(method, { ...base, entity_id: 'ent-1', payment_source_id: 'ps-1' }))).toEqual([]);
    });

    it(`${method} warns about neither, naming both (no current SDK requires either)`, () => {
      const findings = ignoringStatus(check(method, base));
      expect(findings).toEqual([expect.objectContaining({ code: 'one-of', severity: 'warning', field: 'payment_source_id' })]);
      expect(findings[0]?.message).toContain('payment_source_id or entity_id');
    });
  }
});

describe('unknown-method', () => {
  it('is a single info finding, with no field checks even on a broken config', () => {
    const findings = check('openLink', { customerId: 5, sandbox: 'false' });
    expect(findings).toEqual([expect.objectContaining({ code: 'unknown-method', severity: 'info', field: null })]);
  });

  it('suggests the closest method name', () => {
    expect(check('conect', {})[0]?.message).toContain('Did you mean connect?');
  });

  it('does not treat Object.prototype names as methods', () => {
    expect(codes(check('toString', {}))).toEqual(['unknown-method']);
    expect(codes(check('__proto__', {}))).toEqual(['unknown-method']);
  });

  it('is not raised for a method in the table', () => {
    expect(codes(check('connect', minimal('connect')))).not.toContain('unknown-method');
  });
});

describe('config-not-object', () => {
  it.each([['[undefined]'], ['app_token'], [[]], [null], [42]] as const)('a call with %j instead of an object is one error', (config) => {
    expect(check('connect', config as Snapshot)).toEqual([
      expect.objectContaining({ code: 'config-not-object', severity: 'error', field: null }),
    ]);
  });

  it('is not raised for an object config', () => {
    expect(codes(check('manageConsents', minimal('manageConsents')))).toEqual([]);
  });
});
