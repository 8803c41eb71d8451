/**
 * `npm run bench` (GitHub issue 8): a benchmark, not a test. Runs the built Chrome extension
 * (`.output/chrome-mv3`, built by `wxt build` just before) in Debian's Chromium, next to the
 * same Chromium without it, and prints a table and, as its last line, one JSON object:
 *
 *   hookOverheadUsPerCall  µs a Lean.* call costs more with the extension (target ≤ 10)
 *   noLeanPageLoadRatio    loadEventEnd of a page without the SDK, with / without (≤ 1.02)
 *   noLeanLoadOverControl  the same, ours / a control extension with empty scripts (≤ 1.01)
 *   noLeanExtraMainThreadMs  main-thread ms per load, ours − the control (≤ 2)
 *   noLeanScriptMsPerFrame   main-thread ms compiling and running our content scripts, per frame of that page, from a trace (≤ 0.5)
 *   noLeanScriptBytesPerFrame  bytes of our content scripts every frame compiles, both worlds (≤ 8,192)
 *   pipelineLatencyMs      page's call → row in an open panel (≤ 50)
 *   panelRender10kMs       panel opened on 10,000 events → first rows painted, session in the worker's memory (≤ 150)
 *   panelWhole10kMs        …→ the whole session loaded and painted (≤ 300)
 *   panelCold10kMs         …first rows painted when the worker reads the session from storage.session (≤ 200)
 *   panelColdWhole10kMs    …the whole session loaded and painted, read from storage.session (≤ 300)
 *   panelFilter10kMs       text filter over 10,000 events → list updated (≤ 50)
 *   memoryPer10kEventsMB   background + panel JS heap growth for 10,000 events (MB = 2^20 bytes)
 *   hookScriptBytes        the MAIN-world script every page gets (minified bytes)
 *
 * Every figure is a median over repeated runs; the baseline of a ratio or difference is
 * measured in the same run, interleaved. Method and latest figures: docs/benchmarks.md.
 * Progress goes to stderr; the table and the JSON line to stdout. Details of the run are
 * written to .bench/latest.json. Knobs: BENCH_QUICK=1 (fewer repetitions, for a smoke run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../test/e2e/support/chromium';
import { startFixtureServer } from '../test/fixtures/server';
import { heapAfterGc, launchBrowser, pageHeapAfterGc, snapshotBuild, tabIds, workerCdp, type BenchBrowser } from '../bench/browsers';
import { measureHookOverhead, openBenchPage } from '../bench/hook-overhead';
import { measurePageLoad } from '../bench/page-load';
import { measureControl, variantBuilds, type ControlResult, type Difference, type Ratio } from '../bench/control';
import { contentScriptBytes } from '../bench/script-trace';
import { measurePipeline } from '../bench/pipeline';
import { measureFilter, openPanel, removeSession, seedSession, settle, storedBytes, type OpenTiming } from '../bench/panel';
import { realisticSession } from '../bench/session';
import { median, round, summarize, type Summary } from '../bench/stats';
import * as store from '../lib/background/store';
import { FIRST_SNAPSHOT_EVENTS } from '../lib/background/panel-hub';

const QUICK = process.env.BENCH_QUICK === '1';
const BUILD = path.resolve('.output/chrome-mv3');
const PAGES = path.resolve('bench/pages');
const MB = 1024 * 1024;
const EVENTS = 10_000;
/** Fake tab ids for seeded sessions: no real tab has them, so nothing else writes there. */
const EMPTY_TAB = 990_000;
const BIG_TAB = 990_001;
const RICH_TAB = 990_002;
/** Cold opens after the first: one fresh tab id each, so the worker has to read it from storage. */
const COLD_TAB = 990_100;
/** The store's caps as they stand in lib/background/store.ts (the byte cap may not exist). */
const CAPS = { events: store.MAX_EVENTS_PER_TAB, bytes: (store as Record<string, unknown>).MAX_BYTES_PER_TAB as number | undefined };

