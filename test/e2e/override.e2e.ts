/**
 * Outcome overrides in the extension, in Chromium: the panel (panel.html?tabId=N, the page
 * DevTools shows) sets one for its tab, the demo shop's real code gets it, the timeline and
 * the export mark it, the page sees no trace of the channel, and closing the panel ends it.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { HOOK_ASK, HOOK_HELLO, HOOK_OVERRIDES, PAGE_CHANNEL } from '../../lib/protocol';
import type { SessionFile } from '../../lib/model/types';

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

/**
 * The page's first script, before the shop's: records every event of the extension's channel
 * types it can catch on document and window, and whether any batch of the hook's mentions an
 * override before the page's callback has run.
 */
function watcher(types: string[]): string {
  return `<script>
    window.__seen = [];
    for (const target of [window, document]) for (const type of ${JSON.stringify(types)}) {
      target.addEventListener(type, (e) => window.__seen.push(type + ':' + (typeof e.detail === 'string' ? e.detail : '')), true);
    }
  </script>`;
}

async function openDemo(): Promise<{ page: Page; tabId: number; panel: Page }> {
  const page = await browser.context.newPage();
  await page.route('**/demo/', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('<head>', `<head>${watcher([HOOK_HELLO, HOOK_ASK, HOOK_OVERRIDES, PAGE_CHANNEL])}`);
    await route.fulfill({ response, body: html });
  });
  await page.goto(server.url('/demo/'));
  const tabId = await browser.tabIdOf(page);
  const panel = await browser.openPanel(tabId);
  await panel.locator('#status-hook').waitFor();
  return { page, tabId, panel };
}

async function setOverride(panel: Page, method: string, outcome: string): Promise<void> {
  await panel.click('#override-menu summary');
  await panel.selectOption('#override-method', method);
  await panel.selectOption('#override-outcome', outcome);
  await panel.click('#override-set');
  await panel.locator(`.override-list li[data-spec="${method}=${outcome}"]`).waitFor();
  await panel.click('#override-menu summary');
}

/** Presses pay with the shop's sandbox left at Success; resolves with what the shop shows. */
async function pay(page: Page): Promise<{ status: string; detail: string }> {
  const before = Number((await page.getAttribute('#last-callback', 'data-count')) ?? 0);
  await page.selectOption('#outcome', 'success');
  await page.click('#pay');
  await page.waitForFunction((n) => Number(document.querySelector('#last-callback')?.getAttribute('data-count')) > n, before);
  return { status: (await page.textContent('#last-callback')) ?? '', detail: (await page.textContent('#last-callback-detail')) ?? '' };
}

/** What the page saw of the channel: events other than the hook's batches, and batches naming an override. */
async function pageSawOverride(page: Page): Promise<string[]> {
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  return seen.filter((entry) => !entry.startsWith(PAGE_CHANNEL + ':') || /override|CANCELLED|INVALID_CREDENTIALS/.test(entry));
}

async function exported(panel: Page): Promise<SessionFile> {
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
  return JSON.parse(await readFile((await download.path())!, 'utf8')) as SessionFile;
}

function overrideMarks(file: SessionFile): string[] {
  return file.events.flatMap((event) => (event.type === 'callback' && event.override ? [event.override.outcome] : []));
}

describe('outcome overrides from the panel, in Chromium', () => {
  it('makes the shop’s pay get CANCELLED, then ERROR:INVALID_CREDENTIALS; marks both; ends when the panel closes', async () => {
    const { page, panel } = await openDemo();

    await setOverride(panel, 'pay', 'CANCELLED');
    // Set, and the page has seen nothing of it before its callback ran.
    await page.waitForTimeout(300);
    expect(await pageSawOverride(page)).toEqual([]);
    expect(await page.evaluate(() => Object.getOwnPropertyNames(window).filter((name) => /lean.?devtools|override/i.test(name)))).toEqual([]);

    const cancelled = await pay(page);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.detail).toContain('lean-devtools-synthetic-');
    // Once: used up, the panel shows none left.
    await expect.poll(() => panel.locator('.override-list li').count()).toBe(0);
    const row = panel.locator('.row.call.overridden');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.outcome').textContent()).toMatch(/^success ⇄ page got CANCELLED$/i);

    await setOverride(panel, 'pay', 'ERROR:INVALID_CREDENTIALS');
    const error = await pay(page);
    expect(error.status).toBe('ERROR');
    expect(error.detail).toContain('INVALID_CREDENTIALS');
    await expect.poll(() => panel.locator('.row.call.overridden').count()).toBe(2);

    // The detail shows both outcomes.
    await panel.locator('.row.call.overridden .row-button').last().click();
    await expect.poll(() => panel.locator('.detail .override-note').textContent()).toContain('ERROR:INVALID_CREDENTIALS');
    expect(await panel.locator('.detail h4').allTextContents()).toEqual(['What the SDK said', 'What the page got']);

    await expect.poll(async () => overrideMarks(await exported(panel))).toEqual(['CANCELLED', 'ERROR:INVALID_CREDENTIALS']);
    // No event of the private channel ever reached the page (whose listener does hear the hook's batches).
    expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.length)).toBeGreaterThan(0);
    expect((await pageSawOverride(page)).filter((entry) => !entry.startsWith(PAGE_CHANNEL + ':'))).toEqual([]);

    // Until cleared, then the panel closes: the override ends with it.
    await panel.click('#override-menu summary');
    await panel.check('#override-until');
    await panel.click('#override-menu summary');
    await setOverride(panel, 'pay', 'CANCELLED');
    await panel.close();
    await page.waitForTimeout(300);
    const after = await pay(page);
    expect(after.status).toBe('SUCCESS');
    expect(after.detail).not.toContain('lean-devtools-synthetic-');
  });
});
