/**
 * The panel figures: `panelRender10kMs` (opening `panel.html?tabId=N` on a 10,000-event
 * session, from navigation start to the first rows rendered and the next frame done) and
 * `panelFilter10kMs` (a text typed into the search box, from the input event to the list
 * updated and the next frame done), plus the helpers to seed a session in the store's
 * layout and to open a panel.
 *
 * The panel is being reworked, so the benchmark relies on stable hooks only:
 * `input[type=search]` (the filter text) and `[data-call-id]` inside the `role="listbox"`
 * timeline (one per call row rendered; the detail pane carries `data-call-id` too, hence
 * the listbox).
 * The panel's own `lean-panel:snapshot` mark (the first snapshot arrived) is read when
 * present, for the table only.
 */
import type { Page } from 'playwright-core';
import type { SessionEvent } from '../lib/model/types';
import type { BenchBrowser, ChromeInWorker } from './browsers';
import { storeItems } from './session';
import { summarize, type Summary } from './stats';

export const SELECTORS = {
  search: 'input[type=search]',
  callRow: '[role="listbox"] [data-call-id]',
  /** Shown while a long session's earlier events are still loading (after its newest rows). */
  loading: '.status-loading',
} as const;

/** Writes a tab's session straight into `storage.session`, in `lib/background/store.ts`'s layout. */
export async function seedSession(ext: BenchBrowser, tabId: number, events: readonly SessionEvent[], url?: string): Promise<void> {
  const items = storeItems(tabId, events, url);
  await (await ext.worker()).evaluate(async (all) => {
    await (globalThis as unknown as ChromeInWorker).chrome.storage.session.set(all);
  }, items);
}

/** Removes a seeded tab's items from `storage.session` (the quota is shared by every tab). */
export async function removeSession(ext: BenchBrowser, tabId: number): Promise<void> {
  await (await ext.worker()).evaluate(async (id) => {
    const session = (globalThis as unknown as ChromeInWorker).chrome.storage.session;
    const keys = Object.keys(await session.get(null)).filter((k) => k === `tab:${id}` || k.startsWith(`tab:${id}:`));
    await session.remove(keys);
  }, tabId);
}

/** Bytes `storage.session` holds for a tab, and the quota of the whole area. */
export async function storedBytes(ext: BenchBrowser, tabId: number): Promise<{ bytes: number; quota: number }> {
  return (await ext.worker()).evaluate(async (id) => {
    const session = (globalThis as unknown as ChromeInWorker).chrome.storage.session;
    const keys = Object.keys(await session.get(null)).filter((k) => k === `tab:${id}` || k.startsWith(`tab:${id}:`));
    return { bytes: await session.getBytesInUse(keys), quota: session.QUOTA_BYTES };
  }, tabId);
}

export interface OpenTiming {
  /** ms from the panel's navigation start to the first `[data-call-id]` in the DOM. */
  rowsMs: number;
  /** …to the end of the frame after it (rAF, then a task): painted, and the thread free for input. */
  usableMs: number;
  /** …to the whole session loaded (its newest rows come first), rendered, and a frame. */
  wholeMs: number;
  /** The panel's own marks, if it sets them. */
  snapshotMark: number | null;
  rows: number;
}

interface OpenProbe {
  __benchOpen?: { rowsAt: number | null; usableAt: number | null; wholeAt: number | null; rows: number };
  /** A Playwright binding: tells the bench the probe is done, with no script run in the panel. */
  __benchOpened?: () => void;
}

