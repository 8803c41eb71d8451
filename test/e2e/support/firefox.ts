/**
 * Drives Firefox ESR over WebDriver BiDi (puppeteer-core) with the e2e build installed.
 * BiDi cannot open moz-extension:// pages, so the session is read through the e2e
 * build's probe (`E2eRequest`), which the store build does not contain.
 */
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import type { TabSession } from '../../../lib/protocol';
import { E2E_REQUEST_EVENT, E2E_RESPONSE_EVENT } from '../../../lib/protocol';

export const FIREFOX_E2E_BUILD = path.resolve('.output/firefox-mv3-e2e');
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function launchFirefoxWithExtension(): Promise<Browser> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
  await browser.installExtension(FIREFOX_E2E_BUILD);
  return browser;
}

/** The tab's session as the background holds it. */
export async function sessionOf(page: Page): Promise<TabSession> {
  const json = await page.evaluate(
    (request, response) =>
      new Promise<string>((resolve) => {
        document.addEventListener(response, (e) => resolve((e as CustomEvent<string>).detail), { once: true });
        document.dispatchEvent(new CustomEvent(request));
      }),
    E2E_REQUEST_EVENT,
    E2E_RESPONSE_EVENT,
  );
  return JSON.parse(json) as TabSession;
}

/** Polls the session until `ready` holds (events travel asynchronously). */
export async function waitForSession(page: Page, ready: (s: TabSession) => boolean, timeoutMs = 10_000): Promise<TabSession> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = await sessionOf(page);
    if (ready(session) || Date.now() > deadline) return session;
    await new Promise((r) => setTimeout(r, 100));
  }
}
