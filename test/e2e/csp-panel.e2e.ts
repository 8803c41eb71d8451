/**
 * The panel's CSP view against real policies in Chromium: pages served with a CSP header, a
 * `<meta>` policy, both, a report-only header, a 'strict-dynamic' policy, a `<meta>` added by
 * script after load, and a real violation. For each we check the matrix the panel shows and the
 * exported file's `csp` (policies, blocked, suggestedPolicy).
 *
 * Pages: test/fixtures/csp/*.html (sidecar `.headers.json` files carry the headers). Each loads
 * the Lean stand-in loader from /cdn/… on the same origin and makes one UAE sandbox `connect`
 * call, so the session's scope is "UAE sandbox". No real host is contacted: the browser resolves
 * every name but localhost / 127.0.0.1 to nothing.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { sessionFileSchema } from '../../lib/files/schema';
import type { SessionFile } from '../../lib/model/types';
import { LOADER_URL } from '../../lib/csp';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({
    extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  panel: Page;
  tabId: number;
  /** Requests the page sent to any *.leantech.me host (CSP-blocked ones must not appear). */
  leanRequests: string[];
}

/** Loads a fixture page, waits for its call's callback, opens its panel on the CSP view. */
async function open(path: string): Promise<Opened> {
  const page = await browser.context.newPage();
  const leanRequests: string[] = [];
  page.on('request', (request) => {
    if (/^https?:\/\/[^/]*leantech\.me/.test(request.url())) leanRequests.push(request.url());
  });
  await page.goto(server.url(path));
  await expect.poll(() => page.textContent('#done'), { timeout: 10_000 }).toBe('SUCCESS');
  const tabId = await browser.tabIdOf(page);
  const panel = await browser.openPanel(tabId);
  await panel.click('#tab-csp');
  await panel.waitForSelector('#csp-view');
  // The call has reached the background and the audit was redone with the page's scope.
  await expect.poll(() => panel.locator('#csp-scope').getAttribute('data-env')).toBe('sandbox');
  return { page, panel, tabId, leanRequests };
}

async function close(opened: Opened): Promise<void> {
  await opened.panel.close();
  await opened.page.close();
}

const rowOf = (panel: Page, directive: string, source: string) => panel.locator(`tr.csp-row[data-key="${directive} ${source}"]`);

async function row(panel: Page, directive: string, source: string) {
  const r = rowOf(panel, directive, source);
  return {
    status: await r.getAttribute('data-status'),
    decided: ((await r.locator('.csp-decided-cell').textContent()) ?? '').trim(),
    why: ((await r.locator('.csp-why-cell').textContent()) ?? '').trim(),
    text: ((await r.textContent()) ?? '').trim(),
  };
}

async function exportSession(panel: Page): Promise<SessionFile> {
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
  const text = await readFile((await download.path())!, 'utf8');
  return sessionFileSchema.parse(JSON.parse(text));
}

const HEADER_ONLY = "default-src 'self'; script-src 'self' https://cdn.leantech.me; connect-src 'self' https://link.sandbox.leantech.me";

