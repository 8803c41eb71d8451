import { describe, expect, it } from 'vitest';
import {
  documentedOutcomes,
  isSyntheticCorrelationId,
  OverrideSpecError,
  overrideSpec,
  parseOverride,
  syntheticPayload,
} from '../../../lib/model/outcomes';

describe('outcome override specs', () => {
  it('reads a status with a secondary status, answered when the SDK calls back', () => {
    expect(parseOverride('pay=ERROR:INVALID_CREDENTIALS')).toEqual({
      method: 'pay',
      status: 'ERROR',
      secondary: 'INVALID_CREDENTIALS',
      afterMs: null,
      once: false,
    });
  });

  it('reads a delay in seconds, 0 meaning at once', () => {
    expect(parseOverride('connect=CANCELLED@5s').afterMs).toBe(5000);
    expect(parseOverride('connect=CANCELLED@0s').afterMs).toBe(0);
    expect(parseOverride('connect=SUCCESS@1.5s').afterMs).toBe(1500);
  });

  it('reads "none" as no callback at all', () => {
    expect(parseOverride('checkout=none')).toMatchObject({ status: null, secondary: null, afterMs: null });
  });

  it('accepts an undocumented UPPER_CASE secondary status, as the next SDK release may add one', () => {
    expect(parseOverride('pay=ERROR:NEW_REASON').secondary).toBe('NEW_REASON');
  });

  it.each([
    'pay',
    '=ERROR',
    'pay=FAILED',
    'pay=error',
    'pay=ERROR:lower',
    'pay=ERROR:<script>',
    'pay=none:X',
    'pay=none@1s',
    'pay=CANCELLED@601s',
    'pay=CANCELLED@5',
    'pa y=ERROR',
  ])('refuses %s, saying what it expects', (spec) => {
    expect(() => parseOverride(spec)).toThrow(OverrideSpecError);
    expect(() => parseOverride(spec)).toThrow(/expected method=STATUS/);
  });

  it('writes a spec back as it reads it', () => {
    for (const spec of ['pay=ERROR:INVALID_CREDENTIALS', 'pay=CANCELLED@5s', 'pay=none', 'pay=REDIRECT@0s']) {
      expect(overrideSpec(parseOverride(spec))).toBe(spec);
    }
  });

  it('lists every documented status, and INVALID_CREDENTIALS under ERROR', () => {
    expect(documentedOutcomes().map((o) => (o.secondary ? `${o.status}:${o.secondary}` : o.status))).toEqual([
      'SUCCESS',
      'ERROR',
      'ERROR:INVALID_CREDENTIALS',
      'CANCELLED',
      'REDIRECT',
      'LINK_CLOSED_PROGRAMMATICALLY',
    ]);
  });
});

describe('synthetic payload', () => {
  it('has every field of the SDK’s callback response, strings or null, and a bank object', () => {
    const payload = syntheticPayload('ERROR', 'INVALID_CREDENTIALS', '1', null);
    expect(Object.keys(payload).sort()).toEqual(
      [
        'bank',
        'exit_intent_point',
        'exit_point',
        'exit_survey_reason',
        'last_api_response',
        'lean_correlation_id',
        'message',
        'secondary_status',
        'status',
        'user_exit_intent',
      ].sort(),
    );
    expect(payload).toMatchObject({ status: 'ERROR', secondary_status: 'INVALID_CREDENTIALS', bank: { bank_identifier: null, is_supported: true } });
    expect(typeof payload.message).toBe('string');
  });

  it('marks its correlation id as synthetic', () => {
    const payload = syntheticPayload('CANCELLED', null, 'abc', null);
    expect(isSyntheticCorrelationId(payload.lean_correlation_id)).toBe(true);
    expect(isSyntheticCorrelationId('3f1c2b7e-0000-4000-8000-000000000000')).toBe(false);
  });

  it('carries open_banking_redirect_url on REDIRECT only', () => {
    expect(syntheticPayload('REDIRECT', null, '1', 'https://shop.example/return')).toMatchObject({
      open_banking_redirect_url: 'https://shop.example/return',
    });
    expect('open_banking_redirect_url' in syntheticPayload('SUCCESS', null, '1', 'https://shop.example/return')).toBe(false);
  });
});
