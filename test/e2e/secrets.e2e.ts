/**
 * Issue 3, "Secrets": unique secrets planted in every place a token can hide (config and
 * callback data, nested, in arrays, inside URLs, in an SDK error message, in the page's
 * own URL and title) never leave the page unredacted. Where we look, in Chromium:
 *
 * - storage: the tab's session in `storage.session`, read from the service worker;
 * - runtime messages: relay → background, through a second `runtime.onMessage` listener
 *   added in the service worker before the page loads; background → panel, through a
 *   second panel port opened in the panel page (the same subscription the panel uses);
 * - the panel's DOM, with each call's detail opened;
 * - the exported session file (a real download from `#export`) and the fixture made from it
 *   (`#export-fixture`);
 * - log lines: console messages of the page, the panel and the service worker, and
 *   uncaught errors anywhere in the context.
 *
 * A leak is any secret's value without its last four characters (the part a redaction
 * marker never shows) or, for JWTs, the same of its signature.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { PANEL_PORT } from '../../lib/protocol';
import { launchWithExtension, readStoredSession, tabIdWhere, waitForStoredSession, type ExtensionBrowser } from './support/chromium';

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

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const b64url = (text: string): string => Buffer.from(text).toString('base64url');
function jwt(sub: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 3600 }));
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

/** Every secret of one run, by where it is planted. */
const SECRETS = {
  appToken: randomUUID(),
  accessToken: jwt('customer-a'),
  authorizationHeader: `opaque${hex(16)}`,
  apiKey: `key${hex(16)}`,
  clientSecret: `cs${hex(16)}`,
  jwtInArray: jwt('customer-b'),
  jwtInUrlPath: jwt('customer-c'),
  codeInRedirectUrl: `code${hex(16)}`,
  codeInBankUrl: `bank${hex(16)}`,
  tokenInLastApiResponse: `api${hex(16)}`,
  jwtInCallback: jwt('customer-d'),
  refreshTokenInCallback: `rt${hex(16)}`,
  tokenInPageUrl: `page${hex(16)}`,
  jwtInPageHashAndTitle: jwt('customer-e'),
};

/** The parts of each secret that must never appear anywhere. */
const FORBIDDEN = Object.entries(SECRETS).flatMap(([name, value]) => {
  const parts = [value.slice(0, -4)];
  const signature = value.split('.')[2];
  if (signature) parts.push(signature.slice(0, -4));
  return parts.map((part) => ({ name, part }));
});

function leaksIn(text: string): string[] {
  return FORBIDDEN.filter(({ part }) => text.includes(part)).map(({ name }) => name);
}

const planted = {
  config: {
    app_token: SECRETS.appToken,
    access_token: SECRETS.accessToken,
    customer_id: 'secrets-customer-01',
    payment_intent_id: 'secrets-intent-01',
    sandbox: true,
    headers: { Authorization: `Bearer ${SECRETS.authorizationHeader}`, 'X-Api-Key': SECRETS.apiKey },
    customer_metadata: { oauth: { client_secret: SECRETS.clientSecret }, notes: ['first visit', SECRETS.jwtInArray] },
    success_redirect_url: `https://shop.example/return/${SECRETS.jwtInUrlPath}/done?order=7`,
    fail_redirect_url: `https://shop.example/fail?code=${SECRETS.codeInRedirectUrl}&order=7`,
  },
  callbackData: {
    status: 'REDIRECT',
    message: 'Customer was redirected to their bank to authorise.',
    exit_point: 'BANK_REDIRECT',
    open_banking_redirect_url: `https://bank.example/authorize?client_id=lean&code=${SECRETS.codeInBankUrl}&state=xyz`,
    last_api_response: `GET https://api.example/v1/accounts?access_token=${SECRETS.tokenInLastApiResponse} -> 401`,
    bank: { bank_identifier: 'LEANMB1', is_supported: true, details: [{ session: SECRETS.jwtInCallback }] },
    refresh_token: SECRETS.refreshTokenInCallback,
  },
};

/** A listener list of the `chrome.*` event kind. */
interface ChromeEvent {
  addListener(listener: (message: unknown) => void): void;
}

/** The service worker's global, with the tap this test adds on relay → background messages. */
interface WorkerTapGlobal {
  tappedRelayMessages: string[];
  chrome: { runtime: { onMessage: ChromeEvent } };
}

/** The panel's global, with the tap this test adds on background → panel messages. */
interface PanelTapGlobal {
  tappedPanelMessages: string[];
  chrome: { runtime: { connect(info: { name: string }): { onMessage: ChromeEvent; postMessage(message: unknown): void } } };
}

