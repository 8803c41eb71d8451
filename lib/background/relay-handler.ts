/**
 * What the background does with each relay message (and each document's CSP headers):
 * store it in the tab's session and tell the tab's open panels. Findings and the CSP
 * audit are computed here, once, as data arrives.
 */
import type { RelayMessage } from '../protocol';
import type { CspPolicy, SessionEvent } from '../model/types';
import type { CspUpdate, SessionStore } from './store';
import type { PanelHub } from './panel-hub';
import type { PrerenderedHeaders } from '../csp/headers';
import { withFindings } from './findings';
import { affectsCspScope, auditSessionCsp } from '../csp/session-audit';

export interface RelayHandlerDeps {
  store: SessionStore;
  hub: PanelHub;
  clock(): number;
  randomId(): string;
  /** Called after the tab's session changed (badge). */
  changed?(tabId: number): void;
  /** Header policies of prerendered documents, applied when one starts (is activated). */
  prerendered?: Pick<PrerenderedHeaders, 'take'>;
}

export async function handleRelayMessage(tabId: number, message: RelayMessage, deps: RelayHandlerDeps): Promise<void> {
  switch (message.kind) {
    case 'events':
      return appendAndBroadcast(
        tabId,
        message.events,
        { dropped: message.dropped, refused: message.refused, delivery: message.delivery },
        deps,
      );
    case 'document-start': {
      const navigation: SessionEvent = {
        type: 'navigation',
        id: 'nav:' + deps.randomId(),
        // When the document started: its relay may have been quiet until Lean appeared.
        time: Number.isFinite(message.time) ? message.time : deps.clock(),
        frameUrl: message.url,
        url: message.url,
      };
      await appendAndBroadcast(tabId, [navigation], { meta: { url: message.url, title: '' }, delivery: message.delivery }, deps);
      // A prerendered document was activated: its response headers apply now.
      const held = deps.prerendered?.take(tabId, message.url);
      if (held) await handleDocumentHeaders(tabId, held.url, held.policies, deps);
      return;
    }
    case 'document-title':
      return deps.store.update(tabId, { title: message.title });
    case 'meta-csp':
      // The header policies stay; the document's <meta> policies are the relay's full list.
      return updateCsp(tabId, deps, (current, url, events) =>
        audit([...headerPolicies(current?.policies), ...message.policies], url, events),
      );
  }
}

/** A new top-level document arrived with these header policies: they replace the old ones. */
export function handleDocumentHeaders(tabId: number, url: string, policies: CspPolicy[], deps: RelayHandlerDeps): Promise<void> {
  return updateCsp(tabId, deps, (_current, _url, events) => audit(policies, url, events));
}

function headerPolicies(policies: CspPolicy[] | undefined): CspPolicy[] {
  return (policies ?? []).filter((p) => p.source === 'header');
}

function audit(policies: CspPolicy[], url: string, events: readonly SessionEvent[]) {
  return policies.length ? auditSessionCsp(policies, url, events) : null;
}

async function updateCsp(tabId: number, deps: RelayHandlerDeps, compute: CspUpdate): Promise<void> {
  await deps.store.updateCsp(tabId, compute);
  await appendAndBroadcast(tabId, [], {}, deps, true);
}

async function appendAndBroadcast(
  tabId: number,
  events: SessionEvent[],
  counts: Parameters<SessionStore['append']>[2],
  deps: RelayHandlerDeps,
  always = false,
): Promise<void> {
  let result = await deps.store.append(tabId, events, counts, withFindings);
  if (result.csp && result.added.some(affectsCspScope)) {
    // What the page turned out to use (region, sandbox) narrows the hosts it needs.
    const csp = await deps.store.updateCsp(tabId, (current, url, all) => audit(current?.policies ?? [], url, all));
    result = { ...result, csp };
  }
  if (!always && result.added.length === 0 && !counts?.dropped && !counts?.refused) return;
  deps.hub.broadcast(tabId, {
    kind: 'append',
    events: result.added,
    droppedEvents: result.droppedEvents,
    refusedMessages: result.refusedMessages,
    csp: result.csp,
  });
  deps.changed?.(tabId);
}
