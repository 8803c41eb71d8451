/**
 * Issue 3, "the page never notices us": pages of test/fixtures/patterns/ run in Chromium
 * with the extension and, for the baselines, in the same Chromium without it (a second,
 * plain browser started once for the whole file). What the page can observe must be the
 * same in both; our failures never reach the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { PAGE_CHANNEL } from '../../lib/protocol';
import type { CallEvent, SessionEvent } from '../../lib/model/types';
import {
  launchPlainChromium,
  launchWithExtension,
  readStoredSession,
  reloadExtension,
  waitForStoredSession,
  type ExtensionBrowser,
  type StoredTabSession,
} from './support/chromium';
import type { KitWindow } from './support/kit';

/** What patterns/bounded.html records on `window`. */
interface BoundedWindow {
  CallOutcome?: string;
  /** How often each of the config's getters ran. */
  Getters: { counted: number; throwing: number };
}

/** The counter a test adds to a page (in `page.evaluate`) for the hook's DOM-channel posts. */
interface HookPostsWindow {
  hookPosts: number;
}

let server: FixtureServer;
let extension: ExtensionBrowser;
let plain: Browser;

beforeAll(async () => {
  server = await startFixtureServer();
  [extension, plain] = await Promise.all([launchWithExtension(), launchPlainChromium()]);
});

afterAll(async () => {
  await extension?.close();
  await plain?.close();
  await server?.close();
});

interface Run {
  page: Page;
  /** Console messages and uncaught errors of the page, in every world Playwright reports. */
  noise: string[];
}

async function openIn(where: 'extension' | 'plain', path: string): Promise<Run> {
  const page = where === 'extension' ? await extension.context.newPage() : await plain.newPage();
  const noise: string[] = [];
  page.on('console', (message) => noise.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => noise.push(`pageerror: ${error.message}`));
  await page.goto(server.url(path));
  return { page, noise };
}

const calls = (s: StoredTabSession): CallEvent[] => s.events.filter((e): e is CallEvent => e.type === 'call');
const ofType = <T extends SessionEvent['type']>(s: StoredTabSession, type: T) =>
  s.events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);

describe('a page without the SDK', () => {
  it('sees the same globals as without the extension, no Lean, no console output, no error and no message event', async () => {
    const fingerprint = async (where: 'extension' | 'plain') => {
      const { page, noise } = await openIn(where, '/patterns/no-sdk.html');
      await page.waitForSelector('html[data-settled]');
      const seen = await page.evaluate(() => ({
        keys: Object.keys(window),
        ownNames: Object.getOwnPropertyNames(window).sort(),
        documentNames: Object.getOwnPropertyNames(document).sort(),
        typeofLean: typeof (window as unknown as { Lean: unknown }).Lean,
        ownLean: Object.getOwnPropertyDescriptor(window, 'Lean') === undefined ? 'none' : 'defined',
        observed: (window as unknown as { Observed: unknown }).Observed,
      }));
      return { page, seen, noise };
    };
    const withExtension = await fingerprint('extension');
    const without = await fingerprint('plain');
    // The extension did run in that page: its hook's trap waits on Window.prototype.
    expect(await withExtension.page.evaluate(() => Object.getOwnPropertyDescriptor(Window.prototype, 'Lean') !== undefined)).toBe(true);
    expect(withExtension.seen).toEqual(without.seen);
    expect(withExtension.seen.typeofLean).toBe('undefined');
    expect(withExtension.seen.ownLean).toBe('none');
    expect(withExtension.seen.observed).toEqual({ messages: [], errors: [] });
    expect(withExtension.noise).toEqual([]);
    await withExtension.page.close();
    await without.page.close();
  });
});

