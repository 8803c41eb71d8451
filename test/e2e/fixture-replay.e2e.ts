/**
 * Fixtures end to end: record the demo shop's four outcomes with the extension, export the
 * session from the panel, turn it into a fixture with `fixture generate`, then replay it on the
 * same shop in a Chromium WITHOUT the extension or the Lean stand-in SDK, through the packaged
 * Playwright adapter: the page shows the same outcomes, and no fixture holds a raw token.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runGenerate, runVerify } from '../../lib/fixtures/command';
import type * as PlaywrightAdapter from '../../lib/fixtures/adapters/playwright';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { ACCESS_TOKEN_SIGNATURE, secrets } from '../fixtures/demo/secrets';
import { launchPlainChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';

/** The adapter as an integrator gets it: the package's built file (`npm run build:package`). */
const adapter = (await import(path.resolve('dist/fixtures/playwright.js'))) as typeof PlaywrightAdapter;

let server: FixtureServer;
let dir: string;
let fixturePath: string;
let recorded: Outcome[];
/** The panel's "Export as fixture": all rows, and only the rows a filter shows. */
let panelFixture: { name: string; text: string };
let filteredFixture: { name: string; text: string };

interface Outcome {
  method: string;
  status: string;
  secondary: string | null;
}

/** What the demo page shows for its latest Lean callback. */
async function lastOutcome(page: Page): Promise<Outcome> {
  return page.evaluate(() => {
    const last = (window as unknown as { AcmeDemo: { callbacks: { method: string; response: { status: string; secondary_status?: string | null } }[] } }).AcmeDemo.callbacks.at(-1)!;
    const shown = document.querySelector('#last-callback')!;
    return { method: shown.getAttribute('data-method')!, status: shown.textContent!, secondary: last.response.secondary_status ?? null };
  });
}

async function run(page: Page, button: string, outcome: string): Promise<Outcome> {
  const before = Number(await page.getAttribute('#last-callback', 'data-count'));
  await page.selectOption('#outcome', outcome);
  await page.click(button);
  await page.waitForFunction((n) => Number(document.querySelector('#last-callback')?.getAttribute('data-count')) > n, before);
  return lastOutcome(page);
}

/** The demo shop's flows: connect, a failed and a cancelled payment, the Open Finance redirect and its capture. */
async function shop(page: Page): Promise<Outcome[]> {
  await page.goto(server.url('/demo/'));
  const outcomes = [
    await run(page, '#connect', 'success'),
    await run(page, '#pay', 'error'),
    await run(page, '#pay', 'cancelled'),
    await run(page, '#checkout', 'redirect'),
  ];
  await Promise.all([page.waitForURL(/return\.html/), page.click('#simulate-return')]);
  await page.waitForFunction(() => document.querySelector('#last-callback')?.getAttribute('data-method') === 'captureRedirect');
  outcomes.push(await lastOutcome(page));
  return outcomes;
}

