/** Attaches the validator's findings to a call as it enters the session. */
import { validateCall } from '../rules';
import type { SessionEvent } from '../model/types';

export function withFindings(event: SessionEvent, previous: readonly SessionEvent[]): SessionEvent {
  if (event.type !== 'call') return event;
  return { ...event, findings: validateCall(event, { previous }) };
}
