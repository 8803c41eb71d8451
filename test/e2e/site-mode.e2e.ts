/**
 * Issue 17, per-site mode, in Chromium. Chrome never lets an extension drop a host permission
 * of its manifest, so "Run only on sites I choose" is Chrome's own Site access setting ("On
 * specific sites"), which the options page sends the user to. The tests set it as that UI
 * does, through chrome://extensions (`developerPrivate`), then check what a chosen and an
 * unchosen site get, and what the options page shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchWithExtension, waitForStoredSession, type ExtensionBrowser } from './support/chromium';
import type { KitWindow } from './support/kit';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  // CDP's Extensions domain clicks the toolbar button (`triggerAction`), as a user would.
  browser = await launchWithExtension({ extraArgs: ['--enable-unsafe-extension-debugging'] });
  // Every top-level document whose headers the extension's `webRequest` is told about.
  await (await browser.worker()).evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { seenHeaders: string[] }).seenHeaders = seen;
    (globalThis as unknown as WebRequestGlobal).chrome.webRequest.onHeadersReceived.addListener((d) => void seen.push(d.url), {
      urls: ['<all_urls>'],
      types: ['main_frame'],
    });
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PAGE = '/patterns/static-head.html';

async function optionsPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForSelector('#mode-all-sites');
  return page;
}

/** What Chrome's Site access menu does: "On specific sites", then each site added. */
async function chooseSitesInChrome(patterns: string[]): Promise<void> {
  const manager = await browser.context.newPage();
  await manager.goto('chrome://extensions/');
  await manager.evaluate(
    async ({ id, patterns }) => {
      const { developerPrivate } = (globalThis as unknown as DeveloperPrivateGlobal).chrome;
      await developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_SPECIFIC_SITES' });
      for (const pattern of patterns) await developerPrivate.addHostPermission(id, pattern);
    },
    { id: browser.extensionId, patterns },
  );
  await manager.close();
}

const hookInstalled = (page: Page) => page.evaluate(() => Object.getOwnPropertyDescriptor(Window.prototype, 'Lean') !== undefined);

async function storedUrls(): Promise<string[]> {
  return (await browser.worker()).evaluate(async () => {
    const all = (await (globalThis as unknown as StorageGlobal).chrome.storage.session.get(null)) as Record<string, { url?: string }>;
    return Object.entries(all)
      .filter(([key]) => /^tab:\d+$/.test(key))
      .map(([, value]) => value?.url ?? '');
  });
}

const seenHeaders = async () =>
  (await browser.worker()).evaluate(() => (globalThis as unknown as { seenHeaders: string[] }).seenHeaders.slice());

/** The statuses the page's own callback received for `label` (test/fixtures/patterns/kit.js). */
async function statusesOf(page: Page, label: string): Promise<string[]> {
  await page.waitForFunction((l) => ((window as unknown as KitWindow).Kit.results[l] ?? []).length > 0, label);
  return page.evaluate((l) => (window as unknown as KitWindow).Kit.results[l]!.map((d) => d.status), label);
}

describe('every site (the default)', () => {
  it('runs on every site, and the options page says so with localhost and 127.0.0.1 suggested first', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url(PAGE, '127.0.0.1'));
    expect(await hookInstalled(page)).toBe(true);
    await page.close();
    const options = await optionsPage();
    expect(await options.isChecked('#mode-all-sites')).toBe(true);
    expect(await options.locator('.suggestion').evaluateAll((b) => b.map((e) => e.getAttribute('data-site')))).toEqual([
      '*://localhost/*',
      '*://127.0.0.1/*',
    ]);
    await options.close();
  });

  it('sends the user to Chrome’s Site access setting when asked to run only on chosen sites', async () => {
    const options = await optionsPage();
    await options.click('#mode-chosen-sites');
    await expect.poll(() => options.locator('#browser-setting').isVisible()).toBe(true);
    // Chrome kept the access: the mode shown is still the one in force.
    await expect.poll(() => options.isChecked('#mode-all-sites')).toBe(true);
    const opened = browser.context.waitForEvent('page');
    await options.click('#browser-setting button');
    const settings = await opened;
    await expect.poll(() => settings.url()).toBe(`chrome://extensions/?id=${browser.extensionId}`);
    await settings.close();
    await options.close();
  });
});

