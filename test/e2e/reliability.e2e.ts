/**
 * Issue 9, "Isolation" and "Bad input", in Chromium with the extension: events never cross
 * tabs, windows or incognito windows; nothing is written to persistent storage (the sessions
 * live in `storage.session`, in memory); the relay refuses, and counts, what a page floods it
 * with. The profile folder is kept visible (support/lifecycle.ts) to search it for what must
 * never reach the disk.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { PAGE_CHANNEL } from '../../lib/protocol';
import { EVENT_BURST, EVENTS_PER_SECOND, MAX_PAGE_MESSAGE_CHARS } from '../../lib/relay/accept';
import type { SessionEvent } from '../../lib/model/types';
import { readStoredSession, waitForStoredSession, type StoredTabSession } from './support/chromium';
import { filesContaining, launchExtensionWithProfile, type ExtensionGlobal, type ProfiledExtensionBrowser } from './support/lifecycle';

let server: FixtureServer;
let ext: ProfiledExtensionBrowser;
const INSECURE_HOST = 'shop.insecure.test';

beforeAll(async () => {
  server = await startFixtureServer();
  // A host name that is not localhost: pages on it are no secure context (a LAN dev server).
  ext = await launchExtensionWithProfile({ extraArgs: [`--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`] });
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

const ofType = <T extends SessionEvent['type']>(s: StoredTabSession, type: T) =>
  s.events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
const customerIds = (s: StoredTabSession): string[] =>
  ofType(s, 'call').map((c) => String((c.config as Record<string, unknown>).customer_id));
const makeCalls = (page: Page, n: number, label: string): Promise<number> =>
  page.evaluate(([count, name]) => (window as unknown as { makeCalls(n: number, l: string): Promise<number> }).makeCalls(count, name), [
    n,
    label,
  ] as const);

/** Whether the extension's relay runs in the page: it cancels every batch on the hook's channel. */
const relayRuns = (page: Page): Promise<boolean> =>
  page.evaluate(
    (channel) => !document.dispatchEvent(new CustomEvent(channel, { detail: '"not a batch"', cancelable: true })),
    PAGE_CHANNEL,
  );

/** Every stored session, by tab id (metadata and events). */
async function allSessions(): Promise<Map<number, StoredTabSession>> {
  const keys = await (await ext.worker()).evaluate(async () =>
    Object.keys(await (globalThis as unknown as ExtensionGlobal).chrome.storage.session.get(null)).filter((k) => /^tab:\d+$/.test(k)),
  );
  const sessions = new Map<number, StoredTabSession>();
  for (const key of keys) sessions.set(Number(key.slice(4)), await readStoredSession(ext, Number(key.slice(4))));
  return sessions;
}

