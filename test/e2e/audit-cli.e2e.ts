/**
 * `lean-devtools audit` from the built bin, against the repository's fixture pages: the seeded
 * mistakes, a header CSP, a meta CSP, a page without Lean, the demo shop's redirect flow;
 * every report format, and exit codes 0, 1 and 2.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditFinding } from '../../lib/audit/findings';
import { RULES } from '../../lib/audit/rule-catalog';
import { ACCESS_TOKEN_SIGNATURE, secrets } from '../fixtures/demo/secrets';
import { parseJunit, validateSarif } from '../fixtures/audit/formats';
import { auditFixtureServer, FLOWS, runCli } from './support/audit';

const server = auditFixtureServer();

const codes = (findings: AuditFinding[]) => findings.map((f) => `${f.method ?? '-'} ${f.ruleId}:${f.field ?? '-'}`).sort();

describe('lean-devtools audit', () => {
  it('reports the seeded mistakes in every format and exits 1', async () => {
    const run = await runCli([
      'audit',
      server.url('/mistakes/'),
      '--flow',
      path.join(FLOWS, 'run-mistakes.mjs'),
      '--reporter',
      'json,junit,sarif,github,codequality',
    ]);
    expect(run.stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
    expect(run.code).toBe(1);
    expect(run.files).toEqual(['gl-code-quality-report.json', 'junit.xml', 'report.json', 'report.sarif', 'summary.md', 'support-1.md']);

    const report = await run.report();
    expect(report).toMatchObject({ format: 'lean-devtools-audit', version: 1, exitCode: 1, failOn: 'error' });
    const [target] = report.targets;
    expect(target).toMatchObject({ status: 'ok', calls: 5, leanDetected: true });
    expect(codes(target!.findings)).toEqual(
      [
        'connect boolean-as-string:sandbox',
        'connect missing-required:customer_id',
        'connect unknown-field:customerId',
        'pay exactly-one-of:payment_intent_id',
        'pay missing-callback:callback',
        'createBeneficiary deprecated-method:-',
        'checkout redirect-url:success_redirect_url',
      ].sort(),
    );
    // Config findings are located at the page's own call.
    expect(target!.findings.every((f) => f.location.uri === server.url('/mistakes/mistakes.js') && f.location.line! > 0)).toBe(true);

    const suites = parseJunit(await run.read('junit.xml'));
    expect(suites).toHaveLength(1);
    expect(suites[0]!.cases.map((c) => c['@_name'])).toEqual(RULES.map((r) => r.id));
    // Both intent ids and an http: redirect URL are warnings (docs/lean-sdk-reference.md §5).
    expect(suites[0]!.cases.filter((c) => c.failure !== undefined).map((c) => c['@_name']).sort()).toEqual(
      ['boolean-as-string', 'missing-required'].sort(),
    );

    const sarif = JSON.parse(await run.read('report.sarif'));
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toHaveLength(7);

    const quality = JSON.parse(await run.read('gl-code-quality-report.json')) as Array<{ check_name: string }>;
    expect(quality.map((i) => i.check_name).sort()).toEqual(target!.findings.map((f) => f.ruleId).sort());

    expect(run.stdout.trimEnd().split('\n').filter((l) => l.startsWith('::error ')).length).toBe(2);
    expect(await run.read('summary.md')).toContain('Support report: `support-1.md`');
    expect(await run.read('support-1.md')).toContain('# Lean support report');
    // CI (no TTY): plain progress lines.
    expect(run.stderr).toContain('[1/1]');
  });

  it('applies --rule overrides and LEAN_DEVTOOLS_FAIL_ON from the environment (exit 0)', async () => {
    const run = await runCli(
      ['audit', server.url('/mistakes/'), '--flow', path.join(FLOWS, 'run-mistakes.mjs'), '--rule', 'missing-required=off', '--rule', 'boolean-as-string=warning'],
      { env: { LEAN_DEVTOOLS_FAIL_ON: 'never' } },
    );
    expect(run.code).toBe(0);
    const findings = (await run.report()).targets[0]!.findings;
    expect(findings.some((f) => f.ruleId === 'missing-required')).toBe(false);
    expect(findings.find((f) => f.ruleId === 'boolean-as-string')).toMatchObject({ severity: 'warning', defaultSeverity: 'error' });
  });

  it('fails without a baseline (exit 1) and passes with one holding every finding (exit 0)', async () => {
    const first = await runCli(['audit', server.url('/mistakes/'), '--flow', path.join(FLOWS, 'run-mistakes.mjs')]);
    expect(first.code).toBe(1);
    const baseline = path.join(first.dir, 'report.json');
    const second = await runCli(['audit', server.url('/mistakes/'), '--flow', path.join(FLOWS, 'run-mistakes.mjs'), '--baseline', baseline, '--fail-on', 'warning']);
    expect(second.code).toBe(0);
    const findings = (await second.report()).targets[0]!.findings;
    expect(findings).toHaveLength(7);
    expect(findings.every((f) => f.baselined)).toBe(true);
  });

  it('reports the SDK hosts a header CSP blocks, located at the file the config names', async () => {
    const config = path.join(await mkdtemp(path.join(tmpdir(), 'lean-audit-config-')), 'lean-devtools.config.json');
    await writeFile(config, JSON.stringify({ targets: [{ name: 'header CSP', url: server.url('/csp/header-only.html'), cspFile: 'deploy/nginx.conf' }], reporters: ['json', 'sarif'] }));
    const run = await runCli(['audit', '--config', config]);
    expect(run.code).toBe(1);
    const [target] = (await run.report()).targets;
    expect(target!.csp!.policies).toEqual([{ source: 'header', disposition: 'enforce', text: expect.stringContaining("default-src 'self'") }]);
    const blocked = target!.findings.filter((f) => f.ruleId === 'csp-blocked');
    expect(blocked.length).toBe(target!.csp!.blocked.length);
    expect(blocked.map((f) => f.message).join('\n')).toContain('https://cdn.leantech.me under default-src');
    expect(blocked.every((f) => f.severity === 'error' && f.location.uri === 'deploy/nginx.conf')).toBe(true);
    const sarif = JSON.parse(await run.read('report.sarif'));
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/nginx.conf');
  });

  it('reports a <meta> CSP, and ignores one outside <head> as browsers do', async () => {
    const run = await runCli(['audit', server.url('/csp/meta-only.html')]);
    expect(run.code).toBe(1);
    const [target] = (await run.report()).targets;
    expect(target!.csp!.policies).toEqual([
      { source: 'meta', disposition: 'enforce', text: "default-src 'self'; connect-src 'self' https://*.leantech.me; frame-ancestors 'none'" },
    ]);
    expect(target!.findings.filter((f) => f.ruleId === 'csp-blocked').map((f) => f.message).join('\n')).toContain('policy 1, <meta>');
  });

  it('waits out the captureRedirect grace and warns about a redirect page that never calls it (exit 1 with --fail-on warning)', async () => {
    const url = server.url('/audit/return-no-capture.html?consent_attempt_id=ca-1&granular_status_code=ACCEPTED_BY_BANK');
    const run = await runCli(['audit', url, '--fail-on', 'warning']);
    expect(run.code).toBe(1);
    const [target] = (await run.report()).targets;
    expect(target!.findings.map((f) => [f.ruleId, f.kind, f.severity])).toEqual([['redirect-without-capture', 'session', 'warning']]);
    expect(target!.findings[0]!.location.uri).toBe(url);
  });

  it('exits 2 with one line on stderr when Lean never appears, and still writes the report', async () => {
    const run = await runCli(['audit', server.url('/patterns/no-sdk.html'), '--reporter', 'junit']);
    expect(run.code).toBe(2);
    const reasons = run.stderr.split('\n').filter((l) => l.startsWith('lean-devtools audit: ') && l.includes('Lean never appeared'));
    expect(reasons).toHaveLength(1);
    expect(run.files).toEqual(['junit.xml', 'report.json']);
    expect((await run.report()).targets[0]).toMatchObject({ status: 'failed', leanDetected: false });
  });

  it('passes a page without Lean with --no-expect-lean (exit 0)', async () => {
    const run = await runCli(['audit', server.url('/patterns/no-sdk.html'), '--no-expect-lean']);
    expect(run.code).toBe(0);
    expect((await run.report()).targets[0]).toMatchObject({ status: 'ok', leanDetected: false, findings: [] });
  });

  it('exits 2 when the flow throws', async () => {
    const run = await runCli(['audit', server.url('/mistakes/'), '--flow', path.join(FLOWS, 'throws.mjs')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the Pay button is gone');
    expect((await run.report()).targets[0]).toMatchObject({ status: 'failed' });
  });

  it('exits 2 on a bad setting or a browser that does not start, writing a report that says why', async () => {
    const bad = await runCli(['audit', server.url('/mistakes/'), '--reporter', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('lean-devtools audit: unknown reporter "html" (expected json, junit, sarif, github, codequality)');
    expect(await bad.report()).toMatchObject({ exitCode: 2, error: expect.stringContaining('unknown reporter') });

    const noBrowser = await runCli(['audit', server.url('/mistakes/'), '--chromium-path', '/nonexistent/chromium']);
    expect(noBrowser.code).toBe(2);
    expect(noBrowser.stderr).toContain('failed to start');
  });

  it('follows the demo shop through the bank redirect to captureRedirect, with no secret in any report (exit 0)', async () => {
    const run = await runCli([
      'audit',
      server.url('/demo/'),
      '--flow',
      path.join(FLOWS, 'demo-redirect.mjs'),
      '--reporter',
      'json,junit,sarif,github,codequality',
    ]);
    expect(run.code).toBe(0);
    const [target] = (await run.report()).targets;
    expect(target).toMatchObject({ status: 'ok', calls: 2, findings: [] });
    expect(target!.finalUrl).toContain('/demo/return.html');
    for (const name of run.files) {
      const text = await run.read(name);
      for (const secret of [secrets.appToken, ACCESS_TOKEN_SIGNATURE]) expect(text, name).not.toContain(secret);
    }
  });
});
