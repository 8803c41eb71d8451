/**
 * What our content scripts cost a frame of a page without Lean, from Chrome's own trace
 * (issue 25.1): per load, a trace of the navigation (`devtools.timeline` and `v8`), and the
 * main-thread time of the events Chrome attributes to our scripts' URLs (`EvaluateScript`,
 * which holds `v8.compile` and `v8.run`, and `FunctionCall`: our listeners and observers
 * running later), each counted once (an event inside another one counted is skipped), in
 * thread time. Divided by the frames our MAIN-world script was evaluated in.
 *
 * The control extension (same manifest, empty files: `bench/control.ts`) is traced the same
 * way, interleaved: its events under the same URLs are what evaluating an empty content
 * script costs (Chrome creates the isolated world and runs the script). The figure is ours
 * minus the control, with a bootstrap interval over the pairs of loads.
 *
 * Bytes: the files of every content script declared for all frames, as shipped, both worlds.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { bootstrapInterval, median, summarize, type Summary } from './stats';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { fileName?: string; data?: { url?: string; frame?: string } };
}

export interface ScriptTraceResult {
  loads: number;
  /** Frames our MAIN-world script ran in per load (the page's frames). */
  framesPerLoad: number;
  /** Thread ms per frame in events attributed to our scripts: ours, and the control's empty files. */
  ours: Summary;
  control: Summary;
  /** Ours − control, ms per frame, with its 95 % bootstrap interval. */
  extra: { median: number; interval: [number, number] };
  /** Median ms per frame by script file (ours). */
  byScript: Record<string, number>;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'];
const COUNTED = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.run', 'v8.evaluateModule']);

/** Every content script file the manifest gives every frame, with its size in bytes. */
export async function contentScriptBytes(build: string): Promise<{ files: { file: string; bytes: number; world: string }[]; total: number }> {
  const manifest = JSON.parse(await readFile(path.join(build, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; world?: string; all_frames?: boolean }[];
  };
  const files: { file: string; bytes: number; world: string }[] = [];
  for (const script of manifest.content_scripts ?? []) {
    for (const file of script.js ?? []) files.push({ file, bytes: (await stat(path.join(build, file))).size, world: script.world ?? 'ISOLATED' });
  }
  return { files, total: files.reduce((sum, f) => sum + f.bytes, 0) };
}

/** One traced load of `url` in `page`: thread ms per frame in our scripts' events (see the top of this file). */
export async function traceLoad(page: Page, url: string, mainWorldFile: string): Promise<TracedLoad> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }): void => {
    events.push(...(e.value as TraceEvent[]));
  };
  try {
    cdp.on('Tracing.dataCollected', collect);
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: TRACE_CATEGORIES } } as never);
    await page.goto(url, { waitUntil: 'load' });
    // Our listeners that run after load (the hook's first flush is a 0 ms timer).
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  return attribute(events, mainWorldFile);
}

export interface TracedLoad {
  /** Thread ms per frame, all our scripts. */
  msPerFrame: number;
  /** Thread ms per frame, by script file. */
  byScript: Record<string, number>;
  frames: number;
}

/** Each nested event counted once; frames: those the MAIN-world file was evaluated in. */
function attribute(events: TraceEvent[], mainWorldFile: string): TracedLoad {
  // One extension per browser: every chrome-extension:// script is ours (or the control's).
  const ours = events
    .filter((e) => e.ph === 'X' && COUNTED.has(e.name))
    .map((e) => ({ e, url: e.args?.data?.url || e.args?.fileName || '' }))
    .filter(({ url }) => url.startsWith('chrome-extension://'))
    .sort((a, b) => a.e.ts - b.e.ts || (b.e.dur ?? 0) - (a.e.dur ?? 0));
  const byScript: Record<string, number> = {};
  const frames = new Set<string>();
  const coveredUntil = new Map<number, number>();
  for (const { e, url } of ours) {
    const file = new URL(url).pathname.slice(1);
    if (e.name === 'EvaluateScript' && file === mainWorldFile) frames.add(e.args?.data?.frame ?? String(e.ts));
    const end = e.ts + (e.dur ?? 0);
    if ((coveredUntil.get(e.tid) ?? -1) >= end) continue;
    coveredUntil.set(e.tid, end);
    byScript[file] = (byScript[file] ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000;
  }
  const count = Math.max(1, frames.size);
  for (const file of Object.keys(byScript)) byScript[file]! /= count;
  return { msPerFrame: Object.values(byScript).reduce((a, b) => a + b, 0), byScript, frames: frames.size };
}

/** Ours against the control over pairs of loads traced one after the other. */
export function summarizeScriptTrace(ours: TracedLoad[], control: TracedLoad[]): ScriptTraceResult {
  const a = ours.map((l) => l.msPerFrame);
  const b = control.map((l) => l.msPerFrame);
  const pairs = a.map((v, i) => [v, b[i]!] as const);
  const files = [...new Set(ours.flatMap((l) => Object.keys(l.byScript)))];
  return {
    loads: ours.length,
    framesPerLoad: median(ours.map((l) => l.frames)),
    ours: summarize(a),
    control: summarize(b),
    extra: {
      median: median(a) - median(b),
      interval: bootstrapInterval(pairs, (s) => median(s.map((p) => p[0])) - median(s.map((p) => p[1]))),
    },
    byScript: Object.fromEntries(files.map((file) => [file, median(ours.map((l) => l.byScript[file] ?? 0))])),
  };
}
