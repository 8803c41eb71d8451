/** One-line descriptions of rows for the timeline and the popup. */
import type { EventRow, Outcome } from '../model/pairing';
import type { Severity } from '../model/types';
import { REGION_NAME } from '../model/vocabulary';

export function describeEvent(event: EventRow['event']): string {
  switch (event.type) {
    case 'navigation':
      return `Navigated to ${event.url}`;
    case 'loader':
      return `Loader ${event.src}${event.region ? ` (${REGION_NAME[event.region]})` : ''}${event.afterInteraction ? ', inserted after a user action' : ''}`;
    case 'sdk':
      return event.state === 'hooked' ? `Lean hooked: ${event.detail}` : `Could not hook Lean: ${event.detail}`;
    case 'csp-violation':
      return `CSP ${event.disposition === 'report' ? 'reported' : 'blocked'} ${event.blockedURI} (${event.effectiveDirective})`;
  }
}

export const SEVERITY_ICON: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

export const OUTCOME_HINT: Record<Outcome, string> = {
  success: 'The callback reported SUCCESS',
  error: 'The callback reported ERROR (or a status the SDK does not document)',
  cancelled: 'The user closed Link (CANCELLED)',
  redirect: 'The user was sent to the bank (REDIRECT)',
  closed: 'Link was closed by code (LINK_CLOSED_PROGRAMMATICALLY)',
  threw: 'The SDK method threw an error',
  pending: 'Waiting for the callback',
  'no-callback': 'No callback was passed: the page never learns the outcome',
};
