// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import { Detail } from '../../../../components/detail/Detail';
import { buildPanelModel } from '../../../../lib/panel/rows';
import type { PanelRow } from '../../../../lib/panel/rows';
import { CALLBACK_FIELDS } from '../../../../lib/panel/callback-fields';
import { demoEvents, SessionBuilder } from '../../support/panel-helpers';

afterEach(cleanup);

function rowOf(method: string, events = demoEvents().builder.events): PanelRow {
  return buildPanelModel(events).rows.find((r) => r.kind === 'call' && r.row.call.method === method)!;
}

function renderDetail(item: PanelRow) {
  const copy = vi.fn(async (_text: string) => true);
  const onClose = vi.fn();
  const view = render(<Detail item={item} copy={copy} onClose={onClose} />);
  return { ...view, copy, onClose };
}

describe('Detail', () => {
  it('shows the config as a collapsible tree with redacted values visibly marked', () => {
    const { getByLabelText, container } = renderDetail(rowOf('connect'));
    const tree = getByLabelText('config');
    const appToken = tree.querySelector('[data-path="app_token"]')!;
    expect(appToken.querySelector('.v-redacted')).not.toBeNull();
    expect(appToken.querySelector('.redacted-tag')!.textContent).toBe('redacted');
    expect(appToken.textContent).toContain('[redacted app_token …3a4f]');
    expect(appToken.querySelector('.v-redacted')!.getAttribute('title')).toBe('Redacted before it left the page (app_token), ends in …3a4f.');
    const jwt = tree.querySelector('[data-path="access_token"] .v-redacted')!;
    expect(jwt.getAttribute('title')).toContain('a JSON Web Token, expires 2026-11-23T19:00:00Z');
    expect(tree.querySelector('[data-path="callback"]')!.textContent).toContain('ƒ onResult');

    const permissions = tree.querySelector('[data-path="permissions"]')!;
    const twisty = permissions.querySelector<HTMLButtonElement>('.twisty')!;
    expect(twisty.getAttribute('aria-expanded')).toBe('true');
    expect(permissions.querySelector('[data-path="permissions[0]"]')!.textContent).toContain('"identity"');
    fireEvent.click(twisty);
    expect(twisty.getAttribute('aria-expanded')).toBe('false');
    expect(permissions.querySelector('[data-path="permissions[0]"]')).toBeNull();
    expect(container.querySelector('.callsite')!.textContent).toBe('app.js:42');
    expect(container.querySelector('.callsite .mono')!.getAttribute('title')).toBe('https://shop.example/app.js:42:7');
  });

  it('lists findings with field, message, the rule’s source and fix, and pins them on the tree', () => {
    const { getByLabelText, container } = renderDetail(rowOf('pay'));
    const list = getByLabelText('Findings');
    const items = list.querySelectorAll('.finding');
    expect(items).toHaveLength(2);
    const first = items[0]!;
    expect(first.classList.contains('sev-error')).toBe(true);
    expect(first.querySelector('.finding-field')!.textContent).toBe('customization.theme_color');
    expect(first.querySelector('.finding-message')!.textContent).toBe('customization.theme_color has a error problem');
    expect(first.querySelector('.finding-fix')!.textContent).toContain('Fix customization.theme_color.');
    expect(first.querySelector('.finding-source')!.textContent).toContain('invalid-color · SDK reference §1, method table');
    expect(items[1]!.querySelector('.finding-field')).toBeNull(); // a finding about the whole call
    const pinned = container.querySelector('[data-path="customization.theme_color"]')!;
    expect(pinned.classList.contains('has-finding')).toBe(true);
    expect(pinned.querySelector('.pin.sev-error')).not.toBeNull();
  });

  it('says so when a call has no findings', () => {
    const { getByLabelText } = renderDetail(rowOf('connect'));
    expect(getByLabelText('Findings').textContent).toContain('No findings: this config matches the SDK reference for Lean.connect.');
  });

  it('explains the callback and every one of its fields in plain words', () => {
    const { container } = renderDetail(rowOf('pay'));
    const explanation = container.querySelector('.explanation')!;
    expect(explanation.textContent).toContain('Flow failed');
    expect(explanation.textContent).toContain('INVALID_CREDENTIALS');
    const rows = [...container.querySelectorAll<HTMLTableRowElement>('.fields tbody tr')];
    expect(rows.map((r) => r.dataset.field)).toEqual(['status', 'message', 'secondary_status', 'lean_correlation_id', 'exit_point', 'mystery_field']);
    const meaning = (field: string) => rows.find((r) => r.dataset.field === field)!.cells[2]!.textContent;
    for (const row of rows) expect(row.cells[2]!.textContent!.length).toBeGreaterThan(10);
    expect(meaning('status')).toContain('Flow failed');
    expect(meaning('secondary_status')).toContain('rejected the online-banking username or password');
    expect(meaning('lean_correlation_id')).toBe(CALLBACK_FIELDS.lean_correlation_id!.meaning);
    expect(meaning('mystery_field')).toBe('Not in the SDK reference’s CallbackData table.');
  });

  it('explains nested bank fields', () => {
    const { container } = renderDetail(rowOf('connect'));
    const row = container.querySelector('.fields tr[data-field="bank.is_supported"]')!;
    expect(row.textContent).toContain('My bank is not listed');
  });

  it('copies the correlation ID, the config as JSON and the call as code', async () => {
    const { getByText, copy } = renderDetail(rowOf('pay'));
    fireEvent.click(getByText('Copy correlation ID'));
    expect(copy).toHaveBeenLastCalledWith('corr-pay-2222');
    await waitFor(() => getByText('Copied ✓'));
    fireEvent.click(getByText('Copy config as JSON'));
    expect(JSON.parse(copy.mock.calls.at(-1)![0])).toMatchObject({ app_token: '[redacted app_token …3a4f]', payment_intent_id: 'pi-1' });
    fireEvent.click(getByText('Copy as code'));
    const code = copy.mock.calls.at(-1)![0];
    expect(code.startsWith('Lean.pay({\n  app_token: "<app_token>",')).toBe(true);
  });

  it('disables copy correlation ID when the call has none, and tells a failed copy', async () => {
    const b = new SessionBuilder();
    b.call('connect', { app_token: 'x' });
    const { container, copy, getByText } = renderDetail(rowOf('connect', b.events));
    expect(container.querySelector<HTMLButtonElement>('#copy-correlation')!.disabled).toBe(true);
    expect(container.textContent).toContain('No callback was passed');
    copy.mockResolvedValueOnce(false);
    fireEvent.click(getByText('Copy as code'));
    await waitFor(() => getByText('Copy failed'));
  });

  it('shows a thrown error and the flow a call belongs to; the close button closes', () => {
    const { builder } = demoEvents();
    const capture = rowOf('captureRedirect', builder.events);
    const { container, onClose, getByLabelText } = renderDetail(capture);
    expect(container.textContent).toContain('Completes the redirect flow started by Lean.checkout');
    fireEvent.click(getByLabelText('Close details (Esc)'));
    expect(onClose).toHaveBeenCalled();
    cleanup();
    const b = new SessionBuilder();
    const call = b.call('pay', 'not an object');
    b.events.push({ type: 'call-error', id: 'err', time: call.time, frameUrl: call.frameUrl, callId: call.id, message: 'TypeError: config must be an object' });
    const thrown = renderDetail(rowOf('pay', b.events));
    expect(thrown.container.querySelector('.thrown')!.textContent).toBe('TypeError: config must be an object');
  });

  it('shows an event row’s facts', () => {
    const b = new SessionBuilder();
    b.loader({ afterInteraction: true, region: 'sa' });
    const item = buildPanelModel(b.events).rows[0]!;
    const { container } = renderDetail(item);
    const facts = within(container.querySelector('.facts') as HTMLElement);
    expect(facts.getByText('KSA (sa)')).toBeTruthy();
    expect(facts.getByText('after a user action (load it at page load instead)')).toBeTruthy();
  });
});
