// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { Timeline } from '../../../../components/timeline/Timeline';
import { buildPanelModel } from '../../../../lib/panel/rows';
import type { PanelRow } from '../../../../lib/panel/rows';
import { timeAxis } from '../../../../lib/panel/time-axis';
import { ROW_HEIGHT } from '../../../../lib/panel/list-nav';
import { shownColumns } from '../../../../lib/panel/columns';
import { bigSession, demoEvents, SessionBuilder } from '../../support/panel-helpers';

afterEach(cleanup);

function renderTimeline(rows: PanelRow[], props: Partial<Parameters<typeof Timeline>[0]> = {}) {
  const onActivate = vi.fn();
  const onOpen = vi.fn();
  const onSelect = vi.fn();
  const onHeaderMenu = vi.fn();
  const axis = timeAxis(rows, () => 0);
  const view = render(
    <Timeline
      rows={rows}
      axis={axis}
      now={() => 0}
      activeKey={null}
      selectedKeys={new Set()}
      columns={[]}
      onActivate={onActivate}
      onSelect={onSelect}
      onOpen={onOpen}
      onHeaderMenu={onHeaderMenu}
      {...props}
    />,
  );
  const list = view.getByRole('listbox');
  return { ...view, list, onActivate, onOpen, onSelect, onHeaderMenu, axis };
}

