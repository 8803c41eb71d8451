/**
 * Issue 9, "Lifecycle faults", in Firefox ESR: the extension's background is an event page,
 * which Firefox suspends after `extensions.background.idle.timeout` without events (30 s by
 * default, 1 s here). Calls made after each suspension wake it; none is lost. The e2e build's
 * probe says which run of the background answered, so each suspension is seen, not assumed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { E2eSessionAnswer } from '../../lib/protocol';
import { launchFirefoxWithPrefs, sessionWithInstance } from './support/firefox-lifecycle';

const IDLE_TIMEOUT_MS = 1_000;

let server: FixtureServer;
let firefox: Browser;

beforeAll(async () => {
  server = await startFixtureServer();
  firefox = await launchFirefoxWithPrefs({ 'extensions.background.idle.timeout': IDLE_TIMEOUT_MS });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const customerIds = (s: E2eSessionAnswer): string[] =>
  s.events.flatMap((e) => (e.type === 'call' ? [String((e.config as Record<string, unknown>).customer_id)] : []));

describe('Firefox’s event page suspended and resumed', () => {
  it('loses no call made after each suspension, the background waking for each', async () => {
    const page = await firefox.newPage();
    await page.goto(server.url('/reliability/calls.html'));
    const ROUNDS = 5;
    const PER_ROUND = 3;
    const instances: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Idle long enough for Firefox to suspend the event page (several idle timeouts).
      await new Promise((r) => setTimeout(r, IDLE_TIMEOUT_MS * 3));
      await page.evaluate((n, label) => (window as unknown as { makeCalls(n: number, l: string): Promise<number> }).makeCalls(n, label), PER_ROUND, `round${round}`);
      for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 100))) {
        const session = await sessionWithInstance(page);
        if (session.events.filter((e) => e.type === 'callback').length === round * PER_ROUND || Date.now() > deadline) {
          instances.push(session.backgroundInstance);
          break;
        }
      }
    }
    const session = await sessionWithInstance(page);
    const expected = Array.from({ length: ROUNDS * PER_ROUND }, (_, i) => `round${Math.floor(i / PER_ROUND) + 1}-${i + 1}`);
    console.info(`event page runs seen: ${new Set(instances).size} for ${ROUNDS} rounds`);
    // A new run of the background answered each round: it was suspended in between.
    expect(new Set(instances).size).toBe(ROUNDS);
    expect(customerIds(session)).toEqual(expected);
    expect(session.events.filter((e) => e.type === 'callback')).toHaveLength(ROUNDS * PER_ROUND);
    expect({ dropped: session.droppedEvents, refused: session.refusedMessages }).toEqual({ dropped: 0, refused: 0 });
    await page.close();
  });
});
