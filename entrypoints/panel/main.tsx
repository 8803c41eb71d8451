import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { ActiveOverride, TabSession } from '../../lib/protocol';
import { PANEL_PORT } from '../../lib/protocol';
import { connectLiveSession } from '../../lib/panel/live-session';
import { applyTheme, systemTheme, themeFromDevtools } from '../../lib/panel/theme';

// This entry stays small: it subscribes to the tab first, then loads the UI (live-panel.tsx)
// while the background prepares the snapshot, instead of after the whole UI has compiled.

// `?tabId=N` in a normal tab; the inspected tab inside DevTools.
const param = new URLSearchParams(location.search).get('tabId');
const devtools = browser.devtools as typeof browser.devtools | undefined;
const tabId = param !== null ? Number(param) : devtools?.inspectedWindow?.tabId;

// Inside DevTools follow its theme; elsewhere (or for a theme we don't know) the system's.
const panels = devtools?.panels as (typeof browser.devtools.panels & { onThemeChanged?: { addListener(fn: (name: string) => void): void } }) | undefined;
const prefersDark = matchMedia('(prefers-color-scheme: dark)');
let devtoolsTheme = themeFromDevtools(panels?.themeName);
const followTheme = () => applyTheme(document.documentElement, devtoolsTheme ?? systemTheme(prefersDark.matches));
followTheme();
prefersDark.addEventListener('change', followTheme);
panels?.onThemeChanged?.addListener((name) => {
  devtoolsTheme = themeFromDevtools(name);
  followTheme();
});

const root = document.getElementById('root')!;

if (tabId === undefined || !Number.isInteger(tabId)) {
  // Support triage: panel.html without tabId is the file viewer (session files and HAR files).
  // Its own chunk (with the import schemas): a live panel does not load it.
  void import('../../components/viewer/mount').then(({ mountViewer }) =>
    mountViewer(root, { generator: `Lean DevTools ${browser.runtime.getManifest().version}` }),
  );
} else {
  const session = signal<TabSession | null>(null);
  const connected = signal(false);
  const snapshots = signal(0);
  const overrides = signal<readonly ActiveOverride[]>([]);
  const live = connectLiveSession({
    tabId,
    connect: () => browser.runtime.connect({ name: PANEL_PORT }),
    onSession: (next, replaced) => {
      // For the opening benchmark: when the first snapshot arrived.
      if (session.value === null) performance.mark('lean-panel:snapshot');
      session.value = next;
      if (replaced) snapshots.value++;
    },
    onConnected: (state) => (connected.value = state),
    onOverrides: (active) => (overrides.value = active),
  });
  void import('./live-panel').then(({ mountLivePanel }) => mountLivePanel(root, { session, connected, snapshots, overrides, live }));
}
