/**
 * Issue 3, "Hook fidelity and page safety": every way a merchant page brings in the Lean
 * SDK, every shape the SDK object takes, frames, the Open Finance redirect and several
 * tabs. Each test opens a page of test/fixtures/patterns/ in Chromium with the extension,
 * checks what the page itself observed (its behaviour is unchanged) and what the
 * extension stored for the tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { CallEvent, CallbackEvent, SessionEvent } from '../../lib/model/types';
import {
  launchWithExtension,
  waitForStoredSession,
  type ExtensionBrowser,
  type StoredTabSession,
} from './support/chromium';
import type { FramesKitWindow, KitWindow } from './support/kit';

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

interface Opened {
  page: Page;
  tabId: number;
  /** Uncaught errors and console messages of the page, for "the page never notices us". */
  problems: string[];
}

async function open(path: string): Promise<Opened> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  await page.goto(server.url(path));
  return { page, tabId: await browser.tabIdOf(page), problems };
}

const calls = (s: StoredTabSession): CallEvent[] => s.events.filter((e): e is CallEvent => e.type === 'call');
const callbacks = (s: StoredTabSession): CallbackEvent[] => s.events.filter((e): e is CallbackEvent => e.type === 'callback');
const callbackOf = (s: StoredTabSession, call: CallEvent | undefined) => callbacks(s).find((e) => e.callId === call?.id);
const sdkEvents = (s: StoredTabSession) => s.events.filter((e): e is Extract<SessionEvent, { type: 'sdk' }> => e.type === 'sdk');

/** What the page's Kit (test/fixtures/patterns/kit.js) recorded. */
function kit<T = unknown>(page: Page, key: string): Promise<T> {
  return page.evaluate((k) => (window as unknown as { Kit: Record<string, unknown> }).Kit[k], key) as Promise<T>;
}

async function statusesOf(page: Page, label: string): Promise<string[]> {
  await page.waitForFunction((l) => ((window as unknown as KitWindow).Kit.results[l] ?? []).length > 0, label);
  return page.evaluate((l) => (window as unknown as KitWindow).Kit.results[l]!.map((d) => d.status), label);
}

/** Waits for `count` calls, each answered by its callback. */
function answeredCalls(tabId: number, count: number): Promise<StoredTabSession> {
  return waitForStoredSession(browser, tabId, (s) => calls(s).length >= count && calls(s).every((c) => callbackOf(s, c)));
}

