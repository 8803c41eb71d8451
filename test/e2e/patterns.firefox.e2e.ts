/**
 * Issue 3's integration patterns marked (FF): the loader as a static `<script>` in
 * `<head>`, and appended by code (after load, and on a click) with the call in its
 * `onload`. Firefox ESR over WebDriver BiDi with the e2e build; the session is read through
 * the build's probe (test/e2e/support/firefox.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { TabSession } from '../../lib/protocol';
import type { CallEvent } from '../../lib/model/types';
import { launchFirefoxWithExtension, waitForSession } from './support/firefox';
import type { KitWindow } from './support/kit';

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

const calls = (s: TabSession): CallEvent[] => s.events.filter((e): e is CallEvent => e.type === 'call');
const answered = (s: TabSession, count: number): boolean =>
  calls(s).length >= count && calls(s).every((c) => s.events.some((e) => e.type === 'callback' && e.callId === c.id));

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await firefox.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url(path));
  return { page, errors };
}

async function statusesOf(page: Page, label: string): Promise<string[]> {
  await page.waitForFunction((l) => ((window as unknown as KitWindow).Kit.results[l] ?? []).length > 0, {}, label);
  return page.evaluate((l) => (window as unknown as KitWindow).Kit.results[l]!.map((d) => d.status), label);
}

describe('integration patterns in Firefox ESR', () => {
  it('captures a call made with the loader as a static <script> in <head>', async () => {
    const { page, errors } = await open('/patterns/static-head.html');
    await page.click('#connect');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await waitForSession(page, (s) => answered(s, 1));
    expect(calls(session)).toMatchObject([{ method: 'connect', frameUrl: server.url('/patterns/static-head.html') }]);
    expect(calls(session)[0]!.callsite).toContain('/patterns/static-head.html:');
    expect(session.events.find((e) => e.type === 'callback')).toMatchObject({ data: { status: 'SUCCESS' } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('captures the call in the onload of an async loader appended after load (the useEffect pattern)', async () => {
    const { page, errors } = await open('/patterns/dynamic-after-load.html');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await waitForSession(page, (s) => answered(s, 1));
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('captures the call in the onload of an async loader appended on click', async () => {
    const { page, errors } = await open('/patterns/dynamic-after-click.html');
    await page.click('#pay');
    expect(await statusesOf(page, 'pay')).toEqual(['SUCCESS']);
    const session = await waitForSession(page, (s) => answered(s, 1));
    expect(calls(session).map((c) => c.method)).toEqual(['pay']);
    expect(session.events.find((e) => e.type === 'loader')).toMatchObject({ afterInteraction: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('wraps a fixed Lean extending EventTarget on its own class, never on EventTarget.prototype (issue 14)', async () => {
    const { page, errors } = await open('/patterns/hostile-event-target.html');
    expect(await page.evaluate(() => (window as unknown as { Kit: { samePrototype: boolean } }).Kit.samePrototype)).toBe(true);
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await waitForSession(page, (s) => answered(s, 1));
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