describe('Timeline', () => {
  it('shows each call with its callback as one row, coloured by outcome, with its worst finding', () => {
    const { builder } = demoEvents();
    const { container } = renderTimeline(buildPanelModel(builder.events).rows);
    const calls = [...container.querySelectorAll('.row.call')];
    expect(calls.map((r) => r.querySelector('.row-button')!.textContent)).toEqual(['connect', 'pay', 'checkout', 'captureRedirect']);
    expect(calls.map((r) => [...r.classList].find((c) => c.startsWith('outcome-')))).toEqual([
      'outcome-success',
      'outcome-error',
      'outcome-redirect',
      'outcome-success',
    ]);
    const pay = calls[1]!;
    expect(pay.querySelector('.cell.sev')!.getAttribute('aria-label')).toBe('2 findings, worst: error');
    expect(pay.querySelector('.cell.sev')!.textContent).toBe('✖');
    expect(calls[0]!.querySelector('.cell.sev')!.getAttribute('aria-label')).toBe('No findings');
    expect(pay.querySelector('.duration')!.textContent).toBe('400 ms');
    expect(pay.querySelector('.correlation')!.textContent).toBe('corr-pay-2222');
  });

  it('draws duration bars on the shared time axis', () => {
    const { builder } = demoEvents();
    const rows = buildPanelModel(builder.events).rows;
    const { container, axis } = renderTimeline(rows);
    const pay = rows.find((r) => r.kind === 'call' && r.row.call.method === 'pay')!;
    const bar = container.querySelector<HTMLElement>(`[data-key="${pay.key}"] .bar`)!;
    const span = axis.end - axis.start;
    expect(parseFloat(bar.style.left)).toBeCloseTo(((pay.start - axis.start) / span) * 100, 2);
    expect(parseFloat(bar.style.width)).toBeCloseTo((400 / span) * 100, 2);
    expect(container.querySelectorAll('.timeline-head .tick').length).toBeGreaterThan(0);
  });

  it('marks navigations between documents and groups the redirect flow', () => {
    const { builder } = demoEvents();
    const { container } = renderTimeline(buildPanelModel(builder.events).rows);
    const navs = container.querySelectorAll('.row.event-navigation');
    expect(navs).toHaveLength(2);
    expect(navs[1]!.textContent).toContain('Navigated to https://shop.example/return');
    expect(navs[1]!.classList.contains('flow-middle')).toBe(true);
    const checkout = [...container.querySelectorAll('.row.call')].find((r) => r.textContent!.includes('checkout'))!;
    expect(checkout.classList.contains('flow-start')).toBe(true);
    const capture = container.querySelector('.row.call.flow-end')!;
    expect(capture.textContent).toContain('captureRedirect');
    expect(capture.querySelector('.flow-tag')!.textContent).toBe('↩ checkout');
  });

  it('renders page text as text with dir=auto (Arabic stays readable, markup stays inert)', () => {
    const b = new SessionBuilder();
    const call = b.call('connect', { callback: '[function]' });
    b.callback(call, { status: 'SUCCESS', lean_correlation_id: 'معرف-<b>x</b>' });
    b.navigate('https://متجر.example/<img src=x onerror=alert(1)>');
    const { container } = renderTimeline(buildPanelModel(b.events).rows);
    const corr = container.querySelector('.row .correlation')!;
    expect(corr.getAttribute('dir')).toBe('auto');
    expect(corr.textContent).toBe('معرف-<b>x</b>');
    expect(container.querySelector('b, img')).toBeNull();
    expect(container.querySelector('.event-text')!.getAttribute('dir')).toBe('auto');
  });

  it('is virtualised: 10,000 events render only the rows in view, and scrolling renders the next ones', () => {
    const rows = buildPanelModel(bigSession(10_000)).rows;
    expect(rows.length).toBeGreaterThan(4_000);
    const { container, list } = renderTimeline(rows);
    const rendered = () => container.querySelectorAll('.row');
    expect(rendered().length).toBeLessThan(60);
    expect(container.querySelector<HTMLElement>('.timeline-canvas')!.style.height).toBe(`${rows.length * ROW_HEIGHT}px`);
    list.scrollTop = 2000 * ROW_HEIGHT;
    fireEvent.scroll(list);
    const keys = [...rendered()].map((r) => r.getAttribute('data-key'));
    expect(keys).toContain(rows[2000]!.key);
    expect(keys).not.toContain(rows[0]!.key);
    expect(rendered().length).toBeLessThan(60);
  });

  it('moves the active row with ↑/↓ and opens it with Enter; a click opens too', () => {
    const { builder } = demoEvents();
    const rows = buildPanelModel(builder.events).rows;
    const { list, onActivate, onOpen, onSelect, rerender, container } = renderTimeline(rows);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(onActivate).toHaveBeenLastCalledWith(rows[0]!.key);
    const axis = timeAxis(rows, () => 0);
    rerender(
      <Timeline
        rows={rows}
        axis={axis}
        now={() => 0}
        activeKey={rows[4]!.key}
        selectedKeys={new Set()}
        columns={[]}
        onActivate={onActivate}
        onSelect={onSelect}
        onOpen={onOpen}
      />,
    );
    expect(list.getAttribute('aria-activedescendant')).toBe('lean-row-4');
    expect(container.querySelector('#lean-row-4')!.classList.contains('active')).toBe(true);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(onActivate).toHaveBeenLastCalledWith(rows[5]!.key);
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(onActivate).toHaveBeenLastCalledWith(rows[3]!.key);
    fireEvent.keyDown(list, { key: 'End' });
    expect(onActivate).toHaveBeenLastCalledWith(rows.at(-1)!.key);
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith(rows[4]!.key);
    fireEvent.click(container.querySelector('.row.call .row-button')!);
    expect(onOpen).toHaveBeenLastCalledWith(rows.find((r) => r.kind === 'call')!.key);
  });

  it('shows the secondary status next to the outcome', () => {
    const { builder } = demoEvents();
    const { container } = renderTimeline(buildPanelModel(builder.events).rows);
    const outcomes = [...container.querySelectorAll('.row.call .cell.outcome')].map((c) => c.textContent);
    expect(outcomes).toEqual(['success', 'error · INVALID_CREDENTIALS', 'redirect', 'success']);
  });

  it('shows the optional columns asked for, in the header and each call row, and offers the column menu on right-click', () => {
    const { builder } = demoEvents();
    const { container, onHeaderMenu } = renderTimeline(buildPanelModel(builder.events).rows, { columns: shownColumns(['frame', 'exit_point']) });
    expect([...container.querySelectorAll('.timeline-head .cell.extra')].map((c) => c.textContent)).toEqual(['exit_point', 'Frame']);
    const pay = [...container.querySelectorAll('.row.call')][1]!;
    expect([...pay.querySelectorAll('.cell.extra')].map((c) => c.textContent)).toEqual(['BANK_LOGIN', 'shop.example/checkout']);
    fireEvent.contextMenu(container.querySelector('.timeline-head')!, { clientX: 30, clientY: 12 });
    expect(onHeaderMenu).toHaveBeenCalledWith({ x: 30, y: 12 });
  });

  it('selects with a click (and opens), Ctrl/⌘-click and Shift-click, Shift+↓ and Ctrl+Space, and marks the selected rows', () => {
    const { builder } = demoEvents();
    const rows = buildPanelModel(builder.events).rows;
    const calls = rows.filter((r) => r.kind === 'call');
    const { container, list, onSelect, onOpen } = renderTimeline(rows, { activeKey: calls[0]!.key, selectedKeys: new Set([calls[0]!.key, calls[1]!.key]) });
    const buttons = container.querySelectorAll('.row.call .row-button');
    fireEvent.click(buttons[0]!);
    expect(onSelect).toHaveBeenLastCalledWith(calls[0]!.key, 'only');
    expect(onOpen).toHaveBeenCalledTimes(1);
    fireEvent.click(buttons[2]!, { ctrlKey: true });
    expect(onSelect).toHaveBeenLastCalledWith(calls[2]!.key, 'toggle');
    fireEvent.click(buttons[3]!, { shiftKey: true });
    expect(onSelect).toHaveBeenLastCalledWith(calls[3]!.key, 'range');
    expect(onOpen).toHaveBeenCalledTimes(1);
    const next = rows[rows.indexOf(calls[0]!) + 1]!;
    fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true });
    expect(onSelect).toHaveBeenLastCalledWith(next.key, 'range');
    fireEvent.keyDown(list, { key: ' ', ctrlKey: true });
    expect(onSelect).toHaveBeenLastCalledWith(calls[0]!.key, 'toggle');
    expect(list.getAttribute('aria-multiselectable')).toBe('true');
    const selected = [...container.querySelectorAll('.row[aria-selected="true"]')].map((r) => r.getAttribute('data-key'));
    expect(selected).toEqual([calls[0]!.key, calls[1]!.key]);
  });

  it('opens at the end of a long session, its newest rows rendered and scrolled into view', () => {
    const rows = buildPanelModel(bigSession(2_000)).rows;
    const { container, list } = renderTimeline(rows);
    const keys = [...container.querySelectorAll('.row')].map((r) => r.getAttribute('data-key'));
    expect(keys).toContain(rows.at(-1)!.key);
    expect(keys).not.toContain(rows[0]!.key);
    expect(list.scrollTop).toBeGreaterThan(0);
  });

  it('measures its height before scrolling, so it scrolls once, straight to the real end', () => {
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(24 + 10 * ROW_HEIGHT);
    const scrolled = vi.spyOn(Element.prototype, 'scrollTop', 'set');
    const rows = buildPanelModel(bigSession(2_000)).rows;
    const { list } = renderTimeline(rows);
    expect(scrolled.mock.calls).toEqual([[(rows.length - 10) * ROW_HEIGHT]]);
    expect(list.scrollTop).toBe((rows.length - 10) * ROW_HEIGHT);
    height.mockRestore();
    scrolled.mockRestore();
  });

  it('leaves the end for the first row on Home and renders it', () => {
    const rows = buildPanelModel(bigSession(2_000)).rows;
    const { container, list } = renderTimeline(rows);
    fireEvent.keyDown(list, { key: 'Home' });
    const keys = [...container.querySelectorAll('.row')].map((r) => r.getAttribute('data-key'));
    expect(keys).toContain(rows[0]!.key);
    expect(keys).not.toContain(rows.at(-1)!.key);
  });
});
