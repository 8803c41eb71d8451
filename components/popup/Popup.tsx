import { useState } from 'preact/hooks';
import type { TabSummary } from '../../lib/protocol';
import { plural } from '../../lib/panel/format';
import './popup.css';

/** The tab's site as the popup offers it (known from `activeTab` when the toolbar button opened it). */
export interface PopupSite {
  label: string;
  /** Whether the extension runs there now (every site, or this one chosen). */
  enabled: boolean;
  /** Asks the browser for access to the site; must run within the click. */
  enable(): Promise<boolean>;
  reload(): void;
  openOptions(): void;
}

interface Props {
  summary: TabSummary | null;
  onOpenPanel: (() => void) | null;
  site?: PopupSite | null;
}

/** The toolbar popup: what happened on this tab, and where to look closer. */
export function Popup({ summary, onOpenPanel, site = null }: Props) {
  const problems = summary ? summary.errorFindings + summary.failedCallbacks : 0;
  return (
    <main class="popup">
      <h1>Lean DevTools</h1>
      {summary === null ? (
        <p class="muted">This tab cannot be inspected.</p>
      ) : summary.calls === 0 && !summary.loaderSeen ? (
        <p id="popup-state" class="state muted">
          No Lean SDK activity on this tab yet. If the page uses Lean, reload it.
        </p>
      ) : (
        <>
          <p id="popup-state" class={`state ${problems ? 'bad' : 'ok'}`}>
            {problems ? `${plural(problems, 'problem')} on this tab` : 'No errors on this tab'}
          </p>
          <dl class="summary">
            <dt>Lean calls</dt>
            <dd id="popup-calls">{summary.calls}</dd>
            <dt>Failed callbacks</dt>
            <dd id="popup-failed" class={summary.failedCallbacks ? 'bad' : ''}>
              {summary.failedCallbacks}
            </dd>
            <dt>Error findings</dt>
            <dd id="popup-errors" class={summary.errorFindings ? 'bad' : ''}>
              {summary.errorFindings}
            </dd>
            <dt>Loader</dt>
            <dd id="popup-loader">{summary.loaderSeen ? 'seen' : 'not seen'}</dd>
          </dl>
        </>
      )}
      {site && <SiteAccessLine site={site} />}
      <p class="hint">
        For every call, its config findings and callback: open DevTools (<kbd>F12</kbd>) and choose the <strong>Lean</strong>{' '}
        panel.
      </p>
      {onOpenPanel && (
        <button type="button" id="open-panel" onClick={onOpenPanel}>
          Open the panel in a tab
        </button>
      )}
    </main>
  );
}

/** Per-site mode: enable the extension on this tab's site, then reload to start capturing. */
function SiteAccessLine({ site }: { site: PopupSite }) {
  const [granted, setGranted] = useState(false);
  if (granted) {
    return (
      <p id="site-access" class="site">
        Enabled on {site.label}. Reload the page to start capturing.{' '}
        <button type="button" id="reload-tab" onClick={site.reload}>
          Reload the page
        </button>
      </p>
    );
  }
  if (site.enabled) return null;
  return (
    <p id="site-access" class="site">
      Not running on {site.label}: you chose the sites it runs on.{' '}
      <button type="button" id="enable-site" onClick={() => void site.enable().then(setGranted)}>
        Enable on this site
      </button>{' '}
      <button type="button" class="link" onClick={site.openOptions}>
        Choose sites…
      </button>
    </p>
  );
}
