import { describe, expect, it } from 'vitest';
import { incompleteFinding } from '../../../lib/audit/incomplete';
import type { SessionLosses } from '../../../lib/audit/session-recorder';

const NONE: SessionLosses = { droppedInPage: 0, droppedOtherKinds: 0, droppedBySession: 0, refusedMessages: 0, unappliedMessages: 0 };
const PAGE = 'https://shop.example/checkout';

describe('incomplete-session finding', () => {
  it('is absent when the session lost nothing', () => {
    expect(incompleteFinding(NONE, 'checkout', PAGE)).toBeNull();
  });

  it('is an error at the page that says how much was lost, and to which cap', () => {
    const finding = incompleteFinding({ ...NONE, droppedOtherKinds: 1_834, refusedMessages: 3 }, 'checkout', PAGE)!;
    expect(finding).toMatchObject({ ruleId: 'incomplete-session', kind: 'session', severity: 'error', baselined: false, location: { uri: PAGE, line: null, column: null } });
    expect(finding.message).toContain("1,834 CSP violation, SDK or loader event(s) over the audit's cap of 2,000 events");
    expect(finding.message).toContain('3 page message(s) refused');
    expect(finding.message).not.toContain('dropped in the page');
  });

  it('names every cause: the page’s queues, the session’s cap, and messages left when the deadline came', () => {
    const { message } = incompleteFinding({ droppedInPage: 5, droppedOtherKinds: 0, droppedBySession: 250, refusedMessages: 0, unappliedMessages: 2 }, 'checkout', PAGE)!;
    expect(message).toContain('5 event(s) dropped in the page (the hook queues 1,000 calls; the relay passes 500 events a second per frame, in bursts of 2,000)');
    expect(message).toContain("250 event(s) over the session's cap of 10,000 events or 6,000,000 characters");
    expect(message).toContain('2 message(s) not yet recorded when the run');
  });

  it('keeps one fingerprint per target, whatever was lost', () => {
    const a = incompleteFinding({ ...NONE, droppedInPage: 1 }, 'checkout', PAGE)!;
    const b = incompleteFinding({ ...NONE, refusedMessages: 9 }, 'checkout', PAGE)!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(incompleteFinding({ ...NONE, droppedInPage: 1 }, 'pay', PAGE)!.fingerprint).not.toBe(a.fingerprint);
  });
});
