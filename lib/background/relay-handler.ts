/**
 * What the background does with each relay message: store it in the tab's session and
 * tell the tab's open panels. Findings are computed here, once, as calls arrive.
 */
import type { RelayMessage } from '../protocol';
import type { SessionEvent } from '../session/types';
import type { SessionStore } from '../session/store';
import type { PanelHub } from './panel-hub';
import { withFindings } from '../session/findings';

export interface RelayHandlerDeps {
  store: SessionStore;
  hub: PanelHub;
  clock(): number;
  randomId(): string;
  /** Called after the tab's session changed (badge). */
  changed?(tabId: number): void;
}

export async function handleRelayMessage(tabId: number, message: RelayMessage, deps: RelayHandlerDeps): Promise<void> {
  switch (message.kind) {
    case 'events':
      return appendAndBroadcast(tabId, message.events, { dropped: message.dropped, refused: message.refused }, deps);
    case 'document-start': {
      const navigation: SessionEvent = {
        type: 'navigation',
        id: 'nav:' + deps.randomId(),
        time: deps.clock(),
        frameUrl: message.url,
        url: message.url,
      };
      return appendAndBroadcast(tabId, [navigation], { meta: { url: message.url, title: '' } }, deps);
    }
    case 'document-title':
      return deps.store.update(tabId, { title: message.title });
    case 'meta-csp':
      return;
  }
}

async function appendAndBroadcast(
  tabId: number,
  events: SessionEvent[],
  counts: Parameters<SessionStore['append']>[2],
  deps: RelayHandlerDeps,
): Promise<void> {
  const result = await deps.store.append(tabId, events, counts, withFindings);
  if (result.added.length === 0 && !counts?.dropped && !counts?.refused) return;
  deps.hub.broadcast(tabId, {
    kind: 'append',
    events: result.added,
    droppedEvents: result.droppedEvents,
    refusedMessages: result.refusedMessages,
  });
  deps.changed?.(tabId);
}
