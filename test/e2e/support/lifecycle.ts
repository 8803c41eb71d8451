/**
 * Launchers and browser-level controls for the reliability, spoofing and lifecycle suites
 * (issue 9). `launchWithExtension` (chromium.ts) keeps Playwright's default flags, among them
 * `--disable-back-forward-cache`; the lifecycle suite needs the cache, and the isolation suite
 * needs the profile folder on disk. Both get the same `ExtensionBrowser` as the other suites.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { CHROME_BUILD, CHROMIUM_ARGS, CHROMIUM_PATH, type ExtensionBrowser } from './chromium';

export interface ProfiledExtensionBrowser extends ExtensionBrowser {
  /** The Chromium profile folder (deleted by `close`). */
  userDataDir: string;
}

interface ChromeGlobal {
  chrome: {
    storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
    webRequest: { onHeadersReceived: { hasListeners(): boolean } };
  };
}

/**
 * `launchWithExtension` with the back/forward cache left on (`ignoreDefaultArgs`) and the
 * profile folder kept visible. Same build, binary and flags otherwise, plus `extraArgs`.
 */
export async function launchExtensionWithProfile(options: { bfcache?: boolean; extraArgs?: string[] } = {}): Promise<ProfiledExtensionBrowser> {
  const build = CHROME_BUILD;
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'lean-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    ignoreDefaultArgs: options.bfcache ? ['--disable-back-forward-cache'] : [],
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${build}`, `--load-extension=${build}`, ...(options.extraArgs ?? [])],
  });
  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? context.waitForEvent('serviceworker', { timeout: 30_000 });
  };
  const extensionId = new URL((await worker()).url()).host;
  for (const deadline = Date.now() + 30_000; ; ) {
    const ready = await (await worker())
      .evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.webRequest.onHeadersReceived.hasListeners())
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the background never added its listeners');
    await new Promise((r) => setTimeout(r, 50));
  }
  const sessions = async (): Promise<Record<string, unknown>> =>
    (await worker()).evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.session.get(null));

  return {
    context,
    extensionId,
    userDataDir,
    worker,
    async tabIdOf(page: Page) {
      const target = page.url();
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        for (const [key, value] of Object.entries(await sessions().catch(() => ({})))) {
          const match = /^tab:(\d+)$/.exec(key);
          if (match && (value as { url?: string } | undefined)?.url === target) return Number(match[1]);
        }
      }
      throw new Error(`no session for ${target}`);
    },
    async openPanel(tabId) {
      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/panel.html?tabId=${tabId}`);
      return panel;
    },
    async storedSession(tabId) {
      const all = await sessions();
      return Object.fromEntries(Object.entries(all).filter(([key]) => key === `tab:${tabId}` || key.startsWith(`tab:${tabId}:`)));
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A CDP session able to stop the extension's service worker, as Chrome does when it idles:
 * `ServiceWorker.stopAllWorkers` from a page's session stops every worker of the profile's
 * storage partition, the extension's included. `stop()` resolves true once Chrome reports a
 * running (or starting) worker stopped, false at once when none was running.
 */
export async function serviceWorkerControl(
  ext: ExtensionBrowser,
  page: Page,
): Promise<{ stop(): Promise<boolean>; running(): boolean; cdp: CDPSession }> {
  const cdp = await ext.context.newCDPSession(page);
  let status = 'stopped';
  const waiters: Array<() => void> = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (!version.scriptURL.startsWith(`chrome-extension://${ext.extensionId}/`)) continue;
      status = version.runningStatus;
      if (status === 'stopped') for (const wake of waiters.splice(0)) wake();
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    cdp,
    running: () => status === 'running',
    async stop() {
      const wasRunning = status !== 'stopped';
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      await cdp.send('ServiceWorker.stopAllWorkers');
      if (!wasRunning) return false;
      await Promise.race([done, new Promise((r) => setTimeout(r, 2_000))]);
      return status === 'stopped';
    },
  };
}

/** Every file under `dir` whose bytes contain `needle` (UTF-8 or UTF-16LE), as paths relative to `dir`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const patterns = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const bytes = await readFile(full).catch(() => Buffer.alloc(0));
        if (patterns.some((p) => bytes.includes(p))) found.push(path.relative(dir, full));
      }
    }
  };
  await walk(dir);
  return found;
}

/**
 * Chromium with the extension, driven over a bare CDP pipe (`--remote-debugging-pipe`), for
 * what a Playwright-driven browser cannot show: Playwright's page sessions make Chromium
 * refuse to prerender (`PrerenderingDisabledByDevTools`). Nothing attaches to a tab until a
 * test asks to evaluate in it.
 */
export interface BareChromium {
  extensionId: string;
  /** Evaluates an expression (awaiting a promise) in one of the extension's own pages (its storage is there). */
  inExtension<T>(expression: string): Promise<T>;
  /** Opens a tab; returns its CDP target id. */
  openTab(url: string): Promise<string>;
  /** Evaluates an expression (awaiting a promise) in a tab, attaching to it on first use. */
  inTab<T>(targetId: string, expression: string): Promise<T>;
  close(): Promise<void>;
}

