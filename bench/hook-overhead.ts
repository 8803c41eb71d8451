/**
 * `hookOverheadUsPerCall`: what the extension adds to one `Lean.*` call, timed inside the
 * page (bench/pages/hook.html, cross-origin isolated so `performance.now()` has its fine
 * resolution) around loops of `Lean.connect(config)` on a stub SDK whose methods do nothing.
 *
 * Same page, same run, two browsers (with / without the extension), interleaved in ABBA
 * order, a fresh tab per round. Each batch stays below the hook's per-flush queue cap (MAX_QUEUED_EVENTS: beyond
 * it calls are counted as dropped and not copied, which would make them look cheap) and
 * then yields a task, so the hook flushes between batches as it does on a real page.
 *
 * Numbers per call, each the median over rounds of (with − without):
 * - sync: the call itself (the page waits for it): global accessor, proxy, wrapper, config
 *   snapshot and redaction, call-site Error;
 * - total: sync plus the deferred work the same thread does before the page's next task:
 *   the hook's flush (call sites, JSON) and the relay's validation (zod) and send;
 * - first: the page's very first call (nothing compiled or warmed up yet), the cost a page
 *   that calls Lean once actually pays.
 */
import type { Page } from 'playwright-core';
import { MAX_QUEUED_EVENTS } from '../lib/hook/recorder';
import type { BenchBrowser } from './browsers';
import { abba, bootstrapInterval, median, summarize, type Summary } from './stats';

export interface HookOverheadOptions {
  rounds: number;
  batchesPerRound: number;
  callsPerBatch: number;
  warmupBatches: number;
}

export interface HookOverheadResult {
  /** Median over rounds of (extension − baseline), µs per call, the call alone. */
  syncUsPerCall: number;
  /** 95% bootstrap interval of `syncUsPerCall`. */
  syncInterval: [number, number];
  /** Same, including the flush and the relay that run before the page's next task. */
  totalUsPerCall: number;
  /** Median over rounds of (extension − baseline) for the page's very first call, µs. */
  firstCallUs: number;
  extensionSync: Summary;
  baselineSync: Summary;
  extensionTotal: Summary;
  baselineTotal: Summary;
  extensionFirst: Summary;
  baselineFirst: Summary;
  diffsSync: number[];
  calls: number;
}

interface Batch {
  syncMs: number;
  totalMs: number;
}

/** What bench/pages/hook-bench.js puts on the page (types only: erased). */
export interface BenchPage {
  Bench: {
    run(options: { batches: number; calls: number }): Promise<Batch[]>;
    first(): number;
    callOnce(tag: string): number;
    clockOffset(): number;
  };
}

export async function openBenchPage(browser: BenchBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as unknown as Partial<BenchPage>).Bench?.run === 'function');
  return page;
}

/** With the extension, `window.Lean` is the hook's accessor; without it, the page's own value. */
async function leanIsHooked(page: Page): Promise<boolean> {
  return page.evaluate(() => typeof Object.getOwnPropertyDescriptor(window, 'Lean')?.get === 'function');
}

interface RoundResult {
  first: number;
  sync: number;
  total: number;
}

/**
 * One round in one browser, in a fresh tab (closed afterwards, so the tab's session does
 * not pile up in the background between rounds): the first call, a warm-up, then the
 * measured batches. µs per call.
 */
async function round(browser: BenchBrowser, url: string, options: HookOverheadOptions): Promise<RoundResult> {
  const page = await openBenchPage(browser, url);
  try {
    if ((await leanIsHooked(page)) !== (browser.label === 'extension')) {
      throw new Error(`window.Lean is ${browser.label === 'extension' ? 'not ' : ''}hooked in the ${browser.label} browser`);
    }
    const firstMs = await page.evaluate(() => (window as unknown as BenchPage).Bench.first());
    const run = (batches: number) =>
      page.evaluate((o) => (window as unknown as BenchPage).Bench.run(o), { batches, calls: options.callsPerBatch });
    await run(options.warmupBatches);
    const out = await run(options.batchesPerRound);
    const us = (ms: number) => (ms * 1000) / options.callsPerBatch;
    return { first: firstMs * 1000, sync: median(out.map((b) => us(b.syncMs))), total: median(out.map((b) => us(b.totalMs))) };
  } finally {
    await page.close();
  }
}

export async function measureHookOverhead(
  ext: BenchBrowser,
  base: BenchBrowser,
  url: string,
  options: HookOverheadOptions,
): Promise<HookOverheadResult> {
  if (options.callsPerBatch >= MAX_QUEUED_EVENTS) throw new Error('a batch must stay below the hook queue cap');
  const got = { ext: [] as RoundResult[], base: [] as RoundResult[] };
  for (let r = 0; r < options.rounds; r++) {
    for (const browser of abba(r, ext, base)) (browser === ext ? got.ext : got.base).push(await round(browser, url, options));
  }
  const diff = (key: keyof RoundResult) => got.ext.map((e, i) => e[key] - got.base[i]![key]);
  const diffsSync = diff('sync');
  return {
    syncUsPerCall: median(diffsSync),
    syncInterval: bootstrapInterval(diffsSync, median),
    totalUsPerCall: median(diff('total')),
    firstCallUs: median(diff('first')),
    extensionSync: summarize(got.ext.map((r) => r.sync)),
    baselineSync: summarize(got.base.map((r) => r.sync)),
    extensionTotal: summarize(got.ext.map((r) => r.total)),
    baselineTotal: summarize(got.base.map((r) => r.total)),
    extensionFirst: summarize(got.ext.map((r) => r.first)),
    baselineFirst: summarize(got.base.map((r) => r.first)),
    diffsSync,
    calls: options.rounds * (options.warmupBatches + options.batchesPerRound) * options.callsPerBatch,
  };
}
