/**
 * Issue 14 point 9, browsing history, in Chromium: a tab records nothing until Lean (or its
 * loader) is seen in it or a panel is attached to it, and from then on keeps its navigations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchWithExtension, waitForStoredSession, type ExtensionBrowser } from './support/chromium';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface WorkerChrome {
  chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
}

/** Every `storage.session` key of a tab. */
async function storedKeys(tabId: number): Promise<string[]> {
  return (await browser.worker()).evaluate(async (id) => {
    const all = await (globalThis as unknown as WorkerChrome).chrome.storage.session.get(null);
    return Object.keys(all).filter((key) => key === `tab:${id}` || key.startsWith(`tab:${id}:`));
  }, tabId);
}

const away = (n: number) => server.url(`/reliability/away.html?page=${n}`);
const navigations = (events: { type: string; url?: string }[]) => events.filter((e) => e.type === 'navigation').map((e) => e.url);

describe('browsing history', () => {
  it('stores nothing for a tab browsing pages without Lean; once a panel is attached, keeps the current page and the next, none before', async () => {
    const page = await browser.context.newPage();
    for (const n of [1, 2, 3]) await page.goto(away(n));
    const tabId = await browser.tabIdOf(page);
    expect(tabId).toBeGreaterThan(0);
    // Give a stray message time to land before looking.
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedKeys(tabId)).toEqual([]);

    // The panel shows (and exports) the tab's stored session.
    const panel = await browser.openPanel(tabId);
    await panel.locator('#no-sdk').waitFor();
    const attached = await waitForStoredSession(browser, tabId, (s) => navigations(s.events).length >= 1);
    expect(navigations(attached.events)).toEqual([away(3)]);
    await page.goto(away(4));
    const next = await waitForStoredSession(browser, tabId, (s) => navigations(s.events).length >= 2);
    expect(navigations(next.events)).toEqual([away(3), away(4)]);
    await panel.close();
    await page.close();
  });

  it('keeps a tab’s navigations from the first page with Lean on, and not before', async () => {
    const page = await browser.context.newPage();
    await page.goto(away(5));
    await page.goto(away(6));
    await page.goto(server.url('/csp/header-only.html'));
    const tabId = await browser.tabIdOf(page);
    await page.goto(away(7));
    const session = await waitForStoredSession(browser, tabId, (s) => navigations(s.events).length >= 2);
    expect(navigations(session.events)).toEqual([server.url('/csp/header-only.html'), away(7)]);
    await page.close();
  });
});
