import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PANEL_PORT } from '../../lib/protocol';
import { SessionStore } from '../../lib/background/store';
import { PanelHub } from '../../lib/background/panel-hub';
import { handleRelayMessage } from '../../lib/background/relay-handler';
import { routeMessage } from '../../lib/background/router';
import { receiveDocumentHeaders } from '../../lib/background/document-headers';
import { PrerenderedHeaders } from '../../lib/csp/headers';
import { createBadgeUpdater } from '../../lib/background/badge';

export default defineBackground(() => {
  const store = new SessionStore(browser.storage.session);
  const hub = new PanelHub(store);
  const badge = createBadgeUpdater({ session: (id) => store.session(id), action: browser.action, clock: Date.now });
  const prerendered = new PrerenderedHeaders();
  const deps = { store, hub, clock: Date.now, randomId: () => crypto.randomUUID(), changed: badge.changed, prerendered };
  // Test builds: tells a browser test which run of the background answered (a new one after
  // each suspension of Firefox's event page or stop of Chrome's service worker).
  const backgroundInstance = import.meta.env.MODE === 'e2e' ? crypto.randomUUID() : '';
  const router = {
    extensionId: browser.runtime.id,
    extensionRoot: browser.runtime.getURL('/'),
    summary: badge.summary,
    relay: (tabId: number, message: Parameters<typeof handleRelayMessage>[1]) => handleRelayMessage(tabId, message, deps),
    e2eSession:
      import.meta.env.MODE === 'e2e'
        ? async (tabId: number) => ({ ...(await store.session(tabId)), backgroundInstance })
        : undefined,
  };

  browser.runtime.onMessage.addListener((message, sender) => routeMessage(message, sender, router));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT) return;
    hub.attach(port);
    badge.watchPort(port);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    prerendered.forget(tabId);
    void store.remove(tabId);
  });
  // Chrome gives a discarded tab a new id (no `tabs` permission needed to hear it): the
  // session and its open panels move with the tab.
  browser.tabs.onReplaced.addListener((addedTabId, removedTabId) => {
    void store.move(removedTabId, addedTabId).then(() => hub.move(removedTabId, addedTabId));
  });
  // CSP response headers of each top-level document, for the CSP audit.
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      void receiveDocumentHeaders(details, deps);
      return undefined;
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
    ['responseHeaders'],
  );
});