describe('integration patterns', () => {
  it('captures a call made with the loader as a static <script> in <head>', async () => {
    const { page, tabId, problems } = await open('/patterns/static-head.html');
    await page.click('#connect');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    const [call] = calls(session);
    expect(call).toMatchObject({ method: 'connect', frameUrl: server.url('/patterns/static-head.html') });
    expect(call!.callsite).toContain('/patterns/static-head.html:');
    expect(callbackOf(session, call)).toMatchObject({ data: { status: 'SUCCESS' } });
    expect(session.events.find((e) => e.type === 'loader')).toMatchObject({ region: 'ae', afterInteraction: false });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('captures the call in the onload of an async loader appended after load (the useEffect pattern)', async () => {
    const { page, tabId, problems } = await open('/patterns/dynamic-after-load.html');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(callbackOf(session, calls(session)[0])).toMatchObject({ data: { status: 'SUCCESS' } });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('captures the call in the onload of an async loader appended on click, and records the late loader', async () => {
    const { page, tabId, problems } = await open('/patterns/dynamic-after-click.html');
    await page.click('#pay');
    expect(await statusesOf(page, 'pay')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['pay']);
    expect(session.events.find((e) => e.type === 'loader')).toMatchObject({ afterInteraction: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('captures calls on both objects when the loader is added twice and Lean is replaced after earlier calls', async () => {
    const { page, tabId, problems } = await open('/patterns/duplicate-loader.html');
    expect(await kit(page, 'replaced')).toBe(true);
    // Exactly what the stand-in does without the extension: reconnecting on the first
    // object closes its open connect flow; the second object's flow is independent.
    expect(await statusesOf(page, 'first-connect')).toEqual(['LINK_CLOSED_PROGRAMMATICALLY']);
    expect(await statusesOf(page, 'second-pay')).toEqual(['SUCCESS']);
    expect(await statusesOf(page, 'first-reconnect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 3);
    expect(calls(session).map((c) => c.method)).toEqual(['connect', 'pay', 'reconnect']);
    const [connect, pay, reconnect] = calls(session);
    expect(callbackOf(session, connect)).toMatchObject({ data: { status: 'LINK_CLOSED_PROGRAMMATICALLY' } });
    expect(callbackOf(session, pay)).toMatchObject({ data: { status: 'SUCCESS' } });
    expect(callbackOf(session, reconnect)).toMatchObject({ data: { status: 'SUCCESS' } });
    expect(sdkEvents(session).filter((e) => e.state === 'hooked')).toHaveLength(2);
    expect(session.events.filter((e) => e.type === 'loader')).toHaveLength(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('SDK shapes', () => {
  it('captures a plain object with own methods that use `this`', async () => {
    const { page, tabId, problems } = await open('/patterns/shape-plain.html');
    expect(await kit(page, 'returned')).toBe('opened 1');
    expect(await kit(page, 'opened')).toBe(1);
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session)[0]).toMatchObject({ method: 'connect', config: { customer_id: 'pattern-customer-01' } });
    expect(sdkEvents(session)).toMatchObject([{ state: 'hooked', detail: 'Lean is a plain object' }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hands a class instance its own object, so prototype methods using a #private field work', async () => {
    const { page, tabId, problems } = await open('/patterns/shape-class.html');
    expect(await kit(page, 'returned')).toBe(1);
    expect(await kit(page, 'flows')).toBe(1);
    expect(await kit(page, 'isInstance')).toBe(true);
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(sdkEvents(session)).toMatchObject([{ state: 'hooked', detail: 'Lean is a class instance' }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('captures methods added to Lean after it appeared', async () => {
    const { page, tabId, problems } = await open('/patterns/shape-late-methods.html');
    await page.waitForSelector('html[data-ready]');
    await page.click('#connect');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('captures calls on a frozen Lean, which stays frozen for the page', async () => {
    const { page, tabId, problems } = await open('/patterns/shape-frozen.html');
    expect(await kit(page, 'frozen')).toBe(true);
    expect(await kit(page, 'returned')).toBe('frozen ok');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(sdkEvents(session)).toMatchObject([{ state: 'hooked', detail: 'Lean is a frozen plain object' }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reports a frozen Lean in a read-only, permanent global as not hookable, and the page still works', async () => {
    const { page, tabId, problems } = await open('/patterns/shape-frozen-permanent.html');
    expect(await kit(page, 'returned')).toBe('permanent ok');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await waitForStoredSession(browser, tabId, (s) => sdkEvents(s).length > 0);
    expect(sdkEvents(session)).toMatchObject([{ state: 'not-hookable', detail: expect.stringContaining('calls are not captured') }]);
    expect(calls(session)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('captures Lean defined with Object.defineProperty (value) and keeps the property as the page defined it', async () => {
    const { page, tabId, problems } = await open('/patterns/shape-define-property.html');
    expect(await kit(page, 'returned')).toBe('defined ok');
    expect(await kit(page, 'descriptor')).toEqual({ writable: false, enumerable: false, configurable: false, hasValue: true });
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('captures a getter-only global and runs the page’s getter once per read', async () => {
    const { page, tabId, problems } = await open('/patterns/shape-getter.html');
    expect(await kit(page, 'returned')).toBe('getter ok');
    expect(await kit(page, 'getterCallsAfterOneRead')).toBe(1);
    expect(await kit(page, 'afterAssignment')).toBe('object');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('frames', () => {
  it('records calls from a same-origin and a cross-origin iframe in the top tab’s session, with their frame URL', async () => {
    const { page, tabId, problems } = await open('/patterns/frames.html');
    await page.waitForFunction(() => Object.keys((window as unknown as FramesKitWindow).Kit.frames).length === 2);
    expect(await kit(page, 'frames')).toEqual({ 'same-origin': 'SUCCESS', 'cross-origin': 'SUCCESS' });
    const session = await answeredCalls(tabId, 2);
    expect(calls(session).map((c) => c.frameUrl).sort()).toEqual([
      server.url('/patterns/frame-child.html?frame=cross-origin', '127.0.0.1'),
      server.url('/patterns/frame-child.html?frame=same-origin'),
    ]);
    expect(session.url).toBe(server.url('/patterns/frames.html'));
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('Open Finance redirect', () => {
  it('keeps checkout, the bank and captureRedirect in one session with navigation events, across a reload too', async () => {
    const { page, tabId, problems } = await open('/patterns/redirect-checkout.html');
    await Promise.all([page.waitForURL('**/patterns/bank.html?**'), page.click('#checkout')]);
    await Promise.all([page.waitForURL('**/patterns/redirect-return.html?**'), page.click('#authorise')]);
    await expect.poll(() => page.textContent('#result')).toBe('SUCCESS');
    const returnUrl = page.url();
    expect(returnUrl).toContain('consent_attempt_id=pattern-attempt-0001');

    const once = await answeredCalls(tabId, 2);
    const checkoutUrl = server.url('/patterns/redirect-checkout.html');
    expect(summary(once)).toEqual([
      `navigation ${checkoutUrl}`,
      'call checkout',
      'callback REDIRECT',
      `navigation ${server.url('/patterns/bank.html')}?back=${encodeURIComponent(server.url('/patterns/redirect-return.html'))}`,
      `navigation ${returnUrl}`,
      'call captureRedirect',
      'callback SUCCESS',
    ]);
    expect(calls(once)[1]).toMatchObject({
      config: { consent_attempt_id: 'pattern-attempt-0001', granular_status_code: 'ACCEPTED_BY_BANK' },
    });

    await page.reload();
    await expect.poll(() => page.textContent('#result')).toBe('SUCCESS');
    const reloaded = await answeredCalls(tabId, 3);
    expect(summary(reloaded).slice(7)).toEqual([`navigation ${returnUrl}`, 'call captureRedirect', 'callback SUCCESS']);
    expect(reloaded.droppedEvents).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** The session as one line per event: navigations, calls and callbacks (loaders and sdk events left out). */
function summary(session: StoredTabSession): string[] {
  return session.events.flatMap((e) =>
    e.type === 'navigation'
      ? [`navigation ${e.url}`]
      : e.type === 'call'
        ? [`call ${e.method}`]
        : e.type === 'callback'
          ? [`callback ${(e.data as { status: string }).status}`]
          : [],
  );
}

describe('multiple tabs', () => {
  it('shows each tab’s panel only its own tab’s events', async () => {
    const a = await open('/patterns/static-head.html');
    const b = await open('/patterns/dynamic-after-click.html');
    expect(a.tabId).not.toBe(b.tabId);
    await a.page.click('#connect');
    await b.page.click('#pay');
    await answeredCalls(a.tabId, 1);
    await answeredCalls(b.tabId, 1);
    const panelA = await browser.openPanel(a.tabId);
    const panelB = await browser.openPanel(b.tabId);
    await expect.poll(() => panelA.locator('.row.call').allTextContents()).toEqual([expect.stringContaining('connect')]);
    await expect.poll(() => panelB.locator('.row.call').allTextContents()).toEqual([expect.stringContaining('pay')]);
    // Live appends reach only the tab they belong to.
    await a.page.click('#connect');
    await expect.poll(() => panelA.locator('.row.call').count()).toBe(2);
    expect(await panelB.locator('.row.call').count()).toBe(1);
    expect(await panelB.textContent('.tab-url')).toBe(server.url('/patterns/dynamic-after-click.html'));
    for (const p of [panelA, panelB, a.page, b.page]) await p.close();
  });
});

/**
 * Issue 14, points 4–7: a fixed Lean built on EventTarget, a page with Prototype.js-style
 * toJSON methods, a frozen SDK with #private getters, and accessors on Array.prototype /
 * Object.prototype. Each page behaves as without the extension and its calls are stored whole.
 */
describe('hostile pages (issue 14)', () => {
  it('wraps a fixed Lean extending EventTarget on its own class, never on EventTarget.prototype', async () => {
    const { page, tabId, problems } = await open('/patterns/hostile-event-target.html');
    expect(await kit(page, 'returned')).toBe('event target ok');
    expect(await kit(page, 'samePrototype')).toBe(true);
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
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
    const session = await answeredCalls(tabId, 1);
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
    const session = await answeredCalls(tabId, 1);
    expect(calls(session).map((c) => c.method)).toEqual(['connect']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hands accessors on Array.prototype and Object.prototype nothing of ours, and loses no field', async () => {
    const { page, tabId, problems } = await open('/patterns/hostile-accessors.html');
    expect(await kit(page, 'returned')).toBe('accessors ok');
    expect(await statusesOf(page, 'connect')).toEqual(['SUCCESS']);
    const session = await answeredCalls(tabId, 1);
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
