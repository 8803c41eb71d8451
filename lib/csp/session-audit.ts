/**
 * The CSP audit of a session: the page's policies judged against the SDK's hosts, scoped
 * to what the session shows the page uses (loader region, sandbox or production, the Lean
 * hosts its CSP violations name). One function for the background, the live panel and the
 * viewer of an imported file.
 */
import { auditCsp, scopeFromObservations } from './index';
import type { CspAuditResult } from './index';
import { field } from '../model/pairing';
import type { CspPolicy, SessionEvent, Snapshot } from '../model/types';

/** A snapshot marker (`[function x]`, `[redacted …]`, `[symbol …]` …): not the page's value. */
const MARKER = /^\[[a-z][a-z]*[\s:\]]/;

/**
 * The call config's `sandbox` as the SDK reads it (`lib/csp/scope.ts`): absent = production,
 * any other value by its truthiness (the string "false" is truthy). `unknown` when the config is
 * not an object or the snapshot holds a marker instead of the value.
 */
function sandboxValue(config: Snapshot): { known: true; value: unknown } | { known: false } {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return { known: false };
  const value = field(config, 'sandbox');
  if (value === undefined || value === '[undefined]') return { known: true, value: undefined };
  if (typeof value === 'string' && MARKER.test(value)) return { known: false };
  return { known: true, value };
}

export function auditSessionCsp(policies: CspPolicy[], pageUrl: string, events: readonly SessionEvent[]): CspAuditResult {
  const loaderRegions: Array<'ae' | 'sa' | null> = [];
  const sandboxValues: unknown[] = [];
  const urls: string[] = [];
  for (const event of events) {
    if (event.type === 'loader') loaderRegions.push(event.region);
    else if (event.type === 'call') {
      const sandbox = sandboxValue(event.config);
      if (sandbox.known) sandboxValues.push(sandbox.value);
    } else if (event.type === 'csp-violation') urls.push(event.blockedURI);
  }
  return auditCsp({ policies, pageUrl, scope: scopeFromObservations({ loaderRegions, sandboxValues, urls }) });
}

/** Does an event change what the audit would say (its scope)? */
export function affectsCspScope(event: SessionEvent): boolean {
  return event.type === 'loader' || event.type === 'call' || event.type === 'csp-violation';
}
