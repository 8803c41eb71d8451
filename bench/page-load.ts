/**
 * `noLeanPageLoadRatio`: what the extension costs a page that has nothing to do with Lean.
 * A realistic storefront (bench/pages/store/: HTML, two stylesheets, three scripts, eight
 * images, no SDK) served locally with `Cache-Control: no-store`, loaded over and over in
 * both browsers, alternating in ABBA order; each load's `loadEventEnd` (Navigation Timing,
 * ms from navigation start). The figure is median(with) / median(without).
 *
 * On a busy machine wall time is noisy, so after the timed loads a few more loads per
 * browser read the renderer's own accounting (CDP `Performance.getMetrics`, thread CPU
 * time, per document): script and task time on the page's main thread, which the
 * extension's content scripts add to, whatever else the machine is doing. Those loads are
 * separate so the timed ones run without the Performance domain.
 */
import type { Page } from 'playwright-core';
import type { BenchBrowser } from './browsers';
import { abba, bootstrapInterval, median, summarize, type Summary } from './stats';

export interface PageLoadResult {
  ratio: number;
  /** 95% bootstrap interval of `ratio`. */
  ratioInterval: [number, number];
  /** Median of the per-pair ratios, as a cross-check of `ratio`. */
  pairRatio: number;
  extension: Summary;
  baseline: Summary;
  /** DOMContentLoaded end, for the table. */
  extensionDcl: Summary;
  baselineDcl: Summary;
  /** Main-thread CPU per load (ms, thread time): script, and all tasks. */
  cpu: { extension: { script: number; task: number }; baseline: { script: number; task: number }; loads: number };
}

async function cpuPerLoad(page: Page, url: string, loads: number): Promise<{ script: number; task: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const script: number[] = [];
    const task: number[] = [];
    for (let i = 0; i < loads; i++) {
      await page.goto(`${url}${url.includes('?') ? '&' : '?'}cpu=${i}`, { waitUntil: 'load' });
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
      script.push(get('ScriptDuration'));
      task.push(get('TaskDuration'));
    }
    return { script: median(script), task: median(task) };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

interface Timing {
  load: number;
  dcl: number;
}

async function load(page: Page, url: string): Promise<Timing> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async () => {
    // loadEventEnd is set once the load event's handlers have returned.
    for (;;) {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (nav && nav.loadEventEnd > 0) return { load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd };
      await new Promise((r) => setTimeout(r, 5));
    }
  });
}

export async function measurePageLoad(
  ext: BenchBrowser,
  base: BenchBrowser,
  url: string,
  runs: number,
  cpuLoads = 10,
  warmup = 3,
): Promise<PageLoadResult> {
  const pages = new Map<BenchBrowser, Page>([
    [ext, await ext.context.newPage()],
    [base, await base.context.newPage()],
  ]);
  let n = 0;
  const next = () => `${url}${url.includes('?') ? '&' : '?'}run=${++n}`;
  for (let i = 0; i < warmup; i++) for (const b of [ext, base]) await load(pages.get(b)!, next());

  const times = new Map<BenchBrowser, Timing[]>([
    [ext, []],
    [base, []],
  ]);
  const pairRatios: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Both browsers load the same URL in a round.
    const u = next();
    for (const b of abba(i, ext, base)) times.get(b)!.push(await load(pages.get(b)!, u));
    pairRatios.push(times.get(ext)![i]!.load / times.get(base)![i]!.load);
  }
  const cpu = {
    extension: await cpuPerLoad(pages.get(ext)!, url, cpuLoads),
    baseline: await cpuPerLoad(pages.get(base)!, url, cpuLoads),
    loads: cpuLoads,
  };
  for (const page of pages.values()) await page.close();
  const e = times.get(ext)!;
  const b = times.get(base)!;
  const pairs = e.map((t, i) => [t.load, b[i]!.load] as const);
  return {
    ratio: median(e.map((t) => t.load)) / median(b.map((t) => t.load)),
    ratioInterval: bootstrapInterval(pairs, (s) => median(s.map((p) => p[0])) / median(s.map((p) => p[1]))),
    pairRatio: median(pairRatios),
    extension: summarize(e.map((t) => t.load)),
    baseline: summarize(b.map((t) => t.load)),
    extensionDcl: summarize(e.map((t) => t.dcl)),
    baselineDcl: summarize(b.map((t) => t.dcl)),
    cpu,
  };
}