describe('only sites I choose', () => {
  beforeAll(() => chooseSitesInChrome(['*://localhost/*']));

  it('shows the mode and the chosen site on the options page', async () => {
    const options = await optionsPage();
    await expect.poll(() => options.isChecked('#mode-chosen-sites')).toBe(true);
    expect(await options.locator('#site-list li').evaluateAll((li) => li.map((e) => e.getAttribute('data-site')))).toEqual([
      '*://localhost/*',
    ]);
    expect(await options.locator('.suggestion').evaluateAll((b) => b.map((e) => e.getAttribute('data-site')))).toEqual([
      '*://127.0.0.1/*',
    ]);
    await options.close();
  });

  it('captures a chosen site from its first call', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url(PAGE, 'localhost'));
    await page.click('#connect');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const tabId = await browser.tabIdOf(page);
    const session = await waitForStoredSession(browser, tabId, (s) => s.events.some((e) => e.type === 'callback'));
    const calls = session.events.filter((e) => e.type === 'call');
    expect(calls.map((c) => c.type === 'call' && c.method)).toEqual(['connect']);
    expect(session.events.find((e) => e.type === 'callback')).toMatchObject({ callId: calls[0]!.id, data: { status: 'SUCCESS' } });
    expect(await seenHeaders()).toContain(server.url(PAGE, 'localhost'));
    await page.close();
  });

  it('gives an unchosen site no script, no storage and no header reading', async () => {
    // Not the URL the first test opened on every site: this load's headers are the question.
    const url = `${server.url(PAGE, '127.0.0.1')}?unchosen`;
    const page = await browser.context.newPage();
    await page.goto(url);
    expect(await hookInstalled(page)).toBe(false);
    await page.click('#connect');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    // A chosen page loaded after it is recorded: whatever 127.0.0.1 would have sent has arrived by then.
    const after = await browser.context.newPage();
    await after.goto(server.url(PAGE, 'localhost'));
    await browser.tabIdOf(after);
    expect((await storedUrls()).filter((u) => u.includes('127.0.0.1'))).toEqual([]);
    expect(await seenHeaders()).not.toContain(url);
    await after.close();
    await page.close();
  });

  it('offers “Enable on this site” in the popup once the toolbar button was clicked on an unchosen site', async () => {
    const url = `${server.url(PAGE, '127.0.0.1')}?popup`;
    const page = await browser.context.newPage();
    await page.goto(url);
    // Without the click the extension cannot even see the tab's address.
    expect(await visibleTabId(url)).toBeUndefined();
    await clickToolbarButton(page);
    await expect.poll(() => visibleTabId(url)).toBeDefined();
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${await visibleTabId(url)}`);
    await expect.poll(() => popup.locator('#site-access').textContent()).toContain('Not running on 127.0.0.1');
    expect(await popup.locator('#enable-site').isVisible()).toBe(true);
    // The page was left alone by the click: the scripts start only once the site is granted and the page reloads.
    expect(await hookInstalled(page)).toBe(false);
    await popup.close();
    await page.close();
  });

  it('records nothing on an unchosen site after a toolbar click: not after a reload, not after a navigation within the site, not for a panel', async () => {
    const url = `${server.url(PAGE, '127.0.0.1')}?clicked`;
    const page = await browser.context.newPage();
    await page.goto(url);
    await clickToolbarButton(page);
    await expect.poll(() => visibleTabId(url)).toBeDefined();
    const tabId = (await visibleTabId(url))!;
    await page.reload();
    // The click gave the tab the site: the browser now runs our content scripts there.
    expect(await hookInstalled(page)).toBe(true);
    await page.click('#connect');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    // A navigation within the site, to a page that calls Lean as it loads.
    await page.goto(`${server.url('/patterns/shape-plain.html', '127.0.0.1')}?clicked`);
    expect(await hookInstalled(page)).toBe(true);
    await page.waitForFunction(() => (window as unknown as { Kit: { returned?: unknown } }).Kit.returned !== undefined);
    // A panel on the tab does not make it record either.
    const panel = await browser.openPanel(tabId);
    // A chosen page loaded after it is recorded: whatever 127.0.0.1 would have sent has arrived by then.
    const after = await browser.context.newPage();
    await after.goto(server.url(PAGE, 'localhost'));
    await after.click('#connect');
    await waitForStoredSession(browser, await browser.tabIdOf(after), (s) => s.events.some((e) => e.type === 'callback'));
    expect((await storedUrls()).filter((u) => u.includes('127.0.0.1'))).toEqual([]);
    expect(await panel.locator('[data-call-id]').count()).toBe(0);
    await after.close();
    await panel.close();
    await page.close();
  });

  it('offers nothing in the popup on a chosen site', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url(PAGE, 'localhost'));
    const tabId = await browser.tabIdOf(page);
    // The extension sees a chosen site's address (its host permission): the popup knows the site.
    expect(await visibleTabId(page.url())).toBe(tabId);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('#popup-state');
    expect(await popup.locator('#site-access').count()).toBe(0);
    await popup.close();
    await page.close();
  });
});

/** What a click on the toolbar button does (the popup itself does not open headless): grants `activeTab`. */
async function clickToolbarButton(page: Page): Promise<void> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === page.url());
  await cdp.send('Extensions.triggerAction', { id: browser.extensionId, targetId: tab!.targetId });
  await cdp.detach();
}

/** The extension's id of the tab showing `url`, where the extension may see that tab's address. */
async function visibleTabId(url: string): Promise<number | undefined> {
  return (await browser.worker()).evaluate(async (u) => {
    const tabs = await (globalThis as unknown as TabsGlobal).chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
}

interface TabsGlobal {
  chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
}

interface WebRequestGlobal {
  chrome: {
    webRequest: {
      onHeadersReceived: { addListener(fn: (d: { url: string }) => void, filter: { urls: string[]; types: string[] }): void };
    };
  };
}

interface StorageGlobal {
  chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
}

/** The part of `chrome` that chrome://extensions offers and Chrome's Site access menu uses. */
interface DeveloperPrivateGlobal {
  chrome: {
    developerPrivate: {
      updateExtensionConfiguration(update: { extensionId: string; hostAccess: string }): Promise<void>;
      addHostPermission(extensionId: string, host: string): Promise<void>;
    };
  };
}
