import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCsp } from '../../../lib/csp';
import { buildSelectionReport, buildSupportReport, MAX_JSON_CALLS, reportFileName } from '../../../lib/report/build';
import type { ReportInput } from '../../../lib/report/build';
import { shapeExport } from '../../../lib/report/export-shape';
import { bigSession } from '../support/panel-helpers';
import {
  CORRELATION_CHECKOUT,
  CUSTOMER_NAME,
  PERSONAL_VALUES,
  RAW_SECRETS,
  reportEvents,
  reportInput,
} from '../../fixtures/report/session';

const GOLDEN = path.resolve('test/fixtures/report');

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff). */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function expectNoSecrets(report: string): void {
  for (const secret of RAW_SECRETS) expect(report).not.toContain(secret);
}

describe('support report: golden files', () => {
  it('one call, personal data left out (the default)', () => {
    const report = buildSupportReport(reportInput('call2'), { includePersonalData: false });
    expectGolden('call-checkout.md', report);
  });

  it('one call, personal data included (the box ticked)', () => {
    const report = buildSupportReport(reportInput('call2'), { includePersonalData: true });
    expectGolden('call-checkout-personal.md', report);
  });

  it('the whole session', () => {
    const report = buildSupportReport(reportInput(null), { includePersonalData: false });
    expectGolden('session.md', report);
  });

  it('selected calls (the panel’s multi-selection)', () => {
    const report = buildSelectionReport({ ...reportInput(null), callIds: ['call2', 'call1'] }, { includePersonalData: false });
    expectGolden('selection.md', report);
  });

  it('a call without a callback, from an imported file', () => {
    const input: ReportInput = {
      ...reportInput('call3'),
      source: { kind: 'session-file', fileName: 'lean-session-shop.example-2026.json', exportedAt: '2026-11-23T18:05:00.000Z' },
    };
    expectGolden('call-pay-file.md', buildSupportReport(input, { includePersonalData: false }));
  });
});

