/**
 * The CSP audit of a session: the page's policies judged against the SDK's hosts, scoped
 * to what the session shows the page uses (loader region, sandbox or production). One
 * function for the background, the live panel and the viewer of an imported file.
 */
import { auditCsp, scopeFromObservations } from '../csp';
import type { CspAuditResult } from '../csp';
import { field } from './pairing';
import type { CspPolicy, SessionEvent } from './types';

export function auditSessionCsp(policies: CspPolicy[], pageUrl: string, events: readonly SessionEvent[]): CspAuditResult {
  const loaderRegions: Array<'ae' | 'sa' | null> = [];
  const sandboxValues: boolean[] = [];
  for (const event of events) {
    if (event.type === 'loader') loaderRegions.push(event.region);
    else if (event.type === 'call') {
      const sandbox = field(event.config, 'sandbox');
      if (typeof sandbox === 'boolean') sandboxValues.push(sandbox);
    }
  }
  return auditCsp({ policies, pageUrl, scope: scopeFromObservations({ loaderRegions, sandboxValues }) });
}

/** Does an event change what the audit would say (its scope)? */
export function affectsCspScope(event: SessionEvent): boolean {
  return event.type === 'loader' || event.type === 'call';
}
