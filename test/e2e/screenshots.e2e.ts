/**
 * README screenshots, made from the demo shop by the real extension: the panel in light
 * and dark, a call's findings, the "no SDK" state and the toolbar popup. `npm test` takes them
 * into a temporary folder, so it never changes tracked files; `npm run screenshots`
 * (`UPDATE_SCREENSHOTS=1`) rewrites the committed ones in docs/screenshots/.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
let OUT = path.resolve('docs/screenshots');
const VIEWPORT = { width: 1280, height: 640 };

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  if (UPDATE) await mkdir(OUT, { recursive: true });
  else OUT = await mkdtemp(path.join(tmpdir(), 'lean-screenshots-'));
  server = await startFixtureServer();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (!UPDATE) await rm(OUT, { recursive: true, force: true });
});

async function flow(page: Page, button: string, outcome: string, count: number): Promise<void> {
  await page.selectOption('#outcome', outcome);
  await page.click(button);
  await page.waitForFunction((n) => document.querySelector('#last-callback')?.getAttribute('data-count') === String(n), count);
}

/** The demo shop after a realistic session: connect, a failed pay, checkout → bank → return page. */
async function demoSession(): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(server.url('/demo/'));
  await flow(page, '#connect', 'success', 1);
  await flow(page, '#pay', 'error', 2);
  await flow(page, '#manage', 'cancelled', 3);
  await flow(page, '#checkout', 'redirect', 4);
  await page.click('#simulate-return');
  await page.waitForURL(/return\.html/);
  await page.waitForFunction(() => document.querySelector('#last-callback')?.getAttribute('data-count') === '1');
  return { page, tabId: await browser.tabIdOf(page) };
}

async function openPanel(tabId: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const panel = await browser.openPanel(tabId);
  await panel.setViewportSize(VIEWPORT);
  await panel.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  await panel.locator('.row.call').first().waitFor();
  return panel;
}

async function shoot(page: Page, name: string): Promise<void> {
  // Caret and focus ring blink / depend on timing: keep the pictures stable.
  await page.addStyleTag({ content: '*{caret-color:transparent !important}' });
  await page.screenshot({ path: path.join(OUT, name), animations: 'disabled' });
  expect((await stat(path.join(OUT, name))).size).toBeGreaterThan(0);
}

describe('README screenshots', () => {
  it('panel: timeline with a redirect flow and a failed call open (light and dark)', async () => {
    const { page, tabId } = await demoSession();
    for (const scheme of ['light', 'dark'] as const) {
      const panel = await openPanel(tabId, scheme);
      await expect.poll(() => panel.locator('.row.call').count()).toBe(5);
      await panel.locator('.row.call', { hasText: 'pay' }).click();
      await panel.locator('.detail .callback-view').waitFor();
      await shoot(panel, `panel-${scheme}.png`);
      await panel.close();
    }
    await page.close();
  });

  it('panel: findings of a call with mistakes', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/mistakes/'));
    await page.click('#run');
    const tabId = await browser.tabIdOf(page);
    const panel = await openPanel(tabId, 'light');
    await expect.poll(() => panel.locator('.row.call').count()).toBe(5);
    await panel.locator('.row.call').first().click();
    await panel.locator('.detail .findings').waitFor();
    await shoot(panel, 'panel-findings.png');
    await panel.close();
    await page.close();
  });

  it('panel: a page without the SDK says what to check', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/patterns/dynamic-after-click.html'));
    const tabId = await browser.tabIdOf(page);
    const panel = await browser.openPanel(tabId);
    await panel.setViewportSize({ width: 1000, height: 360 });
    await panel.locator('#no-sdk').waitFor();
    await shoot(panel, 'panel-no-sdk.png');
    await panel.close();
    await page.close();
  });

  it('popup: the tab summary', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/demo/'));
    await flow(page, '#pay', 'error', 1);
    const tabId = await browser.tabIdOf(page);
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 328, height: 232 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.locator('#popup-failed').textContent()).toBe('1');
    await shoot(popup, 'popup.png');
    await popup.close();
    await page.close();
  });
});