const plan = QUICK
  ? { warmOpens: 2, coldOpens: 1, filterRepeats: 1, pipelineSamples: 5, pipeline10kSamples: 3, hookRounds: 4, pageLoads: 8, controlBlocks: 1, controlLoads: 8, controlCpuLoads: 4, controlTraceLoads: 10 }
  : { warmOpens: 6, coldOpens: 5, filterRepeats: 3, pipelineSamples: 15, pipeline10kSamples: 8, hookRounds: 12, pageLoads: 50, controlBlocks: 4, controlLoads: 15, controlCpuLoads: 6, controlTraceLoads: 8 };

const started = Date.now();
const log = (message: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The scripts the manifest injects into the page's MAIN world: what every page downloads and runs. */
function hookScripts(build: string): { files: string[]; bytes: number; gzipBytes: number } {
  const manifest = JSON.parse(readFileSync(path.join(build, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; world?: string }[];
  };
  const files = (manifest.content_scripts ?? []).filter((c) => c.world === 'MAIN').flatMap((c) => c.js ?? []);
  if (files.length === 0) throw new Error('no MAIN-world content script in the manifest');
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const body = readFileSync(path.join(build, file));
    bytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
}

function machine(): { cpus: number; cpuModel: string; memoryGiB: number; chromium: string; node: string; load: number[] } {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Reported as unknown.
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    chromium,
    node: process.version,
    load: os.loadavg().map((l) => round(l, 2)),
  };
}

async function main(): Promise<void> {
  if (!existsSync(path.join(BUILD, 'manifest.json'))) throw new Error(`no build in ${BUILD}: run \`npm run bench\` (it builds first)`);
  const host = machine();
  const hook = hookScripts(BUILD);
  const perFrame = await contentScriptBytes(BUILD);
  log(`${host.chromium}, ${host.cpus} cores, load ${host.load.join(' ')}`);

  const build = await snapshotBuild(BUILD);
  const server = await startFixtureServer({ root: PAGES });
  const ext = await launchBrowser(build.dir);
  const base = await launchBrowser(null);
  const sw = await workerCdp(ext);
  const details: Record<string, unknown> = { machine: host, plan, hookScripts: hook, contentScripts: perFrame };
  const swHeap = () => heapAfterGc((method) => sw.send(method));

  try {
    // ── Memory baseline: the service worker and a panel on a session with one event. ──────
    log('memory baseline');
    const nav = { type: 'navigation', id: 'nav:empty', time: Date.now(), frameUrl: 'https://shop.example/', url: 'https://shop.example/' } as const;
    await seedSession(ext, EMPTY_TAB, [nav], nav.url);
    const small = await openPanel(ext, EMPTY_TAB, { waitFor: 'ready' });
    await settle(small.panel);
    await sleep(300);
    const panelBase = await pageHeapAfterGc(small.panel);
    await small.panel.close();
    const swBase = await swHeap();

    // ── What storage.session charges per event: 1,000 rich events (15-field configs). ─────
    const richSample = realisticSession(1000, { profile: 'rich', seed: 7 });
    await seedSession(ext, RICH_TAB, richSample.events);
    const richBytes = (await storedBytes(ext, RICH_TAB)).bytes / richSample.events.length;
    const richJson = JSON.stringify(richSample.events).length / richSample.events.length;
    await removeSession(ext, RICH_TAB);

    // ── 10,000 events: seed, open (cold, then warm), filter, memory. ──────────────────────
    log(`generating and seeding ${EVENTS.toLocaleString('en-US')} events`);
    const session = realisticSession(EVENTS, { profile: 'typical' });
    await seedSession(ext, BIG_TAB, session.events);
    const stored = {
      ...(await storedBytes(ext, BIG_TAB)),
      json: JSON.stringify(session.events).length,
      richBytesPerEvent: richBytes,
      richJsonPerEvent: richJson,
    };

    log('opening the panel on 10,000 events');
    const cold = await openPanel(ext, BIG_TAB, { waitFor: 'rows' });
    await cold.panel.close();
    const warm: OpenTiming[] = [];
    let panel: Page | null = null;
    for (let i = 0; i < plan.warmOpens; i++) {
      await panel?.close();
      const opened = await openPanel(ext, BIG_TAB, { waitFor: 'rows' });
      panel = opened.panel;
      warm.push(opened.timing!);
      if (i < plan.warmOpens - 1) await sleep(200);
    }
    const open10k = summarize(warm.map((t) => t.usableMs));

    log('filtering 10,000 events');
    await settle(panel!);
    await sleep(500);
    const ids = session.correlationIds;
    // One row (a correlation id), a method, a field value, nothing.
    const terms = [ids[Math.floor(ids.length * 0.6)]!, 'captureredirect', 'enbd_uae', 'no-such-term-zz'];
    const filter = await measureFilter(panel!, terms, plan.filterRepeats);
    if (!filter.uniqueTermOk) throw new Error('the correlation-id filter did not show exactly one call row');

    log('memory with 10,000 events');
    await settle(panel!);
    const panel10k = await pageHeapAfterGc(panel!);
    const sw10k = await swHeap();
    await panel!.close();
    // The quota of storage.session is shared: the full tab below needs the room.
    await removeSession(ext, BIG_TAB);
    const memory = { swBase, sw10k, panelBase, panel10k, growth: sw10k - swBase + (panel10k - panelBase) };

    // ── Pipeline latency: a fresh tab, then a tab whose session is already full. ───────────
    log('pipeline latency');
    const hookPage = await openBenchPage(ext, server.url('/hook.html'));
    const pipeline = await measurePipeline(ext, hookPage, plan.pipelineSamples);
    await hookPage.close();

    log('pipeline latency with 10,000 events in the tab');
    const before = new Set(await tabIds(ext));
    const fullPage = await ext.context.newPage();
    const fullTab = (await tabIds(ext)).find((id) => !before.has(id));
    if (fullTab === undefined) throw new Error('could not find the new tab');
    await seedSession(ext, fullTab, session.events, server.url('/hook.html'));
    await fullPage.goto(server.url('/hook.html'));
    const pipeline10k = await measurePipeline(ext, fullPage, plan.pipeline10kSamples);
    await fullPage.close();

    // ── Hook overhead and page load: with vs without the extension, interleaved. ─────────
    log('hook overhead per call');
    const overhead = await measureHookOverhead(ext, base, server.url('/hook.html'), {
      rounds: plan.hookRounds,
      batchesPerRound: 5,
      callsPerBatch: 500,
      warmupBatches: 3,
    });

    log('page load without Lean');
    const load = await measurePageLoad(ext, base, server.url('/store/'), plan.pageLoads);

    log('page load without Lean: ours, a control extension, hook only, relay only and none, interleaved');
    const builds = await variantBuilds(build.dir);
    let control: ControlResult;
    try {
      control = await measureControl(builds, server.url('/store/'), {
        blocks: plan.controlBlocks,
        loads: plan.controlLoads,
        cpuLoads: plan.controlCpuLoads,
        traceLoads: plan.controlTraceLoads,
        mainWorldFile: hook.files[0]!,
        profiledLoads: 20,
      });
    } finally {
      await builds.remove();
    }

    // Last, as each one leaves a copy of the session in the worker's memory.
    log('more cold opens');
    const colds: OpenTiming[] = [cold.timing!];
    for (let i = 1; i < plan.coldOpens; i++) {
      await seedSession(ext, COLD_TAB + i, session.events);
      const opened = await openPanel(ext, COLD_TAB + i, { waitFor: 'rows' });
      await opened.panel.close();
      colds.push(opened.timing!);
      await removeSession(ext, COLD_TAB + i);
    }

    Object.assign(details, { memory, stored, open: { cold: colds, warm }, filter, pipeline, pipeline10k, overhead, load, control });

    const figures = {
      hookOverheadUsPerCall: round(overhead.syncUsPerCall, 2),
      noLeanPageLoadRatio: round(load.ratio, 3),
      noLeanLoadOverControl: round(control.oursOverControl.value, 3),
      noLeanExtraMainThreadMs: round(control.extra.ours.median, 2),
      noLeanScriptMsPerFrame: round(control.scripts.ours.median, 2),
      noLeanScriptBytesPerFrame: perFrame.total,
      pipelineLatencyMs: round(pipeline.latency.median, 1),
      panelRender10kMs: round(open10k.median, 1),
      panelWhole10kMs: round(median(warm.map((t) => t.wholeMs)), 1),
      panelCold10kMs: round(median(colds.map((t) => t.usableMs)), 1),
      panelColdWhole10kMs: round(median(colds.map((t) => t.wholeMs)), 1),
      panelFilter10kMs: round(filter.summary.median, 1),
      memoryPer10kEventsMB: round(memory.growth / MB, 2),
      hookScriptBytes: hook.bytes,
    };
    details.figures = figures;
    details.durationS = round((Date.now() - started) / 1000, 1);
    mkdirSync('.bench', { recursive: true });
    writeFileSync('.bench/latest.json', JSON.stringify(details, null, 2));

    printTable({ host, figures, overhead, load, control, pipeline, pipeline10k, open10k, colds, warm, filter, memory, stored, hook, perFrame });
    process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    await sw.detach();
    await closeQuietly(ext);
    await closeQuietly(base);
    await server.close();
    await build.remove();
  }
}

async function closeQuietly(browser: BenchBrowser): Promise<void> {
  await browser.close().catch(() => undefined);
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const us = (v: number) => `${v.toFixed(2)} µs`;
const spread = (s: Summary, f: (v: number) => string) => `median ${f(s.median)}, IQR ${f(s.p25)}–${f(s.p75)}, n=${s.n}`;

function verdict(value: number, target: number | null): string {
  if (target === null) return 'report';
  return value <= target ? 'ok' : 'MISSED';
}

function printTable(r: {
  host: ReturnType<typeof machine>;
  figures: Record<string, number>;
  overhead: Awaited<ReturnType<typeof measureHookOverhead>>;
  load: Awaited<ReturnType<typeof measurePageLoad>>;
  control: ControlResult;
  pipeline: Awaited<ReturnType<typeof measurePipeline>>;
  pipeline10k: Awaited<ReturnType<typeof measurePipeline>>;
  open10k: Summary;
  colds: OpenTiming[];
  warm: OpenTiming[];
  filter: Awaited<ReturnType<typeof measureFilter>>;
  memory: { swBase: number; sw10k: number; panelBase: number; panel10k: number; growth: number };
  stored: { bytes: number; quota: number; json: number; richBytesPerEvent: number; richJsonPerEvent: number };
  hook: ReturnType<typeof hookScripts>;
  perFrame: Awaited<ReturnType<typeof contentScriptBytes>>;
}): void {
  const f = r.figures;
  const rows: [string, string, string, string, string][] = [
    [
      'hookOverheadUsPerCall',
      us(f.hookOverheadUsPerCall!),
      '≤ 10 µs',
      verdict(f.hookOverheadUsPerCall!, 10),
      `95% CI ${us(r.overhead.syncInterval[0])}–${us(r.overhead.syncInterval[1])}; ` +
        `per call with ${us(r.overhead.extensionSync.median)} vs without ${us(r.overhead.baselineSync.median)} ` +
        `(${r.overhead.calls.toLocaleString('en-US')} calls, ${r.overhead.diffsSync.length} rounds); ` +
        `incl. the flush and relay before the next task: +${us(r.overhead.totalUsPerCall)}; ` +
        `the page's first call: +${us(r.overhead.firstCallUs)}`,
    ],
    [
      'noLeanPageLoadRatio',
      f.noLeanPageLoadRatio!.toFixed(3),
      '≤ 1.02',
      verdict(f.noLeanPageLoadRatio!, 1.02),
      `95% CI ${r.load.ratioInterval[0].toFixed(3)}–${r.load.ratioInterval[1].toFixed(3)}; ` +
        `loadEventEnd with ${spread(r.load.extension, ms)}; without ${spread(r.load.baseline, ms)}; ` +
        `median pair ratio ${r.load.pairRatio.toFixed(3)}; DCL ${ms(r.load.extensionDcl.median)} vs ${ms(r.load.baselineDcl.median)}; ` +
        `main-thread CPU per load (median of ${r.load.cpu.loads}): script ${ms(r.load.cpu.extension.script)} vs ${ms(r.load.cpu.baseline.script)}, ` +
        `all tasks ${ms(r.load.cpu.extension.task)} vs ${ms(r.load.cpu.baseline.task)}`,
    ],
    [
      'noLeanLoadOverControl',
      f.noLeanLoadOverControl!.toFixed(3),
      '≤ 1.01',
      verdict(f.noLeanLoadOverControl!, 1.01),
      `${ci(r.control.oursOverControl)}; loadEventEnd ours ${spread(r.control.load.ours, ms)}; control ${spread(r.control.load.control, ms)}; ` +
        `none ${spread(r.control.load.none, ms)}; ours / none in the same rounds ${r.control.oursOverNone.value.toFixed(3)} (${ci(r.control.oursOverNone)})`,
    ],
    [
      '  …control over no extension',
      r.control.controlOverNone.value.toFixed(3),
      'report',
      'report',
      `${ci(r.control.controlOverNone)}: what the browser charges for an extension with two document_start content scripts (MAIN + isolated, all frames) that do nothing`,
    ],
    [
      'noLeanExtraMainThreadMs',
      ms(f.noLeanExtraMainThreadMs!),
      '≤ 2 ms',
      verdict(f.noLeanExtraMainThreadMs!, 2),
      `main-thread task time per load, ours − control: ${diff(r.control.extra.ours)}; ours ${ms(r.control.task.ours.median)}, control ${ms(r.control.task.control.median)}, ` +
        `none ${ms(r.control.task.none.median)} (n=${r.control.task.ours.n} each)`,
    ],
    [
      '  …by script',
      `${ms(r.control.extra.hook.median)} + ${ms(r.control.extra.relay.median)}`,
      'report',
      'report',
      `thread time of a variant over the control: only the hook (compile + run) ${diff(r.control.extra.hook)}; only the sentinel ${diff(r.control.extra.relay)}; ` +
        `control − none ${diff(r.control.extra.control)}; profiled in our code (run, not compile) per load: hook ${ms(r.control.profiled.hookMs)}, sentinel ${ms(r.control.profiled.relayMs)}`,
    ],
    [
      'noLeanScriptMsPerFrame',
      ms(f.noLeanScriptMsPerFrame!),
      '≤ 0.5 ms',
      verdict(f.noLeanScriptMsPerFrame!, 0.5),
      `thread time in trace events attributed to our content scripts, per frame (${r.control.scripts.framesPerLoad} per load), ${spread(r.control.scripts.ours, ms)}; ` +
        `by script ${Object.entries(r.control.scripts.byScript)
          .map(([file, v]) => `${file} ${ms(v)}`)
          .join(', ')}; ` +
        `the control's empty files under the same URLs ${ms(r.control.scripts.control.median)}; ours − control ${diff(r.control.scripts.extra)}`,
    ],
    [
      'noLeanScriptBytesPerFrame',
      `${f.noLeanScriptBytesPerFrame!.toLocaleString('en-US')} B`,
      '≤ 8,192 B',
      verdict(f.noLeanScriptBytesPerFrame!, 8192),
      `${r.perFrame.files.map((file) => `${file.file} (${file.world}) ${file.bytes.toLocaleString('en-US')} B`).join(' + ')}; minified, as shipped; every frame of every page`,
    ],
    [
      '  …service worker per navigation',
      ms(r.control.profiled.workerMs),
      'report',
      'report',
      `busy (profiled) over ${r.control.profiled.navigations} navigations of a tab without Lean or a panel (the webRequest listener keeps the document's CSP headers in memory); ` +
        `storage.session keys written per navigation: ${r.control.profiled.storageChanges}`,
    ],
    [
      'pipelineLatencyMs',
      ms(f.pipelineLatencyMs!),
      '≤ 50 ms',
      verdict(f.pipelineLatencyMs!, 50),
      `call → row in the DOM, ${spread(r.pipeline.latency, ms)}; painted ${ms(r.pipeline.painted.median)}; ` +
        `clock skew ≤ ${r.pipeline.maxSkewMs.toFixed(1)} ms`,
    ],
    [
      '  …with 10,000 events in the tab',
      ms(r.pipeline10k.latency.median),
      '(≤ 50 ms)',
      verdict(r.pipeline10k.latency.median, 50),
      `${spread(r.pipeline10k.latency, ms)}; painted ${ms(r.pipeline10k.painted.median)}`,
    ],
    [
      'panelRender10kMs',
      ms(f.panelRender10kMs!),
      '≤ 150 ms',
      verdict(f.panelRender10kMs!, 150),
      `navigation start → first rows + a frame, session in the worker's memory, ${spread(r.open10k, ms)}; ` +
        `rows in the DOM at ${ms(median(r.warm.map((t) => t.rowsMs)))}; first snapshot in the panel at ${fmtMark(median(r.warm.map((t) => t.snapshotMark ?? Number.NaN)))}`,
    ],
    [
      'panelWhole10kMs',
      ms(f.panelWhole10kMs!),
      '≤ 300 ms',
      verdict(f.panelWhole10kMs!, 300),
      `the newest ${FIRST_SNAPSHOT_EVENTS} events come first; then every event, rendered, + a frame: ${spread(summarize(r.warm.map((t) => t.wholeMs)), ms)}`,
    ],
    [
      'panelCold10kMs',
      ms(f.panelCold10kMs!),
      '≤ 200 ms',
      verdict(f.panelCold10kMs!, 200),
      `a tab the worker has not loaded (as after a restart): it reads the newest chunks from storage.session for the first rows, then all ${Math.ceil(EVENTS / store.CHUNK_SIZE)}; ${spread(summarize(r.colds.map((t) => t.usableMs)), ms)}`,
    ],
    [
      'panelColdWhole10kMs',
      ms(f.panelColdWhole10kMs!),
      '≤ 300 ms',
      verdict(f.panelColdWhole10kMs!, 300),
      `the whole session, read from storage.session, rendered, + a frame: ${spread(summarize(r.colds.map((t) => t.wholeMs)), ms)}`,
    ],
    [
      'panelFilter10kMs',
      ms(f.panelFilter10kMs!),
      '≤ 50 ms',
      verdict(f.panelFilter10kMs!, 50),
      `input event → list updated + a frame, ${spread(r.filter.summary, ms)}, max ${ms(r.filter.summary.max)}; ` +
        `DOM updated after ${ms(median(r.filter.samples.map((s) => s.domMs)))}`,
    ],
    [
      'memoryPer10kEventsMB',
      `${f.memoryPer10kEventsMB!.toFixed(2)} MB`,
      'report',
      'report',
      `JS heap after GC: worker ${mb(r.memory.swBase)} → ${mb(r.memory.sw10k)}, panel ${mb(r.memory.panelBase)} → ${mb(r.memory.panel10k)}; ` +
        `the tab in storage.session: ${mb(r.stored.bytes)} of its ${mb(r.stored.quota)} quota (shared by all tabs)`,
    ],
    [
      '  …storage per event',
      `${(r.stored.bytes / EVENTS).toFixed(0)} B`,
      'report',
      'report',
      `quota bytes per event (typical 5–9-field configs; JSON ${(r.stored.json / EVENTS).toFixed(0)} B); ` +
        `rich 10–16-field configs: ${r.stored.richBytesPerEvent.toFixed(0)} B (JSON ${r.stored.richJsonPerEvent.toFixed(0)} B), ` +
        `so the whole quota holds ${Math.floor(r.stored.quota / r.stored.richBytesPerEvent).toLocaleString('en-US')} of them; ` +
        `store caps per tab: ${CAPS.events.toLocaleString('en-US')} events` +
        (CAPS.bytes ? `, ${(CAPS.bytes / 1e6).toFixed(1)} MB of JSON` : ''),
    ],
    [
      'hookScriptBytes',
      `${f.hookScriptBytes!.toLocaleString('en-US')} B`,
      'report',
      'report',
      `${r.hook.files.join(', ')} (minified); ${r.hook.gzipBytes.toLocaleString('en-US')} B gzipped; compiled in every frame of every page`,
    ],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length), ['figure', 'value', 'target', 'status'][i]!.length));
  const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ');
  const out = [
    '',
    `Lean DevTools benchmark: ${r.host.chromium}; ${r.host.cpus} cores (${r.host.cpuModel}), ${r.host.memoryGiB} GiB; load average ${r.host.load.join(' ')}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
    '',
    line(['figure', 'value', 'target', 'status', 'how / detail']),
    line(widths.map((w) => '─'.repeat(w)).concat('─'.repeat(40))),
    ...rows.map(line),
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
}

const ci = (r: Ratio) => `95% CI ${r.interval[0].toFixed(3)}–${r.interval[1].toFixed(3)}`;
const diff = (d: Difference) => `${d.median >= 0 ? '+' : ''}${ms(d.median)} (95% CI ${ms(d.interval[0])} to ${ms(d.interval[1])})`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;
const fmtMark = (v: number) => (Number.isNaN(v) ? 'n/a' : ms(v));

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
