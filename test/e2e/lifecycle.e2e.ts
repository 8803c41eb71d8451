/**
 * Issue 9, "Lifecycle faults", in Chromium with the extension: the background's service
 * worker stopped while a page records calls, the panel closed and reopened, a tab discarded
 * and restored, a page restored from the back/forward cache. Nothing recorded is lost.
 *
 * Not repeated here: the extension reloaded under open pages is
 * test/e2e/page-safety.e2e.ts ("the extension reloaded under an open page"); a prerendered
 * page is test/e2e/lifecycle.prerender.e2e.ts (it needs a browser no Playwright session is
 * attached to); Firefox's event page is test/e2e/lifecycle.firefox.e2e.ts.
 *
 * The browser keeps the back/forward cache on (Playwright turns it off by default).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { CallEvent, SessionEvent } from '../../lib/model/types';
import { readStoredSession, waitForStoredSession, type StoredTabSession } from './support/chromium';
import { launchExtensionWithProfile, serviceWorkerControl, type ExtensionGlobal, type ProfiledExtensionBrowser } from './support/lifecycle';

let server: FixtureServer;
let ext: ProfiledExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  ext = await launchExtensionWithProfile({ bfcache: true });
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

const ofType = <T extends SessionEvent['type']>(s: StoredTabSession, type: T) =>
  s.events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
const customerIds = (s: StoredTabSession): string[] =>
  ofType(s, 'call').map((c) => String((c.config as Record<string, unknown>).customer_id));

/** The numbered-calls page, under a query string of its own (sessions are found by URL). */
async function callsPage(test: string): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(server.url(`/reliability/calls.html?test=${test}`));
  return { page, tabId: await ext.tabIdOf(page) };
}

/** Makes `n` numbered calls (`label-<k>`) and waits until the page got every callback. */
const makeCalls = (page: Page, n: number, label: string): Promise<number> =>
  page.evaluate(([count, name]) => (window as unknown as { makeCalls(n: number, l: string): Promise<number> }).makeCalls(count, name), [
    n,
    label,
  ] as const);

/** The panel's call count (status strip: "Calls 12 · 0 failed · …"). */
const panelCalls = async (panel: Page): Promise<number> => {
  const text = (await panel.locator('#status-counts').textContent().catch(() => null)) ?? '';
  const match = /Calls\s*([\d,]+)/.exec(text);
  return match ? Number(match[1]!.replace(/,/g, '')) : -1;
};

describe('the background service worker stopped at any moment', () => {
  it('loses no recorded event while it is stopped again and again during calls, and the open panel reconnects by itself and shows every call', async () => {
    const { page, tabId } = await callsPage('service-worker');
    const panel = await ext.openPanel(tabId);
    // Proves the panel reconnected by itself: a reload would lose this mark.
    await panel.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const worker = await serviceWorkerControl(ext, page);

    const ROUNDS = 30;
    const PER_ROUND = 4;
    let stops = 0;
    let stoppedRunning = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const calls = makeCalls(page, PER_ROUND, 'sw');
      // Stop at a different moment of each round: before, during and after the relay's sends;
      // every other round once the calls have woken the worker.
      if (round % 2 === 1) await expect.poll(() => worker.running(), { interval: 5 }).toBe(true);
      await new Promise((r) => setTimeout(r, (round * 7) % 40));
      if (await worker.stop()) stoppedRunning++;
      stops++;
      await calls;
    }
    const total = ROUNDS * PER_ROUND;
    const session = await waitForStoredSession(ext, tabId, (s) => ofType(s, 'callback').length >= total, 30_000);
    console.info(
      `service worker stopped ${stops} times (${stoppedRunning} while running) during ${total} calls: ${ofType(session, 'call').length} calls stored`,
    );

    const expected = Array.from({ length: total }, (_, i) => `sw-${i + 1}`);
    // Every call and every callback exactly once, none dropped, none refused.
    expect(customerIds(session).sort()).toEqual(expected.sort());
    expect(ofType(session, 'callback')).toHaveLength(total);
    const callIds = new Set(ofType(session, 'call').map((c) => c.id));
    expect(ofType(session, 'callback').every((cb) => callIds.has(cb.callId))).toBe(true);
    expect(new Set(session.events.map((e) => e.id)).size).toBe(session.events.length);
    expect(ofType(session, 'navigation')).toHaveLength(1);
    expect({ dropped: session.droppedEvents, refused: session.refusedMessages }).toEqual({ dropped: 0, refused: 0 });

    // The panel, open throughout, shows all of them, and calls made after the last stop arrive live.
    await expect.poll(() => panelCalls(panel), { timeout: 15_000 }).toBe(total);
    await makeCalls(page, 1, 'after');
    await expect.poll(() => panelCalls(panel), { timeout: 15_000 }).toBe(total + 1);
    expect(await panel.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(stops).toBe(ROUNDS);
    // Most stops hit a running worker (the others found it already stopped by the previous one).
    expect(stoppedRunning).toBeGreaterThanOrEqual(ROUNDS / 2);
    await worker.cdp.detach();
    await panel.close();
    await page.close();
  }, 180_000);
});

