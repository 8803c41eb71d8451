/**
 * Runs one target in a fresh browser context: the extension's hook in the page's MAIN world
 * and its relay in an isolated world (through CDP, as content scripts are injected), the
 * navigation responses' CSP headers read from the network, the page opened and the flow run,
 * then the session read once the page is quiet. The page's CSP is enforced as served
 * (never `bypassCSP`): its violations are part of what the audit reports.
 */
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TabSession } from '../protocol';
import { redactUrl } from '../privacy/redact';
import { firstLine } from './browser';
import { captureGraceEnds } from './capture-grace';
import type { AuditTarget } from './config';
import { type OutcomeOverride, overrideSpec } from '../model/outcomes';
import { RELAY_BINDING, RELAY_WORLD } from './page-channel';
import { type FlowOverrides, hookWithOverrides, TargetOverrides } from './overrides';
import { SessionRecorder } from './session-recorder';

export interface PageScripts {
  /** The hook bundle (MAIN world). */
  hook: string;
  /** The relay bundle (isolated world). */
  relay: string;
}

/** What a flow module's default export receives. */
export interface FlowContext {
  page: Page;
  context: BrowserContext;
  /** The target's URL, already opened; null when the flow navigates by itself. */
  url: string | null;
  /** Outcome overrides for the documents loaded from now on (docs/overrides.md). */
  overrides: FlowOverrides;
}

export type Flow = (context: FlowContext) => Promise<void> | void;

export interface RunOptions {
  browser: Browser;
  scripts: PageScripts;
  timeout: number;
  settleMs: number;
}

export interface TargetRun {
  session: TabSession;
  /** Why the audit could not do its job here, or null. */
  error: string | null;
  finalUrl: string | null;
  leanDetected: boolean;
  /** Every override spec a document of the target ran with. */
  overrides: string[];
  startedAt: number;
  finishedAt: number;
}

class TargetError extends Error {}

export async function runTarget(target: AuditTarget, options: RunOptions): Promise<TargetRun> {
  const startedAt = Date.now();
  const recorder = new SessionRecorder();
  const context = await options.browser.newContext();
  let error: string | null = null;
  let finalUrl: string | null = null;
  let overrides: TargetOverrides | null = null;
  try {
    const page = await context.newPage();
    overrides = await instrument(context, page, recorder, options.scripts, target);
    const deadline = startedAt + options.timeout;
    await withDeadline(drive(target, page, context, overrides), deadline, `timed out after ${options.timeout} ms`);
    await waitUntilQuiet(recorder, options.settleMs, deadline);
    const graceEnds = captureGraceEnds((await recorder.session()).events);
    if (graceEnds !== null) await sleep(Math.min(graceEnds, deadline) - Date.now());
    finalUrl = redactUrl(page.url());
  } catch (thrown) {
    error = thrown instanceof TargetError ? thrown.message : firstLine(thrown);
  }
  let session: TabSession;
  try {
    session = await recorder.session();
  } finally {
    await context.close().catch(() => undefined);
  }
  const leanDetected = session.events.some((e) => e.type === 'sdk' || e.type === 'call');
  if (!error && target.expectLean && !leanDetected) {
    error = `Lean never appeared on ${target.url ?? target.name} (pass --no-expect-lean, or set "expectLean": false, for a page without it)`;
  }
  const used = overrides ? [...overrides.used] : target.overrides.map(overrideSpec);
  return { session, error, finalUrl, leanDetected, overrides: used, startedAt, finishedAt: Date.now() };
}

async function instrument(
  context: BrowserContext,
  page: Page,
  recorder: SessionRecorder,
  scripts: PageScripts,
  target: AuditTarget,
): Promise<TargetOverrides> {
  const cdp = await context.newCDPSession(page);
  cdp.on('Runtime.bindingCalled', (event) => {
    if (event.name === RELAY_BINDING) recorder.relayMessage(event.payload);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Page.enable');
  await cdp.send('Runtime.addBinding', { name: RELAY_BINDING, executionContextName: RELAY_WORLD });
  const addHook = async (overrides: readonly OutcomeOverride[]) =>
    (await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: hookWithOverrides(scripts.hook, overrides) })).identifier;
  let hookScript = await addHook(target.overrides);
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: scripts.relay, worldName: RELAY_WORLD });
  page.on('response', (response) => {
    try {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
        recorder.documentResponse(response.url(), response.status(), response.headersArray());
      }
    } catch {
      // A response with no frame (a service worker's): not a document of this page.
    }
  });
  return new TargetOverrides(target.overrides, async (overrides) => {
    await cdp.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: hookScript });
    hookScript = await addHook(overrides);
  });
}

async function drive(target: AuditTarget, page: Page, context: BrowserContext, overrides: TargetOverrides): Promise<void> {
  if (target.url) {
    const response = await page.goto(target.url, { waitUntil: 'load', timeout: 0 });
    if (response && response.status() >= 400) throw new TargetError(`${target.url} answered HTTP ${response.status()}`);
  }
  if (target.flow) {
    const flow = await loadFlow(target.flow);
    try {
      await flow({ page, context, url: target.url, overrides: overrides.forFlow });
    } catch (thrown) {
      throw new TargetError(`flow ${target.flow} threw: ${firstLine(thrown)}`);
    }
    await page.waitForLoadState('load', { timeout: 0 });
  }
}

async function loadFlow(file: string): Promise<Flow> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (thrown) {
    throw new TargetError(`flow ${file} could not be loaded: ${firstLine(thrown)}`);
  }
  if (typeof module.default !== 'function') throw new TargetError(`flow ${file} has no default export function`);
  return module.default as Flow;
}

/** Until no message has arrived for `settleMs` (the hook flushes within a task of each call). */
async function waitUntilQuiet(recorder: SessionRecorder, settleMs: number, deadline: number): Promise<void> {
  const quietSince = Date.now();
  for (;;) {
    const last = Math.max(recorder.lastMessageAt, quietSince);
    const now = Date.now();
    if (now - last >= settleMs || now >= deadline) return;
    await sleep(Math.min(settleMs - (now - last), 100));
  }
}

async function withDeadline<T>(work: Promise<T>, deadline: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TargetError(message)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