beforeAll(async () => {
  server = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'lean-fixture-e2e-'));
  const ext: ExtensionBrowser = await launchWithExtension();
  try {
    const page = await ext.context.newPage();
    recorded = await shop(page);
    const panel = await ext.openPanel(await ext.tabIdOf(page));
    await panel.locator('.row.call').nth(4).waitFor();
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    const sessionPath = path.join(dir, 'demo.lean-session.json');
    await writeFile(sessionPath, await readFile((await download.path())!, 'utf8'));
    const fromPanel = async () => {
      const [file] = await Promise.all([panel.waitForEvent('download'), panel.click('#export-fixture')]);
      return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
    };
    panelFixture = await fromPanel();
    await panel.fill('#filter-text', 'INVALID_CREDENTIALS');
    await panel.check('#export-filtered');
    filteredFixture = await fromPanel();
    fixturePath = path.join(dir, 'demo.lean-fixture.json');
    const code = await runGenerate({ from: sessionPath, out: fixturePath }, { out: () => {}, err: (line) => console.error(line), now: () => new Date() });
    if (code !== 0) throw new Error(`fixture generate exited ${code}`);
  } finally {
    await ext.close();
  }
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a fixture recorded from the demo shop', () => {
  it('recorded the four outcomes and the captured redirect', () => {
    expect(recorded).toEqual([
      { method: 'connect', status: 'SUCCESS', secondary: null },
      { method: 'pay', status: 'ERROR', secondary: 'INVALID_CREDENTIALS' },
      { method: 'pay', status: 'CANCELLED', secondary: null },
      { method: 'checkout', status: 'REDIRECT', secondary: null },
      { method: 'captureRedirect', status: 'SUCCESS', secondary: null },
    ]);
  });

  it('holds no raw token of the page, from the command line or the panel', async () => {
    for (const text of [await readFile(fixturePath, 'utf8'), panelFixture.text, filteredFixture.text]) {
      for (const secret of [secrets.appToken, secrets.accessToken, ACCESS_TOKEN_SIGNATURE]) expect(text).not.toContain(secret);
    }
  });

  it('comes out of the panel with the same answers as from the exported session', async () => {
    const answers = (text: string) => JSON.stringify(JSON.parse(text).answers);
    expect(panelFixture.name).toMatch(/^lean-localhost-.*\.lean-fixture\.json$/);
    expect(answers(panelFixture.text)).toBe(answers(await readFile(fixturePath, 'utf8')));
  });

  it('comes out of the panel with only the filtered rows when asked', () => {
    const answers = JSON.parse(filteredFixture.text).answers as Record<string, { callback: { status: string } }[]>;
    expect(Object.fromEntries(Object.entries(answers).map(([method, list]) => [method, list.map((a) => a.callback.status)]))).toEqual({ pay: ['ERROR'] });
  });

  it('passes fixture verify', async () => {
    const lines: string[] = [];
    expect(await runVerify('*.lean-fixture.json', { out: (line) => lines.push(line), err: (line) => lines.push(line), now: () => new Date() }, dir)).toBe(0);
  });
});

describe('replayed with the Playwright adapter, without the extension or the SDK', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchPlainChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reproduces the same outcomes on the page', async () => {
    const page = await browser.newPage();
    const lean = await adapter.installLeanMock(page, fixturePath);
    expect(await shop(page)).toEqual(recorded);
    expect(lean.calls().map((c) => c.method)).toEqual(['connect', 'pay', 'pay', 'checkout', 'captureRedirect']);
    expect(lean.errors()).toEqual([]);
    await page.close();
  });

  it('keeps the stand-in SDK of the test server out: the page’s outcome picker changes nothing', async () => {
    const page = await browser.newPage();
    await adapter.installLeanMock(page, fixturePath);
    await page.goto(server.url('/demo/'));
    expect(await run(page, '#connect', 'error')).toEqual({ method: 'connect', status: 'SUCCESS', secondary: null });
    await page.close();
  });

  it('answers with the status the test asks for', async () => {
    const page = await browser.newPage();
    const lean = await adapter.installLeanMock(page, fixturePath);
    lean.respondNext('connect', { status: 'CANCELLED' });
    await page.goto(server.url('/demo/'));
    expect((await run(page, '#connect', 'success')).status).toBe('CANCELLED');
    await page.close();
  });

  it('fails a call with an invalid config with the panel’s message', async () => {
    const page = await browser.newPage();
    const lean = await adapter.installLeanMock(page, fixturePath);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url('/demo/'));
    await page.evaluate(() => {
      try {
        (window as unknown as { Lean: { pay(config: unknown): void } }).Lean.pay({ app_token: 'x', callback() {} });
      } catch (error) {
        (window as unknown as { caught: string }).caught = (error as Error).name;
      }
    });
    expect(await page.evaluate(() => (window as unknown as { caught: string }).caught)).toBe('LeanFixtureError');
    expect(lean.errors()).toEqual([expect.stringMatching(/^Lean\.pay was called with an invalid config[\s\S]*payment_intent_id/)]);
    await page.close();
  });
});