describe('isolation', () => {
  it('keeps each tab’s events in that tab’s session', async () => {
    const [a, b] = [await ext.context.newPage(), await ext.context.newPage()];
    await a.goto(server.url('/reliability/calls.html?tab=a'));
    await b.goto(server.url('/reliability/calls.html?tab=b'));
    const [tabA, tabB] = [await ext.tabIdOf(a), await ext.tabIdOf(b)];
    expect(tabA).not.toBe(tabB);
    // Interleaved, the same page in both tabs (two query strings tell the sessions apart).
    for (let round = 0; round < 5; round++) await Promise.all([makeCalls(a, 2, 'tabA'), makeCalls(b, 3, 'tabB')]);

    const sessionA = await waitForStoredSession(ext, tabA, (s) => ofType(s, 'callback').length === 10);
    const sessionB = await waitForStoredSession(ext, tabB, (s) => ofType(s, 'callback').length === 15);
    expect(customerIds(sessionA)).toEqual(Array.from({ length: 10 }, (_, i) => `tabA-${i + 1}`));
    expect(customerIds(sessionB)).toEqual(Array.from({ length: 15 }, (_, i) => `tabB-${i + 1}`));
    const idsA = new Set(sessionA.events.map((e) => e.id));
    expect(sessionB.events.filter((e) => idsA.has(e.id))).toEqual([]);
    await a.close();
    await b.close();
  });

  it('keeps a second window’s events in that window’s tab', async () => {
    const first = await ext.context.newPage();
    await first.goto(server.url('/reliability/calls.html?window=first'));
    const firstTab = await ext.tabIdOf(first);
    const opened = ext.context.waitForEvent('page');
    const created = await (await ext.worker()).evaluate(
      (url) => (globalThis as unknown as ExtensionGlobal).chrome.windows.create({ url, focused: true }) as Promise<{ id: number; tabs: Array<{ id: number }> }>,
      server.url('/reliability/calls.html?window=second'),
    );
    const second = await opened;
    await second.waitForFunction(() => typeof (window as unknown as { makeCalls?: unknown }).makeCalls === 'function');
    const secondTab = created.tabs[0]!.id;
    const windowOf = (tabId: number) =>
      ext.worker().then((w) => w.evaluate(async (id) => (await (globalThis as unknown as ExtensionGlobal).chrome.tabs.get(id)).windowId as number, tabId));
    expect(await windowOf(secondTab)).toBe(created.id);
    expect(await windowOf(firstTab)).not.toBe(created.id);

    await Promise.all([makeCalls(first, 4, 'first-window'), makeCalls(second, 6, 'second-window')]);
    const one = await waitForStoredSession(ext, firstTab, (s) => ofType(s, 'callback').length === 4);
    const two = await waitForStoredSession(ext, secondTab, (s) => ofType(s, 'callback').length === 6);
    expect(customerIds(one)).toEqual(Array.from({ length: 4 }, (_, i) => `first-window-${i + 1}`));
    expect(customerIds(two)).toEqual(Array.from({ length: 6 }, (_, i) => `second-window-${i + 1}`));
    await first.close();
    await second.close();
  });

  it('does not run in an incognito window unless the user allows it there', async () => {
    const marker = `incognito-${randomUUID()}`;
    const opened = ext.context.waitForEvent('page');
    // An extension not allowed in incognito gets no window object back, but the window opens.
    await (await ext.worker()).evaluate(
      (url) => (globalThis as unknown as ExtensionGlobal).chrome.windows.create({ url, incognito: true }),
      server.url(`/reliability/auto.html#${marker}`),
    );
    const incognito = await opened;
    await incognito.waitForLoadState('load');
    // A normal tab with the same page, as a control: the relay runs and a session appears.
    const normal = await ext.context.newPage();
    await normal.goto(server.url('/reliability/auto.html#normal-control'));
    const normalTab = await ext.tabIdOf(normal);
    await waitForStoredSession(ext, normalTab, (s) => ofType(s, 'callback').length === 1);

    expect({ incognito: await relayRuns(incognito), normal: await relayRuns(normal) }).toEqual({ incognito: false, normal: true });
    const sessions = await allSessions();
    expect([...sessions.values()].filter((s) => JSON.stringify(s).includes(marker))).toEqual([]);
    expect(await incognito.evaluate(() => location.hash.slice(1))).toBe(marker);
    await incognito.close();
    await normal.close();
  });
});

describe('pages that are no secure context', () => {
  it('records the calls of a plain-http page on a host that is not localhost', async () => {
    const page = await ext.context.newPage();
    await page.goto(`http://${INSECURE_HOST}:${server.port}/reliability/calls.html?context=insecure`);
    // What a page on a LAN address gets: no secure-context-only APIs (crypto.randomUUID…).
    expect(await page.evaluate(() => ({ secure: window.isSecureContext, randomUUID: typeof crypto.randomUUID }))).toEqual({
      secure: false,
      randomUUID: 'undefined',
    });
    const tabId = await ext.tabIdOf(page);
    await makeCalls(page, 3, 'insecure');
    const session = await waitForStoredSession(ext, tabId, (s) => ofType(s, 'callback').length === 3);
    expect(customerIds(session)).toEqual(['insecure-1', 'insecure-2', 'insecure-3']);
    expect(session.title).toBe('Reliability: numbered calls');
    await page.close();
  });
});

