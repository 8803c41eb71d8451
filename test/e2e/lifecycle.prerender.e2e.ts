/**
 * Issue 9, "Lifecycle faults": a page prerendered by Speculation Rules calls Lean before
 * anyone sees it. Until it is activated it is not the tab's page: the tab's session must not
 * change; once activated, its events appear once, under the tab that shows it.
 *
 * The prerendered page is served with a CSP header (prerendered.html.headers.json): the tab's
 * CSP audit is the shown page's until the prerendered one is activated.
 *
 * Chromium over a bare CDP pipe (support/lifecycle.ts, `launchBareChromium`): a Playwright
 * page session makes Chromium refuse prerendering ("PrerenderingDisabledByDevTools"), so no
 * session is attached to the tab until the prerendered page has made its call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { TabSession } from '../../lib/protocol';
import type { SessionEvent } from '../../lib/model/types';
import { decodeTab } from '../../lib/background/store';
import { launchBareChromium, type BareChromium } from './support/lifecycle';

let server: FixtureServer;
let browser: BareChromium;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchBareChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface StoredSummary {
  tabId: number;
  url: string;
  title: string;
  events: SessionEvent[];
  cspPolicies: string[] | null;
}

/** Every stored session, read from the extension's storage and decoded here. */
async function sessions(): Promise<StoredSummary[]> {
  const all = await browser.inExtension<Record<string, unknown>>('chrome.storage.session.get(null)');
  return Object.keys(all)
    .filter((key) => /^tab:\d+$/.test(key))
    .map((key) => {
      const tabId = Number(key.slice(4));
      const { meta, events } = decodeTab(tabId, all);
      return { tabId, url: meta.url, title: meta.title, events, cspPolicies: meta.csp ? meta.csp.policies.map((p) => `${p.source} ${p.text}`) : null };
    });
}

async function waitFor(what: string, ready: (all: StoredSummary[]) => boolean, timeoutMs = 10_000): Promise<StoredSummary[]> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 100))) {
    const all = await sessions();
    if (ready(all)) return all;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(all).slice(0, 2000)}`);
  }
}

/** The tab showing `url` (from `chrome.tabs`: a page without Lean leaves no session to find it by). */
async function tabShowing(url: string): Promise<number> {
  for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const id = await browser.inExtension<number | null>(
      `chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(url)})?.id ?? null)`,
    );
    if (id !== null) return id;
    if (Date.now() > deadline) throw new Error(`no tab shows ${url}`);
  }
}

describe('a prerendered page', () => {
  it('adds nothing to the tab while it is prerendered, and its events once, under that tab, when it is activated', async () => {
    const start = server.url('/reliability/prerender-start.html');
    const prerendered = server.url('/reliability/prerendered.html');
    const targetId = await browser.openTab(start);
    const tabId = await tabShowing(start);

    // The prerender runs now (it takes ~200 ms here); its page calls Lean while prerendered.
    await new Promise((r) => setTimeout(r, 3_000));
    const checkedAt = Date.now();
    // The start page has no Lean: the tab records nothing, and the prerendered page sends nothing yet.
    expect(await sessions()).toEqual([]);

    // Activate it the way a user does: follow the link.
    await browser.inTab(targetId, `document.getElementById('checkout').click()`);
    const after = await waitFor('the activated page’s callback', (all) =>
      all.some((s) => s.events.some((e) => e.type === 'callback')),
    );
    const page = await browser.inTab<{ prerenderingAtCall: boolean; activated: boolean; activationStart: number; url: string }>(
      targetId,
      `({ ...window.Prerender, activationStart: performance.getEntriesByType('navigation')[0].activationStart, url: location.href })`,
    );
    // The page really was prerendered, and really called Lean then.
    expect(page).toMatchObject({ prerenderingAtCall: true, activated: true, url: prerendered });
    expect(page.activationStart).toBeGreaterThan(0);

    // One session, the tab's own, from the page with Lean on: its navigation, then its events, once each.
    expect(after.map((s) => s.tabId)).toEqual([tabId]);
    const session = after[0]! as StoredSummary & Pick<TabSession, 'url'>;
    expect(session.url).toBe(prerendered);
    expect(session.title).toBe('Reliability: prerendered checkout');
    expect(session.events.map((e) => e.type)).toEqual(['navigation', 'loader', 'sdk', 'call', 'callback']);
    expect(session.events.filter((e) => e.type === 'navigation').map((e) => (e as { url: string }).url)).toEqual([prerendered]);
    const call = session.events.find((e) => e.type === 'call')!;
    expect(call).toMatchObject({ frameUrl: prerendered, config: { customer_id: 'prerendered-customer-01' } });
    // The call was recorded before the check above found nothing: the relay held it until activation.
    expect(call.time).toBeLessThan(checkedAt);
  });

  it('keeps the shown page’s CSP audit while another page is prerendered, and audits the prerendered page’s headers once it is activated', async () => {
    const start = server.url('/reliability/prerender-start.html?test=csp');
    const prerendered = server.url('/reliability/prerendered.html');
    const targetId = await browser.openTab(start);
    const tabId = await tabShowing(start);
    await new Promise((r) => setTimeout(r, 3_000));
    // The start page has no Lean (so no session) and no CSP; the prerendered page's header is not the tab's yet.
    expect((await sessions()).find((s) => s.tabId === tabId)).toBeUndefined();

    await browser.inTab(targetId, `document.getElementById('checkout').click()`);
    const activated = await waitFor('the activated page’s audit', (all) =>
      all.some((s) => s.tabId === tabId && s.url === prerendered && s.cspPolicies !== null),
    );
    expect(await browser.inTab(targetId, `performance.getEntriesByType('navigation')[0].activationStart > 0`)).toBe(true);
    expect(activated.find((s) => s.tabId === tabId)!.cspPolicies).toEqual([`header script-src 'self' 'unsafe-inline'`]);
  });
});
