/**
 * The panel's outcome coverage in Chromium on the demo shop: per method, the outcomes the SDK
 * answered and the documented statuses the page has not met yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';

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

async function pay(page: Page, outcome: string): Promise<void> {
  const before = Number(await page.getAttribute('#last-callback', 'data-count'));
  await page.selectOption('#outcome', outcome);
  await page.click('#pay');
  await page.waitForFunction((n) => Number(document.querySelector('#last-callback')?.getAttribute('data-count')) > n, before);
}

describe('panel: outcome coverage', () => {
  it('shows per method the outcomes met and the documented statuses not met yet', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/demo/'));
    const panel = await browser.openPanel(await browser.tabIdOf(page));
    await panel.locator('#status-hook').waitFor();
    await pay(page, 'success');
    await pay(page, 'error');
    await expect.poll(() => panel.locator('.row.call').count()).toBe(2);
    await panel.click('#outcome-coverage summary');
    const row = panel.locator('#outcome-coverage tbody tr');
    await expect.poll(() => row.locator('th, td').allTextContents()).toEqual([
      'pay',
      '2',
      'SUCCESS, ERROR:INVALID_CREDENTIALS',
      '—',
      'CANCELLED, REDIRECT, LINK_CLOSED_PROGRAMMATICALLY',
      '0',
    ]);
  });
});
