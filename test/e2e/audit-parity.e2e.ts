/**
 * The audit's findings are the panel's: one page with config mistakes under a header and a
 * meta CSP, exported from the extension's panel and audited by the built bin — the same
 * findings (call by call, with their severities, fields and messages), the same session
 * findings and the same CSP audit. Pages of configs Lean's official SDKs accept (one on the
 * regional loader, one on the older Lean.min.js bundle) get no error from either.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicCsp } from '../../lib/audit/report';
import { CSP_BLOCKED } from '../../lib/audit/rule-catalog';
import { sessionFindings } from '../../lib/rules';
import { sessionFileSchema } from '../../lib/files/schema';
import type { SessionFile } from '../../lib/model/types';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { assertBuilt, runCli } from './support/audit';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  assertBuilt();
  server = await startFixtureServer();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Comparable {
  method: string | null;
  code: string;
  severity: string;
  field: string | null;
  message: string;
}

/** What the panel shows for an exported session: each call's findings, then the session's. */
function panelFindings(file: SessionFile): Comparable[] {
  const out: Comparable[] = [];
  for (const event of file.events) {
    if (event.type !== 'call') continue;
    for (const f of event.findings) out.push({ method: event.method, code: f.code, severity: f.severity, field: f.field, message: f.message });
  }
  for (const f of sessionFindings(file.events, Date.parse(file.exportedAt))) {
    out.push({ method: null, code: f.code, severity: f.severity, field: f.field, message: f.message });
  }
  return out;
}

async function exportFromPanel(url: string, calls = 2): Promise<SessionFile> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('done')?.textContent === 'done');
  const panel = await browser.openPanel(await browser.tabIdOf(page));
  // Filters persist per extension (localStorage): start from none.
  await panel.fill('#filter-text', '');
  await expect.poll(() => panel.locator('.row.call').count()).toBe(calls);
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export')]);
  const file = sessionFileSchema.parse(JSON.parse(await readFile((await download.path())!, 'utf8'))) as SessionFile;
  await panel.close();
  await page.close();
  return file;
}

describe('audit and panel parity', () => {
  it('reports exactly the findings and the CSP audit of the panel’s export for the same page', async () => {
    const url = server.url('/audit/parity.html');
    const exported = await exportFromPanel(url);
    const run = await runCli(['audit', url, '--fail-on', 'never']);
    expect(run.code).toBe(0);
    const [target] = (await run.report()).targets;

    const fromPanel = panelFindings(exported);
    // The page has both kinds: config findings on its calls, and hosts its CSP blocks.
    expect(fromPanel.length).toBeGreaterThan(3);
    expect(exported.csp?.blocked.length).toBeGreaterThan(0);

    const fromAudit = target!.findings
      .filter((f) => f.ruleId !== CSP_BLOCKED)
      .map((f) => ({ method: f.method, code: f.ruleId, severity: f.severity, field: f.field, message: f.message }));
    expect(fromAudit).toEqual(fromPanel);
    expect(target!.csp).toEqual(publicCsp(exported.csp));
    const blocked = target!.findings.filter((f) => f.ruleId === CSP_BLOCKED);
    expect(blocked.map((f) => f.message)).toEqual(
      exported.csp!.blocked.map((b) => expect.stringContaining(`blocks ${b.url} under ${b.directive}`)),
    );
  });

  it.each([
    ['/audit/official.html', 3, []],
    ['/audit/legacy-bundle.html', 1, ['legacy-method', 'legacy-sdk-bundle']],
  ])('gives no error on %s (configs the official SDKs accept), in the panel or the audit', async (file, calls, codes) => {
    const url = server.url(file);
    const fromPanel = panelFindings(await exportFromPanel(url, calls));
    const run = await runCli(['audit', url]);
    expect(run.code).toBe(0);
    const fromAudit = (await run.report()).targets[0]!.findings
      .filter((f) => f.ruleId !== CSP_BLOCKED)
      .map((f) => ({ method: f.method, code: f.ruleId, severity: f.severity, field: f.field, message: f.message }));
    expect(fromAudit).toEqual(fromPanel);
    expect(fromPanel.filter((f) => f.severity === 'error')).toEqual([]);
    expect(fromPanel.filter((f) => f.code !== 'exactly-one-of').map((f) => f.code)).toEqual(codes);
  });
});
