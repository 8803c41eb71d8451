/**
 * Support triage in Chromium: find a call by correlation ID in the live panel, export the
 * session (personal data left out by default), open the file in the viewer (panel.html
 * without tabId) by the file picker and by drag-and-drop and see the same calls, findings and
 * correlation IDs; malformed and foreign files are refused with a message; a HAR file shows
 * its Lean requests; support reports hold no secret. Then, in the live panel and the viewer:
 * the Outcome column names the failure reason (secondary status) and the filter finds it; the
 * column menu shows and hides exit_point, last_api_response, bank, environment and frame,
 * kept across reloads; the viewer offers only what applies to a file and says what it left
 * out; "Copy as support report" on one selected row and on several, from the keyboard.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { ACCESS_TOKEN_SIGNATURE, secrets } from '../fixtures/demo/secrets';
import { sessionFileSchema } from '../../lib/files/schema';
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

interface CallView {
  method: string;
  outcome: string;
  correlationId: string;
  findings: string[];
}

/** Every call row of a panel: method, outcome class, correlation ID, and the finding codes its detail lists. */
async function callsOf(panel: Page): Promise<CallView[]> {
  const out: CallView[] = [];
  const rows = panel.locator('.row.call');
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    await row.locator('.row-button').click();
    const id = await row.locator('.row-button').getAttribute('data-call-id');
    await panel.locator(`.detail[data-call-id="${id}"]`).waitFor();
    out.push({
      method: (await row.locator('.row-button').textContent()) ?? '',
      outcome: /outcome-([a-z-]+)/.exec((await row.getAttribute('class')) ?? '')?.[1] ?? '',
      correlationId: ((await row.locator('.cell.correlation').textContent()) ?? '').trim(),
      findings: await panel.locator('.detail .findings .finding').evaluateAll((els) => els.map((el) => el.getAttribute('data-code') ?? '')),
    });
  }
  return out;
}

async function openViewer(): Promise<{ viewer: Page; errors: string[] }> {
  const viewer = await browser.context.newPage();
  const errors: string[] = [];
  viewer.on('pageerror', (error) => errors.push(String(error)));
  await viewer.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  await viewer.locator('#import-file').waitFor({ state: 'attached' });
  return { viewer, errors };
}

