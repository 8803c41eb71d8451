/**
 * A run that lost data cannot pass silently: a target whose session dropped or refused
 * events, or was read before every message was applied, gets one `incomplete-session`
 * finding (severity error) saying how much was lost and to which cap. It is never
 * baselined: what a page loses changes from run to run.
 */
import { createHash } from 'node:crypto';
import { MAX_BYTES_PER_TAB, MAX_EVENTS_PER_TAB } from '../background/store';
import { MAX_QUEUED_EVENTS } from '../hook/recorder';
import { EVENT_BURST, EVENTS_PER_SECOND } from '../relay/accept';
import type { AuditFinding } from './findings';
import { INCOMPLETE_SESSION } from './rule-catalog';
import { MAX_OTHER_CHARS, MAX_OTHER_EVENTS, type SessionLosses } from './session-recorder';

const count = (n: number) => n.toLocaleString('en-US');

/** The finding for a target's losses, or null when its session is complete. */
export function incompleteFinding(losses: SessionLosses, targetName: string, pageUrl: string): AuditFinding | null {
  const parts: string[] = [];
  if (losses.droppedInPage) {
    parts.push(
      `${count(losses.droppedInPage)} event(s) dropped in the page (the hook queues ${count(MAX_QUEUED_EVENTS)} calls; the relay passes ${EVENTS_PER_SECOND} events a second per frame, in bursts of ${count(EVENT_BURST)})`,
    );
  }
  if (losses.droppedOtherKinds) {
    parts.push(
      `${count(losses.droppedOtherKinds)} CSP violation, SDK or loader event(s) over the audit's cap of ${count(MAX_OTHER_EVENTS)} events or ${count(MAX_OTHER_CHARS)} characters per target (Lean calls and callbacks are never dropped to make room)`,
    );
  }
  if (losses.droppedBySession) {
    parts.push(`${count(losses.droppedBySession)} event(s) over the session's cap of ${count(MAX_EVENTS_PER_TAB)} events or ${count(MAX_BYTES_PER_TAB)} characters`);
  }
  if (losses.refusedMessages) {
    parts.push(`${count(losses.refusedMessages)} page message(s) refused (malformed, oversized, or reusing event ids as only a page imitating the hook does)`);
  }
  if (losses.unappliedMessages) parts.push(`${count(losses.unappliedMessages)} message(s) not yet recorded when the run's deadline passed`);
  if (parts.length === 0) return null;
  return {
    ruleId: INCOMPLETE_SESSION,
    kind: 'session',
    severity: 'error',
    defaultSeverity: 'error',
    message: `The audit's record of this page is incomplete, so findings may be missing: ${parts.join('; ')}.`,
    field: null,
    source: 'docs/audit-report-format.md: Guarantees',
    fix: 'Find what floods the page with events (a loop calling Lean, a storm of CSP violations) and audit it without; a complete record is what the run can vouch for.',
    method: null,
    location: { uri: pageUrl, line: null, column: null },
    fingerprint: createHash('sha256').update(JSON.stringify([targetName, INCOMPLETE_SESSION])).digest('hex').slice(0, 32),
    baselined: false,
  };
}