export async function launchBareChromium(): Promise<BareChromium> {
  const { spawn } = await import('node:child_process');
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'lean-bare-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless=new',
      ...CHROMIUM_ARGS,
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-pipe',
      `--disable-extensions-except=${CHROME_BUILD}`,
      `--load-extension=${CHROME_BUILD}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as NodeJS.WritableStream;
  const fromBrowser = child.stdio[4] as NodeJS.ReadableStream;
  let nextId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let buffer = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
      buffer = buffer.slice(end + 1);
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter) continue;
      pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    }
  });
  let exited = false;
  child.once('exit', (code, signal) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`Chromium exited (${code ?? signal})`));
    pending.clear();
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('Chromium exited'));
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no answer in 15 s`));
      }, 15_000);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          (resolve as (v: unknown) => void)(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
    });
  const evaluate = async <T>(sessionId: string, expression: string): Promise<T> => {
    const { result, exceptionDetails } = await send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (exceptionDetails) throw new Error(`evaluation failed: ${exceptionDetails.text}`);
    return result.value;
  };

  type TargetInfo = { targetId: string; type: string; url: string };
  let worker: TargetInfo | undefined;
  for (const deadline = Date.now() + 30_000; !worker; await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > deadline) throw new Error('the extension’s service worker never started');
    const { targetInfos } = await send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  }
  const extensionId = new URL(worker.url).host;
  // Storage is read from one of the extension's own pages, never in the service worker:
  // Chromium 156 hangs an evaluation in a worker attached to while it is still starting, and
  // the worker with it, for good (nothing wakes it again). A fixed wait for the start-up lost
  // that race on a fresh profile on a slow machine ("no service worker" after 45 s). A page
  // is an ordinary document: attaching to it is safe at any time, and `storage.session` is
  // readable from it whether the worker runs or not. The viewer (`panel.html` without a tab)
  // talks to no one.
  const { targetId: extensionPage } = await send<{ targetId: string }>('Target.createTarget', {
    url: `chrome-extension://${extensionId}/panel.html`,
  });
  const pageSession = (await send<{ sessionId: string }>('Target.attachToTarget', { targetId: extensionPage, flatten: true })).sessionId;
  const until = async (what: string, expression: string): Promise<void> => {
    for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 100))) {
      if (await evaluate<boolean>(pageSession, expression).catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  };
  await until('the extension page', `location.protocol === 'chrome-extension:' && typeof chrome?.storage?.session?.get === 'function'`);
  // The background answers its own pages once its listeners (webRequest's among them, added in
  // the same turn) are in place; the message starts a worker that is not running.
  await until(
    'the background’s listeners',
    `chrome.runtime.sendMessage({ kind: 'tab-summary', tabId: -1 }).then((answer) => answer !== undefined, () => false)`,
  );
  const inExtension = <T>(expression: string): Promise<T> => evaluate<T>(pageSession, expression);
  const tabSessions = new Map<string, string>();

  return {
    extensionId,
    inExtension,
    async openTab(url) {
      return (await send<{ targetId: string }>('Target.createTarget', { url })).targetId;
    },
    async inTab(targetId, expression) {
      let sessionId = tabSessions.get(targetId);
      if (!sessionId) {
        sessionId = (await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })).sessionId;
        tabSessions.set(targetId, sessionId);
      }
      return evaluate(sessionId, expression);
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      await new Promise((resolve) => {
        if (child.exitCode !== null) resolve(undefined);
        else child.once('exit', resolve);
        setTimeout(() => child.kill('SIGKILL'), 5_000);
      });
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

interface StorageAreaApi {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The parts of `chrome` the issue-9 suites call inside the browser (service worker, extension
 * pages, chrome://extensions). Types only: code passed to `evaluate` is serialised.
 */
export interface ExtensionGlobal {
  chrome: {
    runtime: { getManifest(): { permissions?: string[] } };
    tabs: {
      discard(tabId: number): Promise<{ id: number; discarded: boolean }>;
      update(tabId: number, props: { active: boolean }): Promise<unknown>;
      get(tabId: number): Promise<{ windowId: number; incognito: boolean }>;
    };
    windows: {
      create(data: { url: string; incognito?: boolean; focused?: boolean }): Promise<{ id: number; incognito: boolean; tabs: Array<{ id: number }> }>;
    };
    storage: {
      session: StorageAreaApi;
      local: StorageAreaApi;
      sync: StorageAreaApi;
      onChanged: { addListener(listener: (changes: unknown, area: string) => void): void };
    };
    webRequest: { onHeadersReceived: { hasListeners(): boolean } };
    extension: { isAllowedIncognitoAccess(): Promise<boolean> };
    developerPrivate: { updateExtensionConfiguration(update: { extensionId: string; incognitoAccess: boolean }): Promise<void> };
    management: { get(id: string): Promise<{ enabled: boolean }>; setEnabled(id: string, enabled: boolean): Promise<void> };
  };
  /** Storage areas written, as an extension page's `storage.onChanged` saw them (reliability suite). */
  areasWritten?: string[];
}
