import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { ACCESS_TOKEN_SIGNATURE, secrets } from '../fixtures/demo/secrets';
import { launchFirefoxWithExtension, waitForSession } from './support/firefox';

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

describe('capture pipeline in Firefox ESR', () => {
  it('captures the demo page’s connect call and pairs its callback, tokens redacted', async () => {
    const page = await firefox.newPage();
    await page.goto(server.url('/demo/'));
    await page.click('#connect');
    await page.waitForFunction(() => document.querySelector('#last-callback')?.textContent?.trim() === 'SUCCESS');
    const session = await waitForSession(page, (s) => s.events.some((e) => e.type === 'callback'));
    const call = session.events.find((e) => e.type === 'call');
    expect(call).toMatchObject({ method: 'connect', frameUrl: server.url('/demo/') });
    expect(call?.type === 'call' && call.callsite).toContain('/demo/demo.js:');
    expect(session.events.find((e) => e.type === 'callback')).toMatchObject({ callId: call!.id, data: { status: 'SUCCESS' } });
    const text = JSON.stringify(session);
    expect(text).toContain('[redacted app_token');
    for (const secret of [secrets.appToken, ACCESS_TOKEN_SIGNATURE]) expect(text).not.toContain(secret);
    await page.close();
  });
});
