/**
 * The two browsers of a benchmark run: Debian's Chromium with the built extension, and the
 * same binary with the same flags and viewport without it (the baseline). Both are
 * persistent contexts launched the same way (test/e2e/support/chromium.ts holds the binary
 * and the flags the browser tests use); only the extension flags differ.
 *
 * Also: a CDP session on the extension's service worker (Playwright opens CDP sessions on
 * pages only, so this one goes through the browser target, `Target.attachToTarget` without
 * flattening) and the tab id of a page (from the service worker's `chrome.tabs`).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/chromium';

export const VIEWPORT = { width: 1280, height: 800 };

export interface BenchBrowser {
  label: 'extension' | 'baseline';
  context: BrowserContext;
  /** Null for the baseline. */
  extensionId: string | null;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/**
 * A private copy of the unpacked build: a concurrent `wxt build` (another terminal, the
 * test suite) cannot change the extension under a running benchmark.
 */
export async function snapshotBuild(build: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'lean-bench-ext-'));
  const dir = path.join(root, 'chrome-mv3');
  await cp(build, dir, { recursive: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

/** `hasWorker: false` for an extension without a service worker (an empty one, for comparisons). */
export async function launchBrowser(extensionDir: string | null, options: { hasWorker?: boolean } = {}): Promise<BenchBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'lean-bench-profile-'));
  const extensionArgs = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: VIEWPORT,
    args: [...CHROMIUM_ARGS, ...extensionArgs],
  });
  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? context.waitForEvent('serviceworker', { timeout: 10_000 });
  };
  let extensionId: string | null = null;
  if (extensionDir && options.hasWorker !== false) {
    try {
      extensionId = new URL((await worker()).url()).host;
    } catch (error) {
      await context.close();
      throw new Error(`the extension's service worker did not start (a build running into ${extensionDir}?): ${String(error)}`);
    }
  }
  return {
    label: extensionDir ? 'extension' : 'baseline',
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A CDP session on the extension's service worker (Runtime, HeapProfiler…). */
export interface WorkerCdp {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  detach(): Promise<void>;
}

export async function workerCdp(browser: BenchBrowser): Promise<WorkerCdp> {
  const owner = browser.context.browser();
  if (!owner) throw new Error('no browser behind the context');
  const root: CDPSession = await owner.newBrowserCDPSession();
  const swUrl = (await browser.worker()).url();
  const { targetInfos } = (await root.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url === swUrl);
  if (!target) throw new Error(`no service worker target for ${swUrl}`);
  const { sessionId } = (await root.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let nextId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  root.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        root.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
    },
    async detach() {
      await root.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await root.detach().catch(() => undefined);
    },
  };
}

/** JS heap in use after a full GC, in bytes (CDP `Runtime.getHeapUsage`). */
export async function heapAfterGc(send: (method: string) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await send('HeapProfiler.collectGarbage');
  const usage = (await send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize;
}

export async function pageHeapAfterGc(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    return await heapAfterGc((method) => session.send(method as 'Runtime.getHeapUsage'));
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Types only (erased): what code run in the service worker uses of `chrome`. */
export interface ChromeInWorker {
  chrome: {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    storage: {
      session: {
        QUOTA_BYTES: number;
        set(items: object): Promise<void>;
        get(keys: string[] | null): Promise<Record<string, unknown>>;
        remove(keys: string[]): Promise<void>;
        getBytesInUse(keys: string[] | null): Promise<number>;
      };
    };
  };
}

/** The extension's tab id of a page (`chrome.tabs` in the service worker; host access gives the URL). */
export async function tabIdOf(browser: BenchBrowser, page: Page): Promise<number> {
  const url = page.url();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const id = await (await browser.worker()).evaluate(async (target) => {
      const tabs = await (globalThis as unknown as ChromeInWorker).chrome.tabs.query({});
      return tabs.find((t) => t.url === target)?.id ?? null;
    }, url);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no tab for ${url}`);
}

/** Ids of every open tab. */
export async function tabIds(browser: BenchBrowser): Promise<number[]> {
  return (await browser.worker()).evaluate(async () => {
    const tabs = await (globalThis as unknown as ChromeInWorker).chrome.tabs.query({});
    return tabs.map((t) => t.id ?? -1);
  });
}
