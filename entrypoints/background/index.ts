import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { BackgroundRequest, RelayMessage } from '../../lib/protocol';
import { PANEL_PORT } from '../../lib/protocol';
import { SessionStore } from '../../lib/session/store';
import { PanelHub } from '../../lib/background/panel-hub';
import { handleRelayMessage } from '../../lib/background/relay-handler';

export default defineBackground(() => {
  const store = new SessionStore(browser.storage.session);
  const hub = new PanelHub(store);
  const deps = { store, hub, clock: Date.now, randomId: () => crypto.randomUUID() };

  browser.runtime.onMessage.addListener((message, sender) => {
    const tabId = sender.tab?.id;
    // Only our own content scripts send from a tab; extension pages use ports.
    if (tabId === undefined || sender.id !== browser.runtime.id) return;
    const request = message as BackgroundRequest;
    if (import.meta.env.MODE === 'e2e' && request.kind === 'e2e-session') return store.session(tabId);
    if (request.kind === 'tab-summary') return;
    return handleRelayMessage(tabId, request as RelayMessage, deps).then(() => true);
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PANEL_PORT) hub.attach(port);
  });
  browser.tabs.onRemoved.addListener((tabId) => void store.remove(tabId));
});
