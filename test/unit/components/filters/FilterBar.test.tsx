// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { App } from '../../../../components/app/App';
import { DEFAULT_FILTERS } from '../../../../lib/panel/filter';
import type { PanelFilters } from '../../../../lib/panel/filter';
import type { TabSession } from '../../../../lib/protocol';
import { demoEvents, liveSource } from '../../support/panel-helpers';

afterEach(cleanup);

function renderApp(filters: PanelFilters = DEFAULT_FILTERS) {
  const { builder } = demoEvents();
  const session = signal<TabSession | null>(builder.session());
  const filterSignal = signal(filters);
  const view = render(
    <App source={liveSource(session)} filters={filterSignal} now={signal(builder.time)} copy={async () => true} />,
  );
  const methods = () => [...view.container.querySelectorAll('.row.call .row-button')].map((b) => b.textContent);
  const rowTypes = () =>
    [...view.container.querySelectorAll('.row')].map((r) => (r.classList.contains('call') ? r.querySelector('.row-button')!.textContent : [...r.classList].find((c) => c.startsWith('event-'))));
  const search = view.container.querySelector<HTMLInputElement>('#filter-text')!;
  return { ...view, session, filters: filterSignal, methods, rowTypes, search };
}

describe('filter bar', () => {
  it('filters by text over methods, fields, values and correlation IDs as you type', async () => {
    const { search, methods, container, filters } = renderApp();
    expect(methods()).toEqual(['connect', 'pay', 'checkout', 'captureRedirect']);
    await act(() => void fireEvent.input(search, { target: { value: 'corr-checkout' } }));
    expect(methods()).toEqual(['checkout']);
    expect(filters.value.text).toBe('corr-checkout');
    expect(container.querySelector('.filter-count')!.textContent).toBe('2 of 10 rows');
    await act(() => void fireEvent.input(search, { target: { value: 'theme_color' } }));
    expect(methods()).toEqual(['pay']);
    await act(() => void fireEvent.input(search, { target: { value: 'nothing-matches-this' } }));
    expect(container.querySelector('#no-match')!.textContent).toContain('No rows match the filters.');
    await act(() => void fireEvent.click(container.querySelector('#no-match .link-button')!));
    expect(methods()).toHaveLength(4);
    expect(filters.value).toEqual(DEFAULT_FILTERS);
  });

  it('toggles by method, outcome and finding severity', async () => {
    const { container, methods, filters } = renderApp();
    const chip = (selector: string) => container.querySelector<HTMLButtonElement>(selector)!;
    await act(() => void fireEvent.click(chip('.method-chip[data-method="checkout"]')));
    expect(methods()).toEqual(['checkout']);
    expect(chip('.method-chip[data-method="checkout"]').getAttribute('aria-pressed')).toBe('true');
    await act(() => void fireEvent.click(chip('.method-chip[data-method="checkout"]')));
    await act(() => void fireEvent.click(chip('.outcome-chip[data-outcome="success"]')));
    expect(methods()).toEqual(['connect', 'captureRedirect']);
    await act(() => void fireEvent.click(chip('.outcome-chip[data-outcome="error"]')));
    expect(methods()).toEqual(['connect', 'pay', 'captureRedirect']);
    await act(() => void fireEvent.click(chip('.severity-chip[data-severity="error"]')));
    expect(methods()).toEqual(['pay']);
    expect(filters.value).toMatchObject({ outcomes: ['success', 'error'], severities: ['error'] });
    await act(() => void fireEvent.click(container.querySelector('#reset-filters')!));
    expect(methods()).toHaveLength(4);
  });

  it('preserve log is on by default; off shows only what happened since the last navigation', async () => {
    const { container, rowTypes, filters } = renderApp();
    const preserve = container.querySelector<HTMLInputElement>('#preserve-log')!;
    expect(preserve.checked).toBe(true);
    expect(rowTypes()[0]).toBe('event-navigation');
    await act(() => void fireEvent.click(preserve));
    expect(filters.value.preserveLog).toBe(false);
    expect(rowTypes()).toEqual(['event-navigation', 'event-loader', 'event-sdk', 'captureRedirect']);
    // Status counts follow the scope too.
    expect(container.querySelector('#status-counts')!.textContent).toContain('1 · 0 failed');
  });

  it('starts from the filters it was given (restored from storage by the page)', () => {
    const { methods, search, container } = renderApp({ ...DEFAULT_FILTERS, text: 'captureredirect', outcomes: ['success'] });
    expect(search.value).toBe('captureredirect');
    expect(methods()).toEqual(['captureRedirect']);
    expect(container.querySelector('.outcome-chip[data-outcome="success"]')!.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('keyboard', () => {
  it('/ focuses the search, Esc clears it, then Esc goes back to the list', async () => {
    const { search, container, methods } = renderApp();
    await act(() => void fireEvent.keyDown(document.body, { key: '/' }));
    expect(document.activeElement).toBe(search);
    await act(() => void fireEvent.input(search, { target: { value: 'pay' } }));
    expect(methods()).toEqual(['pay', 'checkout']);
    await act(() => void fireEvent.keyDown(search, { key: 'Escape' }));
    expect(search.value).toBe('');
    expect(methods()).toHaveLength(4);
    await act(() => void fireEvent.keyDown(search, { key: 'Escape' }));
    expect(document.activeElement).toBe(container.querySelector('.timeline'));
  });

  it('↑/↓ move through rows, Enter opens the detail, Esc closes it', async () => {
    const { container } = renderApp();
    const list = container.querySelector<HTMLElement>('.timeline')!;
    list.focus();
    for (let i = 0; i < 4; i++) await act(() => void fireEvent.keyDown(list, { key: 'ArrowDown' }));
    expect(list.getAttribute('aria-activedescendant')).toBe('lean-row-3');
    expect(container.querySelector('#lean-row-3 .row-button')!.textContent).toBe('connect');
    await act(() => void fireEvent.keyDown(list, { key: 'Enter' }));
    expect(container.querySelector('.detail h2')!.textContent).toContain('Lean.connect');
    expect(container.querySelector('#lean-row-3')!.getAttribute('aria-selected')).toBe('true');
    await act(() => void fireEvent.keyDown(list, { key: 'ArrowDown' }));
    await act(() => void fireEvent.keyDown(list, { key: 'Enter' }));
    expect(container.querySelector('.detail h2')!.textContent).toContain('Lean.pay');
    await act(() => void fireEvent.keyDown(list, { key: 'Escape' }));
    expect(container.querySelector('.detail')).toBeNull();
    expect(document.activeElement).toBe(list);
  });

  it('shows the failure reason in the Outcome column and filters by secondary status', async () => {
    const { container, methods, filters } = renderApp();
    const pay = [...container.querySelectorAll('.row.call')].find((r) => r.textContent!.includes('pay'))!;
    expect(pay.querySelector('.cell.outcome')!.textContent).toBe('error · INVALID_CREDENTIALS');
    const chip = container.querySelector<HTMLButtonElement>('.reason-chip[data-secondary-status="INVALID_CREDENTIALS"]')!;
    await act(() => void chip.click());
    expect(methods()).toEqual(['pay']);
    expect(filters.value.secondaryStatuses).toEqual(['INVALID_CREDENTIALS']);
    expect(chip.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows and hides optional columns from the column menu (button or right-click on the header), kept with the filters', async () => {
    const { container, filters } = renderApp();
    const button = container.querySelector<HTMLButtonElement>('#columns-button')!;
    expect(container.querySelectorAll('.timeline-head .cell.extra')).toHaveLength(0);
    await act(() => void button.click());
    const menu = container.querySelector('#column-menu')!;
    expect([...menu.querySelectorAll('[role=menuitemcheckbox]')].map((i) => i.textContent)).toEqual([
      'exit_point',
      'last_api_response',
      'Bank',
      'Environment',
      'Frame',
    ]);
    expect(document.activeElement).toBe(menu.querySelector('[data-column="exit_point"]'));
    await act(() => void menu.querySelector<HTMLButtonElement>('[data-column="exit_point"]')!.click());
    await act(() => void fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' }));
    await act(() => void fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' }));
    await act(() => void (document.activeElement as HTMLButtonElement).click());
    expect(filters.value.columns).toEqual(['exit_point', 'bank']);
    expect(menu.querySelector('[data-column="bank"]')!.getAttribute('aria-checked')).toBe('true');
    expect([...container.querySelectorAll('.timeline-head .cell.extra')].map((c) => c.textContent)).toEqual(['exit_point', 'Bank']);
    const connect = container.querySelector('.row.call')!;
    expect([...connect.querySelectorAll('.cell.extra')].map((c) => c.textContent)).toEqual(['', 'LEANMB1']);
    await act(() => void fireEvent.keyDown(document.activeElement!, { key: 'Escape' }));
    expect(container.querySelector('#column-menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    await act(() => void fireEvent.contextMenu(container.querySelector('.timeline-head')!, { clientX: 40, clientY: 20 }));
    const atPointer = container.querySelector<HTMLElement>('#column-menu')!;
    expect(atPointer.style.left).toBe('40px');
    await act(() => void atPointer.querySelector<HTMLButtonElement>('[data-column="exit_point"]')!.click());
    expect(filters.value.columns).toEqual(['bank']);
  });
});
