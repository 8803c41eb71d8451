import { describe, expect, it } from 'vitest';
import { buildPanelModel } from '../../../lib/panel/rows';
import type { PanelRow } from '../../../lib/panel/rows';
import {
  DEFAULT_FILTERS,
  FILTERS_STORAGE_KEY,
  filterRows,
  loadFilters,
  parseFilters,
  resetFilters,
  saveFilters,
  toggleMethod,
  toggleOutcome,
  toggleSecondaryStatus,
  toggleSeverity,
} from '../../../lib/panel/filter';
import type { PanelFilters } from '../../../lib/panel/filter';
import { COLUMNS, shownColumns, toggleColumn } from '../../../lib/panel/columns';
import type { CallPanelRow } from '../../../lib/panel/rows';
import { MAX_SECONDARY_STATUSES } from '../../../lib/panel/rows';
import { SessionBuilder } from '../support/panel-helpers';
import { searchText, searchTerms } from '../../../lib/panel/search';
import { demoEvents } from '../support/panel-helpers';

const model = () => buildPanelModel(demoEvents().builder.events);
const names = (rows: PanelRow[]) =>
  rows.map((r) => (r.kind === 'call' ? r.row.call.method : r.row.event.type));

describe('filtering rows', () => {
  it('shows everything with the default filters (preserve log on)', () => {
    const m = model();
    expect(filterRows(m, DEFAULT_FILTERS)).toBe(m.rows);
  });

  it('searches method, field names, field values, callback data and correlation IDs, case-insensitively', () => {
    const m = model();
    const text = (t: string) => names(filterRows(m, { ...DEFAULT_FILTERS, text: t })).filter((n) => n !== 'navigation');
    expect(text('MANAGE')).toEqual([]);
    expect(text('CAPTUREredirect')).toEqual(['captureRedirect']);
    expect(text('pay')).toEqual(['pay', 'checkout']); // a substring: checkout has payment_intent_id
    expect(text('payment_intent_id')).toEqual(['pay', 'checkout']);
    expect(text('theme_color')).toEqual(['pay']);
    expect(text('pi-2')).toEqual(['checkout']);
    expect(text('corr-capture-4444')).toEqual(['captureRedirect']);
    expect(text('invalid_credentials')).toEqual(['pay']);
    expect(text('sandbox pi-1')).toEqual(['pay']); // every term must match
    expect(text('no-such-thing')).toEqual([]);
  });

  it('keeps a navigation marker only when a row of its document is shown', () => {
    const m = model();
    expect(names(filterRows(m, { ...DEFAULT_FILTERS, text: 'captureRedirect' }))).toEqual(['navigation', 'captureRedirect']);
    expect(names(filterRows(m, { ...DEFAULT_FILTERS, text: 'corr-pay' }))).toEqual(['navigation', 'pay']);
  });

  it('toggles by method, outcome and worst severity; toggles hide non-call events', () => {
    const m = model();
    const calls = (f: typeof DEFAULT_FILTERS) => names(filterRows(m, f)).filter((n) => n !== 'navigation');
    expect(calls(toggleMethod(DEFAULT_FILTERS, 'checkout'))).toEqual(['checkout']);
    expect(calls(toggleOutcome(DEFAULT_FILTERS, 'success'))).toEqual(['connect', 'captureRedirect']);
    expect(calls(toggleOutcome(toggleOutcome(DEFAULT_FILTERS, 'success'), 'redirect'))).toEqual(['connect', 'checkout', 'captureRedirect']);
    expect(calls(toggleSeverity(DEFAULT_FILTERS, 'error'))).toEqual(['pay']);
    expect(calls(toggleSeverity(DEFAULT_FILTERS, 'none'))).toEqual(['connect', 'checkout', 'captureRedirect']);
    expect(toggleMethod(toggleMethod(DEFAULT_FILTERS, 'pay'), 'pay').methods).toEqual([]);
  });

  it('offers the secondary statuses seen and toggles by them', () => {
    const m = model();
    expect(m.secondaryStatuses).toEqual(['INVALID_CREDENTIALS']);
    const pay = m.rows.find((r): r is CallPanelRow => r.kind === 'call' && r.row.call.method === 'pay')!;
    expect(pay.secondaryStatus).toBe('INVALID_CREDENTIALS');
    const calls = names(filterRows(m, toggleSecondaryStatus(DEFAULT_FILTERS, 'INVALID_CREDENTIALS'))).filter((n) => n !== 'navigation');
    expect(calls).toEqual(['pay']);
    expect(names(filterRows(m, toggleSecondaryStatus(DEFAULT_FILTERS, 'USER_CANCELLED')))).toEqual([]);
  });

  it('offers at most a bounded number of secondary statuses, none of them long', () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/');
    for (let i = 0; i < MAX_SECONDARY_STATUSES + 20; i++) b.callback(b.call('pay', {}), { status: 'ERROR', secondary_status: `CODE_${i}` });
    b.callback(b.call('pay', {}), { status: 'ERROR', secondary_status: 'X'.repeat(500) });
    const m = buildPanelModel(b.events);
    expect(m.secondaryStatuses.length).toBe(MAX_SECONDARY_STATUSES);
    expect(m.secondaryStatuses.every((s) => s.length <= 64)).toBe(true);
  });

  it('reads the optional columns from the last callback and the config', () => {
    const m = model();
    const row = (method: string) => m.rows.find((r): r is CallPanelRow => r.kind === 'call' && r.row.call.method === method)!.row;
    const cells = (method: string) => Object.fromEntries(COLUMNS.map((c) => [c.id, c.value(row(method))]));
    expect(cells('pay')).toEqual({ exit_point: 'BANK_LOGIN', last_api_response: '', bank: '', environment: 'sandbox', frame: 'shop.example/checkout' });
    expect(cells('connect').bank).toBe('LEANMB1');
    expect(shownColumns(toggleColumn(toggleColumn([], 'frame'), 'exit_point')).map((c) => c.id)).toEqual(['exit_point', 'frame']);
    expect(toggleColumn(['bank'], 'bank')).toEqual([]);
  });

  it('with preserve log off shows only rows since the last navigation', () => {
    const m = model();
    expect(names(filterRows(m, { ...DEFAULT_FILTERS, preserveLog: false }))).toEqual(['navigation', 'loader', 'sdk', 'captureRedirect']);
    expect(names(filterRows(m, { ...DEFAULT_FILTERS, preserveLog: false, text: 'pay' }))).toEqual([]);
  });

  it('reset clears text and toggles but keeps preserve log and the columns', () => {
    const f = { ...toggleSecondaryStatus(toggleMethod(DEFAULT_FILTERS, 'pay'), 'X'), text: 'x', preserveLog: false, columns: toggleColumn([], 'bank') };
    expect(resetFilters(f)).toEqual({ ...DEFAULT_FILTERS, preserveLog: false, columns: ['bank'] });
  });

  it('builds each row’s search text once and extends it when a callback arrives', () => {
    const { builder } = demoEvents();
    const first = buildPanelModel(builder.events).rows.find((r) => r.kind === 'call')!;
    const again = buildPanelModel(builder.events).rows.find((r) => r.kind === 'call')!;
    expect(searchText(again)).toBe(searchText(first)); // same string object from the cache
    expect(searchText(first)).toContain('corr-connect-1111');
    expect(searchTerms('  Foo   BAR ')).toEqual(['foo', 'bar']);
  });
});

