/**
 * Firefox ESR with the e2e build and extra preferences, for the lifecycle suite (issue 9):
 * `launchFirefoxWithExtension` (firefox.ts) with `extraPrefsFirefox`, e.g. a short
 * `extensions.background.idle.timeout` so the event page is suspended within a test.
 */
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import type { E2eSessionAnswer } from '../../../lib/protocol';
import { FIREFOX_E2E_BUILD, FIREFOX_PATH, sessionOf } from './firefox';

export async function launchFirefoxWithPrefs(prefs: Record<string, unknown>): Promise<Browser> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, extraPrefsFirefox: prefs });
  await browser.installExtension(FIREFOX_E2E_BUILD);
  return browser;
}

/** The tab's session and which run of the background answered (`E2eSessionAnswer`). */
export async function sessionWithInstance(page: Page): Promise<E2eSessionAnswer> {
  return (await sessionOf(page)) as E2eSessionAnswer;
}
