/**
 * The whole audit: one browser, each target in turn, findings collected and judged, one
 * canonical report. A target that fails (navigation, flow, deadline, Lean missing) is
 * reported as failed with whatever its session holds; a browser that does not start fails
 * every target. A target whose session lost events gets an `incomplete-session` finding.
 */
import type { Browser } from 'playwright-core';
import type { TabSession } from '../protocol';
import { outcomeCoverage } from '../model/outcome-coverage';
import { overrideSpec } from '../model/outcomes';
import { chooseSandbox, findChromium, firstLine, launchChromium, processUid } from './browser';
import type { AuditConfig, AuditTarget } from './config';
import { settleBy } from './deadline';
import { applyBaseline, applyRuleLevels, collectFindings, mapLocation } from './findings';
import { incompleteFinding } from './incomplete';
import { type AuditReport, buildReport, publicCsp, type TargetReport } from './report';
import { type PageScripts, runTarget, TEARDOWN_MS } from './run-target';

export interface AuditProgress {
  targetStarted(target: AuditTarget, index: number, total: number): void;
  targetFinished(target: TargetReport, index: number, total: number): void;
}

export interface AuditDeps {
  scripts: PageScripts;
  env: Record<string, string | undefined>;
  tool: { name: string; version: string };
  /** Fingerprints of the baseline's findings (empty without one). */
  baseline: ReadonlySet<string>;
  progress?: AuditProgress;
  /** One line for stderr about how the run goes (Chromium without its sandbox). */
  warn?(line: string): void;
  /** The user id the run has (`processUid()` by default), for the sandbox decision. */
  uid?: number | null;
}

export interface AuditResult {
  report: AuditReport;
  /** Each target's session, by position (for the step summary's support report). */
  sessions: Array<TabSession | null>;
}

export async function runAudit(config: AuditConfig, deps: AuditDeps): Promise<AuditResult> {
  const startedAt = Date.now();
  const targets: TargetReport[] = [];
  const sessions: Array<TabSession | null> = [];
  let browser: Browser | null = null;
  let browserError: string | null = null;
  const { sandbox, notice } = chooseSandbox(config.sandbox, deps.uid === undefined ? processUid() : deps.uid);
  try {
    browser = await launchChromium(findChromium(config.chromiumPath, deps.env), { sandbox, timeout: config.timeout });
    if (notice) deps.warn?.(notice);
  } catch (error) {
    browserError = firstLine(error);
  }
  try {
    for (const [index, target] of config.targets.entries()) {
      deps.progress?.targetStarted(target, index, config.targets.length);
      const report = browser
        ? await auditTarget(target, config, deps, browser, sessions)
        : failedTarget(target, browserError ?? 'no browser', sessions);
      targets.push(report);
      deps.progress?.targetFinished(report, index, config.targets.length);
    }
  } finally {
    if (browser) await settleBy(browser.close(), Date.now() + TEARDOWN_MS, undefined);
  }
  const report = buildReport({
    tool: deps.tool,
    browser: browser ? { sandbox } : null,
    startedAt,
    finishedAt: Date.now(),
    failOn: config.failOn,
    rules: config.rules,
    targets,
  });
  return { report, sessions };
}

async function auditTarget(
  target: AuditTarget,
  config: AuditConfig,
  deps: AuditDeps,
  browser: Browser,
  sessions: Array<TabSession | null>,
): Promise<TargetReport> {
  let run: Awaited<ReturnType<typeof runTarget>>;
  try {
    run = await runTarget(target, { browser, scripts: deps.scripts, timeout: config.timeout, settleMs: config.settleMs });
  } catch (error) {
    return failedTarget(target, firstLine(error), sessions);
  }
  sessions.push(run.session);
  const pageUrl = run.session.url || target.url || '';
  const found = collectFindings(run.session, {
    targetName: target.name,
    pageUrl,
    cspLocation: target.cspFile ?? config.configFile ?? pageUrl,
    now: run.finishedAt,
  });
  const incomplete = incompleteFinding(run.losses, target.name, pageUrl);
  // Never baselined: a record that lost events cannot vouch for the findings it lacks.
  const judged = [...applyBaseline(applyRuleLevels(found, config.rules), deps.baseline), ...applyRuleLevels(incomplete ? [incomplete] : [], config.rules)];
  const findings = judged.map((f) => ({
    ...f,
    location: mapLocation(f.location, config.pathMap),
  }));
  return {
    name: target.name,
    url: target.url,
    flow: target.flow,
    status: run.error ? 'failed' : 'ok',
    error: run.error,
    finalUrl: run.finalUrl,
    durationMs: run.finishedAt - run.startedAt,
    leanDetected: run.leanDetected,
    calls: run.session.events.filter((e) => e.type === 'call').length,
    droppedEvents: run.session.droppedEvents,
    refusedMessages: run.session.refusedMessages,
    csp: publicCsp(run.session.csp),
    findings,
    overrides: run.overrides,
    outcomes: outcomeCoverage(run.session.events),
  };
}

function failedTarget(target: AuditTarget, error: string, sessions: Array<TabSession | null>): TargetReport {
  sessions.push(null);
  return {
    name: target.name,
    url: target.url,
    flow: target.flow,
    status: 'failed',
    error,
    finalUrl: null,
    durationMs: 0,
    leanDetected: false,
    calls: 0,
    droppedEvents: 0,
    refusedMessages: 0,
    csp: null,
    findings: [],
    overrides: target.overrides.map(overrideSpec),
    outcomes: [],
  };
}
