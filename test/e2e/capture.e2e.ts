import { readFile } from 'node:fs/promises';
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

function expectNoSecret(text: string): void {
  for (const secret of RAW_SECRETS) expect(text).not.toContain(secret);
}

async function connectOnDemo(outcome: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url('/demo/'));
  await page.evaluate((o) => ((window as unknown as { LeanStandIn: unknown }).LeanStandIn = { outcome: o }), outcome);
  await page.click('#connect');
  await page.waitForFunction(() => document.querySelector('#last-callback')?.textContent?.trim() !== '');
  return page;
}

describe('capture pipeline in Chromium', () => {
  it('shows the demo page’s connect call and its callback in panel.html?tabId=N', async () => {
    const page = await connectOnDemo('success');
    const tabId = await browser.tabIdOf(page);
    const panel = await browser.openPanel(tabId);
    const row = panel.locator('.row.call', { hasText: 'connect' });
    await expect.poll(() => row.getAttribute('class')).toContain('outcome-success');
    const correlationId = await page.evaluate(
      () => (window as unknown as { AcmeDemo: { lastCallback: { lean_correlation_id: string } } }).AcmeDemo.lastCallback.lean_correlation_id,
    );
    await expect.poll(() => row.textContent()).toContain(correlationId);
    await row.locator('button').click();
    const detail = await panel.locator('.detail').textContent();
    expect(detail).toContain('[redacted app_token');
    expect(detail).toContain('demo.js:');
    expectNoSecret(await panel.content());
    await panel.close();
    await page.close();
  });

  it('adds calls to an open panel live, without a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/demo/'));
    const tabId = await browser.tabIdOf(page);
    const panel = await browser.openPanel(tabId);
    await expect.poll(() => panel.locator('.row.call').count()).toBe(0);
    await page.click('#pay');
    await expect.poll(() => panel.locator('.row.call', { hasText: 'pay' }).count()).toBe(1);
    await panel.close();
    await page.close();
  });

  it('exports the session file of session-format.md with tokens redacted', async () => {
    const page = await connectOnDemo('error');
    const tabId = await browser.tabIdOf(page);
    const panel = await browser.openPanel(tabId);
    await expect.poll(() => panel.locator('.row.call.outcome-error').count()).toBe(1);
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    expect(download.suggestedFilename()).toMatch(/^lean-session-localhost-.*\.json$/);
    const text = await readFile((await download.path())!, 'utf8');
    expectNoSecret(text);
    const file = sessionFileSchema.parse(JSON.parse(text));
    expect(file.tab.url).toBe(server.url('/demo/'));
    const call = file.events.find((e) => e.type === 'call');
    expect(call).toMatchObject({ method: 'connect', frameUrl: server.url('/demo/') });
    const callback = file.events.find((e) => e.type === 'callback');
    expect(callback).toMatchObject({ callId: call!.id, data: { status: 'ERROR', secondary_status: 'INVALID_CREDENTIALS' } });
    expect(file.events.find((e) => e.type === 'loader')).toMatchObject({ region: 'ae', afterInteraction: false });
    await panel.close();
    await page.close();
  });

  it('never writes a raw token to extension storage', async () => {
    const page = await connectOnDemo('redirect');
    const tabId = await browser.tabIdOf(page);
    const stored = JSON.stringify(await browser.storedSession(tabId));
    expect(stored).toContain('[redacted');
    expectNoSecret(stored);
    await page.close();
  });
});
