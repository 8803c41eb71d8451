/**
 * `lean-devtools audit --override` from the built bin on the demo shop: the real page, with its
 * sandbox stand-in answering SUCCESS, gets the overridden outcome, shows its own UI for it
 * (the flow checks), and every report marks the override and lists the outcome coverage.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJunit } from '../fixtures/audit/formats';
import { auditFixtureServer, FLOWS, runCli } from './support/audit';

const server = auditFixtureServer();

const FLOW = path.join(FLOWS, 'demo-pay-override.mjs');

describe('lean-devtools audit --override', () => {
  it('hands the demo shop ERROR:INVALID_CREDENTIALS for pay, and reports both outcomes, the mark and the coverage', async () => {
    const run = await runCli(
      ['audit', server.url('/demo/'), '--flow', FLOW, '--override', 'pay=ERROR:INVALID_CREDENTIALS', '--reporter', 'json,junit,sarif,github'],
      { env: { DEMO_EXPECT: 'ERROR:INVALID_CREDENTIALS' } },
    );
    expect(run.stderr).not.toContain('flow');
    expect(run.code).toBe(0);
    const [target] = (await run.report()).targets;
    expect(target).toMatchObject({ status: 'ok', calls: 1, overrides: ['pay=ERROR:INVALID_CREDENTIALS'] });
    expect(target!.outcomes).toEqual([{ method: 'pay', calls: 1, real: ['SUCCESS'], overridden: ['ERROR:INVALID_CREDENTIALS'], unanswered: 0 }]);
    expect(run.stderr).toContain('pay (1 call): SDK SUCCESS; overridden ERROR:INVALID_CREDENTIALS; 0 unanswered');

    expect(await run.read('summary.md')).toContain('| `pay` | 1 | `SUCCESS` | `ERROR:INVALID_CREDENTIALS` | 0 |');
    // The support report keeps the SDK's outcome as the customer's and names the override.
    const support = await run.read('support-1.md');
    expect(support).toContain('| `pay` | SUCCESS (overridden: the page got `ERROR:INVALID_CREDENTIALS`) |');
    expect(support).not.toContain('lean-devtools-synthetic');

    const junit = await run.read('junit.xml');
    expect(parseJunit(junit)).toHaveLength(1);
    expect(junit).toContain('<property name="override" value="pay=ERROR:INVALID_CREDENTIALS"/>');
    expect(junit).toContain('<property name="outcomes" value="pay (1 call): SDK SUCCESS; overridden ERROR:INVALID_CREDENTIALS; 0 unanswered"/>');
    expect(JSON.parse(await run.read('report.sarif')).runs[0].properties.outcomeCoverage[0].outcomes).toEqual(target!.outcomes);
  });

  it('lets a flow set the override for the documents it loads next (CANCELLED)', async () => {
    const run = await runCli(['audit', server.url('/demo/'), '--flow', FLOW], {
      env: { DEMO_EXPECT: 'CANCELLED', DEMO_FLOW_OVERRIDE: 'pay=CANCELLED' },
    });
    expect(run.code).toBe(0);
    const [target] = (await run.report()).targets;
    expect(target).toMatchObject({ status: 'ok', overrides: ['pay=CANCELLED'] });
    expect(target!.outcomes).toEqual([{ method: 'pay', calls: 1, real: ['SUCCESS'], overridden: ['CANCELLED'], unanswered: 0 }]);
  });

  it('delivers at once with @0s, before the SDK answers; the SDK’s later answer is recorded, not delivered', async () => {
    const run = await runCli(['audit', server.url('/demo/'), '--flow', FLOW, '--override', 'pay=CANCELLED@0s'], { env: { DEMO_EXPECT: 'CANCELLED' } });
    expect(run.code).toBe(0);
    const [target] = (await run.report()).targets;
    expect(target!.outcomes).toEqual([{ method: 'pay', calls: 1, real: ['SUCCESS'], overridden: ['CANCELLED'], unanswered: 0 }]);
  });

  it('"none": the page never hears back, and the coverage says so', async () => {
    const run = await runCli(['audit', server.url('/demo/'), '--flow', FLOW, '--override', 'pay=none'], { env: { DEMO_EXPECT: 'none' } });
    expect(run.code).toBe(0);
    const [target] = (await run.report()).targets;
    expect(target!.outcomes).toEqual([{ method: 'pay', calls: 1, real: ['SUCCESS'], overridden: ['none'], unanswered: 1 }]);
  });

  it('without --override, the page gets the SDK’s own outcome and the coverage lists it as real', async () => {
    const run = await runCli(['audit', server.url('/demo/'), '--flow', FLOW], { env: { DEMO_EXPECT: 'SUCCESS' } });
    // The flow insists on a synthetic correlation id: without an override it fails, exit 2.
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no synthetic correlation id');
    const [target] = (await run.report()).targets;
    expect(target!.outcomes).toEqual([{ method: 'pay', calls: 1, real: ['SUCCESS'], overridden: [], unanswered: 0 }]);
  });

  it('refuses a malformed --override as a usage error (exit 2)', async () => {
    const run = await runCli(['audit', server.url('/demo/'), '--override', 'pay=FAILED']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected method=STATUS');
  });
});
