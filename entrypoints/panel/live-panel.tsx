/**
 * The live panel's UI, loaded by `main.tsx` after it has subscribed to the tab: this chunk
 * downloads and compiles while the background prepares the first snapshot.
 */
import { render } from 'preact';
import { effect, signal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { ActiveOverride, TabSession } from '../../lib/protocol';
import type { LiveSession } from '../../lib/panel/live-session';
import { sessionFileName, toSessionFile } from '../../lib/files/export';
import { downloadJson } from '../../lib/panel/download';
import { loadFilters, saveFilters } from '../../lib/panel/filter';
import { warmSearchIndex } from '../../lib/panel/search';
import { whenIdle } from '../../lib/panel/idle';
import { App } from '../../components/app/App';
// Support triage: export options and support reports.
import { shapeExport } from '../../lib/report/export-shape';
import type { ExportRequest } from '../../lib/report/export-shape';
import { browserVersionFromUserAgent } from '../../lib/report/user-agent';
import type { ReportContext } from '../../components/report/context';

export interface LivePanelState {
  session: Signal<TabSession | null>;
  connected: Signal<boolean>;
  /** Counts the snapshots that replaced the session: each one's search text is rebuilt. */
  snapshots: Signal<number>;
  /** The tab's outcome overrides, as the background last said. */
  overrides: Signal<readonly ActiveOverride[]>;
  live: LiveSession;
}

export function mountLivePanel(root: HTMLElement, { session, connected, snapshots, overrides, live }: LivePanelState): void {
  const now = signal(Date.now());
  setInterval(() => (now.value = Date.now()), 1000);
  const filters = signal(loadFilters(globalThis.localStorage));
  effect(() => saveFilters(globalThis.localStorage, filters.value));

  // Build the search text in idle time after a snapshot, so the first filter is instant.
  let cancelWarm: (() => void) | null = null;
  effect(() => {
    if (snapshots.value === 0) return;
    cancelWarm?.();
    const events = session.peek()?.events ?? [];
    cancelWarm = warmSearchIndex(events, (fn) => void whenIdle(fn));
  });

  const version = browser.runtime.getManifest().version;
  const onExport = (request: ExportRequest) => {
    const current = session.value;
    if (!current) return;
    const at = new Date();
    const file = toSessionFile(current, { extensionVersion: version, browser: import.meta.env.BROWSER, now: at });
    // Support triage: only the filtered rows, and personal data left out unless chosen.
    downloadJson(shapeExport(file, request), sessionFileName(current, at));
  };
  const report: ReportContext = {
    recordedWith: {
      extensionVersion: version,
      browser: import.meta.env.BROWSER,
      browserVersion: browserVersionFromUserAgent(navigator.userAgent),
    },
    source: { kind: 'live' },
    generator: `Lean DevTools ${version}`,
  };
  render(
    <App source={{ kind: 'tab', session, connected, onExport, onClear: live.clear, overrides, onOverride: live.override }} filters={filters} now={now} report={report} />,
    root,
  );
}
