/**
 * Issue 18 in Chromium, in the live panel and the viewer: the Outcome column names the
 * failure reason (secondary status) and the filter finds it; the column menu shows and hides
 * exit_point, last_api_response, bank, environment and frame, kept across reloads; the viewer
 * offers only what applies to a file and says what it left out; "Copy as support report" on
 * one selected row and on several, from the keyboard.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { ACCESS_TOKEN_SIGNATURE, secrets } from '../fixtures/demo/secrets';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const RAW_SECRETS = [secrets.appToken, ACCESS_TOKEN_SIGNATURE, secrets.accessToken];
const CUSTOMER_NAME = 'Layla Haddad';

function expectNoSecret(text: string): void {
  for (const secret of RAW_SECRETS) expect(text).not.toContain(secret);
}

async function run(page: Page, button: string, outcome: string): Promise<void> {
  const before = Number(await page.getAttribute('#last-callback', 'data-count'));
  await page.selectOption('#outcome', outcome);
  await page.click(button);
  await page.waitForFunction((n) => Number(document.querySelector('#last-callback')?.getAttribute('data-count')) > n, before);
}

const outcomes = (panel: Page) => panel.locator('.row.call .cell.outcome').allTextContents();
const headerColumns = (panel: Page) => panel.locator('.timeline-head .cell.extra').allTextContents();
const clipboard = (panel: Page) => panel.evaluate(() => navigator.clipboard.readText());

async function clearClipboard(panel: Page): Promise<void> {
  await panel.evaluate(() => navigator.clipboard.writeText(''));
}

/** Tabs from the focused element until `selector` has the focus (at most `limit` presses). */
async function tabTo(panel: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await panel.evaluate((sel) => document.activeElement === document.querySelector(sel), selector)) return;
    await panel.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with Tab`);
}

describe('failure reasons, columns, an honest viewer and support reports (Chromium)', () => {
  let exportedText = '';

  it('shows status and secondary status, filters by it, and shows and hides columns kept across reloads', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/demo/'));
    await run(page, '#connect', 'success');
    await run(page, '#pay', 'error');
    const panel = await browser.openPanel(await browser.tabIdOf(page));
    await expect.poll(() => outcomes(panel)).toEqual(['success', 'error · INVALID_CREDENTIALS']);

    await panel.locator('.reason-chip[data-secondary-status="INVALID_CREDENTIALS"]').click();
    await expect.poll(() => panel.locator('.row.call .row-button').allTextContents()).toEqual(['pay']);
    await panel.locator('#reset-filters').click();
    await panel.fill('#filter-text', 'invalid_credentials');
    await expect.poll(() => panel.locator('.row.call .row-button').allTextContents()).toEqual(['pay']);
    await panel.fill('#filter-text', '');

    // Right-click on the header opens the menu at the pointer; the keyboard toggles items.
    await panel.locator('.timeline-head').click({ button: 'right' });
    await panel.locator('#column-menu').waitFor();
    await panel.keyboard.press('Enter'); // exit_point
    await panel.keyboard.press('ArrowDown');
    await panel.keyboard.press('Enter'); // last_api_response
    await panel.keyboard.press('Escape');
    await expect.poll(() => headerColumns(panel)).toEqual(['exit_point', 'last_api_response']);
    const pay = panel.locator('.row.call', { hasText: 'pay' });
    expect(await pay.locator('.cell.extra').allTextContents()).toEqual(['ERROR', 'INVALID_CREDENTIALS']);

    // The toolbar button: bank, environment and frame too; the row stays one line high.
    await panel.locator('#columns-button').click();
    for (const id of ['bank', 'environment', 'frame']) await panel.locator(`#column-menu [data-column="${id}"]`).click();
    await panel.keyboard.press('Escape');
    await expect.poll(() => headerColumns(panel)).toEqual(['exit_point', 'last_api_response', 'Bank', 'Environment', 'Frame']);
    const cells = await pay.locator('.cell.extra').allTextContents();
    expect(cells.slice(3)).toEqual(['sandbox', `localhost:${new URL(server.url('/')).port}/demo/`]);
    const box = await pay.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(23);

    await panel.reload();
    await panel.locator('.row.call').first().waitFor();
    expect(await headerColumns(panel)).toEqual(['exit_point', 'last_api_response', 'Bank', 'Environment', 'Frame']);
    await panel.locator('#columns-button').click();
    for (const id of ['last_api_response', 'bank', 'environment', 'frame']) await panel.locator(`#column-menu [data-column="${id}"]`).click();
    await panel.keyboard.press('Escape');
    await expect.poll(() => headerColumns(panel)).toEqual(['exit_point']);

    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    exportedText = await readFile((await download.path())!, 'utf8');
    await panel.close();
    await page.close();
  });

  it('copies a support report on the selected row and on several rows, from the keyboard', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/demo/'));
    await run(page, '#connect', 'success');
    await run(page, '#pay', 'error');
    await run(page, '#checkout', 'cancelled');
    const panel = await browser.openPanel(await browser.tabIdOf(page));
    await expect.poll(() => panel.locator('.row.call').count()).toBe(3);
    await clearClipboard(panel);

    // One row: arrows, Enter, then Tab to the button and Enter.
    await panel.locator('.timeline').focus();
    await panel.keyboard.press('End');
    await panel.keyboard.press('ArrowUp');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.locator('.detail h2').textContent()).toContain('Lean.pay');
    await tabTo(panel, '#copy-report-call');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.locator('#copy-report-call').textContent()).toBe('Copied ✓');
    const one = await clipboard(panel);
    expect(one).toMatch(/^# Lean support report: Lean\.pay, ERROR/);
    expect(one).toContain('- **secondary_status:** `INVALID_CREDENTIALS`');
    expectNoSecret(one);
    expect(one).not.toContain(CUSTOMER_NAME);

    // Several rows: Shift+↓ from the keyboard, Ctrl-click with the mouse.
    await panel.locator('.timeline').focus();
    await panel.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => panel.locator('#selection-bar').textContent()).toContain('2 calls selected');
    await panel.locator('.row.call', { hasText: 'connect' }).click({ modifiers: ['ControlOrMeta'] });
    await expect.poll(() => panel.locator('#selection-bar').textContent()).toContain('3 calls selected');
    expect(await panel.locator('.row.call[aria-selected="true"]').count()).toBe(3);
    await tabTo(panel, '#copy-report-selection');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.locator('#copy-report-selection').textContent()).toBe('Copied ✓');
    const several = await clipboard(panel);
    expect(several.split('\n')[0]).toBe('# Lean support report: 3 calls, 1 failed');
    expect(several.split('\n').filter((l) => l.startsWith('## Call '))).toEqual([
      '## Call 1 of 3: Lean.connect, SUCCESS',
      '## Call 2 of 3: Lean.pay, ERROR',
      '## Call 3 of 3: Lean.checkout, CANCELLED',
    ]);
    expectNoSecret(several);
    expect(several).not.toContain(CUSTOMER_NAME);
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.locator('#selection-bar').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('the viewer shows no live-only control, says when and by which version the file was exported and what it left out, and copies reports', async () => {
    expect(exportedText).not.toBe('');
    const viewer = await browser.context.newPage();
    await viewer.goto(`chrome-extension://${browser.extensionId}/panel.html`);
    await viewer.setInputFiles('#import-file', { name: 'customer.json', mimeType: 'application/json', buffer: Buffer.from(exportedText) });
    await viewer.locator('#viewer-label').waitFor();
    expect(await viewer.locator('#preserve-log').count()).toBe(0);
    expect(await viewer.locator('#clear').count()).toBe(0);
    expect(await viewer.locator('#export').count()).toBe(0);
    expect(await viewer.locator('.toolbar').textContent()).not.toContain('Preserve log');
    expect(await viewer.locator('#viewer-exported').textContent()).toMatch(/^exported \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC · Lean DevTools \d+\.\d+\.\d+ \(chrome\)$/);
    expect(await viewer.locator('#viewer-left-out').textContent()).toBe('Left out: personal data (customer name, risk_details, end-user fields)');

    // The same failure reason, filter and columns as the live panel.
    await expect.poll(() => outcomes(viewer)).toEqual(['success', 'error · INVALID_CREDENTIALS']);
    await viewer.locator('.reason-chip[data-secondary-status="INVALID_CREDENTIALS"]').click();
    await expect.poll(() => viewer.locator('.row.call .row-button').allTextContents()).toEqual(['pay']);
    await viewer.locator('#reset-filters').click();
    await viewer.locator('#columns-button').click();
    await viewer.locator('#column-menu [data-column="exit_point"]').click();
    await viewer.keyboard.press('Escape');
    expect(await viewer.locator('.row.call', { hasText: 'pay' }).locator('.cell.extra').allTextContents()).toEqual(['ERROR']);

    await clearClipboard(viewer);
    await viewer.locator('.row.call', { hasText: 'connect' }).click();
    await viewer.locator('.row.call', { hasText: 'pay' }).click({ modifiers: ['Shift'] });
    await tabTo(viewer, '#copy-report-selection');
    await viewer.keyboard.press('Enter');
    await expect.poll(() => viewer.locator('#copy-report-selection').textContent()).toBe('Copied ✓');
    const report = await clipboard(viewer);
    expect(report.split('\n')[0]).toBe('# Lean support report: 2 calls, 1 failed');
    expect(report).toContain('session file `customer.json`, exported');
    expectNoSecret(report);
    await viewer.close();
  });
});
