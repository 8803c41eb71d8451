/**
 * Issue 14, points 4–7, on real pages: a fixed Lean built on EventTarget, a page with
 * Prototype.js-style toJSON methods, a frozen SDK with #private getters, and accessors on
 * Array.prototype / Object.prototype. Each page must behave as without the extension and
 * its calls be stored whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { CallEvent, CallbackEvent, SessionEvent } from '../../lib/session/types';
import { launchWithExtension, waitForStoredSession, type ExtensionBrowser, type StoredTabSession } from './support/chromium';
import type { KitWindow } from './support/kit';

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

async function open(path: string): Promise<{ page: Page; tabId: number; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  await page.goto(server.url(path));
  return { page, tabId: await browser.tabIdOf(page), problems };
}

const calls = (s: StoredTabSession): CallEvent[] => s.events.filter((e): e is CallEvent => e.type === 'call');
const callbacks = (s: StoredTabSession): CallbackEvent[] => s.events.filter((e): e is CallbackEvent => e.type === 'callback');
const sdkEvents = (s: StoredTabSession) => s.events.filter((e): e is Extract<SessionEvent, { type: 'sdk' }> => e.type === 'sdk');

function kit<T = unknown>(page: Page, key: string): Promise<T> {
  return page.evaluate((k) => (window as unknown as { Kit: Record<string, unknown> }).Kit[k], key) as Promise<T>;
}

async function statusesOf(page: Page, label: string): Promise<string[]> {
  await page.waitForFunction((l) => ((window as unknown as KitWindow).Kit.results[l] ?? []).length > 0, label);
  return page.evaluate((l) => (window as unknown as KitWindow).Kit.results[l]!.map((d) => d.status), label);
}

function answeredCall(tabId: number): Promise<StoredTabSession> {
  return waitForStoredSession(browser, tabId, (s) => calls(s).length >= 1 && callbacks(s).length >= 1);
}

describe('hostile pages (issue 14)', () => {
  it('wraps a fixed Lean extending EventTarget on its own class, never on EventTarget.prototype', async () => {
    const { page, tabId, problems } = await open('/patterns/hostile-event-target.html');
    expect(await kit(page, 'returned')).toBe('event target ok');
    expect(await kit(page, 'samePrototype')).toBe(true);
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCall(tabId);
    // The page's own addEventListener calls, on the document and on Lean, are not Lean calls.
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(sdkEvents(session)).toMatchObject([{ state: 'hooked', detail: expect.stringContaining('wrapped in place') }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('stores arrays and dates once encoded on a page with Prototype.js-style toJSON methods', async () => {
    const { page, tabId, problems } = await open('/patterns/hostile-prototype-js.html');
    expect(await kit(page, 'returned')).toBe('prototype ok');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCall(tabId);
    expect(calls(session)[0]).toMatchObject({ method: 'connect', config: { permissions: ['identity', 'accounts'] } });
    expect(callbacks(session)[0]).toMatchObject({ data: { status: 'SUCCESS', accounts: ['a1', 'a2'] } });
    expect(session.droppedEvents).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps the #private getters and setters of a frozen SDK working', async () => {
    const { page, tabId, problems } = await open('/patterns/hostile-frozen-private.html');
    expect(await kit(page, 'errors')).toEqual([]);
    expect(await kit(page, 'returned')).toBe(1);
    expect(await kit(page, 'flows')).toBe(1);
    expect(await kit(page, 'language')).toBe('ar');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCall(tabId);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hands accessors on Array.prototype and Object.prototype nothing of ours, and loses no field', async () => {
    const { page, tabId, problems } = await open('/patterns/hostile-accessors.html');
    expect(await kit(page, 'returned')).toBe('accessors ok');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCall(tabId);
    const [call] = calls(session);
    expect(call).toMatchObject({
      config: {
        permissions: ['identity', 'accounts', 'balance'],
        app_token: '[redacted app_token …0001]',
        access_token: '[redacted access_token …mnop]',
      },
    });
    expect(call!.callsite).toContain('/patterns/hostile-accessors.html:');
    expect(callbacks(session)[0]).toMatchObject({ data: { accounts: ['a1', 'a2'] } });
    const seen = await page.evaluate(() => (window as unknown as { seen: string }).seen);
    expect(seen).not.toContain('-extension://');
    expect(seen).not.toContain('pattern-app-token');
    expect(seen).not.toContain('live-access-token');
    expect(problems).toEqual([]);
    await page.close();
  });
});
