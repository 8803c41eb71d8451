/**
 * Spec: risk_details against the official schema (docs/lean-sdk-reference.md §3): four
 * sections, enums, geo_location with both coordinates. Every finding is a warning, and no
 * message quotes a value (the object holds personal data).
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../lib/model/types';
import { validateCall } from '../../../lib/rules';

const check = (risk: Snapshot) =>
  validateCall(
    { method: 'pay', config: { app_token: 't', payment_intent_id: 'pi', callback: '[function callback]', risk_details: risk }, frameUrl: 'https://shop.example/', time: 0 },
    { previous: [] },
  ).map((f) => [f.code, f.severity, f.field]);

describe('risk_details', () => {
  it('accepts an empty section and values of the schema', () => {
    expect(check({ payment_process: {}, transaction_indicators: { channel: 'MOBILE', sub_channel_type: 'MOBILE_APP' } })).toEqual([]);
  });

  it('warns about a section the schema does not have', () => {
    expect(check({ device: {} })).toEqual([['risk-details', 'warning', 'risk_details.device']]);
  });

  it('warns about a value outside an enum, without quoting it', () => {
    const [finding] = validateCall(
      { method: 'checkout', config: { risk_details: { transaction_indicators: { channel_type: 'Sara Ahmed' } } }, frameUrl: 'https://x.example/', time: 0 },
      { previous: [] },
    ).filter((f) => f.code === 'risk-details');
    expect(finding).toMatchObject({ severity: 'warning', field: 'risk_details.transaction_indicators.channel_type' });
    expect(finding?.message).not.toContain('Sara');
  });

  it('warns when geo_location has only one coordinate', () => {
    expect(check({ debtor_indicators: { geo_location: { latitude: 25.2 } } })).toEqual([
      ['risk-details', 'warning', 'risk_details.debtor_indicators.geo_location'],
    ]);
  });

  it('warns about a wrong kind inside a list', () => {
    expect(check({ destination_delivery_address: { national_address: [{ town_name: 5 }] } })).toEqual([
      ['wrong-type', 'warning', 'risk_details.destination_delivery_address.national_address[0].town_name'],
    ]);
  });

  it('stops after 20 findings however many mistakes there are', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`extra_${i}`, 1]));
    expect(check({ payment_process: many })).toHaveLength(20);
  });

  it('is not judged when redacted or uncopyable', () => {
    expect(check('[truncated]')).toEqual([]);
  });
});
