/**
 * What the audit's run guarantees a CI gate, from the built bin against hostile and modern
 * pages: every wait ends by `--timeout` (exit 2, one line on stderr, every report written); a
 * page that prerenders its next page is followed there; a flood of events never pushes the
 * integrator's Lean call out, and a record that lost events fails the run; Chromium keeps
 * site isolation, with Lean instrumented in cross-site frames, and its sandbox unless it
 * cannot start with it (as root, said on stderr) or `--no-sandbox` is given.
 */
import { chmod, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lib/audit/report';
import { TEARDOWN_MS } from '../../lib/audit/run-target';
import { auditFixtureServer, BIN, FLOWS, runCli } from './support/audit';

const server = auditFixtureServer();

const ALL_REPORTERS = ['--reporter', 'json,junit,sarif,github,codequality'];
// The github reporter writes each target's support report beside the summary.
const ALL_FILES = ['gl-code-quality-report.json', 'junit.xml', 'report.json', 'report.sarif', 'summary.md', 'support-1.md'];
const ROOT_NOTICE = /^lean-devtools audit: running as root, where Chromium cannot start sandboxed/;
const isRoot = process.getuid?.() === 0;

/** The lines of stderr that say why the run failed (not progress, not the summary). */
const reasons = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('lean-devtools audit: ') && l.includes('timed out'));

describe('lean-devtools audit: deadlines', () => {
  it('follows a page that prerenders its next page and goes there, recording the call made there, well within the deadline', async () => {
    const run = await runCli(['audit', server.url('/audit/prerender-start.html'), '--timeout', '15000']);
    expect(run.code).toBe(1);
    const [target] = (await run.report()).targets;
    expect(target).toMatchObject({ status: 'ok', error: null, calls: 1, finalUrl: server.url('/audit/prerender-next.html') });
    expect(target!.durationMs).toBeLessThan(15_000);
    expect(target!.findings.map((f) => [f.ruleId, f.location.uri])).toEqual([['missing-required', server.url('/audit/prerender-next.html')]]);
    // The next document's own header policy, read from the response it was served with.
    expect(target!.csp?.policies).toEqual([{ source: 'header', disposition: 'enforce', text: "frame-ancestors 'self'" }]);
  });

  it('stops a page that never settles at its deadline: exit 2, one line saying why, every report written', async () => {
    const run = await runCli(['audit', server.url('/audit/never-settles.html'), '--timeout', '4000', ...ALL_REPORTERS]);
    expect(run.code).toBe(2);
    expect(reasons(run.stderr)).toEqual([
      `lean-devtools audit: ${server.url('/audit/never-settles.html')}: timed out after 4000 ms waiting for the page to settle: it was still sending events (raise --timeout if the page needs longer)`,
    ]);
    expect(run.files).toEqual(ALL_FILES);
    const report = await run.report();
    expect(report.exitCode).toBe(2);
    const [target] = report.targets;
    expect(target).toMatchObject({ status: 'failed', error: expect.stringContaining('timed out after 4000 ms') });
    // What the page did before the deadline is still reported.
    expect(target!.calls).toBeGreaterThan(0);
    expect(target!.durationMs).toBeLessThan(4_000 + TEARDOWN_MS);
  });

  it('stops a flow that never returns at its deadline (exit 2, reports written)', async () => {
    const run = await runCli(['audit', server.url('/audit/prerender-next.html'), '--flow', path.join(FLOWS, 'never-returns.mjs'), '--timeout', '3000', '--reporter', 'junit']);
    expect(run.code).toBe(2);
    expect(reasons(run.stderr)).toEqual([expect.stringContaining('timed out after 3000 ms loading the page and running the flow')]);
    expect(run.files).toEqual(['junit.xml', 'report.json']);
    const [target] = (await run.report()).targets;
    expect(target).toMatchObject({ status: 'failed', calls: 1 });
    expect(target!.findings.map((f) => f.ruleId)).toEqual(['missing-required']);
  });
});

