import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Finding, SessionEvent } from '../../lib/model/types';
import { METHOD_NAMES, sessionFindings } from '../../lib/rules';
import { buildPanelModel, isNavigation } from '../../lib/panel/rows';
import { filterRows, isFiltering, resetFilters } from '../../lib/panel/filter';
import type { PanelFilters } from '../../lib/panel/filter';
import { timeAxis } from '../../lib/panel/time-axis';
import { NO_SDK_CHECKS, sdkStatus } from '../../lib/panel/status';
import { copyText } from '../../lib/panel/clipboard';
import { count } from '../../lib/panel/format';
import { whenIdle } from '../../lib/panel/idle';
import { shownColumns } from '../../lib/panel/columns';
import { NO_SELECTION, select, selectedInOrder } from '../../lib/panel/selection';
import type { SelectMode } from '../../lib/panel/selection';
import { Timeline } from '../timeline/Timeline';
import { ColumnMenu } from '../timeline/ColumnMenu';
import { Detail } from '../detail/Detail';
import type { CopyFn } from '../detail/Detail';
import { FilterBar } from '../filters/FilterBar';
import { StatusStrip } from '../status/StatusStrip';
import { OutcomeCoverage } from '../status/OutcomeCoverage';
import { OverrideMenu } from '../overrides/OverrideMenu';
import { CspTab } from '../csp/CspTab'; // CSP view mount (components/csp)
// Support triage (components/report): report buttons, export options, find by correlation ID.
import type { ComponentChildren } from 'preact';
import { ReportButton } from '../report/ReportButton';
import { CallTriage } from '../report/CallTriage';
import { CopyReportButton } from '../report/CopyReportButton';
import type { ReportContext } from '../report/context';
import { DEFAULT_EXPORT_CHOICE, ExportOptions, exportRequest } from '../report/ExportOptions';
import { FixtureButton } from '../report/FixtureButton';
import { useCorrelationJump } from '../report/useCorrelationJump';
import type { PanelSource } from './source';
import './app.css';

interface Props {
  /** A live tab, or a file shown read-only (components/viewer). */
  source: PanelSource;
  filters: Signal<PanelFilters>;
  /** Epoch ms: ticking while a live panel is open (pending bars, time-based session rules); a file's own clock. */
  now: ReadonlySignal<number>;
  copy?: CopyFn;
  /** Support triage: what support reports say about the recording. */
  report?: ReportContext;
}

const NO_EVENTS: readonly SessionEvent[] = [];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable === true;
}

