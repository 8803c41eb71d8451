/**
 * Drives the built Chrome extension in Debian's Chromium: a persistent context with the
 * unpacked build loaded, its service worker, the tab id of a page and the panel of a tab.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import type { TabSession } from '../../../lib/protocol';
import type { SessionEvent } from '../../../lib/model/types';
import { decodeTab } from '../../../lib/background/store';

export const CHROME_BUILD = path.resolve('.output/chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  /** The extension's tab id for a page (from `chrome.tabs`, by the page's URL). */
  tabIdOf(page: Page): Promise<number>;
  openPanel(tabId: number): Promise<Page>;
  /** The stored session of a tab, read straight from `storage.session`. */
  storedSession(tabId: number): Promise<unknown>;
  close(): Promise<void>;
}

export async function launchWithExtension(options: { extraArgs?: string[]; build?: string } = {}): Promise<ExtensionBrowser> {
  const build = options.build ?? CHROME_BUILD;
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'lean-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${build}`, `--load-extension=${build}`, ...(options.extraArgs ?? [])],
  });
  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? context.waitForEvent('serviceworker', { timeout: 30_000 });
  };
  const extensionId = new URL((await worker()).url()).host;
  await backgroundReady(worker);

  const tabIdOf = async (page: Page): Promise<number> => {
    const target = page.url();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      // The tab as the browser lists it (host access shows its URL): a tab without Lean has no session to find it by.
      const id = await (await worker()).evaluate(async (url) => {
        const tabs = await (globalThis as unknown as ChromeGlobal).chrome.tabs.query({});
        return tabs.find((tab) => tab.url === url)?.id ?? null;
      }, target);
      if (id !== null) return id;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no tab for ${target}`);
  };

  return {
    context,
    extensionId,
    worker,
    tabIdOf,
    async openPanel(tabId) {
      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/panel.html?tabId=${tabId}`);
      return panel;
    },
    async storedSession(tabId) {
      return (await worker()).evaluate(async (id) => {
        const all = await (globalThis as unknown as ChromeGlobal).chrome.storage.session.get(null);
        return Object.fromEntries(Object.entries(all).filter(([key]) => key === `tab:${id}` || key.startsWith(`tab:${id}:`)));
      }, tabId);
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the background's script has run: the worker can exist before its listeners
 * do, and a first page loaded in that gap would have its CSP headers missed.
 */
async function backgroundReady(worker: () => Promise<Worker>): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await (await worker())
      .evaluate(() => (globalThis as unknown as WebRequestGlobal).chrome.webRequest.onHeadersReceived.hasListeners())
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error('the background never added its listeners');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface WebRequestGlobal {
  chrome: { webRequest: { onHeadersReceived: { hasListeners(): boolean } } };
}

/** The part of `chrome` that code passed to `worker.evaluate` uses (types only: erased). */
interface ChromeGlobal {
  chrome: {
    storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
    tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  };
}

export type { TabSession };

/** A tab's session as stored: the metadata and the events of every chunk, oldest first. */
export interface StoredTabSession {
  url: string;
  title: string;
  droppedEvents: number;
  refusedMessages: number;
  events: SessionEvent[];
}

/** Reads `storedSession(tabId)` back into one object (metadata + chunks in order). */
export async function readStoredSession(ext: ExtensionBrowser, tabId: number): Promise<StoredTabSession> {
  const items = (await ext.storedSession(tabId)) as Record<string, unknown>;
  const { meta, events } = decodeTab(tabId, items);
  return { url: meta.url, title: meta.title, droppedEvents: meta.droppedEvents, refusedMessages: meta.refusedMessages, events };
}

/** Polls the stored session until `ready` holds; returns the last one read either way. */
export async function waitForStoredSession(
  ext: ExtensionBrowser,
  tabId: number,
  ready: (session: StoredTabSession) => boolean,
  timeoutMs = 10_000,
): Promise<StoredTabSession> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = await readStoredSession(ext, tabId);
    if (ready(session) || Date.now() > deadline) return session;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The tab id of the session whose stored URL satisfies `match` (for URLs the store redacted). */
export async function tabIdWhere(ext: ExtensionBrowser, match: (url: string) => boolean, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = await (await ext.worker()).evaluate(async () => {
      const items = (await (globalThis as unknown as ChromeGlobal).chrome.storage.session.get(null)) as Record<string, { url?: string }>;
      return Object.entries(items)
        .filter(([key]) => /^tab:\d+$/.test(key))
        .map(([key, value]) => ({ tabId: Number(key.slice(4)), url: value?.url ?? '' }));
    });
    const found = all.find((entry) => match(entry.url));
    if (found) return found.tabId;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no session matched');
}

/**
 * A Chromium without the extension (same binary and flags), for baselines: what a page
 * sees and does when nobody is watching. Close it when done.
 */
export async function launchPlainChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Reloads the extension under open pages, as an update or a developer's reload does: off
 * and on again through chrome://extensions (`chrome.management`). `chrome.runtime.reload()`
 * from the service worker does not bring back an extension loaded with --load-extension in
 * this headless Chromium (measured: the extension stays unloaded). Resolves once the new
 * service worker runs.
 */
export async function reloadExtension(ext: ExtensionBrowser): Promise<void> {
  const manager = await ext.context.newPage();
  try {
    await manager.goto('chrome://extensions/');
    const restarted = ext.context.waitForEvent('serviceworker', { timeout: 10_000 });
    await manager.evaluate(async (id) => {
      const management = (globalThis as unknown as ManagementGlobal).chrome.management;
      await management.setEnabled(id, false);
      await management.setEnabled(id, true);
    }, ext.extensionId);
    await restarted;
  } finally {
    await manager.close();
  }
}

/** The part of `chrome` that chrome://extensions offers and `reloadExtension` uses. */
interface ManagementGlobal {
  chrome: { management: { setEnabled(id: string, enabled: boolean): Promise<void> } };
}
