/**
 * `pipelineLatencyMs`: from the page's `Lean.connect(…)` to its row in an open panel.
 *
 * The bench page stamps `performance.timeOrigin + performance.now()` just before the call;
 * the panel (`panel.html?tabId=N` in another tab of the same browser) has a
 * MutationObserver armed for a `[data-call-id]` it has not shown before and stamps the same
 * clock when it appears (and again one frame later: painted). Both pages are in one browser
 * on one machine, so the two epoch clocks are the same clock; each sample also checks it
 * (each page's high-resolution epoch clock minus `Date.now()`; the difference of the two is
 * printed as the skew). One call at a time, with a pause between, so calls are not batched.
 *
 * Path measured: hook (call, then flush in a 0 ms timer) → relay (validate, send) →
 * background (store.append, storage.session write, broadcast) → panel port → panel model,
 * render, DOM.
 */
import type { Page } from 'playwright-core';
import type { BenchBrowser } from './browsers';
import { tabIdOf } from './browsers';
import type { BenchPage } from './hook-overhead';
import { SELECTORS, openPanel } from './panel';
import { summarize, type Summary } from './stats';

export interface PipelineResult {
  latency: Summary;
  /** Until the frame after the row appeared. */
  painted: Summary;
  /** Largest |clock skew| seen between the two pages, ms. */
  maxSkewMs: number;
  samples: number;
}

interface Seen {
  dom: number;
  frame: number;
  offset: number;
}

interface ArmedPanel {
  __benchRow?: Promise<Seen>;
}

async function arm(panel: Page): Promise<void> {
  await panel.evaluate((selector) => {
    const known = new Set(Array.from(document.querySelectorAll<HTMLElement>(selector), (el) => el.dataset.callId));
    (window as unknown as ArmedPanel).__benchRow = new Promise<Seen>((resolve) => {
      const observer = new MutationObserver(() => {
        for (const el of document.querySelectorAll<HTMLElement>(selector)) {
          if (known.has(el.dataset.callId)) continue;
          const dom = performance.timeOrigin + performance.now();
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ dom, frame: performance.timeOrigin + performance.now(), offset: performance.timeOrigin + performance.now() - Date.now() }), 0),
          );
          return;
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, SELECTORS.callRow);
}

async function waitSeen(panel: Page, timeoutMs: number): Promise<Seen> {
  return panel.evaluate(
    (ms) =>
      Promise.race([
        (window as unknown as ArmedPanel).__benchRow!,
        new Promise<Seen>((_, reject) => setTimeout(() => reject(new Error('row did not appear in the panel')), ms)),
      ]),
    timeoutMs,
  );
}

/**
 * `page` must show bench/pages/hook.html in `ext`; a panel is opened on its tab. `pauseMs`
 * between calls lets each one travel alone.
 */
export async function measurePipeline(ext: BenchBrowser, page: Page, samples: number, pauseMs = 120): Promise<PipelineResult> {
  const tabId = await tabIdOf(ext, page);
  const { panel } = await openPanel(ext, tabId, { waitFor: 'ready' });
  const latencies: number[] = [];
  const painted: number[] = [];
  let maxSkew = 0;
  // Two calls to warm every context up (JIT, the first storage write, the first render).
  for (let i = 0; i < samples + 2; i++) {
    await arm(panel);
    const called = await page.evaluate((tag) => {
      const bench = (window as unknown as BenchPage).Bench;
      const at = bench.callOnce(tag);
      return { at, offset: bench.clockOffset() };
    }, `latency-${i}`);
    const seen = await waitSeen(panel, 10_000);
    maxSkew = Math.max(maxSkew, Math.abs(seen.offset - called.offset));
    if (i >= 2) {
      latencies.push(seen.dom - called.at);
      painted.push(seen.frame - called.at);
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  await panel.close();
  return { latency: summarize(latencies), painted: summarize(painted), maxSkewMs: maxSkew, samples: latencies.length };
}