describe('secrets', () => {
  it('never lets a planted secret reach storage, a runtime message, the panel, an export or a log line', async () => {
    const logs: string[] = [];
    browser.context.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    browser.context.on('weberror', (error) => logs.push(`error: ${error.error().message}`));
    const worker = await browser.worker();
    worker.on('console', (message) => logs.push(`worker ${message.type()}: ${message.text()}`));
    // Tap relay → background messages.
    await worker.evaluate(() => {
      const g = globalThis as unknown as WorkerTapGlobal;
      g.tappedRelayMessages = [];
      g.chrome.runtime.onMessage.addListener((message: unknown) => {
        g.tappedRelayMessages.push(JSON.stringify(message));
      });
    });

    const page = await browser.context.newPage();
    const path = `/patterns/secrets.html?access_token=${SECRETS.tokenInPageUrl}#id_token=${SECRETS.jwtInPageHashAndTitle}`;
    await page.goto(server.url(path));
    const tabId = await tabIdWhere(browser, (url) => url.includes('/patterns/secrets.html'));

    // Tap background → panel messages, then let the panel watch the calls arrive.
    const panel = await browser.openPanel(tabId);
    await panel.evaluate(
      ({ id, name }) => {
        const g = globalThis as unknown as PanelTapGlobal;
        g.tappedPanelMessages = [];
        const port = g.chrome.runtime.connect({ name });
        port.onMessage.addListener((message: unknown) => g.tappedPanelMessages.push(JSON.stringify(message)));
        port.postMessage({ kind: 'subscribe', tabId: id });
      },
      { id: tabId, name: PANEL_PORT },
    );

    await page.evaluate((p) => ((window as unknown as { Planted: unknown }).Planted = p), planted);
    await page.click('#run');
    await expect.poll(() => page.textContent('#result')).toBe('REDIRECT');
    const session = await waitForStoredSession(browser, tabId, (s) =>
      ['call-error', 'callback'].every((type) => s.events.some((e) => e.type === type)),
    );

    // Storage.
    const stored = JSON.stringify(await browser.storedSession(tabId));
    // Runtime messages, both ways.
    const relayMessages = (await worker.evaluate(() => (globalThis as unknown as WorkerTapGlobal).tappedRelayMessages)).join('\n');
    await expect.poll(async () => (await panel.evaluate(() => (globalThis as unknown as PanelTapGlobal).tappedPanelMessages)).join('\n')).toContain(
      'call-error',
    );
    const panelMessages = (await panel.evaluate(() => (globalThis as unknown as PanelTapGlobal).tappedPanelMessages)).join('\n');
    // The panel's DOM, every call opened in turn.
    await expect.poll(() => panel.locator('.row.call').count()).toBe(2);
    let panelDom = await panel.content();
    for (const row of await panel.locator('.row.call').all()) {
      await row.locator('button').first().click();
      panelDom += await panel.content();
    }
    // The export.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
    const exported = await readFile((await download.path())!, 'utf8');
    // The fixture made from the same session (issue 20).
    const [fixtureDownload] = await Promise.all([panel.waitForEvent('download'), panel.click('#export-fixture')]);
    const fixture = await readFile((await fixtureDownload.path())!, 'utf8');
    expect(fixture).toContain('[redacted');

    // The places we looked did carry the planted data, redacted: the check is not vacuous.
    for (const text of [stored, relayMessages, panelMessages, exported]) {
      expect(text).toContain('[redacted app_token');
      expect(text).toContain('[redacted access_token');
      expect(text).toContain('code=[redacted code');
      expect(text).toContain('state=xyz');
      expect(text).toContain('is expired');
    }
    expect(panelDom).toContain('[redacted');
    expect(session.title).toContain('Checkout for [redacted');
    expect(session.url).toContain('/patterns/secrets.html?access_token=[redacted');

    expect({
      storage: leaksIn(stored),
      relayMessages: leaksIn(relayMessages),
      panelMessages: leaksIn(panelMessages),
      panelDom: leaksIn(panelDom),
      exported: leaksIn(exported),
      fixture: leaksIn(fixture),
      logs: leaksIn(logs.join('\n')),
    }).toEqual({ storage: [], relayMessages: [], panelMessages: [], panelDom: [], exported: [], fixture: [], logs: [] });
    expect((await readStoredSession(browser, tabId)).events.length).toBeGreaterThan(0);
    await panel.close();
    await page.close();
  });
});