describe('bad input at the relay', () => {
  it('refuses and counts malformed and oversized fake hook messages, drops and counts events beyond the rate limit, and the panel shows the drops', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('/reliability/calls.html?flood=fake'));
    const tabId = await ext.tabIdOf(page);
    // The hook's own `sdk` event for the page's Lean: one token of the frame's rate limit.
    await waitForStoredSession(ext, tabId, (s) => ofType(s, 'sdk').length === 1);

    const plan = { nonJson: 50, oversized: 5, notAString: 20, wrongVersion: 20, mixedBatches: 30, burst: 3000 };
    // The relay checks each message in the dispatch, so this is how long its bucket refilled.
    const postingMs = await page.evaluate(
      ({ channel, plan, maxChars }) => {
        const started = performance.now();
        const post = (detail: unknown) => document.dispatchEvent(new CustomEvent(channel, { detail, cancelable: true }));
        const fake = (id: string) => ({ type: 'call', id, time: Date.now(), method: 'connect', config: { fake: true }, findings: [], callsite: null });
        for (let i = 0; i < plan.nonJson; i++) post(`{"v":1,"events":[${i}`);
        for (let i = 0; i < plan.oversized; i++) post(JSON.stringify({ v: 1, dropped: 0, events: [] }).padEnd(maxChars + 1, ' '));
        for (let i = 0; i < plan.notAString; i++) post({ v: 1, dropped: 0, events: [fake(`object-${i}`)] });
        for (let i = 0; i < plan.wrongVersion; i++) post(JSON.stringify({ v: 2, dropped: 0, events: [fake(`v2-${i}`)] }));
        // One malformed event beside one valid event: the malformed one is refused, the other kept.
        for (let i = 0; i < plan.mixedBatches; i++) {
          post(JSON.stringify({ v: 1, dropped: 0, events: [{ type: 'call', id: 5 }, fake(`mixed-${i}`)] }));
        }
        post(JSON.stringify({ v: 1, dropped: 0, events: Array.from({ length: plan.burst }, (_, i) => fake(`burst-${i}`)) }));
        return performance.now() - started;
      },
      { channel: PAGE_CHANNEL, plan, maxChars: MAX_PAGE_MESSAGE_CHARS },
    );

    const refused = plan.nonJson + plan.oversized + plan.notAString + plan.wrongVersion + plan.mixedBatches;
    // Events that met the rate limiter: the hook's sdk event, the valid mixed ones and the burst.
    const limited = 1 + plan.mixedBatches + plan.burst;
    const session = await waitForStoredSession(
      ext,
      tabId,
      (s) => s.refusedMessages === refused && s.events.length - 1 + s.droppedEvents === limited,
    );
    const stored = session.events.filter((e) => e.type !== 'navigation').length;
    console.info(`fake flood: ${refused} refused, ${stored} stored, ${session.droppedEvents} dropped of ${limited} rate-limited events, posted in ${postingMs.toFixed(0)} ms`);
    expect(session.refusedMessages).toBe(refused);
    // Nothing vanished: every well-formed event is stored or counted as dropped.
    expect(stored + session.droppedEvents).toBe(limited);
    // The burst allowance (plus what refilled at 500/s meanwhile) got through, no more.
    expect(stored).toBeGreaterThanOrEqual(EVENT_BURST);
    expect(stored).toBeLessThanOrEqual(1 + EVENT_BURST + Math.ceil((postingMs * EVENTS_PER_SECOND) / 1000));
    // Only valid events were stored, each as what it claimed to be, under this page's URL.
    const fakes = ofType(session, 'call');
    expect(fakes.every((c) => c.frameUrl === page.url() && (c.config as { fake?: boolean }).fake === true)).toBe(true);
    expect(fakes.some((c) => /object-|v2-/.test(c.id))).toBe(false);

    const panel = await ext.openPanel(tabId);
    await expect.poll(() => panel.locator('#status-dropped').textContent()).toContain(session.droppedEvents.toLocaleString('en-US'));
    await panel.close();
    await page.close();
  });
});

