/**
 * Where the time of a benchmark figure goes: `npx tsx bench/profile.ts [scenario…]`.
 *
 * Builds the extension unminified (bench/wxt.profile.config.ts → .bench/profile-build/, so
 * function names survive; the .output/ build is not touched), runs the scenario with V8's
 * sampling profiler on the page, panel and service worker involved, prints self and
 * inclusive time per function and writes the raw profiles to .bench/profiles/ (open them
 * in DevTools → Performance → Load profile).
 *
 * Scenarios: hook-calls, first-call, page-load, panel-open, filter, pipeline-10k (default: all
 * of these), and two what-if experiments run only when named, each on patched copies of
 * the build, interleaved with the unpatched one and a browser without the extension:
 *   hook-parts       per-call cost without the call-site Error, without the config's
 *                    capture, without the config view (the callback observed);
 *   page-load-parts  page load without the webRequest listener, without the content scripts,
 *                    and with an empty extension instead (what loading any extension costs).
 * A patch that no longer applies (the code changed) is reported, not guessed.
 * PROFILE_EVENTS=n seeds n events instead of 10,000 (panel-open, filter, pipeline-10k).
 * The timings of an unminified build are close to, not equal to, the shipped one: use
 * `npm run bench` for figures and this for attribution.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../test/fixtures/server';
import { launchBrowser, tabIds, tabIdOf, workerCdp, type BenchBrowser, type WorkerCdp } from './browsers';
import { formatSummary, summarizeProfile, summarizeProfiles, type CpuProfile } from './cpu-profile';
import type { BenchPage } from './hook-overhead';
import { openBenchPage } from './hook-overhead';
import { openPanel, removeSession, seedSession, settle, SELECTORS } from './panel';
import { realisticSession } from './session';
import { bootstrapInterval, median } from './stats';

const OUT = path.resolve('.bench/profiles');
const BUILD = path.resolve('.bench/profile-build/chrome-mv3');
const SCENARIOS = ['hook-calls', 'first-call', 'page-load', 'panel-open', 'filter', 'pipeline-10k', 'hook-parts', 'page-load-parts'] as const;
type Scenario = (typeof SCENARIOS)[number];

const ours = (where: string) => /^(hook|sentinel|relay|background|panel-[\w-]+|format-[\w-]+|browser-polyfill-[\w-]+)\.js:/.test(where);

interface Profiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
}

function pageProfiler(session: CDPSession, intervalUs: number): Profiler {
  return {
    async start() {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await session.send('Profiler.start');
    },
    async stop() {
      const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      return profile;
    },
  };
}

function workerProfiler(sw: WorkerCdp, intervalUs: number): Profiler {
  return {
    async start() {
      await sw.send('Profiler.enable');
      await sw.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await sw.send('Profiler.start');
    },
    async stop() {
      const { profile } = await sw.send<{ profile: CpuProfile }>('Profiler.stop');
      return profile;
    },
  };
}

function report(name: string, title: string, profile: CpuProfile, only: ((where: string) => boolean) | undefined = ours): void {
  writeFileSync(path.join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
  console.log(formatSummary(title, summarizeProfile(profile), { only }));
  console.log();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function hookCalls(ext: BenchBrowser, server: FixtureServer): Promise<void> {
  const page = await openBenchPage(ext, server.url('/hook.html'));
  const run = (batches: number) => page.evaluate((o) => (window as unknown as BenchPage).Bench.run(o), { batches, calls: 500 });
  await run(6);
  const profiler = pageProfiler(await ext.context.newCDPSession(page), 50);
  await profiler.start();
  const batches = await run(20);
  const profile = await profiler.stop();
  const sync = batches.reduce((a, b) => a + b.syncMs, 0);
  const total = batches.reduce((a, b) => a + b.totalMs, 0);
  console.log(`hook-calls: 10,000 calls, in the loops ${sync.toFixed(1)} ms (${((sync * 1000) / 10_000).toFixed(2)} µs/call with the profiler on), to the next task ${total.toFixed(1)} ms`);
  report('hook-calls', 'page (hook + relay), 20 batches of 500 Lean.connect calls', profile);
  await page.close();
}

async function firstCall(ext: BenchBrowser, server: FixtureServer): Promise<void> {
  const profiles: CpuProfile[] = [];
  const times: number[] = [];
  // Five fresh tabs: each first call finds nothing compiled or warmed up.
  for (let i = 0; i < 5; i++) {
    const page = await openBenchPage(ext, server.url('/hook.html'));
    const profiler = pageProfiler(await ext.context.newCDPSession(page), 20);
    await profiler.start();
    times.push(await page.evaluate(() => (window as unknown as BenchPage).Bench.first()));
    // Let the flush and the relay run inside the profile too.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    profiles.push(await profiler.stop());
    await page.close();
  }
  for (const [i, p] of profiles.entries()) writeFileSync(path.join(OUT, `first-call-${i}.cpuprofile`), JSON.stringify(p));
  console.log(`first-call: the page's first Lean.connect took ${times.map((t) => (t * 1000).toFixed(0)).join(' ')} µs (profiler on)`);
  console.log(formatSummary("page, the page's first Lean.connect call and its flush, 5 fresh tabs added up", summarizeProfiles(profiles), { only: ours, top: 25 }));
  console.log();
}

async function pageLoad(ext: BenchBrowser, server: FixtureServer): Promise<void> {
  const page = await ext.context.newPage();
  const url = server.url('/store/');
  // Same site first, so each profiled navigation stays in this renderer (and this CDP session).
  await page.goto(`${url}?warm=1`);
  await page.goto(`${url}?warm=2`);
  const session = await ext.context.newCDPSession(page);
  const loads: number[] = [];
  const profiles: CpuProfile[] = [];
  // One profile per load: the inspector starts over with each new document.
  for (let i = 0; i < 10; i++) {
    const profiler = pageProfiler(session, 50);
    await profiler.start();
    await page.goto(`${url}?profiled=${i}`, { waitUntil: 'load' });
    loads.push(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd));
    profiles.push(await profiler.stop());
  }
  console.log(`page-load: 10 loads of /store/, loadEventEnd ${loads.map((l) => l.toFixed(0)).join(' ')} ms (profiler on)`);
  for (const [i, p] of profiles.entries()) writeFileSync(path.join(OUT, `page-load-${i}.cpuprofile`), JSON.stringify(p));
  console.log(
    formatSummary('renderer of the storefront (page + both content scripts), 10 loads added up', summarizeProfiles(profiles), {
      only: (where) => /^(hook|sentinel|relay)\.js:/.test(where),
    }),
  );
  console.log();
  await page.close();
}

/** Events in the seeded session (PROFILE_EVENTS to compare sizes; 10,000 by default). */
const EVENTS = Number(process.env.PROFILE_EVENTS ?? 10_000);

