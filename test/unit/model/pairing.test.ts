import { describe, expect, it } from 'vitest';
import { buildRows } from '../../../lib/model/pairing';
import type { CallRow } from '../../../lib/model/pairing';
import { call, callback, navigation } from '../support/events';

const callRows = (rows: ReturnType<typeof buildRows>) => rows.filter((r): r is CallRow => r.kind === 'call');

describe('pairing calls with callbacks', () => {
  it('pairs a callback with the call it answers and takes its correlation id', () => {
    const c = call();
    const [row] = callRows(buildRows([c, callback(c.id, { status: 'SUCCESS', lean_correlation_id: 'corr-1' })]));
    expect(row!.callbacks).toHaveLength(1);
    expect(row!.outcome).toBe('success');
    expect(row!.correlationId).toBe('corr-1');
  });

  it.each([
    ['ERROR', 'error'],
    ['CANCELLED', 'cancelled'],
    ['REDIRECT', 'redirect'],
    ['LINK_CLOSED_PROGRAMMATICALLY', 'closed'],
  ])('maps status %s to outcome %s', (status, outcome) => {
    const c = call();
    expect(callRows(buildRows([c, callback(c.id, { status })]))[0]!.outcome).toBe(outcome);
  });

  it('calls a call with a callback and no answer yet pending', () => {
    expect(callRows(buildRows([call()]))[0]!.outcome).toBe('pending');
  });

  it('calls a call without a callback function no-callback', () => {
    expect(callRows(buildRows([call({ config: { customer_id: 'x' } })]))[0]!.outcome).toBe('no-callback');
  });

  it('marks a call whose method threw', () => {
    const c = call();
    const rows = callRows(
      buildRows([c, { type: 'call-error', id: 'e1', time: 1, frameUrl: '', callId: c.id, message: 'TypeError: boom' }]),
    );
    expect(rows[0]!.outcome).toBe('threw');
    expect(rows[0]!.error?.message).toBe('TypeError: boom');
  });

  it('keeps navigation events as rows of their own, in order', () => {
    const a = call();
    const nav = navigation('https://shop.example/return');
    const b = call();
    expect(buildRows([a, nav, b]).map((r) => (r.kind === 'call' ? r.call.id : r.event.id))).toEqual([a.id, nav.id, b.id]);
  });

  it('ignores a callback whose call is not in the session', () => {
    const rows = buildRows([callback('missing', { status: 'SUCCESS' })]);
    expect(rows).toEqual([]);
  });
});
