import { describe, expect, it } from 'vitest';
import { buildSupportReport, type ReportInput } from '../../../lib/report/build';
import type { SessionEvent } from '../../../lib/model/types';
import { call, callback } from '../support/events';

const SYNTHETIC = { status: 'ERROR', secondary_status: 'INVALID_CREDENTIALS', lean_correlation_id: 'lean-devtools-synthetic-1-1' };
const REAL = { status: 'SUCCESS', message: 'Payment done', lean_correlation_id: 'real-correlation-0001' };

function input(events: SessionEvent[], callId: string | null): ReportInput {
  return {
    session: { url: 'https://shop.example/', title: 'Shop', droppedEvents: 0, events, csp: null },
    recordedWith: { extensionVersion: '0.1.0', browser: 'Chromium' },
    source: { kind: 'live' },
    callId,
    now: 10_000,
    generator: 'Lean DevTools 0.1.0',
  };
}

describe('support report: an overridden call', () => {
  const pay = call({ method: 'pay' });
  const events = [pay, callback(pay.id, REAL, { override: { outcome: 'ERROR:INVALID_CREDENTIALS', delivered: SYNTHETIC, fromSdk: true } })];

  it('gives the SDK’s own outcome and correlation id as the customer’s, and says the page got a synthetic one', () => {
    const report = buildSupportReport(input(events, pay.id), { includePersonalData: false });
    expect(report).toContain('- **Outcome:** SUCCESS');
    expect(report).toContain('- **Correlation ID:** `real-correlation-0001`');
    expect(report).toMatch(/- \*\*Override:\*\* overridden by a developer \(`ERROR:INVALID_CREDENTIALS`\): the page’s callback got `ERROR:INVALID_CREDENTIALS` instead, a synthetic outcome/);
    expect(report).toContain('What the page got instead (synthetic)');
    expect(report).not.toMatch(/Correlation ID:\*\* `lean-devtools-synthetic/);
  });

  it('marks the call in the session table', () => {
    expect(buildSupportReport(input(events, null), { includePersonalData: false })).toContain(
      '| `pay` | SUCCESS (overridden: the page got `ERROR:INVALID_CREDENTIALS`) |',
    );
  });

  it('a delivery before the SDK answered leaves the call pending, not failed', () => {
    const early = call({ method: 'pay' });
    const timed = [early, callback(early.id, null, { override: { outcome: 'CANCELLED@1s', delivered: { status: 'CANCELLED' }, fromSdk: false } })];
    const report = buildSupportReport(input(timed, early.id), { includePersonalData: false });
    expect(report).toContain('- **Outcome:** no callback yet');
    expect(report).toContain('the page’s callback got `CANCELLED` instead');
  });

  it('writes a mark a page forged as text, never as markup', () => {
    const forged = call({ method: 'pay' });
    const hostile = '`|<img src=x onerror=alert(1)>\n# heading';
    const report = buildSupportReport(
      input([forged, callback(forged.id, REAL, { override: { outcome: hostile, delivered: { status: hostile }, fromSdk: true } })], null),
      { includePersonalData: false },
    );
    const row = report.split('\n').find((line) => line.includes('(overridden:'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(10);
    expect(report).not.toMatch(/^# heading/m);
    const single = buildSupportReport(
      input([forged, callback(forged.id, REAL, { override: { outcome: hostile, delivered: { status: hostile }, fromSdk: true } })], forged.id),
      { includePersonalData: false },
    );
    expect(single).not.toMatch(/^# heading/m);
    expect(single).toContain('**Override:**');
  });
});