describe('stored filters', () => {
  class MemoryStorage {
    data = new Map<string, string>();
    getItem(k: string) {
      return this.data.get(k) ?? null;
    }
    setItem(k: string, v: string) {
      this.data.set(k, v);
    }
  }

  it('round-trips through storage, with the secondary statuses and the columns shown', () => {
    const storage = new MemoryStorage();
    const filters: PanelFilters = {
      text: 'pay',
      methods: ['pay'],
      outcomes: ['error'],
      secondaryStatuses: ['INVALID_CREDENTIALS'],
      severities: ['warning'],
      preserveLog: false,
      columns: ['exit_point', 'frame'],
    };
    saveFilters(storage, filters);
    expect(storage.data.has(FILTERS_STORAGE_KEY)).toBe(true);
    expect(loadFilters(storage)).toEqual(filters);
  });

  it('defaults to preserve log on, and ignores malformed or unknown stored values', () => {
    expect(loadFilters(new MemoryStorage())).toEqual(DEFAULT_FILTERS);
    expect(parseFilters('not json')).toEqual(DEFAULT_FILTERS);
    expect(parseFilters('null')).toEqual(DEFAULT_FILTERS);
    expect(
      parseFilters(JSON.stringify({ outcomes: ['error', 'bogus', 3], severities: ['fatal'], methods: [1, 'pay'], preserveLog: 'no', columns: ['bank', 'password'] })),
    ).toEqual({
      ...DEFAULT_FILTERS,
      outcomes: ['error'],
      methods: ['pay'],
      columns: ['bank'],
    });
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem(): string | null {
        throw new Error('denied');
      },
      setItem(): void {
        throw new Error('full');
      },
    };
    expect(loadFilters(broken)).toEqual(DEFAULT_FILTERS);
    expect(() => saveFilters(broken, DEFAULT_FILTERS)).not.toThrow();
  });
});

describe('search index warm-up', () => {
  it('builds event texts in idle slices and can be cancelled', async () => {
    const { warmSearchIndex, textOfEvent } = await import('../../../lib/panel/search');
    const { builder } = demoEvents();
    const queue: (() => void)[] = [];
    const cancel = warmSearchIndex(builder.events, (fn) => queue.push(fn), 4);
    let slices = 0;
    while (queue.length) {
      queue.shift()!();
      slices++;
    }
    expect(slices).toBe(Math.ceil(builder.events.length / 4));
    expect(textOfEvent(builder.events[0]!)).toContain('navigation');
    cancel();
    const stopped: (() => void)[] = [];
    warmSearchIndex(builder.events, (fn) => stopped.push(fn), 1)();
    stopped.shift()!();
    expect(stopped).toHaveLength(0);
  });
});