describe('our failures never reach the page', () => {
  it('keeps a page working, and captures it, when the page broke JSON.stringify, Array.prototype.map, Object.keys, postMessage and dispatchEvent before the SDK loaded', async () => {
    const { page, noise } = await openIn('extension', '/patterns/hostile.html');
    const tabId = await extension.tabIdOf(page);
    await page.click('#connect');
    await expect.poll(() => page.textContent('#result')).toBe('SUCCESS');
    const session = await waitForStoredSession(extension, tabId, (s) => ofType(s, 'callback').length > 0);
    const [call] = calls(session);
    expect(call).toMatchObject({ method: 'connect', config: { customer_id: 'hostile-customer-01' } });
    expect(call!.callsite).toContain('/patterns/hostile.html:');
    expect(ofType(session, 'callback')[0]).toMatchObject({ callId: call!.id, data: { status: 'SUCCESS' } });
    // The page's Error.prepareStackTrace never saw our stack traces. (Read from the DOM:
    // Playwright's evaluate needs the Function.prototype.bind this page broke.)
    expect(await page.getAttribute('html', 'data-prepare-stack-trace-calls')).toBeNull();
    expect(noise).toEqual([]);
    await page.close();
  });

  it('captures cycles, throwing getters, functions, symbols, BigInt, Date, DOM nodes, huge strings and arrays and deep nesting bounded, running each getter once and never throwing', async () => {
    const { page, noise } = await openIn('extension', '/patterns/bounded.html');
    const tabId = await extension.tabIdOf(page);
    await page.click('#connect');
    await page.waitForSelector('html[data-status="SUCCESS"]');
    expect(await page.evaluate(() => (window as unknown as BoundedWindow).CallOutcome)).toBe('returned');
    // The SDK reads neither getter: each ran once, for the snapshot, and never again.
    expect(await page.evaluate(() => (window as unknown as BoundedWindow).Getters)).toEqual({ counted: 1, throwing: 1 });
    const session = await waitForStoredSession(extension, tabId, (s) => ofType(s, 'callback').length > 0);
    const config = calls(session)[0]!.config as Record<string, unknown>;
    expect(config).toMatchObject({
      app_token: expect.stringMatching(/^\[redacted app_token/),
      cyclic: { name: 'cycle', self: '[circular]' },
      counted: 'read once',
      throwing: '[getter threw: getter exploded]',
      helper: '[function namedHelper]',
      symbol: '[symbol marker]',
      big: '[bigint 12345678901234567890]',
      when: '[date 2026-01-02T03:04:05.000Z]',
      node: '[element body]',
      hugeString: expect.stringMatching(/^x{2000}…\[truncated 998000 chars\]$/),
      callback: expect.stringMatching(/^\[function/),
      echo: '[circular]',
    });
    const hugeArray = config.hugeArray as unknown[];
    expect(hugeArray).toHaveLength(101);
    expect(hugeArray[100]).toBe('[truncated: +99900 items]');
    expect(JSON.stringify(config.deep)).toContain('[truncated: depth]');
    expect(JSON.stringify(calls(session)[0]).length).toBeLessThan(64 * 1024);
    expect(noise).toEqual([]);
    await page.close();
  });

  it('shows the page the same `this`, arguments, return values, thrown errors, callbacks and timing as without the extension', async () => {
    const observe = async (where: 'extension' | 'plain') => {
      const { page, noise } = await openIn(where, '/patterns/fidelity.html');
      await page.click('#run');
      await page.waitForSelector('html[data-done]');
      const fidelity = await page.evaluate(() => (window as unknown as { Fidelity: Record<string, unknown> }).Fidelity);
      return { page, fidelity, noise };
    };
    const without = await observe('plain');
    const withExtension = await observe('extension');
    // The fixture means what it says: without the extension every identity holds.
    expect(without.fidelity).toEqual({
      methodStable: true,
      methodName: '',
      methodLength: 2,
      methodHasPrototype: true,
      methodIsOwn: false,
      instanceOf: true,
      keys: '',
      json: '{}',
      sideEffectSynchronous: 'connect ran',
      returnedIdentity: true,
      sdkThisIsItsInstance: true,
      extraIdentity: true,
      argc: 2,
      sameConfigSeenTwice: true,
      thrown: 'the SDK’s own error',
      methodCallbackThisIsConfig: true,
      methodCallbackData: true,
      detached: 'returned',
      explicitThis: true,
      callbackThisIsSdkChoice: true,
      callbackDataIsSdkObject: true,
      callbackSecondArgument: 'second argument',
      callbackArgc: 2,
      errorFromCallbackIdentity: true,
      order: 'callback > page timer > callback',
      sdkLog: 'connect ran|connect ran|connect ran|connect ran|connect ran|connect ran|callback due|callback due|callback due|callback due|callback due',
    });
    expect(withExtension.fidelity).toEqual(without.fidelity);
    expect(withExtension.noise).toEqual(without.noise);

    // …and it was all recorded.
    const tabId = await extension.tabIdOf(withExtension.page);
    const session = await waitForStoredSession(extension, tabId, (s) => ofType(s, 'callback').length >= 6);
    expect(calls(session).map((c) => c.method)).toEqual(['connect', 'connect', 'connect', 'connect', 'pay', 'connect', 'connect']);
    expect(ofType(session, 'call-error')).toMatchObject([{ callId: calls(session)[2]!.id, message: 'Lean.connect: refused by the SDK' }]);
    // Both calls with the same config got their own callback.
    const [first, second] = calls(session);
    for (const call of [first, second]) expect(ofType(session, 'callback').filter((c) => c.callId === call!.id)).toHaveLength(1);
    await withExtension.page.close();
    await without.page.close();
  });
});

describe('the extension reloaded under an open page', () => {
  it('lets the orphaned scripts go quiet, with no error in the page', async () => {
    const { page, noise } = await openIn('extension', '/patterns/static-head.html');
    const tabId = await extension.tabIdOf(page);
    await page.click('#connect');
    await page.waitForFunction(() => (window as unknown as KitWindow).Kit.results.connect?.length === 1);
    await waitForStoredSession(extension, tabId, (s) => ofType(s, 'callback').length === 1);
    // Count what the hook still posts on its DOM channel from now on.
    await page.evaluate((channel) => {
      const w = window as unknown as HookPostsWindow;
      w.hookPosts = 0;
      document.addEventListener(channel, () => w.hookPosts++);
    }, PAGE_CHANNEL);

    await reloadExtension(extension);

    const postsAfterCall = async (n: number): Promise<number> => {
      await page.click('#connect');
      await page.waitForFunction((count) => (window as unknown as KitWindow).Kit.results.connect!.length === count, n);
      await page.waitForTimeout(100);
      return page.evaluate(() => (window as unknown as HookPostsWindow).hookPosts);
    };
    // The first batch reaches the orphaned relay, which finds the extension gone and stops;
    // the next finds nobody listening, and the hook posts nothing more after that.
    const afterTwo = await (async () => {
      await postsAfterCall(2);
      return postsAfterCall(3);
    })();
    expect(afterTwo).toBeLessThanOrEqual(2);
    expect(await postsAfterCall(4)).toBe(afterTwo);
    expect(await postsAfterCall(5)).toBe(afterTwo);
    // The page kept working throughout, and saw nothing.
    expect(await page.evaluate(() => (window as unknown as KitWindow).Kit.results.connect!.map((d) => d.status))).toEqual(
      Array(5).fill('SUCCESS'),
    );
    expect(noise).toEqual([]);
    // The reloaded extension starts clean and hears nothing from the orphans.
    expect((await readStoredSession(extension, tabId)).events).toEqual([]);
    await page.close();
  });
});
