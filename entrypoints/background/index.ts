import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PANEL_PORT } from '../../lib/protocol';
import { SessionStore } from '../../lib/background/store';
import { PanelHub } from '../../lib/background/panel-hub';
import { handleDocumentHeaders, handleRelayMessage } from '../../lib/background/relay-handler';
import { routeMessage } from '../../lib/background/router';
import { receiveDocumentHeaders } from '../../lib/background/document-headers';
import { PrerenderedHeaders } from '../../lib/csp/headers';
import { createBadgeUpdater } from '../../lib/background/badge';
import { RecordingTabs } from '../../lib/background/recording';
import { SiteGate } from '../../lib/site/gate';
import { askTopFrame, injectRelay, type ScriptingApi } from '../../lib/background/inject';
import { OverrideKeeper } from '../../lib/background/overrides';
import type { RelayCommand } from '../../lib/protocol';

export default defineBackground(() => {
  const scripting = browser.scripting as unknown as ScriptingApi;
  // Another tab's writes never take room from a tab a panel is showing.
  const store: SessionStore = new SessionStore(browser.storage.session, { watched: (tabId: number): boolean => hub.hasPanel(tabId) });
  // Outcome overrides: only while a panel shows the tab (docs/overrides.md).
  const overrides: OverrideKeeper = new OverrideKeeper({
    send: (tabId, active, frameId) => {
      const command: RelayCommand = { kind: 'overrides', active };
      // A frame without a relay has no listener: nothing to tell there.
      void browser.tabs.sendMessage(tabId, command, frameId === undefined ? undefined : { frameId }).catch(() => undefined);
    },
    notify: (tabId, active) => hub.broadcast(tabId, { kind: 'overrides', active }),
  });
  /** A relay now runs in the frame: it gets the tab's overrides, if any. Returns true. */
  const relayStarted = (tabId: number, frameId: number): true => {
    if (overrides.active(tabId).length) void tabUrl(tabId).then((url) => overrides.relayStarted(tabId, frameId, url));
    return true;
  };
  const recording = new RecordingTabs({
    stored: (tabId) => store.has(tabId),
    applyHeaders: (tabId, url, policies) => handleDocumentHeaders(tabId, url, policies, deps),
    askTopFrame: async (tabId) => {
      const answer = await askTopFrame(scripting, tabId);
      if (answer) relayStarted(tabId, 0);
      return answer;
    },
  });
  // Per-site mode: only the sites the user chose, whatever access a toolbar click gave a tab.
  const sites = new SiteGate(async () => (await browser.permissions.getAll()).origins ?? []);
  browser.permissions.onAdded.addListener(() => sites.refresh());
  browser.permissions.onRemoved.addListener(() => sites.refresh());
  const tabUrl = (tabId: number) => browser.tabs.get(tabId).then((tab) => tab.url, () => undefined);
  const hub: PanelHub = new PanelHub(
    store,
    (tabId) => {
      void tabUrl(tabId).then(async (url) => {
        if (await sites.allows(url)) await recording.start(tabId, { askTopFrame: true });
      });
    },
    {
      active: (tabId) => overrides.active(tabId),
      attached: (tabId) => overrides.panelAttached(tabId),
      set: (tabId, method, spec, once) => void tabUrl(tabId).then((url) => overrides.set(tabId, url, method, spec, once)),
      end: (tabId) => overrides.end(tabId),
    },
  );
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
    // A relay speaks only once its document has to do with Lean: the tab records from now on.
    relay: async (tabId: number, message: Parameters<typeof handleRelayMessage>[1], frameId: number) => {
      // The tab closed while its relay's message was on the way: a closed tab keeps no session.
      if (recording.isClosed(tabId)) return;
      await recording.start(tabId, { askTopFrame: frameId !== 0 });
      await handleRelayMessage(tabId, message, deps);
      if (message.kind === 'document-start' && frameId === 0) overrides.navigated(tabId, message.url);
      if (message.kind === 'events') for (const event of message.events) if (event.type === 'call') overrides.called(tabId, event.method);
    },
    wake: async (tabId: number, frameId: number, sender: { url?: string; tab?: { url?: string }; documentId?: string }) =>
      !recording.isClosed(tabId) &&
      (await sites.allows(sender.tab?.url ?? (frameId === 0 ? sender.url : undefined))) &&
      (await injectRelay(scripting, tabId, frameId, sender.documentId)) &&
      relayStarted(tabId, frameId),
    ...(import.meta.env.MODE === 'e2e'
      ? {
          e2eSession: async (tabId: number) => ({ ...(await store.session(tabId)), backgroundInstance }),
          e2eOpenOptions: () => browser.runtime.openOptionsPage(),
          e2eOpenPanel: async (tabId: number) => {
            await browser.tabs.create({ url: browser.runtime.getURL(`/panel.html?tabId=${tabId}`) });
          },
          e2eStoredUrls: async () =>
            Object.entries(await browser.storage.session.get(null)).flatMap(([key, meta]) =>
              /^tab:\d+$/.test(key) ? [(meta as { url: string }).url] : [],
            ),
        }
      : {}),
  };

  browser.runtime.onMessage.addListener((message, sender) => routeMessage(message, sender, router));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT) return;
    hub.attach(port);
    badge.watchPort(port);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    overrides.end(tabId);
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
      void sites.allows(details.url).then((allowed) =>
        allowed
          ? receiveDocumentHeaders(details, { prerendered, apply: (tabId, url, policies, at) => recording.documentHeaders(tabId, url, policies, at) })
          : undefined,
      );
      return undefined;
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
    ['responseHeaders'],
  );
});