/** The panel for one session: toolbar, filters, SDK status, timeline and the opened row. */
export function App({ source, filters, now, copy = (text) => copyText(text), report }: Props) {
  const { session } = source;
  const live = source.kind === 'tab' ? source : null;
  const selectedKey = useSignal<string | null>(null);
  const cspTabActive = useSignal(false);
  const activeKey = useSignal<string | null>(null);
  /** The rows selected for a report on several calls (Shift / Ctrl-click, Shift+↑/↓). */
  const selection = useSignal(NO_SELECTION);
  /** Export's options (support triage): only the filtered rows? personal data? */
  const exportChoice = useSignal(DEFAULT_EXPORT_CHOICE);
  const columnMenu = useSignal<'button' | { x: number; y: number } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const events = useComputed(() => session.value?.events ?? NO_EVENTS);
  const model = useComputed(() => buildPanelModel(events.value));
  const shown = useComputed(() => filterRows(model.value, filters.value));
  const axis = useComputed(() => timeAxis(shown.value, () => now.value));
  const scope = useComputed(() => {
    const { rows, lastNavigation } = model.value;
    return filters.value.preserveLog || lastNavigation <= 0 ? rows : rows.slice(lastNavigation);
  });
  const status = useComputed(() => sdkStatus(events.value, scope.value));
  // Session rules are O(n) and only one is time-based (a 5 s grace): re-run them on new
  // events or every 5 s, not on every tick, and in idle time: the rows come first (on each
  // append of a 10,000-event session they cost more than the rows do). Never on a partial
  // copy (its oldest document is cut short).
  const coarseNow = useComputed(() => Math.floor(now.value / 5000) * 5000);
  const sessionLevel = useSignal<Finding[]>([]);
  useSignalEffect(() => {
    const all = events.value;
    const at = coarseNow.value + 4999;
    if ((source.kind === 'file' && !source.sessionRules) || session.value?.earlierEvents) return;
    return whenIdle(() => {
      sessionLevel.value = sessionFindings(all, at);
    });
  });
  const selected = useComputed(() => {
    const key = selectedKey.value;
    return key === null ? null : (model.value.rows.find((r) => r.key === key) ?? null);
  });

  const setFilters = (next: PanelFilters) => (filters.value = next);
  const closeDetail = () => {
    selectedKey.value = null;
    selection.value = NO_SELECTION;
    listRef.current?.focus();
  };
  const onSelect = (key: string, mode: SelectMode) => {
    selection.value = select(selection.value, key, mode, shown.value.map((r) => r.key));
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const typing = isTyping(event.target);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (event.key === 'Escape') {
        const inSearch = event.target === searchRef.current;
        if (filters.value.text !== '') {
          event.preventDefault();
          filters.value = { ...filters.value, text: '' };
          return;
        }
        if (inSearch) {
          event.preventDefault();
          listRef.current?.focus();
          return;
        }
        if ((selectedKey.value !== null || selection.value.keys.size > 0) && !typing) {
          event.preventDefault();
          closeDetail();
        }
        return;
      }
      // Arrow keys with nothing focused go to the list.
      const target = event.target as HTMLElement | null;
      if (!typing && (target === document.body || target === document.documentElement) && /^(ArrowUp|ArrowDown)$/.test(event.key)) {
        listRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  // Support triage: a correlation ID typed or pasted into the search selects its call and scrolls to it.
  useCorrelationJump({
    text: filters.value.text,
    rows: shown.value,
    onJump: (key) => {
      cspTabActive.value = false;
      activeKey.value = key;
      selectedKey.value = key;
      selection.value = select(selection.value, key, 'only', []);
    },
    setText: (text) => (filters.value = { ...filters.value, text }),
    searchRef,
  });

  const current = session.value;
  // The panel's first copy of a long session holds its newest events; the rest is on its way.
  const whole = current && !current.earlierEvents ? current : null;
  const rows = shown.value;
  const total = model.value.rows.length;
  const open = selected.value;

  const clear = () => {
    selectedKey.value = null;
    activeKey.value = null;
    selection.value = NO_SELECTION;
    live?.onClear();
  };
  const columns = shownColumns(filters.value.columns);
  // Calls among the selected rows, in session order: what a report on the selection covers.
  const selectedCalls = selection.value.keys.size > 1 ? selectedInOrder(selection.value, model.value.rows.filter((r) => r.kind === 'call').map((r) => r.key)) : [];

  const noSdkAtAll = status.value.noSdk && model.value.rows.every(isNavigation);
  let body: ComponentChildren;
  if (!current) {
    body = <p class="empty">Connecting to the page’s session…</p>;
  } else if (noSdkAtAll) {
    body = (
      <div class="empty no-sdk" id="no-sdk">
        <h2>No Lean SDK on this page</h2>
        <p>Nothing Lean-related has happened on this tab yet: no loader script, no <code>window.Lean</code>, no calls. Check that:</p>
        <ul class="checks">
          {NO_SDK_CHECKS.map((check) => (
            <li key={check}>{check}</li>
          ))}
        </ul>
      </div>
    );
  } else if (rows.length === 0) {
    body = (
      <div class="empty" id="no-match">
        {isFiltering(filters.value) ? (
          <p>
            No rows match the filters.{' '}
            <button type="button" class="link-button" onClick={() => setFilters(resetFilters(filters.value))}>
              Reset filters
            </button>
          </p>
        ) : (
          <p>
            Nothing since the last navigation.{' '}
            <button type="button" class="link-button" onClick={() => setFilters({ ...filters.value, preserveLog: true })}>
              Preserve log
            </button>{' '}
            shows earlier documents.
          </p>
        )}
      </div>
    );
  } else {
    body = (
      <Timeline
        rows={rows}
        axis={axis.value}
        now={() => now.value}
        activeKey={activeKey.value}
        selectedKeys={selection.value.keys}
        columns={columns}
        onActivate={(key) => (activeKey.value = key)}
        onSelect={onSelect}
        onOpen={(key) => (selectedKey.value = key)}
        onHeaderMenu={(at) => (columnMenu.value = at)}
        listRef={listRef}
      />
    );
  }

  return (
    <div class="app">
      <div class="toolbar" role="toolbar" aria-label="Lean panel">
        <strong class="product">Lean</strong>
        <span class="tab-url" dir="auto" title={current?.url}>
          {current?.url || 'waiting for the page…'}
        </span>
        {live && !live.connected.value && (
          <span class="status-offline" role="status">
            reconnecting…
          </span>
        )}
        {current?.earlierEvents ? (
          <span class="status-loading" role="status">
            loading {count(current.earlierEvents)} earlier events…
          </span>
        ) : null}
        {/* A file holds what it holds: preserve log, Clear and Export are for a live tab. */}
        {live && (
          <label class="preserve">
            <input
              type="checkbox"
              id="preserve-log"
              checked={filters.value.preserveLog}
              onChange={(e) => setFilters({ ...filters.value, preserveLog: (e.currentTarget as HTMLInputElement).checked })}
            />
            Preserve log
          </label>
        )}
        {source.kind === 'file' && source.label}
        {live && (
          <>
            <button type="button" id="clear" onClick={clear} title="Clear this tab’s session">
              Clear
            </button>
            <button
              type="button"
              id="export"
              onClick={() => live.onExport(exportRequest(exportChoice.value, () => shown.value.map((r) => r.key), isFiltering(filters.value)))}
              disabled={!whole}
              title="Download the session (redacted JSON)"
            >
              Export
            </button>
            <ExportOptions
              filtering={isFiltering(filters.value)}
              choice={exportChoice.value}
              onChange={(change) => (exportChoice.value = { ...exportChoice.value, ...change })}
            />
            <OverrideMenu
              methods={[...new Set([...METHOD_NAMES, ...model.value.methods])]}
              active={live.overrides.value}
              onChange={live.onOverride}
            />
          </>
        )}
        <FixtureButton
          session={whole}
          fileName={source.kind === 'file' ? source.name : undefined}
          rowKeys={() => exportRequest(exportChoice.value, () => shown.value.map((r) => r.key), isFiltering(filters.value)).rowKeys}
        />
        <ReportButton id="report-session" session={whole} callId={null} context={report} copy={copy} rulesNow={() => now.value} />
        <ColumnMenu
          shown={filters.value.columns}
          onChange={(next) => setFilters({ ...filters.value, columns: next })}
          open={columnMenu.value}
          onOpenChange={(open) => (columnMenu.value = open)}
        />
      </div>
      <FilterBar
        filters={filters.value}
        methods={model.value.methods}
        secondaryStatuses={model.value.secondaryStatuses}
        shown={rows.length}
        total={total}
        onChange={setFilters}
        searchRef={searchRef}
      />
      {current && (
        <StatusStrip
          status={status.value}
          sessionFindings={sessionLevel.value}
          droppedEvents={current.droppedEvents}
          refusedMessages={current.refusedMessages}
          showChecks={!noSdkAtAll}
        />
      )}
      {current && !noSdkAtAll && <OutcomeCoverage events={events.value} />}
      {/* CSP view mount: the "Calls | CSP" switch and the CSP view (components/csp/CspTab.tsx). */}
      <CspTab session={current} active={cspTabActive} copy={copy} />
      {selectedCalls.length > 1 && (
        <section class="selection-bar" id="selection-bar" aria-label="Selected calls">
          <span>{count(selectedCalls.length)} calls selected</span>
          <CopyReportButton id="copy-report-selection" session={whole} callIds={selectedCalls} context={report} copy={copy} rulesNow={() => now.value} />
          <button type="button" class="link-button" id="clear-selection" onClick={() => (selection.value = NO_SELECTION)}>
            Clear selection
          </button>
        </section>
      )}
      <main class={`panes${open ? ' with-detail' : ''}`}>
        <div class="list-pane">{body}</div>
        <div class="detail-pane">
          {open?.kind === 'call' && <CallTriage row={open.row} session={current} context={report} copy={copy} rulesNow={() => now.value} />}
          {open && <Detail key={open.key} item={open} copy={copy} onClose={closeDetail} />}
        </div>
      </main>
    </div>
  );
}
