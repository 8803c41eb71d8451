import { describe, expect, it } from 'vitest';
import { buildPanelModel } from '../../../lib/panel/rows';
import type { CallPanelRow } from '../../../lib/panel/rows';
import { RETURN, SessionBuilder, demoEvents } from '../support/panel-helpers';

const calls = (rows: ReturnType<typeof buildPanelModel>['rows']) => rows.filter((r): r is CallPanelRow => r.kind === 'call');

describe('panel row model', () => {
  it('gives each call its outcome, worst finding severity, start and end', () => {
    const { builder } = demoEvents();
    const model = buildPanelModel(builder.events);
    const [connect, pay] = calls(model.rows);
    expect(connect).toMatchObject({ outcome: 'success', severity: null });
    expect(connect!.end! - connect!.start).toBe(300);
    expect(pay).toMatchObject({ outcome: 'error', severity: 'error' });
    expect(model.methods).toEqual(['connect', 'pay', 'checkout', 'captureRedirect']);
  });

  it('numbers documents at navigations and remembers the last one', () => {
    const { builder } = demoEvents();
    const model = buildPanelModel(builder.events);
    expect(model.rows[0]!.doc).toBe(0);
    const last = model.rows[model.lastNavigation]!;
    expect(last.kind === 'event' && last.row.event.type).toBe('navigation');
    expect(model.rows.at(-1)!.doc).toBe(1);
  });

  it('leaves a pending call open (end null) and a call without callback as an instant', () => {
    const b = new SessionBuilder();
    b.call('pay', { callback: '[function]' });
    b.call('pay', { app_token: 'x' });
    const [pending, none] = calls(buildPanelModel(b.events).rows);
    expect(pending).toMatchObject({ outcome: 'pending', end: null });
    expect(none!.outcome).toBe('no-callback');
    expect(none!.end).toBe(none!.start);
  });

  it('groups checkout → navigation → captureRedirect as one redirect flow', () => {
    const { builder, ids } = demoEvents();
    const rows = buildPanelModel(builder.events).rows;
    const checkoutAt = rows.findIndex((r) => r.key === ids.checkout);
    const captureAt = rows.findIndex((r) => r.key === ids.capture);
    expect(rows[checkoutAt]!.flow).toMatchObject({ position: 'start', id: ids.checkout, from: 'checkout' });
    expect(rows[captureAt]!.flow).toMatchObject({ position: 'end', id: ids.checkout });
    for (let i = checkoutAt + 1; i < captureAt; i++) expect(rows[i]!.flow?.position).toBe('middle');
    expect(rows.find((r) => r.key === ids.pay)!.flow).toBeNull();
  });

  it('does not group a capture on a page the redirect URLs do not name, nor one on the same document', () => {
    const b = new SessionBuilder();
    const checkout = b.call('checkout', { success_redirect_url: RETURN, fail_redirect_url: RETURN, callback: '[function]' });
    b.callback(checkout, { status: 'REDIRECT' });
    b.call('captureRedirect', { callback: '[function]' }); // same document
    b.navigate('https://elsewhere.example/other');
    b.call('captureRedirect', { callback: '[function]' }); // another page
    expect(buildPanelModel(b.events).rows.every((r) => r.flow === null)).toBe(true);
  });

  it('groups with the first capture after a navigation when the call named no redirect URL', () => {
    const b = new SessionBuilder();
    const pay = b.call('pay', { callback: '[function]' });
    b.callback(pay, { status: 'REDIRECT' });
    b.navigate('https://shop.example/anything');
    b.call('captureRedirect', { callback: '[function]' });
    const rows = buildPanelModel(b.events).rows;
    expect(rows.map((r) => r.flow?.position ?? '-')).toEqual(['start', 'middle', 'end']);
  });
});
