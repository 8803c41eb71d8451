import type { TabSummary } from '../../lib/protocol';
import { plural } from '../../lib/panel/format';

interface Props {
  summary: TabSummary | null;
  onOpenPanel: (() => void) | null;
}

/** The toolbar popup: what happened on this tab, and where to look closer. */
export function Popup({ summary, onOpenPanel }: Props) {
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
