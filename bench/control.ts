/**
 * Attributing the page-load cost (issue 17.1): the extension next to a *control* extension —
 * the same manifest (permissions, host access, content scripts at `document_start`, MAIN and
 * isolated world, all frames) whose two content scripts and service worker are empty files —
 * and next to no extension, in the same interleaved run. Our cost over the control is what our
 * code adds; the control's over no extension is what any extension with such content scripts
 * costs, whatever it runs.
 *
 * The main thread is split by script two ways: two more variants, only the hook (the relay's
 * file empty) and only the relay (the hook's file empty), each against the control (thread
 * time, so noisy on a busy machine: each browser instance has its own bias); and V8's sampling
 * profiler on the page while it loads, time spent in each content script's code. The service
 * worker is profiled the same way meanwhile, and storage.session changes are counted.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, workerCdp, type BenchBrowser } from './browsers';
import { bootstrapInterval, median, summarize, type Summary } from './stats';
import { summarizeProfile, type CpuProfile } from './cpu-profile';
import { summarizeScriptTrace, traceLoad, type ScriptTraceResult, type TracedLoad } from './script-trace';

export type Variant = 'ours' | 'control' | 'hook only' | 'relay only' | 'none';

interface Manifest {
  background?: { service_worker?: string };
  content_scripts?: { js?: string[]; world?: string }[];
}

/** A copy of `build` whose listed files are emptied (`'hook'`: the MAIN-world scripts, `'relay'`: the isolated ones, `'worker'`). */
async function emptiedCopy(build: string, parts: ('hook' | 'relay' | 'worker')[]): Promise<{ dir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'lean-bench-control-'));
  const dir = path.join(root, 'ext');
  await cp(build, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const files: string[] = [];
  for (const script of manifest.content_scripts ?? []) {
    const part = script.world === 'MAIN' ? 'hook' : 'relay';
    if (parts.includes(part)) files.push(...(script.js ?? []));
  }
  if (parts.includes('worker') && manifest.background?.service_worker) files.push(manifest.background.service_worker);
  for (const file of files) await writeFile(path.join(dir, file), '');
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

export interface VariantBuilds {
  /** A fresh browser of each variant, launched identically; the launch order rotates with `block`. */
  launch(block: number): Promise<Map<Variant, BenchBrowser>>;
  remove(): Promise<void>;
}

/** The five variants' builds: ours, the control, hook only, relay only (copies of `build`), and no extension. */
export async function variantBuilds(build: string): Promise<VariantBuilds> {
  const made = [
    ['ours', await emptiedCopy(build, [])],
    ['control', await emptiedCopy(build, ['hook', 'relay', 'worker'])],
    ['hook only', await emptiedCopy(build, ['relay'])],
    ['relay only', await emptiedCopy(build, ['hook'])],
  ] as const;
  return {
    async launch(block) {
      const launched = new Map<Variant, BenchBrowser>();
      const all = [...made, ['none', null] as const];
      for (const [variant, copy] of order(block, all)) {
        launched.set(variant, await launchBrowser(copy ? copy.dir : null, { hasWorker: variant !== 'control' }));
      }
      // Measured in a fixed order of variants, whatever the launch order.
      return new Map(all.map(([variant]) => [variant, launched.get(variant)!]));
    },
    async remove() {
      for (const [, copy] of made) await copy.remove();
    },
  };
}

export interface Ratio {
  value: number;
  interval: [number, number];
}

export interface Difference {
  median: number;
  interval: [number, number];
}

export interface ControlResult {
  /** `loadEventEnd` per variant (ms). */
  load: Record<'ours' | 'control' | 'none', Summary>;
  oursOverControl: Ratio;
  controlOverNone: Ratio;
  oursOverNone: Ratio;
  /** Main-thread task time per load (ms, thread time), per variant. */
  task: Record<Variant, Summary>;
  /** Extra main-thread ms per load: ours, the hook alone and the relay alone over the control; the control over none. */
  extra: { ours: Difference; hook: Difference; relay: Difference; control: Difference };
  /**
   * Profiled navigations of a tab without Lean and without a panel: ms per load in the hook's and
   * the relay's code on the page's main thread, the service worker's busy ms, and the
   * storage.session keys it changed.
   */
  profiled: { hookMs: number; relayMs: number; workerMs: number; storageChanges: number; navigations: number };
  /** Our content scripts' events in Chrome's trace, per frame, ours and the control's (`bench/script-trace.ts`). */
  scripts: ScriptTraceResult;
}

async function loadTime(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async () => {
    for (;;) {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (nav && nav.loadEventEnd > 0) return nav.loadEventEnd;
      await new Promise((r) => setTimeout(r, 5));
    }
  });
}