describe('the panel closed and reopened', () => {
  it('shows, when reopened, the calls made while it was closed', async () => {
    const { page, tabId } = await callsPage('panel-reopened');
    let panel = await ext.openPanel(tabId);
    await makeCalls(page, 2, 'open');
    await expect.poll(() => panelCalls(panel)).toBe(2);
    await panel.close();

    await makeCalls(page, 5, 'closed');
    await waitForStoredSession(ext, tabId, (s) => ofType(s, 'callback').length === 7);
    panel = await ext.openPanel(tabId);
    await expect.poll(() => panelCalls(panel)).toBe(7);
    await panel.close();
    await page.close();
  });
});

describe('a tab discarded and restored', () => {
  it('keeps the tab’s session, marks the reload with a navigation and keeps the open panel following the tab, without the tabs permission', async () => {
    const worker = await ext.worker();
    // `chrome.tabs.discard` and `tabs.onReplaced` need no permission; the extension asks for none.
    expect(await worker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.getManifest().permissions)).not.toContain('tabs');
    const { page, tabId } = await callsPage('discard');
    await makeCalls(page, 3, 'before');
    await waitForStoredSession(ext, tabId, (s) => ofType(s, 'callback').length === 3);
    const panel = await ext.openPanel(tabId);
    await expect.poll(() => panelCalls(panel)).toBe(3);

    // Discard the (background) tab from the service worker, as Chrome does under memory pressure.
    const discarded = await worker.evaluate(async (id) => {
      const tab = await (globalThis as unknown as ExtensionGlobal).chrome.tabs.discard(id);
      return { id: tab.id as number, discarded: tab.discarded as boolean };
    }, tabId);
    expect(discarded.discarded).toBe(true);
    await expect.poll(() => page.isClosed()).toBe(true);

    // Restore it: activating a discarded tab reloads its page.
    const restoredPage = ext.context.waitForEvent('page', (p) => p.url().includes('/reliability/calls.html'));
    await (await ext.worker()).evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.tabs.update(id, { active: true }), discarded.id);
    const restored = await restoredPage;
    await restored.waitForFunction(() => typeof (window as unknown as { makeCalls?: unknown }).makeCalls === 'function');
    await makeCalls(restored, 2, 'after');

    const session = await waitForStoredSession(ext, discarded.id, (s) => ofType(s, 'callback').length === 5);
    console.info(`discarded tab ${tabId} came back as tab ${discarded.id}`);
    expect(customerIds(session)).toEqual(['before-1', 'before-2', 'before-3', 'after-1', 'after-2']);
    expect(ofType(session, 'navigation').map((n) => n.url)).toEqual([page.url(), page.url()]);
    expect(session.url).toBe(page.url());
    if (discarded.id !== tabId) expect(await ext.storedSession(tabId)).toEqual({});
    // The panel opened for the old id follows the tab.
    await expect.poll(() => panelCalls(panel)).toBe(5);
    await panel.close();
    await restored.close();
  });
});

describe('a page restored from the back/forward cache', () => {
  it('is marked with a navigation when it comes back, and its calls after that are recorded under its URL', async () => {
    const page = await ext.context.newPage();
    const url = server.url('/reliability/bfcache.html');
    await page.goto(url);
    const tabId = await ext.tabIdOf(page);
    await page.evaluate(() => (window as unknown as { connectOnce(l: string): void }).connectOnce('first'));
    await waitForStoredSession(ext, tabId, (s) => ofType(s, 'callback').length === 1);

    await page.click('#away');
    await page.waitForURL(/away\.html/);
    await waitForStoredSession(ext, tabId, (s) => s.url.endsWith('/away.html'));
    // Back: restored from the cache (no load event), which the page itself saw.
    await page.goBack({ waitUntil: 'commit' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { Shows: string[] }).Shows)).toEqual(['loaded', 'restored']);
    await page.evaluate(() => (window as unknown as { connectOnce(l: string): void }).connectOnce('second'));

    const session = await waitForStoredSession(ext, tabId, (s) => ofType(s, 'callback').length === 2);
    expect(ofType(session, 'navigation').map((n) => n.url)).toEqual([url, server.url('/reliability/away.html'), url]);
    expect(session.url).toBe(url);
    expect(session.title).toBe('Reliability: back/forward cache');
    // The restored document's calls come after its navigation, from its own frame.
    const lastNavigation = session.events.findLastIndex((e) => e.type === 'navigation');
    const after = session.events.slice(lastNavigation + 1).filter((e): e is CallEvent => e.type === 'call');
    expect(after).toHaveLength(1);
    expect(after[0]!.frameUrl).toBe(url);
    expect((await readStoredSession(ext, tabId)).droppedEvents).toBe(0);
    await page.close();
  });
});