async function seedBig(ext: BenchBrowser, tabId: number, url?: string) {
  const session = realisticSession(EVENTS, { profile: 'typical' });
  await seedSession(ext, tabId, session.events, url);
  return session;
}

async function panelOpen(ext: BenchBrowser, sw: WorkerCdp): Promise<void> {
  await seedSession(ext, 990_000, [{ type: 'navigation', id: 'nav:x', time: Date.now(), frameUrl: 'https://shop.example/', url: 'https://shop.example/' }]);
  await seedBig(ext, 990_001);
  // Load the session into the worker's memory once (the warm case the benchmark reports).
  await (await openPanel(ext, 990_001, { waitFor: 'rows' })).panel.close();
  await sleep(300);
  // A panel page in the extension's process first, so the profiled navigation stays in it.
  const { panel } = await openPanel(ext, 990_000, { waitFor: 'ready' });
  const profiler = pageProfiler(await ext.context.newCDPSession(panel), 50);
  const swProfiler = workerProfiler(sw, 50);
  await profiler.start();
  await swProfiler.start();
  await panel.goto(`chrome-extension://${ext.extensionId}/panel.html?tabId=990001`);
  await panel.waitForFunction(() => (window as unknown as { __benchOpen?: { usableAt: number | null } }).__benchOpen?.usableAt != null, undefined, { polling: 50 });
  const timing = await panel.evaluate(() => (window as unknown as { __benchOpen: { rowsAt: number; usableAt: number } }).__benchOpen);
  const workerProfile = await swProfiler.stop();
  const panelProfile = await profiler.stop();
  console.log(`panel-open: rows at ${timing.rowsAt.toFixed(0)} ms, usable at ${timing.usableAt.toFixed(0)} ms from navigation start (profiler on)`);
  report('panel-open-panel', `panel page, opening on ${EVENTS.toLocaleString('en-US')} events`, panelProfile);
  report('panel-open-worker', `service worker, answering the panel’s subscribe with a ${EVENTS.toLocaleString('en-US')}-event snapshot`, workerProfile);
  await panel.close();
  await removeSession(ext, 990_001);
}

