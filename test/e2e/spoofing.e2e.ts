/**
 * Issue 9, "Spoofing", in Chromium with the store build: a page can dispatch the hook's
 * CustomEvents itself, with forged ids, call ids of other frames or tabs, fake findings and
 * foreign frame URLs. It can only add events to its own tab's session (stamped by the relay),
 * reaches no extension API, and whatever it plants is shown by the panel as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { E2E_REQUEST_EVENT, E2E_RESPONSE_EVENT } from '../../lib/protocol';
import type { CallEvent, SessionEvent } from '../../lib/model/types';
import { launchWithExtension, readStoredSession, waitForStoredSession, type ExtensionBrowser, type StoredTabSession } from './support/chromium';

let server: FixtureServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  ext = await launchWithExtension();
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

const ofType = <T extends SessionEvent['type']>(s: StoredTabSession, type: T) =>
  s.events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
const forge = (page: Page, events: unknown[]): Promise<boolean> =>
  page.evaluate((list) => (window as unknown as { forge(e: unknown[]): boolean }).forge(list), events);
/** The relay's per-document id prefix of an event (`<token>:`). */
const prefixOf = (id: string): string => id.slice(0, id.indexOf(':') + 1);

describe('a page imitating the hook', () => {
  it('adds forged events only to its own tab’s session, stamped with its own frame URL and id prefix, pairing with nothing of another frame or tab', async () => {
    // Another site's tab, with genuine calls.
    const victim = await ext.context.newPage();
    await victim.goto(server.url('/reliability/calls.html?site=victim', '127.0.0.1'));
    const victimTab = await ext.tabIdOf(victim);
    await victim.evaluate(() => (window as unknown as { makeCalls(n: number, l: string): Promise<number> }).makeCalls(2, 'victim'));
    const victimBefore = await waitForStoredSession(ext, victimTab, (s) => ofType(s, 'callback').length === 2);
    const victimCall = ofType(victimBefore, 'call')[0]!;

    // The forging page, with a genuine call in its cross-origin frame.
    const page = await ext.context.newPage();
    await page.goto(server.url('/reliability/spoof.html'));
    const tabId = await ext.tabIdOf(page);
    const genuine = await waitForStoredSession(ext, tabId, (s) => ofType(s, 'callback').length === 1);
    const frameCall = ofType(genuine, 'call')[0]!;
    expect(frameCall.frameUrl).toContain('/patterns/frame-child.html');

    const forged = [
      // A call claiming another site's frame, another tab's id and its own findings.
      {
        type: 'call',
        id: victimCall.id,
        time: Date.now(),
        frameUrl: 'https://bank.example/authorize',
        method: 'connect',
        config: { customer_id: 'forged-customer' },
        findings: [{ code: 'forged-finding', severity: 'error', field: null, message: 'planted by the page' }],
        callsite: null,
      },
      // A callback and an error for the frame's genuine call and for the other tab's call.
      { type: 'callback', id: 'f2', time: Date.now(), callId: frameCall.id, data: { status: 'ERROR', forged: true }, durationMs: 1 },
      { type: 'call-error', id: 'f3', time: Date.now(), callId: victimCall.id, message: 'forged error' },
      { type: 'sdk', id: 'f4', time: Date.now(), state: 'not-hookable', detail: 'forged sdk state' },
    ];
    expect(await forge(page, forged)).toBe(true);
    // The same ids again: a page cannot overwrite what is stored; the copies are refused, counted.
    expect(await forge(page, forged)).toBe(true);

    const session = await waitForStoredSession(ext, tabId, (s) => s.events.length === genuine.events.length + forged.length && s.refusedMessages === forged.length);
    const added = session.events.slice(genuine.events.length);
    const topPrefix = prefixOf(added[0]!.id);
    // Stamped by the relay: the top document's own prefix and URL, whatever the page claimed.
    expect(added.map((e) => e.id)).toEqual(forged.map((e) => topPrefix + e.id));
    expect(added.every((e) => e.frameUrl === page.url())).toBe(true);
    expect(topPrefix).not.toBe(prefixOf(frameCall.id));
    expect(topPrefix).not.toBe(prefixOf(victimCall.id));
    // Call ids point into the forging document only: the frame's call keeps its one genuine callback.
    expect(ofType(session, 'callback').filter((c) => c.callId === frameCall.id)).toHaveLength(1);
    expect(ofType(session, 'callback').find((c) => c.id === topPrefix + 'f2')!.callId).toBe(topPrefix + frameCall.id);
    // Findings are the extension's, never the page's.
    const forgedCall = session.events.find((e): e is CallEvent => e.type === 'call' && e.id === topPrefix + victimCall.id)!;
    expect(forgedCall.findings.map((f) => f.code)).not.toContain('forged-finding');
    expect(session.refusedMessages).toBe(forged.length);

    // The other tab's session did not change at all.
    expect(await readStoredSession(ext, victimTab)).toEqual(victimBefore);
    await page.close();
    await victim.close();
  });

  it('reaches no extension API, no extension resource and no test probe', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('/reliability/spoof.html'));
    await ext.tabIdOf(page);
    const reach = await page.evaluate(
      async ({ id, request, response }) => {
        const g = globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => unknown } } };
        let message = 'no runtime.sendMessage';
        if (typeof g.chrome?.runtime?.sendMessage === 'function') {
          message = await Promise.resolve()
            .then(() => g.chrome!.runtime!.sendMessage!(id, { kind: 'tab-summary', tabId: 1 }))
            .then(
              (answer) => `answered ${JSON.stringify(answer)}`,
              (error: Error) => `refused: ${error.message}`,
            );
        }
        const resource = await fetch(`chrome-extension://${id}/manifest.json`).then(
          (r) => `fetched ${r.status}`,
          () => 'blocked',
        );
        const probe = await new Promise<string>((resolve) => {
          document.addEventListener(response, () => resolve('answered'), { once: true });
          document.dispatchEvent(new CustomEvent(request));
          setTimeout(() => resolve('silent'), 1_000);
        });
        return { message, resource, probe };
      },
      { id: ext.extensionId, request: E2E_REQUEST_EVENT, response: E2E_RESPONSE_EVENT },
    );
    expect(reach.message === 'no runtime.sendMessage' || reach.message.startsWith('refused')).toBe(true);
    expect(reach).toMatchObject({ resource: 'blocked', probe: 'silent' });
    await page.close();
  });
});