describe('CSP view in the Chromium panel', () => {
  it('header-only policy: matrix with fallback, scope toggle, suggestion and diff; the export’s csp agrees', async () => {
    const o = await open('/csp/header-only.html');
    const { panel } = o;
    await expect.poll(() => panel.textContent('#csp-headline')).toMatch(/blocks \d+ of the \d+ SDK sources/);
    expect(await panel.textContent('#csp-scope .csp-scope-summary')).toBe('UAE sandbox — 15 hosts of 21 needed');

    expect(await row(panel, 'connect-src', 'https://link.sandbox.leantech.me')).toMatchObject({
      status: 'allowed',
      decided: 'Policy 1 (header) · connect-src',
    });
    expect(await row(panel, 'connect-src', 'https://apm.ae01.leantech.me')).toMatchObject({ status: 'blocked', decided: 'Policy 1 (header) · connect-src' });
    expect(await row(panel, 'script-src', 'https://cdn.leantech.me')).toMatchObject({ status: 'allowed' });
    // No font-src: the request falls back to default-src, and the panel says so.
    const font = await row(panel, 'font-src', 'https://fonts.gstatic.com');
    expect(font.status).toBe('blocked');
    expect(font.decided).toBe('Policy 1 (header) · default-src (fallback for font-src)');

    // KSA / production hosts are not needed by a UAE sandbox page: hidden until the toggle.
    expect(await rowOf(panel, 'connect-src', 'https://link.sa.leantech.me').count()).toBe(0);
    await panel.check('#csp-show-all');
    expect(await row(panel, 'connect-src', 'https://link.sa.leantech.me')).toMatchObject({ status: 'blocked' });
    expect((await row(panel, 'connect-src', 'https://link.sa.leantech.me')).text).toContain('not needed on this page');

    const policies = panel.locator('#csp-policies li.csp-policy');
    expect(await policies.count()).toBe(1);
    expect(await policies.first().getAttribute('data-source')).toBe('header');
    expect(await policies.first().getAttribute('data-disposition')).toBe('enforce');
    expect(await policies.first().locator('code').textContent()).toBe(HEADER_ONLY);

    const file = await exportSession(panel);
    expect(file.csp!.policies).toEqual([{ source: 'header', disposition: 'enforce', text: HEADER_ONLY }]);
    expect(file.csp!.blocked).toContainEqual({ directive: 'connect-src', url: 'https://apm.ae01.leantech.me', policyIndex: 0 });
    expect(file.csp!.blocked).toContainEqual({ directive: 'font-src', url: 'https://fonts.gstatic.com', policyIndex: 0 });
    expect(file.csp!.blocked.some((b) => b.url === 'https://link.sandbox.leantech.me')).toBe(false);
    expect(file.csp!.blocked.some((b) => b.url === 'https://link.sa.leantech.me')).toBe(false);
    expect(file.csp!.suggestedPolicy).toContain('font-src \'self\' https://fonts.gstatic.com');
    expect(file.csp!.suggestedPolicy).toContain('https://apm.ae01.leantech.me');
    expect(file.csp!.suggestedPolicy).not.toContain('https://link.sa.leantech.me');

    // The strict suggestion the panel shows is the exported one; the diff highlights what it adds.
    const strict = panel.locator('#csp-suggestions .csp-variant[data-variant="strict"]');
    expect(await strict.locator('pre').textContent()).toBe(file.csp!.suggestedPolicy);
    const connectLine = strict.locator('.csp-diff-line[data-directive="connect-src"]');
    expect(await connectLine.locator('ins.csp-added').allTextContents()).toContain('https://apm.ae01.leantech.me');
    expect(await connectLine.locator('span.csp-source').allTextContents()).toContain('https://link.sandbox.leantech.me');
    const relaxed = panel.locator('#csp-suggestions .csp-variant[data-variant="relaxed"]');
    expect(await relaxed.locator('.csp-diff-line[data-directive="connect-src"] ins.csp-added').allTextContents()).toContain(
      'https://*.leantech.me',
    );
    await close(o);
  });

  it('meta-only policy: decided by the <meta> policy, frame-ancestors noted, a <meta> outside <head> ignored', async () => {
    const o = await open('/csp/meta-only.html');
    const { panel } = o;
    expect(await row(panel, 'connect-src', 'https://link.sandbox.leantech.me')).toMatchObject({
      status: 'allowed',
      decided: 'Policy 1 (<meta>) · connect-src',
    });
    expect(await row(panel, 'connect-src', 'https://api.segment.io')).toMatchObject({ status: 'blocked', decided: 'Policy 1 (<meta>) · connect-src' });
    expect(await panel.textContent('#csp-notes')).toContain('frame-ancestors has no effect in a <meta> policy');

    const file = await exportSession(panel);
    // The body's <meta> (img-src 'none') is ignored by the browser, so it is not collected.
    expect(file.csp!.policies).toEqual([
      { source: 'meta', disposition: 'enforce', text: "default-src 'self'; connect-src 'self' https://*.leantech.me; frame-ancestors 'none'" },
    ]);
    expect(file.csp!.blocked).toContainEqual({ directive: 'connect-src', url: 'https://api.segment.io', policyIndex: 0 });
    expect(file.csp!.blocked.some((b) => b.url === 'https://link.sandbox.leantech.me')).toBe(false);
    expect(file.csp!.suggestedPolicy).toContain('https://api.segment.io');
    await close(o);
  });

  it('header + meta: both enforced, the stricter one decides, one suggestion and one proposal each, never merged', async () => {
    const o = await open('/csp/header-meta.html');
    const { panel } = o;
    const segment = await row(panel, 'connect-src', 'https://api.segment.io');
    expect(segment.status).toBe('blocked');
    expect(segment.decided).toBe('Policy 2 (<meta>) · connect-src');
    expect(segment.why).toContain('Policy 1 (header) allows (connect-src: listed)');
    expect(segment.why).toContain('Policy 2 (<meta>) blocks (connect-src: not listed)');
    expect(await row(panel, 'connect-src', 'https://link.sandbox.leantech.me')).toMatchObject({ status: 'allowed' });
    expect(await panel.textContent('#csp-notes')).toContain('2 enforced policies');
    expect(await panel.locator('#csp-suggestions article.csp-suggestion').count()).toBe(2);

    const file = await exportSession(panel);
    expect(file.csp!.policies).toEqual([
      { source: 'header', disposition: 'enforce', text: "script-src 'self' https://cdn.leantech.me; connect-src *" },
      { source: 'meta', disposition: 'enforce', text: "connect-src 'self' https://link.sandbox.leantech.me https://apm.ae01.leantech.me" },
    ]);
    expect(file.csp!.blocked).toContainEqual({ directive: 'connect-src', url: 'https://api.segment.io', policyIndex: 1 });
    // `connect-src *` allows every https host (blob: is not matched by `*`).
    expect(file.csp!.blocked.some((b) => b.directive === 'connect-src' && b.policyIndex === 0 && b.url.startsWith('https:'))).toBe(false);
    expect(file.csp!.blocked).toContainEqual({ directive: 'script-src-elem', url: 'https://cdn.segment.com/analytics.js/v1/lean/analytics.min.js', policyIndex: 0 });
    // suggestedPolicy is the header's proposal only; the <meta> one stays in its tag (CSP3 §3.3).
    expect(file.csp!.suggestedPolicy).not.toContain(', ');
    expect(file.csp!.suggestedPolicy).toContain('https://cdn.segment.com');
    expect(file.csp!.suggestedPolicy).not.toContain('https://api.segment.io');
    expect(file.csp!.proposals!.map((p) => p.delivery)).toEqual(['header', 'meta']);
    expect(file.csp!.proposals![0]!.strict).toBe(file.csp!.suggestedPolicy);
    expect(file.csp!.proposals![1]!.strict).toContain('https://api.segment.io');

    // The CSP tab shows the header proposal and, apart, the <meta> proposal, with csp_evaluator's verdict on each.
    const proposals = panel.locator('#csp-proposals article.csp-proposal');
    expect(await proposals.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.delivery))).toEqual(['header', 'meta']);
    expect(await proposals.nth(0).locator('h3').textContent()).toBe('Content-Security-Policy response header');
    expect(await proposals.nth(0).locator('pre').textContent()).toBe(file.csp!.proposals![0]!.strict);
    expect(await proposals.nth(1).locator('h3').textContent()).toBe('<meta http-equiv="Content-Security-Policy"> tag');
    expect(await proposals.nth(1).locator('pre').textContent()).toBe(file.csp!.proposals![1]!.strict);
    expect(await proposals.locator('.csp-strength-delta').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.added))).toEqual(['0', '0']);
    // csp_evaluator's findings on the page's policies: the header has no object-src nor default-src.
    const strength = panel.locator('#csp-strength article.csp-strength-policy');
    expect(await strength.count()).toBe(2);
    expect(await strength.nth(0).locator('.csp-finding').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.type))).toContain(
      'MISSING_DIRECTIVES',
    );
    await close(o);
  });

  it('report-only: nothing blocks the SDK, rows are report-only violations, a real report confirms one', async () => {
    const o = await open('/csp/report-only.html');
    const { panel } = o;
    expect(await panel.textContent('#csp-headline')).toContain('No enforced policy: nothing blocks the SDK.');
    expect(await row(panel, 'connect-src', 'https://link.sandbox.leantech.me')).toMatchObject({
      status: 'report-only-violation',
      decided: 'Policy 1 (report-only header) · connect-src',
    });
    // The page's fetch went ahead (report-only) and the browser reported it.
    const violation = panel.locator('#csp-violations li.csp-violation');
    // Chromium fires a report-only fetch's violation twice: the panel shows it once, counted.
    await expect.poll(() => violation.count()).toBe(1);
    expect(Number(await violation.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await expect.poll(() => violation.getAttribute('data-row-key')).toBe('connect-src https://link.sandbox.leantech.me');
    expect(await violation.textContent()).toContain('reported');
    expect(await rowOf(panel, 'connect-src', 'https://link.sandbox.leantech.me').getAttribute('data-confirmed')).toBe('true');

    // Report-only: the request did go out (to nowhere: names do not resolve), unlike an enforced block.
    expect(o.leanRequests).toContain('https://link.sandbox.leantech.me/report-only-probe');

    const file = await exportSession(panel);
    expect(file.csp!.policies).toEqual([{ source: 'header', disposition: 'report', text: "default-src 'self'; connect-src 'self'" }]);
    expect(file.csp!.blocked).toEqual([]);
    expect(file.csp!.suggestedPolicy).toBe('');
    await close(o);
  });

  it("'strict-dynamic': the parser-inserted loader needs the nonce, SDK-inserted scripts are trusted", async () => {
    const o = await open('/csp/strict-dynamic.html');
    const { panel } = o;
    const loader = await row(panel, 'script-src', 'https://cdn.leantech.me');
    expect(loader.status).toBe('blocked');
    expect(loader.why).toContain("'strict-dynamic' ignores hosts: the loader tag needs the policy's nonce or hash");
    expect(loader.why).toContain('the loader did run on this page');
    const segment = await row(panel, 'script-src', 'https://cdn.segment.com');
    expect(segment.status).toBe('allowed');
    expect(segment.why).toContain("'strict-dynamic'");
    // No default-src and no connect-src: nothing governs fetches.
    expect(await row(panel, 'connect-src', 'https://link.sandbox.leantech.me')).toMatchObject({
      status: 'allowed',
      decided: 'no policy has a directive for it',
    });
    expect(await panel.textContent('#csp-notes')).toContain("uses 'strict-dynamic'");
    expect(await panel.textContent('#csp-suggestions')).toContain('Adding sources cannot fix');

    const file = await exportSession(panel);
    const text = "script-src 'nonce-c3RyaWN0LWR5bmFtaWM' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'";
    expect(file.csp!.policies).toEqual([{ source: 'header', disposition: 'enforce', text }]);
    expect(file.csp!.blocked).toEqual([{ directive: 'script-src-elem', url: LOADER_URL.ae, policyIndex: 0 }]);
    expect(file.csp!.suggestedPolicy).toBe(text);
    await close(o);
  });

  it('a <meta> policy added by script after load is collected', async () => {
    const o = await open('/csp/late-meta.html');
    const { page, panel } = o;
    expect(await page.textContent('#late-meta')).toBe('added');
    // The page's HTML has no policy: the one shown came from the script's <meta>.
    expect(await (await fetch(server.url('/csp/late-meta.html'))).text()).not.toContain('http-equiv');
    await expect.poll(() => panel.locator('#csp-policies li.csp-policy').count()).toBe(1);
    expect(await panel.locator('#csp-policies li.csp-policy code').textContent()).toBe("connect-src 'self'");
    expect(await row(panel, 'connect-src', 'https://link.sandbox.leantech.me')).toMatchObject({
      status: 'blocked',
      decided: 'Policy 1 (<meta>) · connect-src',
    });
    let file = await exportSession(panel);
    expect(file.csp!.policies).toEqual([{ source: 'meta', disposition: 'enforce', text: "connect-src 'self'" }]);
    expect(file.csp!.blocked).toContainEqual({ directive: 'connect-src', url: 'https://link.sandbox.leantech.me', policyIndex: 0 });

    // One more, while the panel is open: it appears live, without a reload.
    await page.evaluate(() => {
      const meta = document.createElement('meta');
      meta.httpEquiv = 'Content-Security-Policy';
      meta.content = "img-src 'self'";
      document.head.append(meta);
    });
    await expect.poll(() => panel.locator('#csp-policies li.csp-policy').count()).toBe(2);
    expect(await row(panel, 'img-src', 'https://images.sandbox.leantech.me')).toMatchObject({
      status: 'blocked',
      decided: 'Policy 2 (<meta>) · img-src',
    });
    file = await exportSession(panel);
    expect(file.csp!.policies).toEqual([
      { source: 'meta', disposition: 'enforce', text: "connect-src 'self'" },
      { source: 'meta', disposition: 'enforce', text: "img-src 'self'" },
    ]);
    await close(o);
  });

  it('a real violation: blocked before any network, shown and linked to the row it confirms', async () => {
    const o = await open('/csp/violation.html');
    const { page, panel } = o;
    await expect.poll(() => page.textContent('#fetched')).toBe('failed');
    const violation = panel.locator('#csp-violations li.csp-violation');
    await expect.poll(() => violation.count()).toBe(1);
    const text = (await violation.textContent()) ?? '';
    expect(text).toContain('blocked');
    expect(text).toContain('https://link.sandbox.leantech.me/x');
    expect(text).toContain('connect-src');
    expect(text).toMatch(/from page\.js:\d+/);
    await expect.poll(() => violation.getAttribute('data-row-key')).toBe('connect-src https://link.sandbox.leantech.me');

    const target = rowOf(panel, 'connect-src', 'https://link.sandbox.leantech.me');
    expect(await target.getAttribute('data-status')).toBe('blocked');
    expect(await target.getAttribute('data-confirmed')).toBe('true');
    expect(await target.textContent()).toContain('confirmed by a violation');
    await violation.locator('button.csp-row-link').click();
    await expect.poll(() => target.getAttribute('class')).toContain('focused');
    // The browser refused the request before it left: it never reached the network.
    expect(o.leanRequests).toEqual([]);

    const file = await exportSession(panel);
    expect(file.events.filter((e) => e.type === 'csp-violation')).toMatchObject([
      { blockedURI: 'https://link.sandbox.leantech.me/x', effectiveDirective: 'connect-src', disposition: 'enforce' },
    ]);
    expect(file.csp!.blocked).toContainEqual({ directive: 'connect-src', url: 'https://link.sandbox.leantech.me', policyIndex: 0 });
    await close(o);
  });

  it('a page without any CSP says plainly that nothing blocks the SDK', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/demo/'));
    const tabId = await browser.tabIdOf(page);
    const panel = await browser.openPanel(tabId);
    await panel.click('#tab-csp');
    expect(await panel.textContent('#csp-headline')).toBe('This page has no Content-Security-Policy: nothing blocks the SDK.');
    expect(await panel.locator('#csp-matrix').count()).toBe(0);
    await panel.close();
    await page.close();
  });
});