describe('support report: what it holds', () => {
  const call = buildSupportReport(reportInput('call2'), { includePersonalData: false });

  it('names the method, UTC time, outcome, secondary_status, exit_point, last_api_response, correlation ID, bank, environment, loader and browser', () => {
    expect(call).toContain('- **Method:** `Lean.checkout`');
    expect(call).toContain('- **Time (UTC):** 2026-11-23 18:00:05.000 UTC');
    expect(call).toContain('- **Outcome:** ERROR (Flow failed) after 4200 ms');
    expect(call).toContain('- **secondary_status:** `INVALID_CREDENTIALS`');
    expect(call).toContain('- **exit_point:** `BANK_LOGIN`');
    expect(call).toContain('- **last_api_response:** `AUTHORIZATION_FAILED`');
    expect(call).toContain(`- **Correlation ID:** \`${CORRELATION_CHECKOUT}\``);
    expect(call).toContain('- **Bank:** `ENBD_UAE` (supported)');
    expect(call).toContain('- **Environment:** sandbox (sandbox given as the string "false")');
    expect(call).toContain('- **Loader URL:** `https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js`');
    expect(call).toContain('- **Region:** UAE (ae)');
    expect(call).toContain('`chrome (Chrome 131.0.6778.85)`');
    expect(call).toContain('Lean DevTools `0.1.0`');
  });

  it('lists the findings and the CSP blockers', () => {
    expect(call).toContain('## Findings (3)');
    expect(call).toContain('- Warning `sandbox-string` (`sandbox`)');
    expect(call).toContain('## CSP blockers');
    expect(call).toContain('- `connect-src` blocks `https://link.sandbox.leantech.me` (Policy 1 (header))');
    expect(call).toContain('- `frame-src` blocks `https://cdn.leantech.me`');
    expect(call).toContain('`connect-src` blocked `https://link.sandbox.leantech.me/v1/flows` from `Lean.min.js:2`');
  });

  it('gives a <meta> policy its own suggestion, apart from the header’s', () => {
    const input = reportInput('call2');
    const csp = auditCsp({
      policies: [
        { source: 'header', disposition: 'enforce', text: "default-src 'self'" },
        { source: 'meta', disposition: 'enforce', text: "connect-src 'self'; sandbox" },
      ],
      pageUrl: 'https://shop.example/checkout',
    });
    const report = buildSupportReport({ ...input, session: { ...input.session, csp } }, { includePersonalData: false });
    expect(report).toContain('Suggested <meta> policy (keep it in its own tag, never merged into the header):');
    expect(report).toContain(csp.proposals[1]!.strict);
    expect(report).toContain(csp.suggestedPolicy);
    expect(csp.suggestedPolicy).toBe(csp.proposals[0]!.strict);
  });

  it('never holds a raw secret, with or without personal data, for a call or the session', () => {
    for (const callId of ['call1', 'call2', 'call3', null]) {
      for (const includePersonalData of [false, true]) expectNoSecrets(buildSupportReport(reportInput(callId), { includePersonalData }));
    }
    // The secrets' places are marked, so the reader knows something was there.
    expect(call).toContain('"app_token": "[redacted app_token …638e]"');
    expect(call).toMatch(/"access_token": "\[redacted access_token jwt exp=2026-01-01T01:00:00Z sub=cust-29cc …O-6g\]"/);
    expect(call).toContain('"client_secret": "[redacted client_secret');
    expect(call).toContain('"Authorization": "[redacted Authorization');
    expect(call).toContain('?access_token=[redacted access_token');
    expect(call).toContain('app\\_token \\[redacted secret\\] is hard-coded');
  });

  it('leaves personal data out by default, everywhere (config, callback message, title, findings)', () => {
    for (const callId of ['call2', null]) {
      const report = buildSupportReport(reportInput(callId), { includePersonalData: false });
      for (const value of PERSONAL_VALUES) expect(report).not.toContain(value);
    }
    expect(call).toContain('"customer_name": "[personal data left out]"');
    expect(call).toContain('"risk_details": "[personal data left out]"');
    expect(call).toContain('"end_user_id": "[personal data left out]"');
    expect(call).toContain('Sorry \\[personal data left out\\], the bank rejected the credentials.');
    expect(call).toContain('Personal data (customer name, risk_details, end-user fields) is left out.');
  });

  it('includes personal data only when asked, and says so', () => {
    const report = buildSupportReport(reportInput('call2'), { includePersonalData: true });
    for (const value of PERSONAL_VALUES) expect(report).toContain(value);
    expect(report).toContain('Personal data is INCLUDED');
    expect(buildSupportReport(reportInput(null), { includePersonalData: true })).toContain(`Checkout for ${CUSTOMER_NAME}`);
  });

  it('cannot be turned into links or HTML by page data', () => {
    expect(call).not.toMatch(/[^\\]<img/);
    expect(call).not.toMatch(/[^\\]\]\(javascript:/);
    expect(call).toContain('\\<img src=x onerror=alert(1)\\> \\[link\\](javascript:alert(1))');
    const events = reportEvents.map((e) =>
      e.id === 'call1' && e.type === 'call' ? { ...e, method: 'connect`](javascript:x)<b>', frameUrl: 'https://x.test/``` </pre>' } : e,
    );
    const input = { ...reportInput('call1'), session: { ...reportInput('call1').session, events } };
    const hostile = buildSupportReport(input, { includePersonalData: false });
    expect(hostile).toContain('``Lean.connect`](javascript:x)<b>``');
    expect(hostile).toContain('- **Page:** ````https://x.test/``` </pre>````');
    // The title stays one line and escaped.
    expect(hostile.split('\n')[0]).toBe('# Lean support report: Lean.connect\\`\\](javascript:x)\\<b\\>, SUCCESS');
  });

  it('is deterministic and refuses an unknown call', () => {
    expect(buildSupportReport(reportInput(null), { includePersonalData: false })).toBe(
      buildSupportReport(reportInput(null), { includePersonalData: false }),
    );
    expect(() => buildSupportReport(reportInput('nope'), { includePersonalData: false })).toThrow(/No call nope/);
  });

  it('names its download after the host, the call and the time', () => {
    expect(reportFileName(reportInput('call2'), 'checkout')).toBe('lean-report-shop.example-checkout-2026-11-23T18-01-00-000Z.md');
    expect(reportFileName(reportInput(null))).toBe('lean-report-shop.example-session-2026-11-23T18-01-00-000Z.md');
  });

  it('stays quick on a 10,000-event session (report and export shaping)', () => {
    const events = bigSession(10_000);
    const base = reportInput(null);
    const started = performance.now();
    const report = buildSupportReport({ ...base, session: { ...base.session, events } }, { includePersonalData: false });
    const shaped = shapeExport(
      { format: 'lean-devtools-session', version: 1, exportedAt: '', extension: { version: '', browser: '' }, tab: { url: '', title: '' }, events, droppedEvents: 0, csp: null },
      { rowKeys: null, personalData: false },
    );
    const took = performance.now() - started;
    expect(report).toMatch(/… and \d+ more calls \(see the session file\)\./);
    expect(shaped.events).toHaveLength(10_000);
    expect(took).toBeLessThan(1500);
  });
});

describe('support report on selected calls', () => {
  const selection = (callIds: readonly string[], includePersonalData = false) =>
    buildSelectionReport({ ...reportInput(null), callIds }, { includePersonalData });

  it('is the call’s own report when one call is selected', () => {
    expect(selection(['call2'])).toBe(buildSupportReport(reportInput('call2'), { includePersonalData: false }));
  });

  it('gives each selected call’s outcome, secondary_status and correlation ID, in session order, and no secret or personal data', () => {
    const report = selection(['call3', 'call1', 'call2']);
    expect(report.split('\n')[0]).toBe('# Lean support report: 3 calls, 1 failed');
    const headings = report.split('\n').filter((l) => l.startsWith('## Call '));
    expect(headings).toEqual([
      '## Call 1 of 3: Lean.connect, SUCCESS',
      '## Call 2 of 3: Lean.checkout, ERROR',
      '## Call 3 of 3: Lean.pay, no callback (none was passed)',
    ]);
    expect(report).toContain(CORRELATION_CHECKOUT);
    expect(report).toContain('- **secondary_status:** `INVALID_CREDENTIALS`');
    expectNoSecrets(report);
    expect(report).not.toContain(CUSTOMER_NAME);
  });

  it('leaves config and callback data out beyond a few calls, and refuses an unknown call', () => {
    const events = bigSession(200);
    const ids = events.filter((e) => e.type === 'call').map((e) => e.id);
    const input = { ...reportInput(null), session: { ...reportInput(null).session, events }, callIds: ids.slice(0, MAX_JSON_CALLS + 1) };
    const report = buildSelectionReport(input, { includePersonalData: false });
    expect(report).not.toContain('Config (redacted)');
    expect(report).toContain(`left out of a report on more than ${MAX_JSON_CALLS} calls`);
    expect(() => selection(['call1', 'nope'])).toThrow('No call nope in this session');
  });
});
