/**
 * The real DevTools: Chromium opens DevTools for the demo tab
 * (--auto-open-devtools-for-tabs), the test presses Ctrl+] in the DevTools window until
 * the extension's panel.html frame exists, and reads the "Lean" panel there while the
 * inspected page makes calls.
 *
 * Driven over CDP with puppeteer-core (already the Firefox driver), which launches the
 * browser over a pipe and, with `handleDevToolsAsPage`, exposes the DevTools window as an
 * ordinary page with frames. Attaching Playwright's connectOverCDP (or any client) to a
 * running browser through --remote-debugging-port while DevTools is still starting leaves
 * the DevTools window or the inspected tab paused intermittently; a client that is there
 * from launch does not race, so this file does not use a debugging port at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { CHROME_BUILD, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';

let server: FixtureServer;
let userDataDir = '';
let browser: Browser;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined> | T | null | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  server = await startFixtureServer();
  userDataDir = await mkdtemp(path.join(tmpdir(), 'lean-devtools-e2e-'));
  browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir,
    handleDevToolsAsPage: true,
    defaultViewport: null,
    pipe: true,
    enableExtensions: [CHROME_BUILD],
    args: [...CHROMIUM_ARGS, '--auto-open-devtools-for-tabs'],
  });
  // One tab, so one DevTools window: the initial tab goes to the demo shop.
  const tab = await until('the first tab', async () => (await browser.pages()).find((p) => !p.url().startsWith('devtools://')));
  await tab.goto(server.url('/demo/'));
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

describe('the Lean panel in real DevTools', () => {
  it('appears in the DevTools window (Ctrl+] cycles to it) and shows the inspected tab’s calls live', async () => {
    const devtoolsTarget = await until('the DevTools window', () => browser.targets().find((t) => t.url().startsWith('devtools://devtools/')));
    const devtools = (await devtoolsTarget.asPage()) as Page;
    // DevTools has loaded the extension's devtools page, which created the "Lean" panel.
    await until('the extension devtools page', () => devtools.frames().find((f) => f.url().endsWith('/devtools.html')));

    let panel: Frame | undefined;
    for (let press = 0; press < 60 && !panel; press++) {
      panel = devtools.frames().find((f) => f.url().endsWith('/panel.html'));
      if (panel) break;
      await devtools.keyboard.down('Control');
      await devtools.keyboard.press(']');
      await devtools.keyboard.up('Control');
      await sleep(150);
    }
    expect(panel, 'Ctrl+] never reached the Lean panel').toBeDefined();
    const read = <T,>(fn: () => T): Promise<T> => panel!.evaluate(fn);

    // Backfill: the inspected tab's loader and hook, recorded before the panel was shown.
    await until('the status strip', () => read(() => document.querySelector('#status-loader')?.textContent ?? null));
    expect(await read(() => document.querySelector('#status-loader')!.textContent)).toContain('lean-link-loader.min.js');
    expect(await read(() => document.querySelector('#status-hook')!.textContent)).toContain('hooked');
    // Inside DevTools the panel follows DevTools' theme (devtools.panels.themeName).
    expect(await read(() => document.documentElement.dataset.theme ?? null)).toMatch(/^(light|dark)$/);

    // The inspected page makes a call; the panel in DevTools shows it, live.
    const page = await until('the demo page', async () => (await browser.pages()).find((p) => p.url().startsWith(server.url('/demo/'))));
    await page.evaluate(() => ((window as unknown as { LeanStandIn: unknown }).LeanStandIn = { outcome: 'error' }));
    await page.click('#pay');
    const methods = await until('the pay row', async () => {
      const list = await read(() => [...document.querySelectorAll('.row.call .row-button')].map((b) => b.textContent));
      return list.includes('pay') ? list : null;
    });
    expect(methods).toEqual(['pay']);
    await until('the error outcome', () => read(() => document.querySelector('.row.call')!.classList.contains('outcome-error')));
    expect(await read(() => document.querySelector('#status-counts')!.textContent)).toContain('1 failed');
  });
});