/** Sets `window.__pwned` in whatever document runs it; the test reads it in the panel. */
const P = {
  img: (tag: string) => `<img src=x onerror=window.__pwned="${tag}">`,
  script: (tag: string) => `<script>window.__pwned="${tag}"</script>`,
  js: (tag: string) => `javascript:window.__pwned="${tag}"`,
  svg: (tag: string) => `<svg onload=window.__pwned="${tag}"></svg>`,
};

describe('the panel', () => {
  it('renders HTML and script payloads planted in every field it shows as text: no element is created from them and no script runs', async () => {
    // A benign panel first: what the panel's own DOM holds.
    const benign = await ext.context.newPage();
    await benign.goto(server.url('/reliability/calls.html?panel=baseline'));
    await benign.evaluate(() => (window as unknown as { makeCalls(n: number, l: string): Promise<number> }).makeCalls(1, 'baseline'));
    const benignPanel = await ext.openPanel(await ext.tabIdOf(benign));
    await expect.poll(() => benignPanel.locator('[role=option]').count()).toBeGreaterThan(1);
    const baseline = await domCensus(benignPanel);

    const page = await ext.context.newPage();
    await page.goto(server.url(`/reliability/xss.html?q=${encodeURIComponent(P.img('url'))}&next=${P.js('url-js')}`));
    const tabId = await ext.tabIdOf(page);
    // Through the real hook: config keys and values, redirect URLs (finding triggers), an unknown field.
    await page.evaluate(
      (p) => {
        const config: Record<string, unknown> = {
          app_token: 'xss-app-token-0001',
          customer_id: p.customer,
          permissions: [p.permission],
          sandbox: true,
          success_redirect_url: p.redirect,
          fail_redirect_url: p.failRedirect,
          [p.key]: p.value,
          callback: () => undefined,
        };
        (window as unknown as { Lean: { connect(c: unknown): void } }).Lean.connect(config);
      },
      {
        customer: P.img('customer'),
        permission: P.svg('permission'),
        redirect: P.js('redirect'),
        failRedirect: `https://x.example/${P.img('fail-url')}`,
        key: P.img('config-key'),
        value: P.script('config-value'),
      },
    );
    // Forged, for the fields the SDK fills: method name, callback data, correlation id, errors, SDK state.
    const now = Date.now();
    await forge(page, [
      { type: 'call', id: 'x1', time: now, method: P.img('method'), config: { [P.script('forged-key')]: P.js('forged-value') }, findings: [], callsite: P.js('callsite') },
      {
        type: 'callback',
        id: 'x2',
        time: now + 1,
        callId: 'x1',
        durationMs: 5,
        data: {
          status: P.img('status'),
          secondary_status: P.script('secondary'),
          message: P.svg('message'),
          lean_correlation_id: P.img('correlation'),
          exit_point: P.js('exit'),
          bank: { bank_identifier: P.img('bank'), is_supported: true },
        },
      },
      { type: 'call', id: 'x3', time: now + 2, method: 'pay', config: { payment_intent_id: P.img('intent') }, findings: [], callsite: null },
      { type: 'call-error', id: 'x4', time: now + 3, callId: 'x3', message: P.script('call-error') },
      { type: 'sdk', id: 'x5', time: now + 4, state: 'not-hookable', detail: P.img('sdk-detail') },
    ]);
    await waitForStoredSession(ext, tabId, (s) => ofType(s, 'call').length === 3 && ofType(s, 'loader').length === 1);

    const panel = await ext.openPanel(tabId);
    const errors: string[] = [];
    panel.on('pageerror', (error) => errors.push(error.message));
    await expect.poll(() => panel.locator('[role=option]').count()).toBeGreaterThanOrEqual(6);
    // Open every row's detail, and every collapsed part of it.
    const rows = await panel.locator('[role=option]').count();
    for (let i = 0; i < rows; i++) {
      await panel.locator('[role=option]').nth(i).click();
      for (const summary of await panel.locator('details:not([open]) > summary').all()) await summary.click().catch(() => undefined);
      await assertInert(panel, baseline);
    }
    const text = (await panel.locator('body').textContent()) ?? '';
    // The payloads are there, as text (the check above is not vacuous).
    for (const shown of [P.img('method'), P.img('correlation'), P.img('sdk-detail')]) expect(text).toContain(shown);
    expect(text).toMatch(/onerror=window\.__pwned/);
    expect(errors).toEqual([]);
    await panel.close();
    await benignPanel.close();
    await page.close();
    await benign.close();
  });
});

