/**
 * Issue 14.3 in Chromium: a page that dispatches `securitypolicyviolation` events of its own
 * adds no violation to its session (the browser marks them `isTrusted: false`); each is
 * counted as refused, and the violation the browser itself raised is still recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { launchWithExtension, readStoredSession, waitForStoredSession, type ExtensionBrowser } from './support/chromium';

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

describe('a page forging CSP violations', () => {
  it('records only the violation the browser raised, and counts each forged one as refused', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/csp/violation.html'));
    await expect.poll(() => page.textContent('#fetched'), { timeout: 10_000 }).toBe('failed');
    const tabId = await browser.tabIdOf(page);
    const real = await waitForStoredSession(browser, tabId, (s) => s.events.some((e) => e.type === 'csp-violation'));
    expect(real.refusedMessages).toBe(0);

    await page.evaluate(() => {
      for (const effectiveDirective of ['connect-src', 'made-up-src']) {
        document.dispatchEvent(
          new SecurityPolicyViolationEvent('securitypolicyviolation', {
            blockedURI: 'https://attacker.example/forged',
            effectiveDirective,
            violatedDirective: effectiveDirective,
            originalPolicy: "default-src 'none'",
            disposition: 'enforce',
            statusCode: 200,
          }),
        );
      }
    });
    const after = await waitForStoredSession(browser, tabId, (s) => s.refusedMessages >= 2);
    expect(after.refusedMessages).toBe(2);
    expect((await readStoredSession(browser, tabId)).events.filter((e) => e.type === 'csp-violation')).toMatchObject([
      { blockedURI: 'https://link.sandbox.leantech.me/x', effectiveDirective: 'connect-src' },
    ]);
    await page.close();
  });
});
