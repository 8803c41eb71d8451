import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { sessionFileSchema } from '../../lib/files/schema';
import type { CallEvent } from '../../lib/model/types';
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

const WORST: Record<string, string> = { error: 'sev-error', warning: 'sev-warning', info: 'sev-info' };
const worst = (codes: string[], severities: Record<string, string>) =>
  ['error', 'warning', 'info'].find((s) => codes.some((c) => severities[c.split(':')[0]!] === s)) ?? null;
/**
 * Severities of the seeded findings' rules (lib/rules; docs/lean-sdk-reference.md §6). Both
 * payment intent ids and an http: redirect URL are warnings: the official SDKs accept both
 * (only "neither id" is refused, and no source restricts the URL's scheme).
 */
const SEVERITY: Record<string, string> = {
  'boolean-as-string': 'error',
  'missing-required': 'error',
  'unknown-field': 'warning',
  'exactly-one-of': 'warning',
  'missing-callback': 'warning',
  'deprecated-method': 'warning',
  'redirect-url': 'warning',
};

/** The seeded mistakes of test/fixtures/mistakes/mistakes.js, call by call. */
const EXPECTED: Array<[method: string, findings: string[]]> = [
  ['connect', ['boolean-as-string:sandbox', 'missing-required:customer_id', 'unknown-field:customerId']],
  ['pay', ['exactly-one-of:payment_intent_id', 'missing-callback:callback']],
  ['createBeneficiary', ['deprecated-method:-']],
  ['checkout', ['redirect-url:success_redirect_url']],
  ['connect', []],
];

describe('validation of a page with seeded mistakes', () => {
  it('exports and shows exactly the seeded findings on each call, and none on the correct one', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/mistakes/'));
    await page.click('#run');
    const tabId = await browser.tabIdOf(page);
    const panel = await browser.openPanel(tabId);
    await expect.poll(() => panel.locator('.row.call').count()).toBe(EXPECTED.length);
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    const file = sessionFileSchema.parse(JSON.parse(await readFile((await download.path())!, 'utf8')));
    const calls = file.events.filter((e): e is CallEvent => e.type === 'call');
    const actual = calls.map((c) => [c.method, c.findings.map((f) => `${f.code}:${f.field ?? '-'}`).sort()]);
    expect(actual).toEqual(EXPECTED.map(([method, codes]) => [method, [...codes].sort()]));

    // The panel: each row shows its worst severity; its detail lists exactly those findings.
    const rows = panel.locator('.row.call');
    for (let i = 0; i < EXPECTED.length; i++) {
      const [, codes] = EXPECTED[i]!;
      const level = worst(codes, SEVERITY);
      const row = rows.nth(i);
      const classes = (await row.getAttribute('class')) ?? '';
      for (const [severity, cls] of Object.entries(WORST)) expect(classes.includes(cls), `row ${i} ${cls}`).toBe(severity === level);
      await row.locator('button.row-button').click();
      const shown = await panel.locator('.detail .findings li.finding').evaluateAll((items) =>
        items.map((li) => `${li.getAttribute('data-code')}:${li.querySelector('.finding-field')?.textContent ?? '-'}`),
      );
      expect(shown.sort(), `findings of row ${i}`).toEqual([...codes].sort());
      if (codes.length === 0) await expect.poll(() => panel.locator('.detail .no-findings').count()).toBe(1);
    }
    await panel.close();
    await page.close();
  });
});
