import { describe, expect, it } from 'vitest';
import { correlationIdsOf, correlationQuery, findByCorrelationId } from '../../../lib/report/correlation';
import { buildPanelModel } from '../../../lib/panel/rows';
import type { PanelRow } from '../../../lib/panel/rows';
import { CORRELATION_CHECKOUT, CORRELATION_CONNECT, reportEvents } from '../../fixtures/report/session';

const rows = buildPanelModel(reportEvents).rows;
const find = (text: string) =>
  findByCorrelationId(rows, text, (r: PanelRow) => (r.kind === 'call' ? r.row : null), (r) => r.key);

describe('find a call by correlation ID', () => {
  it('finds the call by the whole ID, in any case, with quotes or a label around it', () => {
    expect(find(CORRELATION_CHECKOUT)).toEqual({ key: 'call2', id: CORRELATION_CHECKOUT, exact: true });
    expect(find(CORRELATION_CHECKOUT.toUpperCase())?.key).toBe('call2');
    expect(find(`  "${CORRELATION_CONNECT}"  `)?.key).toBe('call1');
    expect(find(`lean_correlation_id: ${CORRELATION_CONNECT}`)?.key).toBe('call1');
    expect(find(`ref ${CORRELATION_CONNECT}`)?.key).toBe('call1');
  });

  it('finds it by a part of the ID', () => {
    expect(find('9e0f1a2b')).toEqual({ key: 'call2', id: CORRELATION_CHECKOUT, exact: false });
  });

  it('ignores text too short, too long or with spaces, and IDs no call has', () => {
    expect(find('6f1')).toBeNull();
    expect(find('x'.repeat(201))).toBeNull();
    expect(find('INVALID CREDENTIALS')).toBeNull();
    expect(find('ffffffff-0000')).toBeNull();
    expect(correlationQuery('refund-1234')).toBe('refund-1234');
  });

  it('prefers an exact match over an earlier partial one', () => {
    const events = reportEvents.map((e) =>
      e.id === 'cb1' && e.type === 'callback' ? { ...e, data: { status: 'SUCCESS', lean_correlation_id: 'abcd-1234-extra' } } : e.id === 'cb2' && e.type === 'callback' ? { ...e, data: { status: 'ERROR', lean_correlation_id: 'abcd-1234' } } : e,
    );
    const model = buildPanelModel(events).rows;
    expect(findByCorrelationId(model, 'abcd-1234', (r) => (r.kind === 'call' ? r.row : null), (r) => r.key)?.key).toBe('call2');
  });

  it('reads every callback’s ID, not only the last', () => {
    const call = rows.find((r) => r.key === 'call2');
    expect(call?.kind === 'call' && correlationIdsOf(call.row)).toEqual([CORRELATION_CHECKOUT]);
  });
});
