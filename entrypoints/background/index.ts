import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { BackgroundRequest, RelayMessage } from '../../lib/protocol';
import { PANEL_PORT } from '../../lib/protocol';
import { SessionStore } from '../../lib/session/store';
import { PanelHub } from '../../lib/background/panel-hub';
import { handleDocumentHeaders, handleRelayMessage } from '../../lib/background/relay-handler';
import { becomesDocument, policiesFromHeaders } from '../../lib/background/csp-headers';
import { createBadgeUpdater } from '../../lib/background/badge';

export default defineBackground(() => {
  const store = new SessionStore(browser.storage.session);
  const hub = new PanelHub(store);
  const badge = createBadgeUpdater({ session: (id) => store.session(id), action: browser.action, clock: Date.now });
  const deps = { store, hub, clock: Date.now, randomId: () => crypto.randomUUID(), changed: badge.changed };

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
    if (import.meta.env.MODE === 'e2e' && request.kind === 'e2e-session') return store.session(tabId);
    return handleRelayMessage(tabId, request as RelayMessage, deps).then(() => true);
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT) return;
    hub.attach(port);
    badge.watchPort(port);
  });
  browser.tabs.onRemoved.addListener((tabId) => void store.remove(tabId));
  // CSP response headers of each top-level document, for the CSP audit.
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      const headers = details.responseHeaders ?? [];
      if (details.tabId >= 0 && becomesDocument(details.statusCode, headers)) {
        void handleDocumentHeaders(details.tabId, details.url, policiesFromHeaders(headers), deps);
      }
      return undefined;
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
    ['responseHeaders'],
  );
});
