import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { BackgroundRequest, E2eSessionAnswer, RecordAnswer, RecordRequest, RelayMessage } from '../../lib/protocol';
import { PANEL_PORT } from '../../lib/protocol';
import { SessionStore } from '../../lib/background/store';
import { PanelHub } from '../../lib/background/panel-hub';
import { handleDocumentHeaders, handleRelayMessage } from '../../lib/background/relay-handler';
import { becomesDocument, policiesFromHeaders, PrerenderedHeaders } from '../../lib/csp/headers';
import { createBadgeUpdater } from '../../lib/background/badge';
import { RecordingTabs } from '../../lib/background/recording';

export default defineBackground(() => {
  // Another tab's writes never take room from a tab a panel is showing.
  const store: SessionStore = new SessionStore(browser.storage.session, { watched: (tabId: number): boolean => hub.hasPanel(tabId) });
  const recording = new RecordingTabs({
    stored: (tabId) => store.has(tabId),
    applyHeaders: (tabId, url, policies) => handleDocumentHeaders(tabId, url, policies, deps),
    askTopFrame: (tabId) =>
      browser.tabs.sendMessage(tabId, { kind: 'record' } satisfies RecordRequest, { frameId: 0 }) as Promise<RecordAnswer | undefined>,
  });
  const hub: PanelHub = new PanelHub(store, (tabId) => void recording.start(tabId, { askTopFrame: true }));
  const badge = createBadgeUpdater({ session: (id) => store.session(id), action: browser.action, clock: Date.now });
  const prerendered = new PrerenderedHeaders();
  const deps = { store, hub, clock: Date.now, randomId: () => crypto.randomUUID(), changed: badge.changed, prerendered };
  // Test builds: tells a browser test which run of the background answered (a new one after
  // each suspension of Firefox's event page or stop of Chrome's service worker).
  const backgroundInstance = import.meta.env.MODE === 'e2e' ? crypto.randomUUID() : '';

  browser.runtime.onMessage.addListener((message, sender) => {
    const tabId = sender.tab?.id;
    const request = message as BackgroundRequest;
    // The popup (one of our own pages, never a content script) asks for a tab's summary.
    if (request?.kind === 'tab-summary') {
      const ownPage = sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
      const ok = ownPage && Number.isInteger(request.tabId);
      return ok ? badge.summary(request.tabId) : undefined;
    }
    // Only our own content scripts send from a tab; extension pages use ports.
    if (tabId === undefined || sender.id !== browser.runtime.id) return;
    if (import.meta.env.MODE === 'e2e' && request.kind === 'e2e-session') {
      return store.session(tabId).then((session): E2eSessionAnswer => ({ ...session, backgroundInstance }));
    }
    if (import.meta.env.MODE === 'e2e' && request.kind === 'e2e-open-options') return browser.runtime.openOptionsPage().then(() => true);
    if (import.meta.env.MODE === 'e2e' && request.kind === 'e2e-stored-urls') {
      return browser.storage.session
        .get(null)
        .then((items) => Object.entries(items).flatMap(([key, meta]) => (/^tab:\d+$/.test(key) ? [(meta as { url: string }).url] : [])));
    }
    // A relay speaks only once its document has to do with Lean: the tab records from now on.
    return recording
      .start(tabId, { askTopFrame: sender.frameId !== 0 })
      .then(() => handleRelayMessage(tabId, request as RelayMessage, deps))
      .then(() => true);
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT) return;
    hub.attach(port);
    badge.watchPort(port);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    prerendered.forget(tabId);
    recording.forget(tabId);
    void store.remove(tabId);
  });
  // Chrome gives a discarded tab a new id (no `tabs` permission needed to hear it): the
  // session and its open panels move with the tab.
  browser.tabs.onReplaced.addListener((addedTabId, removedTabId) => {
    recording.move(removedTabId, addedTabId);
    void store.move(removedTabId, addedTabId).then(() => hub.move(removedTabId, addedTabId));
  });
  // CSP response headers of each top-level document, for the CSP audit (held in memory only
  // while the tab does not record).
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      const headers = details.responseHeaders ?? [];
      if (details.tabId >= 0 && becomesDocument(details.statusCode, headers)) {
        // Chrome: a response fetched ahead by Speculation Rules (a prerender, or a prefetch made
        // by the shown document, which carries its documentId) is not the tab's page yet.
        const speculative = details as { documentLifecycle?: string; documentId?: string };
        if (speculative.documentLifecycle === 'prerender' || speculative.documentId !== undefined) {
          prerendered.hold(details.tabId, details.url, policiesFromHeaders(headers));
        } else {
          prerendered.forget(details.tabId);
          void recording.documentHeaders(details.tabId, details.url, policiesFromHeaders(headers), details.timeStamp);
        }
      }
      return undefined;
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
    ['responseHeaders'],
  );
});
