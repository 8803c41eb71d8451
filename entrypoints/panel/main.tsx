import { render } from 'preact';
import { effect, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { TabSession } from '../../lib/protocol';
import { PANEL_PORT } from '../../lib/protocol';
import { connectLiveSession } from '../../lib/panel/live-session';
import { sessionFileName, toSessionFile } from '../../lib/session/export';
import { downloadJson } from '../../lib/panel/download';
import { loadFilters, saveFilters } from '../../lib/panel/filter';
import { applyTheme, systemTheme, themeFromDevtools } from '../../lib/panel/theme';
import { warmSearchIndex } from '../../lib/panel/search';
import { whenIdle } from '../../lib/panel/idle';
import { App } from '../../components/app/App';
// Support triage: export options and support reports (the file viewer loads on demand, below).
import { shapeExport } from '../../lib/report/export-shape';
import type { ExportRequest } from '../../lib/report/export-shape';
import { browserVersionFromUserAgent } from '../../lib/report/user-agent';
import type { ReportContext } from '../../components/report/context';

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

const session = signal<TabSession | null>(null);
const connected = signal(false);
const now = signal(Date.now());
const filters = signal(loadFilters(globalThis.localStorage));
effect(() => saveFilters(globalThis.localStorage, filters.value));
setInterval(() => (now.value = Date.now()), 1000);

const root = document.getElementById('root')!;

/** Performance marks for the opening benchmark: snapshot received, then first frame painted with it. */
function markFirstPaint(): void {
  performance.mark('lean-panel:snapshot');
  requestAnimationFrame(() => setTimeout(() => performance.mark('lean-panel:first-paint'), 0));
}


if (tabId === undefined || !Number.isInteger(tabId)) {
  // Support triage: panel.html without tabId is the file viewer (session files and HAR files).
  // Its own chunk (with the import schemas): a live panel does not load it.
  void import('../../components/viewer/mount').then(({ mountViewer }) =>
    mountViewer(root, { generator: `Lean DevTools ${browser.runtime.getManifest().version}` }),
  );
} else {
  let cancelWarm: (() => void) | null = null;
  const live = connectLiveSession({
    tabId,
    connect: () => browser.runtime.connect({ name: PANEL_PORT }),
    onSession: (next, replaced) => {
      if (session.value === null) markFirstPaint();
      session.value = next;
      // Build the search text in idle time after a snapshot, so the first filter is instant.
      if (replaced) {
        cancelWarm?.();
        cancelWarm = warmSearchIndex(next.events, (fn) => void whenIdle(fn));
      }
    },
    onConnected: (state) => (connected.value = state),
  });
  const onExport = (request?: ExportRequest) => {
    const current = session.value;
    if (!current) return;
    const at = new Date();
    const file = toSessionFile(current, {
      extensionVersion: browser.runtime.getManifest().version,
      browser: import.meta.env.BROWSER,
      now: at,
    });
    // Support triage: only the filtered rows, and personal data left out unless chosen.
    downloadJson(shapeExport(file, request ?? { rowKeys: null, personalData: false }), sessionFileName(current, at));
  };
  const report: ReportContext = {
    recordedWith: {
      extensionVersion: browser.runtime.getManifest().version,
      browser: import.meta.env.BROWSER,
      browserVersion: browserVersionFromUserAgent(navigator.userAgent),
    },
    source: { kind: 'live' },
    generator: `Lean DevTools ${browser.runtime.getManifest().version}`,
  };
  render(
    <App session={session} connected={connected} filters={filters} now={now} onExport={onExport} onClear={live.clear} report={report} />,
    root,
  );
}