async function filter(ext: BenchBrowser): Promise<void> {
  const session = await seedBig(ext, 990_002);
  const { panel } = await openPanel(ext, 990_002, { waitFor: 'rows' });
  await settle(panel);
  await sleep(500);
  const profiler = pageProfiler(await ext.context.newCDPSession(panel), 50);
  await profiler.start();
  const times: number[] = [];
  for (const term of [session.correlationIds[100]!, 'captureredirect', 'enbd_uae', 'no-such-term-zz']) {
    times.push(
      await panel.evaluate(
        async ({ term, search }) => {
          const input = document.querySelector<HTMLInputElement>(search)!;
          const start = performance.now();
          input.value = term;
          input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: term }));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const ms = performance.now() - start;
          input.value = '';
          input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return ms;
        },
        { term, search: SELECTORS.search },
      ),
    );
  }
  const profile = await profiler.stop();
  console.log(`filter: ${times.map((t) => t.toFixed(1)).join(' ')} ms (each followed by clearing the filter, also profiled)`);
  report('filter', 'panel page, 4 filters and 4 clears over 10,000 events', profile);
  await panel.close();
  await removeSession(ext, 990_002);
}

async function pipeline10k(ext: BenchBrowser, sw: WorkerCdp, server: FixtureServer): Promise<void> {
  const before = new Set(await tabIds(ext));
  const page = await ext.context.newPage();
  const tabId = (await tabIds(ext)).find((id) => !before.has(id))!;
  await seedBig(ext, tabId, server.url('/hook.html'));
  await page.goto(server.url('/hook.html'));
  if ((await tabIdOf(ext, page)) !== tabId) throw new Error('tab id mismatch');
  const { panel } = await openPanel(ext, tabId, { waitFor: 'ready' });
  await panel.waitForSelector(SELECTORS.callRow);
  await sleep(500);
  const profiler = pageProfiler(await ext.context.newCDPSession(panel), 50);
  const swProfiler = workerProfiler(sw, 50);
  await profiler.start();
  await swProfiler.start();
  for (let i = 0; i < 8; i++) {
    await page.evaluate((tag) => (window as unknown as BenchPage).Bench.callOnce(tag), `profiled-${i}`);
    await sleep(150);
  }
  const workerProfile = await swProfiler.stop();
  const panelProfile = await profiler.stop();
  report('pipeline-10k-panel', 'panel page, 8 single calls appended to a 10,000-event session', panelProfile);
  report('pipeline-10k-worker', 'service worker, the same 8 calls', workerProfile);
  await panel.close();
  await page.close();
}

/** Temporary copies made by `patchedCopy`, removed when the run ends. */
const variantRoots: string[] = [];

/** A copy of `build` with `patch` applied to one file; null (and a message) if the patch no longer applies. */
async function patchedCopy(build: string, file: string, patch: (code: string) => string, label: string): Promise<string | null> {
  const root = await mkdtemp(path.join(tmpdir(), 'lean-bench-variant-'));
  variantRoots.push(root);
  const dir = path.join(root, 'ext');
  await cp(build, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = patch(before);
  if (after === before) {
    console.log(`  ${label}: the patch no longer applies to ${file} (the code changed); skipped`);
    return null;
  }
  writeFileSync(target, after);
  return dir;
}

/** Rounds over every browser (ABBA-like: reversed every other round); `measure` returns one number. */
async function interleaved(browsers: [string, BenchBrowser][], rounds: number, measure: (b: BenchBrowser) => Promise<number>) {
  const got = new Map<string, number[]>(browsers.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, b] of r % 2 ? [...browsers].reverse() : browsers) got.get(name)!.push(await measure(b));
  }
  return got;
}

async function hookParts(server: FixtureServer): Promise<void> {
  const file = 'content-scripts/hook.js';
  // Redaction is not on this path any more: it runs in the flush (`redactCapture`).
  const noError = (c: string) => c.replace('stack = new ErrorCtor();', 'stack = null;');
  const noCapture = (c: string) => c.replace('config: capture(config)', 'config: capture(void 0)');
  const noView = (c: string) => c.replace('if (handle) callArgs = withObservedCallback(args, handle);', '');
  const variants: [string, (c: string) => string][] = [
    ['as built', (c) => c + '\n'],
    ['no call-site Error', noError],
    ['no capture of the config', noCapture],
    ['no config view', noView],
    ['no Error, no capture, no view', (c) => noView(noCapture(noError(c)))],
  ];
  const browsers: [string, BenchBrowser][] = [];
  for (const [label, patch] of variants) {
    const dir = await patchedCopy(BUILD, file, patch, label);
    if (dir) browsers.push([label, await launchBrowser(dir)]);
  }
  browsers.push(['without the extension', await launchBrowser(null)]);
  try {
    const got = await interleaved(browsers, 8, async (b) => {
      const page = await openBenchPage(b, server.url('/hook.html'));
      const run = (batches: number) => page.evaluate((o) => (window as unknown as BenchPage).Bench.run(o), { batches, calls: 500 });
      await run(3);
      const out = await run(5);
      await page.close();
      return median(out.map((x) => (x.syncMs * 1000) / 500));
    });
    console.log('hook-parts: µs per Lean.connect call (median of 8 rounds × 5 batches of 500, unminified build)');
    for (const [label, values] of got) console.log(`${median(values).toFixed(2).padStart(8)} µs   ${label}`);
    console.log();
  } finally {
    for (const [, b] of browsers) await b.close();
  }
}

