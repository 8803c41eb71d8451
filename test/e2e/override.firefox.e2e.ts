/**
 * Outcome overrides in Firefox ESR, over WebDriver BiDi: the panel (panel.html?tabId=N, opened
 * in a tab by the e2e build's probe: BiDi cannot open moz-extension:// pages) sets pay →
 * CANCELLED, then ERROR:INVALID_CREDENTIALS; the demo shop's real code gets each, and the export marks both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchFirefoxWithExtension } from './support/firefox';
import { E2E_REQUEST_EVENT, E2E_RESPONSE_EVENT } from '../../lib/protocol';
import type { SessionFile } from '../../lib/model/types';

let server: FixtureServer;
let firefox: Browser;

beforeAll(async () => {
  server = await startFixtureServer();
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The tab's panel, opened by the background (BiDi reports its URL as about:blank). */
async function openPanel(from: Page): Promise<Page> {
  await from.evaluate(
    (request, response) =>
      new Promise<void>((resolve) => {
        document.addEventListener(response, () => resolve(), { once: true });
        document.dispatchEvent(new CustomEvent(request, { detail: 'open-panel' }));
      }),
    E2E_REQUEST_EVENT,
    E2E_RESPONSE_EVENT,
  );
  return waitFor(
    async () => {
      for (const page of await firefox.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://') && href.includes('/panel.html?tabId=')) return page;
      }
      return null;
    },
    (page) => page !== null,
    'the panel',
  ) as Promise<Page>;
}

/** The panel's export, caught on its way to the blob URL the download reads. */
async function exported(panel: Page): Promise<SessionFile> {
  await panel.evaluate(() => {
    const w = window as unknown as { __exported: Promise<string> };
    w.__exported = new Promise((resolve) => {
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob: Blob) => {
        void blob.text().then(resolve);
        return create(blob);
      };
    });
  });
  await panel.click('#export');
  return JSON.parse(await panel.evaluate(() => (window as unknown as { __exported: Promise<string> }).__exported)) as SessionFile;
}

describe('outcome overrides from the panel, in Firefox ESR', () => {
  it('makes the shop’s pay get CANCELLED, then ERROR:INVALID_CREDENTIALS; the timeline and the export mark both', async () => {
    const page = await firefox.newPage();
    await page.goto(server.url('/demo/'));
    // The relay runs once the hook has spoken (the demo loads Lean at once).
    await page.waitForFunction(() => typeof (window as unknown as { Lean?: unknown }).Lean === 'object');
    const panel = await openPanel(page);
    await panel.waitForSelector('#override-menu summary');
    await panel.click('#override-menu summary');
    for (const [n, outcome] of [
      [1, 'CANCELLED'],
      [2, 'ERROR:INVALID_CREDENTIALS'],
    ] as const) {
      await panel.bringToFront();
      await panel.select('#override-method', 'pay');
      await panel.select('#override-outcome', outcome);
      await panel.click('#override-set');
      await panel.waitForSelector(`.override-list li[data-spec="pay=${outcome}"]`);

      await page.bringToFront();
      await page.select('#outcome', 'success');
      await page.click('#pay');
      await page.waitForFunction((count) => document.querySelector('#last-callback')?.getAttribute('data-count') === String(count), {}, n);
      const [status, secondary] = outcome.split(':');
      expect(await page.$eval('#last-callback', (el) => el.textContent)).toBe(status);
      const detail = await page.$eval('#last-callback-detail', (el) => el.textContent);
      expect(detail).toContain('lean-devtools-synthetic-');
      if (secondary) expect(detail).toContain(secondary);
      await waitFor(() => panel.$$eval('.row.call.overridden', (rows) => rows.length), (count) => count === n, 'the overridden row');
    }

    await panel.bringToFront();
    const file = await exported(panel);
    expect(file.events.flatMap((e) => (e.type === 'callback' && e.override ? [e.override.outcome] : []))).toEqual([
      'CANCELLED',
      'ERROR:INVALID_CREDENTIALS',
    ]);
    await panel.close();
    await page.close();
  });
});