interface Census {
  tags: Record<string, number>;
}

/** Elements a payload could create, by tag. */
async function domCensus(panel: Page): Promise<Census> {
  return panel.evaluate(() => {
    const tags: Record<string, number> = {};
    for (const tag of ['img', 'script', 'svg', 'iframe', 'object', 'embed', 'a', 'form', 'link', 'style', 'meta', 'base']) {
      tags[tag] = document.querySelectorAll(tag).length;
    }
    return { tags };
  });
}

async function assertInert(panel: Page, baseline: Census): Promise<void> {
  const state = await panel.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      handlerAttributes: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`)),
      scriptUrls: all.flatMap((el) =>
        [...el.attributes].filter((a) => /^\s*javascript:/i.test(a.value) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)).map((a) => `${el.localName}[${a.name}]`),
      ),
      pageImages: [...document.images].filter((img) => /(^|\/)x$/.test(img.getAttribute('src') ?? '')).length,
    };
  });
  expect(state).toEqual({ pwned: null, handlerAttributes: [], scriptUrls: [], pageImages: 0 });
  const census = await domCensus(panel);
  // No element of a kind that runs or loads anything appeared beyond what a benign panel has.
  for (const tag of ['img', 'script', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'link', 'style']) {
    expect(census.tags[tag], `<${tag}> elements`).toBeLessThanOrEqual(baseline.tags[tag]!);
  }
}
