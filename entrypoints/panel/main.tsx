import { render } from 'preact';
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { TabSession } from '../../lib/protocol';
import { PANEL_PORT } from '../../lib/protocol';
import { connectLiveSession } from '../../lib/panel/live-session';
import { sessionFileName, toSessionFile } from '../../lib/session/export';
import { downloadJson } from '../../lib/panel/download';
import { App } from '../../components/app/App';

// `?tabId=N` in a normal tab; the inspected tab inside DevTools.
const param = new URLSearchParams(location.search).get('tabId');
const tabId = param !== null ? Number(param) : browser.devtools?.inspectedWindow?.tabId;

const session = signal<TabSession | null>(null);
const connected = signal(false);
const root = document.getElementById('root')!;

if (tabId === undefined || !Number.isInteger(tabId)) {
  root.textContent = 'Open this panel from DevTools, or as panel.html?tabId=N.';
} else {
  const live = connectLiveSession({
    tabId,
    connect: () => browser.runtime.connect({ name: PANEL_PORT }),
    onSession: (next) => (session.value = next),
    onConnected: (state) => (connected.value = state),
  });
  const onExport = () => {
    const current = session.value;
    if (!current) return;
    const now = new Date();
    const file = toSessionFile(current, {
      extensionVersion: browser.runtime.getManifest().version,
      browser: import.meta.env.BROWSER,
      now,
    });
    downloadJson(file, sessionFileName(current, now));
  };
  render(<App session={session} connected={connected} onExport={onExport} onClear={live.clear} />, root);
}