async function chooseFile(viewer: Page, name: string, text: string): Promise<void> {
  await viewer.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('support triage in Chromium', () => {
  let liveCalls: CallView[] = [];
  let exportedName = '';
  let exportedText = '';
  let correlationId = '';

  it('lands on a call from (part of) its correlation ID, and exports without personal data by default', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/demo/'));
    await run(page, '#connect', 'success');
    await run(page, '#checkout', 'error');
    await run(page, '#pay', 'cancelled');
    correlationId = await page.evaluate(
      () => (window as unknown as { AcmeDemo: { callbacks: { method: string; response: { lean_correlation_id: string } }[] } }).AcmeDemo.callbacks[1]!.response.lean_correlation_id,
    );
    const tabId = await browser.tabIdOf(page);
    const panel = await browser.openPanel(tabId);
    await expect.poll(() => panel.locator('.row.call').count()).toBe(3);

    // Part of the ID typed in the search: the checkout call is selected and shown.
    await panel.fill('#filter-text', correlationId.slice(4, 18));
    await expect.poll(() => panel.locator('.detail').getAttribute('data-call-id')).toBe(await panel.locator('.row.call .row-button', { hasText: 'checkout' }).getAttribute('data-call-id'));
    await expect.poll(() => panel.locator('.row.selected .row-button').textContent()).toBe('checkout');
    expect(await panel.locator('.detail .correlation-id').textContent()).toBe(correlationId);
    expect(await panel.locator('#copy-correlation').isEnabled()).toBe(true);
    await panel.fill('#filter-text', '');

    // The whole ID pasted with focus outside any field goes into the search and lands on the call.
    await panel.locator('.detail .close-detail').click();
    await panel.evaluate((id) => {
      const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() });
      event.clipboardData!.setData('text/plain', id);
      document.body.dispatchEvent(event);
    }, correlationId);
    await expect.poll(() => panel.inputValue('#filter-text')).toBe(correlationId);
    await expect.poll(() => panel.locator('.detail .correlation-id').textContent()).toBe(correlationId);
    await panel.fill('#filter-text', '');

    liveCalls = await callsOf(panel);
    expect(liveCalls.map((c) => [c.method, c.outcome])).toEqual([
      ['connect', 'success'],
      ['checkout', 'error'],
      ['pay', 'cancelled'],
    ]);
    expect(liveCalls.every((c) => c.correlationId !== '')).toBe(true);

    expect(await panel.isChecked('#export-personal')).toBe(false);
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    exportedName = download.suggestedFilename();
    exportedText = await readFile((await download.path())!, 'utf8');
    expectNoSecret(exportedText);
    expect(exportedText).not.toContain(CUSTOMER_NAME);
    const file = sessionFileSchema.parse(JSON.parse(exportedText));
    expect(JSON.stringify(file)).toContain('"customer_name":"[personal data left out]"');
    expect(JSON.parse(exportedText).exportOptions).toEqual({ onlyFilteredRows: false, personalData: 'left-out' });

    // Only the filtered rows, personal data ticked: still a valid file, the call keeps its callback.
    await panel.fill('#filter-text', 'checkout');
    await panel.check('#export-filtered');
    await panel.check('#export-personal');
    const [filtered] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    const filteredText = await readFile((await filtered.path())!, 'utf8');
    const filteredFile = sessionFileSchema.parse(JSON.parse(filteredText));
    expect(filteredFile.events.filter((e) => e.type === 'call').map((e) => (e.type === 'call' ? e.method : ''))).toEqual(['checkout']);
    expect(filteredFile.events.filter((e) => e.type === 'callback')).toHaveLength(1);
    expect(filteredText).toContain(CUSTOMER_NAME);
    expectNoSecret(filteredText);

    // A support report for the call: no secret, no personal data unless ticked.
    await panel.fill('#filter-text', correlationId);
    await panel.locator('#report-call').click();
    const report = await panel.inputValue('#report-text');
    expect(report).toContain('# Lean support report: Lean.checkout, ERROR');
    expect(report).toContain(`- **Correlation ID:** \`${correlationId}\``);
    expect(report).toContain('- **secondary_status:** `INVALID_CREDENTIALS`');
    expectNoSecret(report);
    expect(report).not.toContain(CUSTOMER_NAME);
    await panel.check('#report-personal');
    expect(await panel.inputValue('#report-text')).toContain(CUSTOMER_NAME);
    const [md] = await Promise.all([panel.waitForEvent('download'), panel.click('#report-download')]);
    expect(md.suggestedFilename()).toMatch(/^lean-report-localhost_\d+-checkout-.*\.md$/);
    expectNoSecret(await readFile((await md.path())!, 'utf8'));
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.locator('#report-dialog').count()).toBe(0);
    await panel.fill('#filter-text', '');
    await panel.close();
    await page.close();
  });

  it('opens the exported file in the viewer with the same calls, findings and correlation IDs', async () => {
    const { viewer, errors } = await openViewer();
    expect(await viewer.locator('h1').textContent()).toContain('session viewer');
    await viewer.setInputFiles('#import-file', { name: exportedName, mimeType: 'application/json', buffer: Buffer.from(exportedText) });
    await expect.poll(() => viewer.locator('#viewer-file').textContent()).toBe(exportedName);
    expect(await viewer.locator('#viewer-exported').textContent()).toMatch(/^exported \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC · Lean DevTools \d+\.\d+\.\d+ \(chrome\)$/);
    expect(await viewer.locator('#viewer-left-out').textContent()).toBe('Left out: personal data (customer name, risk_details, end-user fields)');
    expect(await viewer.locator('#clear').count()).toBe(0);
    expect(await viewer.locator('#export').count()).toBe(0);
    expect(await callsOf(viewer)).toEqual(liveCalls);

    // Find by correlation ID works in the viewer too.
    await viewer.fill('#filter-text', correlationId);
    await expect.poll(() => viewer.locator('.detail .correlation-id').textContent()).toBe(correlationId);
    await viewer.locator('#report-session').click();
    const report = await viewer.inputValue('#report-text');
    expect(report).toContain(`session file \`${exportedName}\``);
    for (const call of liveCalls) expect(report).toContain(call.correlationId);
    expectNoSecret(report);
    await viewer.keyboard.press('Escape');
    expectNoSecret(await viewer.content());
    expect(errors).toEqual([]);
    await viewer.close();
  });

  it('keeps every finding through export and import (the seeded-mistakes page)', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/mistakes/'));
    await page.click('#run');
    const panel = await browser.openPanel(await browser.tabIdOf(page));
    // Filters persist per extension (localStorage): start from none.
    await panel.fill('#filter-text', '');
    await expect.poll(() => panel.locator('.row.call').count()).toBeGreaterThanOrEqual(5);
    // Callbacks settle before the comparison.
    await expect.poll(() => panel.locator('.row.call.outcome-pending').count()).toBe(0);
    const live = await callsOf(panel);
    expect(live.filter((c) => c.findings.length > 0).length).toBeGreaterThanOrEqual(4);
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    const text = await readFile((await download.path())!, 'utf8');
    const { viewer, errors } = await openViewer();
    await chooseFile(viewer, download.suggestedFilename(), text);
    await expect.poll(() => viewer.locator('.row.call').count()).toBe(live.length);
    expect(await callsOf(viewer)).toEqual(live);
    expect(errors).toEqual([]);
    await viewer.close();
    await panel.close();
    await page.close();
  });

  it('opens a dropped file', async () => {
    const { viewer, errors } = await openViewer();
    await viewer.evaluate(
      ({ name, text }) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: 'application/json' }));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
        }
      },
      { name: 'dropped.json', text: exportedText },
    );
    await expect.poll(() => viewer.locator('#viewer-file').textContent()).toBe('dropped.json');
    await expect.poll(() => viewer.locator('.row.call').count()).toBe(3);
    expect(viewer.url()).toBe(`chrome-extension://${browser.extensionId}/panel.html`);
    expect(errors).toEqual([]);
    await viewer.close();
  });

  it('refuses malformed and foreign files with a message, and nothing breaks', async () => {
    const { viewer, errors } = await openViewer();
    const cases: [string, string, string][] = [
      ['broken.json', '{"format": "lean-devtools-session", "version": 1, ', '“broken.json” is not valid JSON'],
      ['recording.json', JSON.stringify({ format: 'chrome-recorder', version: 1 }), 'its format is “chrome-recorder”, not “lean-devtools-session”'],
      ['future.json', JSON.stringify({ ...JSON.parse(exportedText), version: 2 }), 'version 2, written by a newer Lean DevTools'],
      ['package.json', JSON.stringify({ name: 'x', version: '1.0.0' }), 'neither a Lean DevTools session file'],
      ['bad-event.json', JSON.stringify({ ...JSON.parse(exportedText), events: [{ type: 'call', id: 'x' }] }), 'is not a valid session file (version 1): events[0].time'],
    ];
    for (const [name, text, message] of cases) {
      await chooseFile(viewer, name, text);
      await expect.poll(() => viewer.locator('#import-error').textContent()).toContain(message);
      expect(await viewer.locator('#viewer-label').count()).toBe(0);
    }
    // A good file still opens, and a bad one after it leaves it open.
    await chooseFile(viewer, exportedName, exportedText);
    await expect.poll(() => viewer.locator('.row.call').count()).toBe(3);
    await chooseFile(viewer, 'broken.json', '{');
    await expect.poll(() => viewer.locator('#import-error').textContent()).toContain('not valid JSON');
    expect(await viewer.locator('#viewer-file').textContent()).toBe(exportedName);
    expect(await viewer.locator('.row.call').count()).toBe(3);
    expect(errors).toEqual([]);
    await viewer.close();
  });

  it('shows a HAR file’s Lean requests on the timeline', async () => {
    const { viewer, errors } = await openViewer();
    await viewer.setInputFiles('#import-file', path.resolve('test/fixtures/har/lean-flow.har'));
    await expect.poll(() => viewer.locator('#viewer-file').textContent()).toBe('lean-flow.har');
    expect(await viewer.locator('#viewer-exported').textContent()).toContain('5 Lean requests of 8');
    expect(await viewer.locator('.row.call .row-button').allTextContents()).toEqual([
      'GET cdn.leantech.me',
      'POST link.sandbox.leantech.me',
      'GET images.sandbox.leantech.me',
      'POST link.sandbox.leantech.me',
      'POST apm.ae01.leantech.me',
    ]);
    expect(await viewer.locator('.row.call.outcome-error').count()).toBe(2);
    expect(await viewer.locator('.row.call .cell.correlation').allTextContents()).toContain('7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a');
    expect(await viewer.locator('#tab-csp').textContent()).toMatch(/^CSP \(\d+ blocked\)$/);
    const content = await viewer.content();
    for (const secret of ['Har5ignatureSecretPart0123456789abcdefXYZ', 'har-bearer-credential-5e8a91d0c3', 'har-cookie-value-77aa66bb55']) {
      expect(content).not.toContain(secret);
    }
    expect(errors).toEqual([]);
    await viewer.close();
  });
});

// Issue 18: the failure reason at a glance, the column menu, the viewer's labels, reports on selected rows.
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

describe('failure reasons, columns, an honest viewer and Copy as support report (Chromium)', () => {
  let exportedText = '';

  beforeAll(async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

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
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-column'))).toBe('exit_point');
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
    await panel.locator('.row.call').first().waitFor();
    // Filters are kept across panels: start from none, whatever an earlier test left.
    if (await panel.locator('#reset-filters').count()) await panel.locator('#reset-filters').click();
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