/** Main-thread task time of one load (ms, thread time: CDP Performance metrics of a fresh document). */
async function taskTime(page: Page, url: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(url, { waitUntil: 'load' });
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Rotated each round and reversed every other one, so no variant always goes first or last. */
function order<T>(round: number, items: readonly T[]): T[] {
  const shift = round % items.length;
  const rotated = [...items.slice(shift), ...items.slice(0, shift)];
  return Math.floor(round / items.length) % 2 ? rotated.reverse() : rotated;
}

function ratioOf(a: number[], b: number[]): Ratio {
  const pairs = a.map((v, i) => [v, b[i]!] as const);
  return {
    value: median(a) / median(b),
    interval: bootstrapInterval(pairs, (s) => median(s.map((p) => p[0])) / median(s.map((p) => p[1]))),
  };
}

function differenceOf(a: number[], b: number[]): Difference {
  const pairs = a.map((v, i) => [v, b[i]!] as const);
  return {
    median: median(a) - median(b),
    interval: bootstrapInterval(pairs, (s) => median(s.map((p) => p[0])) - median(s.map((p) => p[1]))),
  };
}

/**
 * `blocks` times: fresh browsers of every variant, `loads` timed rounds and `cpuLoads` rounds of
 * thread time. Two instances of the same build differ by a few ms of thread time on a busy
 * machine, partly by the order they were launched in, so each block relaunches them all in a
 * rotated order and the rounds of every block are pooled.
 * The first block also profiles `profiledLoads` navigations of ours.
 */
export async function measureControl(
  builds: VariantBuilds,
  url: string,
  options: { blocks: number; loads: number; cpuLoads: number; traceLoads: number; profiledLoads: number; mainWorldFile: string; warmup?: number },
): Promise<ControlResult> {
  let n = 0;
  const next = () => `${url}${url.includes('?') ? '&' : '?'}control=${++n}`;
  const timed: ('ours' | 'control' | 'none')[] = ['ours', 'control', 'none'];
  const loads = new Map(timed.map((v) => [v, [] as number[]]));
  let all: Variant[] = [];
  const tasks = new Map<Variant, number[]>();
  let profiled: ControlResult['profiled'] | undefined;
  const traced = { ours: [] as TracedLoad[], control: [] as TracedLoad[] };
  for (let block = 0; block < options.blocks; block++) {
    const variants = await builds.launch(block);
    try {
      const pages = new Map<Variant, Page>();
      for (const [variant, browser] of variants) pages.set(variant, await browser.context.newPage());
      for (let i = 0; i < (options.warmup ?? 3); i++) for (const v of variants.keys()) await loadTime(pages.get(v)!, next());

      for (let round = 0; round < options.loads; round++) {
        const u = next();
        for (const v of order(round, timed)) loads.get(v)!.push(await loadTime(pages.get(v)!, u));
      }
      all = [...variants.keys()];
      for (let round = 0; round < options.cpuLoads; round++) {
        const u = next();
        for (const v of order(round, all)) {
          if (!tasks.has(v)) tasks.set(v, []);
          tasks.get(v)!.push(await taskTime(pages.get(v)!, u));
        }
      }
      for (let round = 0; round < options.traceLoads; round++) {
        const u = next();
        for (const v of order(round, ['ours', 'control'] as const)) traced[v].push(await traceLoad(pages.get(v)!, u, options.mainWorldFile));
      }
      profiled ??= await profileNavigations(variants.get('ours')!, pages.get('ours')!, () => next(), options.profiledLoads);
    } finally {
      for (const browser of variants.values()) await browser.close().catch(() => undefined);
    }
  }

  const task = (v: Variant) => tasks.get(v)!;
  const l = (v: 'ours' | 'control' | 'none') => loads.get(v)!;
  return {
    load: { ours: summarize(l('ours')), control: summarize(l('control')), none: summarize(l('none')) },
    oursOverControl: ratioOf(l('ours'), l('control')),
    controlOverNone: ratioOf(l('control'), l('none')),
    oursOverNone: ratioOf(l('ours'), l('none')),
    task: Object.fromEntries(all.map((v) => [v, summarize(task(v))])) as Record<Variant, Summary>,
    extra: {
      ours: differenceOf(task('ours'), task('control')),
      hook: differenceOf(task('hook only'), task('control')),
      relay: differenceOf(task('relay only'), task('control')),
      control: differenceOf(task('control'), task('none')),
    },
    profiled: profiled!,
    scripts: summarizeScriptTrace(traced.ours, traced.control),
  };
}

interface StorageCounter {
  chrome: { storage: { session: { onChanged: { addListener(fn: (changes: object) => void): void } } } };
  __benchStorageChanges?: number;
}

/** Profiles the page and the service worker while the tab navigates; counts storage.session changes meanwhile. */
async function profileNavigations(browser: BenchBrowser, page: Page, url: () => string, navigations: number): Promise<ControlResult['profiled']> {
  const sw = await browser.worker();
  await sw.evaluate(() => {
    const g = globalThis as unknown as StorageCounter;
    if (g.__benchStorageChanges !== undefined) return;
    g.__benchStorageChanges = 0;
    g.chrome.storage.session.onChanged.addListener((changes) => {
      g.__benchStorageChanges! += Object.keys(changes).length;
    });
  });
  const changes = () => sw.evaluate(() => (globalThis as unknown as StorageCounter).__benchStorageChanges ?? 0);
  const before = await changes();
  const worker = await workerCdp(browser);
  const tab = await page.context().newCDPSession(page);
  try {
    await worker.send('Profiler.enable');
    await worker.send('Profiler.setSamplingInterval', { interval: 100 });
    await worker.send('Profiler.start');
    await tab.send('Profiler.enable');
    await tab.send('Profiler.setSamplingInterval', { interval: 100 });
    const inScripts = { hook: 0, sentinel: 0 };
    // One page profile per load: the inspector starts over with each new document.
    for (let i = 0; i < navigations; i++) {
      await tab.send('Profiler.start');
      await page.goto(url(), { waitUntil: 'load' });
      const summary = summarizeProfile(((await tab.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile);
      for (const name of ['hook', 'sentinel'] as const) inScripts[name] += summary.scripts.find((s) => s.script === `${name}.js`)?.selfMs ?? 0;
    }
    await new Promise((r) => setTimeout(r, 300));
    const workerProfile = summarizeProfile((await worker.send<{ profile: CpuProfile }>('Profiler.stop')).profile);
    return {
      hookMs: inScripts.hook / navigations,
      relayMs: inScripts.sentinel / navigations,
      workerMs: workerProfile.busyMs / navigations,
      storageChanges: ((await changes()) - before) / navigations,
      navigations,
    };
  } finally {
    await worker.detach();
    await tab.detach().catch(() => undefined);
  }
}