// Last: allowing incognito reloads the extension.
describe('an incognito window the user allowed', () => {
  it('records an incognito window the user allowed in its own tab’s session, in memory only: nothing in storage.local or sync, nothing on disk', async () => {
    await allowInIncognito();
    // Watches every storage area from one of the extension's own pages.
    const watcher = await ext.context.newPage();
    await watcher.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await watcher.evaluate(() => {
      const g = globalThis as unknown as ExtensionGlobal;
      const written: string[] = [];
      g.areasWritten = written;
      g.chrome.storage.onChanged.addListener((_changes, area) => written.push(area));
    });

    const incognitoMarker = `incognito-${randomUUID()}`;
    const normalMarker = `normal-${randomUUID()}`;
    const opened = ext.context.waitForEvent('page');
    const created = await (await ext.worker()).evaluate(
      (url) => (globalThis as unknown as ExtensionGlobal).chrome.windows.create({ url, incognito: true }) as Promise<{ incognito: boolean; tabs: Array<{ id: number }> }>,
      server.url(`/reliability/auto.html#${incognitoMarker}`),
    );
    expect(created.incognito).toBe(true);
    const incognitoTab = created.tabs[0]!.id;
    const incognito = await opened;
    const normal = await ext.context.newPage();
    await normal.goto(server.url('/reliability/calls.html?window=normal'));
    const normalTab = await ext.tabIdOf(normal);
    await makeCalls(normal, 1, normalMarker);

    const session = await waitForStoredSession(ext, incognitoTab, (s) => ofType(s, 'callback').length === 1);
    await waitForStoredSession(ext, normalTab, (s) => ofType(s, 'callback').length === 1);
    expect(customerIds(session)).toEqual([incognitoMarker]);
    expect(await relayRuns(incognito)).toBe(true);
    // Only the incognito tab's session holds it.
    const holders = [...(await allSessions()).entries()].filter(([, s]) => JSON.stringify(s).includes(incognitoMarker)).map(([id]) => id);
    expect(holders).toEqual([incognitoTab]);

    // Persistent areas: empty, never written.
    const persistent = await (await ext.worker()).evaluate(async () => {
      const c = (globalThis as unknown as ExtensionGlobal).chrome;
      return { local: await c.storage.local.get(null), sync: await c.storage.sync.get(null) };
    });
    expect(persistent).toEqual({ local: {}, sync: {} });
    const areas = await watcher.evaluate(() => (globalThis as unknown as ExtensionGlobal).areasWritten ?? []);
    expect(areas.length).toBeGreaterThan(0);
    expect(new Set(areas)).toEqual(new Set(['session']));
    // And on disk: neither window's session is anywhere in the profile folder.
    expect(await filesContaining(ext.userDataDir, incognitoMarker)).toEqual([]);
    expect(await filesContaining(ext.userDataDir, normalMarker)).toEqual([]);

    // The search does see what an extension writes to storage.local (so the check above can fail).
    const control = `control-${randomUUID()}`;
    await (await ext.worker()).evaluate((value) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ control: value }), control);
    await expect.poll(() => filesContaining(ext.userDataDir, control), { timeout: 10_000 }).not.toEqual([]);
    await (await ext.worker()).evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.clear());
    await incognito.close();
    await normal.close();
    await watcher.close();
  });
});

/**
 * Ticks "Allow in Incognito" on chrome://extensions, which unloads the extension (a moment
 * later, not at once); enabling it again (as `reloadExtension` does) brings it back with
 * incognito access. Resolves once the new service worker has its listeners.
 */
async function allowInIncognito(): Promise<void> {
  const before = await ext.worker();
  const manager = await ext.context.newPage();
  const waker = await ext.context.newPage();
  try {
    await manager.goto('chrome://extensions/');
    await manager.evaluate(
      (id) => (globalThis as unknown as ExtensionGlobal).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true }),
      ext.extensionId,
    );
    for (let attempt = 0; ; attempt++) {
      // Off (the change unloaded it): on again.
      await manager.evaluate(async (id) => {
        const c = (globalThis as unknown as ExtensionGlobal).chrome;
        if (!(await c.management.get(id)).enabled) await c.management.setEnabled(id, true);
      }, ext.extensionId);
      for (const worker of ext.context.serviceWorkers()) {
        if (worker === before || !worker.url().startsWith(`chrome-extension://${ext.extensionId}/`)) continue;
        const ready = await worker
          .evaluate(async () => {
            const c = (globalThis as unknown as ExtensionGlobal).chrome;
            return c.webRequest.onHeadersReceived.hasListeners() && (await c.extension.isAllowedIncognitoAccess());
          })
          .catch(() => false);
        if (ready) return;
      }
      if (attempt > 250) throw new Error(`the extension did not come back with incognito access: ${await managementState()}`);
      // A page's relay wakes a worker that has not started by itself.
      if (attempt % 20 === 10) await waker.goto(server.url(`/reliability/away.html?wake=${attempt}`)).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await manager.close();
    await waker.close();
  }
}

async function managementState(): Promise<string> {
  const manager = await ext.context.newPage();
  try {
    await manager.goto('chrome://extensions/');
    return JSON.stringify(await manager.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.management.get(id), ext.extensionId));
  } finally {
    await manager.close();
  }
}
