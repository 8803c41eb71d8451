// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { App } from '../../../components/app/App';
import { DEFAULT_FILTERS } from '../../../lib/panel/filter';
import { NO_SELECTION, select, selectedInOrder } from '../../../lib/panel/selection';
import { demoEvents, liveSource } from '../support/panel-helpers';

afterEach(cleanup);

function renderApp() {
  const { builder } = demoEvents();
  const copied: string[] = [];
  const view = render(
    <App
      source={liveSource(signal(builder.session()))}
      filters={signal(DEFAULT_FILTERS)}
      now={signal(builder.time)}
      copy={async (text) => {
        copied.push(text);
        return true;
      }}
    />,
  );
  const row = (method: string) =>
    [...view.container.querySelectorAll<HTMLElement>('.row.call')].find((r) => r.querySelector('.row-button')!.textContent === method)!;
  const list = view.container.querySelector<HTMLElement>('.timeline')!;
  return { ...view, copied, row, list };
}

describe('selection', () => {
  const order = ['a', 'b', 'c', 'd'];

  it('selects one row, toggles one with Ctrl/⌘, and spans from the anchor with Shift', () => {
    const one = select(NO_SELECTION, 'b', 'only', order);
    expect([...one.keys]).toEqual(['b']);
    const range = select(one, 'd', 'range', order);
    expect(selectedInOrder(range, order)).toEqual(['b', 'c', 'd']);
    expect(selectedInOrder(select(range, 'a', 'range', order), order)).toEqual(['a', 'b']);
    const toggled = select(range, 'c', 'toggle', order);
    expect(selectedInOrder(toggled, order)).toEqual(['b', 'd']);
    expect(selectedInOrder(select(NO_SELECTION, 'c', 'range', order), order)).toEqual(['c']);
  });
});

describe('copy as support report', () => {
  it('copies the opened call’s report from a button in its detail, reachable by keyboard', async () => {
    const { row, copied, container } = renderApp();
    await act(() => void row('pay').querySelector<HTMLElement>('.row-button')!.click());
    const button = container.querySelector<HTMLButtonElement>('#copy-report-call')!;
    expect(button.tabIndex).toBe(0);
    await act(async () => void button.click());
    await waitFor(() => expect(button.textContent).toBe('Copied ✓'));
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatch(/^# Lean support report: Lean\.pay, ERROR/);
    expect(copied[0]).toContain('- **secondary_status:** `INVALID_CREDENTIALS`');
  });

  it('copies one report on several rows selected with Ctrl-click and Shift-click, in session order', async () => {
    const { row, copied, container } = renderApp();
    expect(container.querySelector('#selection-bar')).toBeNull();
    await act(() => void row('connect').querySelector<HTMLElement>('.row-button')!.click());
    await act(() => void fireEvent.click(row('checkout'), { ctrlKey: true }));
    expect(container.querySelector('#selection-bar')!.textContent).toContain('2 calls selected');
    expect(row('pay').getAttribute('aria-selected')).toBe('false');
    await act(() => void fireEvent.click(row('pay'), { shiftKey: true }));
    expect(container.querySelector('#selection-bar')!.textContent).toContain('2 calls selected');
    expect(row('pay').getAttribute('aria-selected')).toBe('true');
    await act(() => void fireEvent.click(row('captureRedirect'), { metaKey: true }));
    expect(container.querySelector('#selection-bar')!.textContent).toContain('3 calls selected');
    await act(async () => void container.querySelector<HTMLButtonElement>('#copy-report-selection')!.click());
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]!.split('\n').filter((l) => l.startsWith('## Call '))).toEqual([
      '## Call 1 of 3: Lean.pay, ERROR',
      '## Call 2 of 3: Lean.checkout, REDIRECT',
      '## Call 3 of 3: Lean.captureRedirect, SUCCESS',
    ]);
    expect(copied[0]).toContain('- **secondary_status:** `INVALID_CREDENTIALS`');
  });

  it('selects with Shift+↓ from the keyboard, and Esc clears the selection', async () => {
    const { row, list, container } = renderApp();
    list.focus();
    for (let i = 0; i < 4; i++) await act(() => void fireEvent.keyDown(list, { key: 'ArrowDown' }));
    await act(() => void fireEvent.keyDown(list, { key: 'Enter' }));
    await act(() => void fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true }));
    expect(row('connect').getAttribute('aria-selected')).toBe('true');
    expect(row('pay').getAttribute('aria-selected')).toBe('true');
    expect(container.querySelector('#selection-bar')!.textContent).toContain('2 calls selected');
    await act(() => void fireEvent.keyDown(list, { key: 'Escape' }));
    expect(container.querySelector('#selection-bar')).toBeNull();
    expect(row('connect').getAttribute('aria-selected')).toBe('false');
  });
});