async function pageLoadParts(server: FixtureServer): Promise<void> {
  const shipped = path.resolve('.output/chrome-mv3');
  const variants: [string, string, (c: string) => string][] = [
    ['as built', 'manifest.json', (c) => c + '\n'],
    ['no webRequest listener', 'background.js', (c) => c.replace(/\w+\.webRequest\.onHeadersReceived\.addListener\(/, '(() => {})(')],
    [
      'no content scripts',
      'manifest.json',
      (c) => {
        const m = JSON.parse(c) as { content_scripts?: unknown };
        delete m.content_scripts;
        return JSON.stringify(m);
      },
    ],
    [
      'neither (background only)',
      'manifest.json+background.js',
      (c) => c,
    ],
    // What loading any extension costs in this harness: a manifest and nothing else.
    ['an empty extension (manifest only)', 'manifest.json', () => JSON.stringify({ manifest_version: 3, name: 'empty', version: '1.0' })],
  ];
  const browsers: [string, BenchBrowser][] = [];
  for (const [label, file, patch] of variants) {
    let dir: string | null;
    if (file === 'manifest.json+background.js') {
      // The two patches above, together.
      dir = await patchedCopy(shipped, 'manifest.json', variants[2]![2], label);
      if (dir) dir = (await patchedCopy(dir, 'background.js', variants[1]![2], label)) ?? null;
    } else {
      dir = await patchedCopy(shipped, file, patch, label);
    }
    if (dir) browsers.push([label, await launchBrowser(dir, { hasWorker: !label.startsWith('an empty') })]);
  }
  browsers.push(['without the extension', await launchBrowser(null)]);
  const pages = new Map<BenchBrowser, Page>();
  for (const [, b] of browsers) pages.set(b, await b.context.newPage());
  let n = 0;
  try {
    const got = await interleaved(browsers, 44, async (b) => {
      const page = pages.get(b)!;
      await page.goto(server.url(`/store/?parts=${++n}`), { waitUntil: 'load' });
      return page.evaluate(async () => {
        for (;;) {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          if (nav && nav.loadEventEnd > 0) return nav.loadEventEnd;
          await new Promise((r) => setTimeout(r, 5));
        }
      });
    });
    const base = got.get('without the extension')!.slice(4);
    console.log('page-load-parts: loadEventEnd of /store/ (median of 40 rounds after 4 warm-up rounds, shipped build)');
    for (const [label, values] of got) {
      const v = values.slice(4);
      const pairs = v.map((x, i) => [x, base[i]!] as const);
      const ci = bootstrapInterval(pairs, (s) => median(s.map((p) => p[0])) / median(s.map((p) => p[1])));
      console.log(`${median(v).toFixed(1).padStart(8)} ms   ratio ${(median(v) / median(base)).toFixed(3)} (95% CI ${ci[0].toFixed(3)}–${ci[1].toFixed(3)})   ${label}`);
    }
    console.log();
  } finally {
    for (const [, b] of browsers) await b.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2) as Scenario[];
  const wanted = args.length ? args : SCENARIOS.filter((s) => !s.endsWith('-parts'));
  for (const s of wanted) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}; one of ${SCENARIOS.join(', ')}`);
  console.log('building the extension unminified into .bench/profile-build/ …');
  execFileSync('npx', ['wxt', 'build', '-c', 'bench/wxt.profile.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(OUT, { recursive: true });
  const server = await startFixtureServer({ root: path.resolve('bench/pages') });
  const ext = await launchBrowser(BUILD);
  const sw = await workerCdp(ext);
  try {
    for (const scenario of wanted) {
      if (scenario === 'hook-calls') await hookCalls(ext, server);
      if (scenario === 'first-call') await firstCall(ext, server);
      if (scenario === 'page-load') await pageLoad(ext, server);
      if (scenario === 'panel-open') await panelOpen(ext, sw);
      if (scenario === 'filter') await filter(ext);
      if (scenario === 'pipeline-10k') await pipeline10k(ext, sw, server);
      if (scenario === 'hook-parts') await hookParts(server);
      if (scenario === 'page-load-parts') await pageLoadParts(server);
    }
  } finally {
    await sw.detach();
    await ext.close();
    await server.close();
    for (const root of variantRoots) await rm(root, { recursive: true, force: true });
  }
  console.log(`raw profiles: ${OUT}/*.cpuprofile`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

