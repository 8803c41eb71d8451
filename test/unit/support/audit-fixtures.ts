/** A small audit report for the writers' tests: one call with findings, one blocking CSP, one failed target. */
import type { TabSession } from '../../../lib/protocol';
import { collectFindings } from '../../../lib/audit/findings';
import { type AuditReport, buildReport, type TargetReport } from '../../../lib/audit/report';
import type { FailOn } from '../../../lib/audit/config';
import { call } from './events';
import { outcomeCoverage } from '../../../lib/model/outcome-coverage';

export const PAGE = 'https://shop.example/checkout';

export function sessionWithMistakes(): TabSession {
  return {
    tabId: 1,
    url: PAGE,
    title: 'Checkout',
    droppedEvents: 0,
    refusedMessages: 0,
    events: [
      call({
        method: 'connect',
        callsite: 'https://shop.example/js/app.js?v=3:42:7',
        findings: [
          { code: 'missing-required', severity: 'error', field: 'customer_id', message: 'Lean.connect requires customer_id.', source: 'ref', fix: 'Pass customer_id.' },
          { code: 'unknown-field', severity: 'warning', field: 'customerId', message: 'connect has no field customerId, "100%"\nsure', source: 'ref' },
        ],
      }),
    ],
    csp: {
      policies: [{ source: 'header', disposition: 'enforce', text: "default-src 'self'" }],
      blocked: [{ directive: 'script-src-elem', url: 'https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js', policyIndex: 0 }],
      suggestedPolicy: "default-src 'self'; script-src-elem 'self' https://cdn.leantech.me",
    },
  };
}

export function target(name: string, session: TabSession, overrides: Partial<TargetReport> = {}): TargetReport {
  return {
    name,
    url: PAGE,
    flow: null,
    status: 'ok',
    error: null,
    finalUrl: PAGE,
    durationMs: 1234,
    leanDetected: true,
    calls: 1,
    droppedEvents: 0,
    refusedMessages: 0,
    csp: session.csp,
    findings: collectFindings(session, { targetName: name, pageUrl: PAGE, cspLocation: 'nginx/site.conf', now: 10_000 }),
    overrides: [],
    outcomes: outcomeCoverage(session.events),
    ...overrides,
  };
}

export function sampleReport(failOn: FailOn = 'error'): AuditReport {
  const session = sessionWithMistakes();
  return buildReport({
    tool: { name: 'lean-devtools', version: '0.1.0' },
    startedAt: Date.UTC(2026, 11, 5, 12),
    finishedAt: Date.UTC(2026, 11, 5, 12) + 5000,
    failOn,
    rules: { 'loader-late': 'off' },
    targets: [
      target('checkout', session),
      target('broken', { ...session, events: [], csp: null }, { status: 'failed', error: 'flow threw: no button', findings: [] }),
    ],
  });
}
