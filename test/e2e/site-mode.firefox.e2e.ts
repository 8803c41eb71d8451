/**
 * Issue 17, per-site mode, in Firefox ESR: the options page (opened through the e2e build's
 * probe, then driven over BiDi, whose clicks are user input) drops all-sites access and
 * enables localhost. Firefox asks before granting; `extensions.webextOptionalPermissionPrompts`
 * off answers yes, as the user would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { E2E_REQUEST_EVENT, E2E_RESPONSE_EVENT, type E2eProbeCommand } from '../../lib/protocol';
import { waitForSession } from './support/firefox';
import { launchFirefoxWithPrefs } from './support/firefox-lifecycle';
import type { KitWindow } from './support/kit';

let server: FixtureServer;
let firefox: Browser;

beforeAll(async () => {
  server = await startFixtureServer();
  firefox = await launchFirefoxWithPrefs({ 'extensions.webextOptionalPermissionPrompts': false });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const PAGE = '/patterns/static-head.html';

/** Sends a command to the e2e build's probe in `page` (its relay must be running there). */
function probe(page: Page, command: E2eProbeCommand): Promise<unknown> {
  return page.evaluate(
    (request, response, detail) =>
      new Promise<unknown>((resolve) => {
        document.addEventListener(response, (e) => resolve(JSON.parse((e as CustomEvent<string>).detail)), { once: true });
        document.dispatchEvent(new CustomEvent(request, { detail }));
      }),
    E2E_REQUEST_EVENT,
    E2E_RESPONSE_EVENT,
    command,
  );
}

/** The options page, opened by the background (BiDi reports its URL as about:blank). */
async function openOptions(from: Page): Promise<Page> {
  await probe(from, 'open-options');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const page of await firefox.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.endsWith('/options.html')) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the options page did not open');
}

const hookInstalled = (page: Page) => page.evaluate(() => Object.getOwnPropertyDescriptor(Window.prototype, 'Lean') !== undefined);

async function statusesOf(page: Page, label: string): Promise<string[]> {
  await page.waitForFunction((l) => ((window as unknown as KitWindow).Kit.results[l] ?? []).length > 0, {}, label);
  return page.evaluate((l) => (window as unknown as KitWindow).Kit.results[l]!.map((d) => d.status), label);
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('per-site mode in Firefox ESR', () => {
  it('runs only on the sites chosen on the options page: a chosen site from its first call, an unchosen one not at all', async () => {
    // Every site (the default): the hook is on 127.0.0.1 too.
    const start = await firefox.newPage();
    await start.goto(`${server.url(PAGE, '127.0.0.1')}?every-site`);
    expect(await hookInstalled(start)).toBe(true);

    const options = await openOptions(start);
    await start.close();
    await options.click('#mode-chosen-sites');
    await waitFor(() => options.evaluate(() => (document.getElementById('mode-chosen-sites') as HTMLInputElement).checked));
    await options.click('.suggestion[data-site="*://localhost/*"]');
    await waitFor(async () =>
      (await options.evaluate(() => [...document.querySelectorAll('#site-list li')].map((li) => li.getAttribute('data-site')))).includes(
        '*://localhost/*',
      ),
    );

    const chosen = await firefox.newPage();
    await chosen.goto(server.url(PAGE, 'localhost'));
    await chosen.click('#connect');
    expect(await statusesOf(chosen, 'connect')).toEqual(['SUCCESS']);
    const session = await waitForSession(chosen, (s) => s.events.some((e) => e.type === 'callback'));
    const calls = session.events.filter((e) => e.type === 'call');
    expect(calls.map((c) => c.type === 'call' && c.method)).toEqual(['connect']);

    const unchosenUrl = server.url(PAGE, '127.0.0.1');
    const unchosen = await firefox.newPage();
    await unchosen.goto(unchosenUrl);
    expect(await hookInstalled(unchosen)).toBe(false);
    await unchosen.click('#connect');
    expect(await statusesOf(unchosen, 'connect')).toEqual(['SUCCESS']);
    // Asked after the unchosen page's call: the chosen page's relay answers in order.
    const stored = (await probe(chosen, 'stored-urls')) as string[];
    expect(stored).toContain(server.url(PAGE, 'localhost'));
    expect(stored).not.toContain(unchosenUrl);
    for (const page of [chosen, unchosen]) await page.close();
  });

  it('records nothing where our scripts run but the site is not chosen (access for the moment, as a toolbar click gives)', async () => {
    const chosen = await firefox.newPage();
    await chosen.goto(`${server.url(PAGE, 'localhost')}?grant`);
    const options = await openOptions(chosen);
    const sites = () => options.evaluate(() => [...document.querySelectorAll('#site-list li')].map((li) => li.getAttribute('data-site')));
    // The grant: 127.0.0.1 while its page loads, so the browser runs our scripts there…
    await options.click('.suggestion[data-site="*://127.0.0.1/*"]');
    await waitFor(async () => (await sites()).includes('*://127.0.0.1/*'));
    const page = await firefox.newPage();
    await page.goto(`${server.url('/patterns/dynamic-after-click.html', '127.0.0.1')}?granted`);
    expect(await hookInstalled(page)).toBe(true);
    // …then the site is not in the list any more; the scripts stay in the page, as after a toolbar click.
    await options.click('#site-list li[data-site="*://127.0.0.1/*"] button');
    await waitFor(async () => !(await sites()).includes('*://127.0.0.1/*'));
    await page.click('#pay');
    expect(await statusesOf(page, 'pay')).toEqual(['SUCCESS']);
    // A chosen page's call stored after it: whatever 127.0.0.1 would have sent has arrived by then.
    await chosen.click('#connect');
    await waitForSession(chosen, (s) => s.events.some((e) => e.type === 'callback'));
    const stored = (await probe(chosen, 'stored-urls')) as string[];
    expect(stored.filter((url) => url.includes('127.0.0.1'))).toEqual([]);
    for (const p of [page, options, chosen]) await p.close();
  });

  it('runs on every site again once the options page asks for all-sites access', async () => {
    const start = await firefox.newPage();
    await start.goto(server.url(PAGE, 'localhost'));
    const options = await openOptions(start);
    await start.close();
    await options.click('#mode-all-sites');
    await waitFor(() => options.evaluate(() => (document.getElementById('mode-all-sites') as HTMLInputElement).checked));
    const page = await firefox.newPage();
    await page.goto(`${server.url(PAGE, '127.0.0.1')}?every-site-again`);
    expect(await hookInstalled(page)).toBe(true);
    for (const p of [page, options]) await p.close();
  });
});
