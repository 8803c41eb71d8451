import { useComputed, useSignal } from '@preact/signals';
import type { Signal } from '@preact/signals';
import type { TabSession } from '../../lib/protocol';
import { buildRows } from '../../lib/session/pairing';
import type { CallRow } from '../../lib/session/pairing';
import { CallList } from '../timeline/CallList';
import { Detail } from '../detail/Detail';

interface Props {
  session: Signal<TabSession | null>;
  connected: Signal<boolean>;
  onExport(): void;
  onClear(): void;
}

/** The live panel for one tab. */
export function App({ session, connected, onExport, onClear }: Props) {
  const selectedId = useSignal<string | null>(null);
  const rows = useComputed(() => buildRows(session.value?.events ?? []));
  const calls = useComputed(() => rows.value.filter((r): r is CallRow => r.kind === 'call'));
  const selected = useComputed(() => calls.value.find((r) => r.call.id === selectedId.value) ?? null);
  const current = session.value;

  return (
    <div class="app">
      <header class="toolbar">
        <strong class="product">Lean</strong>
        <span class="tab-url" title={current?.url}>
          {current?.url || 'waiting for the page…'}
        </span>
        <span class="counts">
          {calls.value.length} call{calls.value.length === 1 ? '' : 's'}
          {current && current.droppedEvents > 0 ? `, ${current.droppedEvents} dropped` : ''}
        </span>
        {!connected.value && <span class="status-offline">reconnecting…</span>}
        <button type="button" id="clear" onClick={onClear}>
          Clear
        </button>
        <button type="button" id="export" onClick={onExport} disabled={!current}>
          Export
        </button>
      </header>
      <main class="panes">
        <div class="list-pane">
          {rows.value.length === 0 ? (
            <p class="empty">No Lean activity on this tab yet. Calls appear here as the page makes them.</p>
          ) : (
            <CallList rows={rows.value} selectedId={selectedId.value} onSelect={(id) => (selectedId.value = id)} />
          )}
        </div>
        <div class="detail-pane">
          {selected.value ? <Detail row={selected.value} /> : <p class="empty">Select a call to see its config and callback.</p>}
        </div>
      </main>
    </div>
  );
}