/** Runs in the panel before its own scripts (Playwright init script). */
function openProbe(selectors: { callRow: string; loading: string }): void {
  const state = { rowsAt: null as number | null, usableAt: null as number | null, wholeAt: null as number | null, rows: 0 };
  (window as unknown as OpenProbe).__benchOpen = state;
  const afterFrame = (record: (at: number) => void) => requestAnimationFrame(() => setTimeout(() => record(performance.now()), 0));
  let whole = false;
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selectors.callRow)) return;
    if (state.rowsAt === null) {
      state.rowsAt = performance.now();
      state.rows = document.querySelectorAll(selectors.callRow).length;
      afterFrame((at) => (state.usableAt = at));
    }
    if (!whole && !document.querySelector(selectors.loading)) {
      whole = true;
      observer.disconnect();
      afterFrame((at) => {
        state.wholeAt = at;
        (window as unknown as OpenProbe).__benchOpened?.();
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

export async function openPanel(
  ext: BenchBrowser,
  tabId: number,
  options: { waitFor: 'rows' | 'ready'; timeoutMs?: number },
): Promise<{ panel: Page; timing: OpenTiming | null }> {
  const panel = await ext.context.newPage();
  // tsx compiles with esbuild's keepNames: named functions inside code passed to
  // page.evaluate call a `__name` helper that only exists in Node. A no-op one for the panel.
  await panel.addInitScript(() => {
    (globalThis as unknown as { __name?: unknown }).__name ??= (f: unknown) => f;
  });
  await panel.addInitScript(openProbe, SELECTORS);
  // Waiting with waitForFunction would compile Playwright's injected script in the panel
  // while it opens (up to ~80 ms of its main thread): the probe calls a binding instead.
  let opened: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (opened = resolve));
  await panel.exposeBinding('__benchOpened', () => opened());
  await panel.goto(`chrome-extension://${ext.extensionId}/panel.html?tabId=${tabId}`, { waitUntil: 'commit' });
  if (options.waitFor === 'ready') {
    await panel.waitForSelector(SELECTORS.search, { timeout: options.timeoutMs ?? 20_000 });
    return { panel, timing: null };
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    done,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the panel did not open in ${timeoutMs} ms`)), timeoutMs))),
  ]).finally(() => clearTimeout(timer));
  const timing = await panel.evaluate(() => {
    const probe = (window as unknown as OpenProbe).__benchOpen!;
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return {
      rowsMs: probe.rowsAt!,
      usableMs: probe.usableAt!,
      wholeMs: probe.wholeAt!,
      snapshotMark: mark('lean-panel:snapshot'),
      rows: probe.rows,
    };
  });
  return { panel, timing };
}

/** Waits until the page has had idle time (the panel builds its search text when idle). */
export async function settle(panel: Page, idleRounds = 3): Promise<void> {
  await panel.evaluate(async (rounds) => {
    for (let i = 0; i < rounds; i++) await new Promise((r) => requestIdleCallback(() => r(null), { timeout: 2000 }));
  }, idleRounds);
}

export interface FilterSample {
  term: string;
  ms: number;
  /** Until the list changed in the DOM (before the frame). */
  domMs: number;
  rows: number;
}

/** Types `text` into the search box at once (as a paste would) and times the list's update. */
async function filterOnce(panel: Page, text: string, timeoutMs: number): Promise<FilterSample> {
  return panel.evaluate(
    async ({ text, sel, timeoutMs }) => {
      const input = document.querySelector<HTMLInputElement>(sel.search);
      if (!input) throw new Error(`no ${sel.search} in the panel`);
      const signature = () => {
        const rows = document.querySelectorAll<HTMLElement>(sel.callRow);
        let s = `${rows.length}|`;
        for (const el of rows) s += `${el.dataset.callId},`;
        return s;
      };
      const before = signature();
      let domAt: number | null = null;
      const observer = new MutationObserver(() => {
        if (domAt === null && signature() !== before) domAt = performance.now();
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      const start = performance.now();
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      while (domAt === null && performance.now() - start < timeoutMs) await new Promise((r) => requestAnimationFrame(r));
      observer.disconnect();
      if (domAt === null) throw new Error(`the list did not change after typing "${text}"`);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { term: text, ms: performance.now() - start, domMs: domAt - start, rows: document.querySelectorAll(sel.callRow).length };
    },
    { text, sel: SELECTORS, timeoutMs },
  );
}

/** Clears the search box (untimed) and waits until rows are back. */
async function clearFilter(panel: Page): Promise<void> {
  await panel.evaluate(async (sel) => {
    const input = document.querySelector<HTMLInputElement>(sel.search)!;
    input.value = '';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
    const deadline = performance.now() + 5000;
    while (document.querySelectorAll(sel.callRow).length < 2 && performance.now() < deadline) {
      await new Promise((r) => requestAnimationFrame(r));
    }
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }, SELECTORS);
}

export interface FilterResult {
  summary: Summary;
  samples: FilterSample[];
  /** Whether the one-row term showed exactly one call row every time. */
  uniqueTermOk: boolean;
}

/** `terms[0]` must match exactly one call (a correlation id): checked, so a broken filter cannot look fast. */
export async function measureFilter(panel: Page, terms: readonly string[], repeats: number): Promise<FilterResult> {
  const samples: FilterSample[] = [];
  let uniqueTermOk = true;
  for (let r = 0; r < repeats; r++) {
    for (const term of terms) {
      const sample = await filterOnce(panel, term, 5000);
      if (term === terms[0] && sample.rows !== 1) uniqueTermOk = false;
      samples.push(sample);
      await clearFilter(panel);
      await settle(panel, 1);
    }
  }
  return { summary: summarize(samples.map((s) => s.ms)), samples, uniqueTermOk };
}
