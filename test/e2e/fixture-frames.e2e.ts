/**
 * The packaged Playwright adapter takes binding calls from the page's main frame only: a
 * cross-origin frame (or a same-origin one) that calls the binding Playwright exposes to every
 * frame can neither take the test's recorded answers nor write into its call log.
 */
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as PlaywrightAdapter from '../../lib/fixtures/adapters/playwright';
import type { LeanFixture } from '../../lib/fixtures/format';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchPlainChromium } from './support/chromium';

const adapter = (await import(path.resolve('dist/fixtures/playwright.js'))) as typeof PlaywrightAdapter;

const FIXTURE: LeanFixture = {
  format: 'lean-devtools-fixture',
  version: 1,
  createdAt: '2026-12-07T12:00:00.000Z',
  source: { kind: 'session', name: 'frames', exportedAt: null, pageUrl: 'http://localhost/' },
  loader: null,
  timing: 'instant',
  answers: { pay: [{ callback: { status: 'SUCCESS', message: 'paid' }, throws: null, delayMs: 0 }] },
};

let server: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchPlainChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Serves a top page on localhost with a cross-origin frame (127.0.0.1) and a same-origin one. */
async function serveFramedPage(page: Page): Promise<string> {
  const crossOrigin = server.url('/lean-frames/frame.html', '127.0.0.1');
  const sameOrigin = server.url('/lean-frames/frame.html');
  await page.route(/\/lean-frames\//, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: route.request().url().endsWith('top.html') ? `<iframe src="${crossOrigin}"></iframe><iframe src="${sameOrigin}"></iframe>` : '<p>frame</p>',
    }),
  );
  return server.url('/lean-frames/top.html');
}

/** What a frame's own script gets from the binding: the answer, or the refusal. */
function callBinding(frame: Frame, message: unknown): Promise<string> {
  return frame.evaluate(async (m) => {
    const binding = (window as unknown as Record<string, ((m: unknown) => Promise<unknown>) | undefined>).__leanDevtoolsFixture;
    if (typeof binding !== 'function') return 'no binding';
    try {
      return `answered ${JSON.stringify(await binding(m))}`;
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  }, message);
}

describe('Playwright fixture adapter, other frames', () => {
  it('refuses binding calls from a cross-origin and a same-origin frame, and answers the main frame’s Lean call', async () => {
    const page = await browser.newPage();
    const top = await serveFramedPage(page);
    const lean = await adapter.installLeanMock(page, FIXTURE, { exposeAt: 'start' });
    await page.goto(top, { waitUntil: 'load' });
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames.map((f) => new URL(f.url()).hostname).sort()).toEqual(['127.0.0.1', 'localhost']);
    for (const frame of frames) {
      expect(await callBinding(frame, { type: 'answer', method: 'pay' })).toMatch(/^refused: .*main frame only/);
      const forged = { type: 'record', document: 'forged', index: 0, call: { method: 'pay', config: {}, error: 'forged failure' } };
      expect(await callBinding(frame, forged)).toMatch(/^refused/);
      // No stand-in booted there either.
      expect(await frame.evaluate(() => typeof (window as unknown as { Lean?: unknown }).Lean)).toBe('undefined');
    }
    expect(lean.remaining('pay')).toBe(1);
    expect(lean.calls()).toEqual([]);

    const status = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          (window as unknown as { Lean: { pay(config: unknown): void } }).Lean.pay({ app_token: 'a', payment_intent_id: 'pi-1', callback: (r: { status: string }) => resolve(r.status) });
        }),
    );
    expect(status).toBe('SUCCESS');
    expect(lean.remaining('pay')).toBe(0);
    expect(lean.calls().map((c) => c.method)).toEqual(['pay']);
    await page.close();
  });
});
