/**
 * Drives the built Chrome extension in Debian's Chromium: a persistent context with the
 * unpacked build loaded, its service worker, the tab id of a page and the panel of a tab.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { TabSession } from '../../../lib/protocol';

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
  /** The extension's tab id for a page, found through the session the page produced. */
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
    return live ?? context.waitForEvent('serviceworker', { timeout: 10_000 });
  };
  const extensionId = new URL((await worker()).url()).host;

  const tabIdOf = async (page: Page): Promise<number> => {
    const target = page.url();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const id = await (await worker()).evaluate(async (url) => {
        const all = (await (globalThis as unknown as ChromeGlobal).chrome.storage.session.get(null)) as Record<string, { url?: string }>;
        for (const [key, value] of Object.entries(all)) {
          const match = /^tab:(\d+)$/.exec(key);
          if (match && value?.url === url) return Number(match[1]);
        }
        return null;
      }, target);
      if (id !== null) return id;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no session for ${target}`);
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

/** The part of `chrome` that code passed to `worker.evaluate` uses (types only: erased). */
interface ChromeGlobal {
  chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
}

export type { TabSession };