describe('lean-devtools audit: fails closed', () => {
  it('keeps the error finding of the one bad Lean call on a page that floods the audit, and fails the run as incomplete', async () => {
    const run = await runCli(['audit', server.url('/audit/flood.html'), '--reporter', 'junit']);
    expect(run.code).toBe(1);
    const [target] = (await run.report()).targets;
    expect(target).toMatchObject({ status: 'ok', calls: 1 });
    expect(target!.droppedEvents).toBeGreaterThan(1_000);
    expect(target!.findings.find((f) => f.ruleId === 'missing-required')).toMatchObject({ severity: 'error', method: 'connect', field: 'customer_id' });
    const incomplete = target!.findings.find((f) => f.ruleId === 'incomplete-session');
    expect(incomplete).toMatchObject({ severity: 'error', baselined: false });
    expect(incomplete!.message).toContain(`${target!.droppedEvents.toLocaleString('en-US')} CSP violation, SDK or loader event(s) over the audit's cap`);
    expect(await run.read('junit.xml')).toContain('incomplete-session');
  });

  it('fails a run whose record is incomplete even with a baseline holding every finding', async () => {
    const first = await runCli(['audit', server.url('/audit/flood.html')]);
    const second = await runCli(['audit', server.url('/audit/flood.html'), '--baseline', path.join(first.dir, 'report.json')]);
    expect(second.code).toBe(1);
    const findings = (await second.report()).targets[0]!.findings;
    expect(findings.filter((f) => !f.baselined).map((f) => f.ruleId)).toEqual(['incomplete-session']);
  });
});

describe('lean-devtools audit: browser isolation', () => {
  it('instruments Lean in cross-site frames nested in each other, each out of its parent’s process', async () => {
    // The flow fails unless each frame is a target of its own (site isolation on).
    const run = await runCli(['audit', server.url('/audit/cross-site-top.html'), '--flow', path.join(FLOWS, 'cross-site-flow.mjs')]);
    expect(run.stderr).not.toContain('threw');
    expect(run.code).toBe(1);
    const [target] = (await run.report()).targets;
    expect(target).toMatchObject({ status: 'ok', calls: 2 });
    expect(target!.findings.map((f) => [f.ruleId, f.location.uri]).sort()).toEqual([
      ['missing-required', server.url('/audit/cross-site-frame.html?depth=1', '127.0.0.1')],
      ['missing-required', server.url('/audit/cross-site-frame.html?depth=2')],
    ]);
  });

  it.runIf(isRoot)('as root, runs Chromium without its sandbox and says so in one line on stderr', async () => {
    const run = await runCli(['audit', server.url('/audit/prerender-next.html')]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => ROOT_NOTICE.test(l))).toHaveLength(1);
    expect((await run.report()).browser).toEqual({ sandbox: false });
  });

  it('with --no-sandbox, runs Chromium without its sandbox as asked, without a notice', async () => {
    const run = await runCli(['audit', server.url('/audit/prerender-next.html'), '--no-sandbox']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/sandbox/);
    expect((await run.report()).browser).toEqual({ sandbox: false });
  });

  it.runIf(isRoot)('as another user, keeps Chromium’s sandbox and still records the page', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lean-audit-nobody-'));
    const home = await mkdtemp(path.join(tmpdir(), 'lean-audit-nobody-home-'));
    for (const writable of [dir, home]) await chmod(writable, 0o777);
    const run = await runCli(['audit', server.url('/audit/cross-site-top.html'), '--output-dir', dir], {
      bin: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN],
      env: { HOME: home },
      outputDir: false,
    });
    expect(run.stderr).not.toMatch(/sandbox/);
    expect(run.code).toBe(1);
    expect(await readdir(dir)).toEqual(['report.json']);
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as AuditReport;
    expect(report.browser).toEqual({ sandbox: true });
    expect(report.targets[0]).toMatchObject({ status: 'ok', calls: 2 });
  });
});
