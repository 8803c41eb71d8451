/**
 * Runs one target in a fresh browser context: the extension's hook in the page's MAIN world
 * and its relay in an isolated world, in every frame (`instrument.ts`), the navigation
 * responses' CSP headers read from the network, the page opened and the flow run, then the
 * session read once the page is quiet. The page's CSP is enforced as served (never
 * `bypassCSP`): its violations are part of what the audit reports.
 *
 * Every wait ends by the target's deadline (`--timeout` from its start): passing it fails the
 * target with a one-line reason, and what the session holds by then is still reported. Closing
 * the context gets a short allowance of its own past the deadline, and is then abandoned.
 */
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { TabSession } from '../protocol';
import type { ResponseHeader } from '../csp/headers';
import { redactUrl } from '../privacy/redact';
import { firstLine } from './browser';
import { captureGraceEnds } from './capture-grace';
import type { AuditTarget } from './config';
import { DeadlineError, settleBy, sleep, withDeadline } from './deadline';
import { instrumentPage, type PageScripts } from './instrument';
import { type FlowOverrides, hookWithOverrides, TargetOverrides } from './overrides';
import { overrideSpec } from '../model/outcomes';
import { type SessionLosses, SessionRecorder } from './session-recorder';

export type { PageScripts } from './instrument';

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
  /** What the session lost, by cause. */
  losses: SessionLosses;
  /** Why the audit could not do its job here, or null. */
  error: string | null;
  finalUrl: string | null;
  leanDetected: boolean;
  /** Every override spec the target was given (at init, or by its flow). */
  overrides: string[];
  startedAt: number;
  finishedAt: number;
}

/** Past the deadline: reading what the session holds, then closing the context. */
export const TEARDOWN_MS = 5_000;

class TargetError extends Error {}

export async function runTarget(target: AuditTarget, options: RunOptions): Promise<TargetRun> {
  const startedAt = Date.now();
  const deadline = startedAt + options.timeout;
  const late = (what: string) => `timed out after ${options.timeout} ms ${what} (raise --timeout if the page needs longer)`;
  const recorder = new SessionRecorder();
  // Started at once, so a context that never comes is still closed should it come late.
  const opening = options.browser.newContext();
  let context: BrowserContext | null = null;
  let error: string | null = null;
  let finalUrl: string | null = null;
  let overrides: TargetOverrides | null = null;
  try {
    context = await withDeadline(opening, deadline, late('opening a browser context'));
    const page = await withDeadline(context.newPage(), deadline, late('opening a page'));
    overrides = await withDeadline(instrument(context, page, recorder, options.scripts, target), deadline, late('instrumenting the page'));
    await withDeadline(drive(target, page, context, deadline, overrides), deadline, late(target.flow ? 'loading the page and running the flow' : 'loading the page'));
    await waitUntilQuiet(recorder, options.settleMs, deadline, late);
    const graceEnds = captureGraceEnds((await withDeadline(recorder.session(), deadline, late('recording the page'))).events);
    if (graceEnds !== null) {
      if (graceEnds > deadline) throw new TargetError(late('waiting for the redirect page to call captureRedirect'));
      await sleep(graceEnds - Date.now());
    }
    finalUrl = redactUrl(page.url());
  } catch (thrown) {
    error = thrown instanceof TargetError || thrown instanceof DeadlineError ? thrown.message : firstLine(thrown);
  }
  const teardown = Math.max(Date.now(), deadline) + TEARDOWN_MS;
  const session = await recorder.session(teardown);
  void opening.then((opened) => (opened === context ? undefined : opened.close())).catch(() => undefined);
  if (context) await settleBy(context.close(), teardown, undefined);
  const leanDetected = session.events.some((e) => e.type === 'sdk' || e.type === 'call');
  if (!error && target.expectLean && !leanDetected) {
    error = `Lean never appeared on ${target.url ?? target.name} (pass --no-expect-lean, or set "expectLean": false, for a page without it)`;
  }
  const used = overrides ? [...overrides.used] : target.overrides.map(overrideSpec);
  return { session, losses: recorder.losses(session), error, finalUrl, leanDetected, overrides: used, startedAt, finishedAt: Date.now() };
}

async function instrument(
  context: BrowserContext,
  page: Page,
  recorder: SessionRecorder,
  scripts: PageScripts,
  target: AuditTarget,
): Promise<TargetOverrides> {
  // The hook gets the target's overrides at init (`./overrides`); a flow replaces them for later documents.
  const withOverrides: PageScripts = { ...scripts, hook: hookWithOverrides(scripts.hook, target.overrides) };
  const replaceHook = await instrumentPage(context, page, withOverrides, (payload) => recorder.relayMessage(payload));
  page.on('response', (response) => {
    try {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
        recorder.documentResponse(response.url(), response.status(), headersOf(response));
      }
    } catch {
      // A response with no frame (a service worker's): not a document of this page.
    }
  });
  return new TargetOverrides(target.overrides, (next) => replaceHook(hookWithOverrides(scripts.hook, next)));
}

/**
 * The response's headers as received: `headers()` joins a repeated header's values with a
 * newline (which no header value holds). Not `headersArray()`: it waits for raw headers that
 * never come for a document served from a Speculation Rules prefetch.
 */
function headersOf(response: Response): ResponseHeader[] {
  return Object.entries(response.headers()).flatMap(([name, values]) => values.split('\n').map((value) => ({ name, value })));
}

async function drive(target: AuditTarget, page: Page, context: BrowserContext, deadline: number, overrides: TargetOverrides): Promise<void> {
  const remaining = () => Math.max(1, deadline - Date.now());
  if (target.url) {
    const response = await page.goto(target.url, { waitUntil: 'load', timeout: remaining() });
    if (response && response.status() >= 400) throw new TargetError(`${target.url} answered HTTP ${response.status()}`);
  }
  if (target.flow) {
    const flow = await loadFlow(target.flow);
    try {
      await flow({ page, context, url: target.url, overrides: overrides.forFlow });
    } catch (thrown) {
      throw new TargetError(`flow ${target.flow} threw: ${firstLine(thrown)}`);
    }
    await page.waitForLoadState('load', { timeout: remaining() });
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

/**
 * Until no message has arrived for `settleMs` (the hook flushes within a task of each call).
 * A page still sending when the deadline comes fails the target: its record would be cut short.
 */
async function waitUntilQuiet(recorder: SessionRecorder, settleMs: number, deadline: number, late: (what: string) => string): Promise<void> {
  const quietSince = Date.now();
  for (;;) {
    const last = Math.max(recorder.lastMessageAt, quietSince);
    const now = Date.now();
    if (now - last >= settleMs) return;
    if (now >= deadline) throw new TargetError(late('waiting for the page to settle: it was still sending events'));
    await sleep(Math.min(settleMs - (now - last), deadline - now, 100));
  }
}
