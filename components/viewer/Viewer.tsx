import { useSignal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_FILTERS } from '../../lib/panel/filter';
import { copyText } from '../../lib/panel/clipboard';
import { importFile } from '../../lib/files/import';
import type { ImportedSession, ImportResult } from '../../lib/files/import';
import type { SessionFile } from '../../lib/model/types';
import { utc } from '../../lib/report/build';
import { count } from '../../lib/panel/format';
import { App } from '../app/App';
import type { ShownSession } from '../app/source';
import type { ReportContext } from '../report/context';
import './viewer.css';

/** How far past its last event an imported session's clock may run (pending bars stop there). */
const MAX_TAIL_MS = 10 * 60 * 1000;

/** The viewer's "now" for a file: when it was exported, kept within 10 minutes after its last event. */
export function fileClock(file: SessionFile, kind: ImportedSession['kind']): number {
  let last = 0;
  for (const event of file.events) if (event.time > last) last = event.time;
  if (kind === 'har') return last;
  const exported = Date.parse(file.exportedAt);
  if (Number.isNaN(exported)) return last;
  return Math.min(Math.max(exported, last), last + MAX_TAIL_MS);
}

export function toShownSession(file: SessionFile): ShownSession {
  return {
    url: file.tab.url,
    title: file.tab.title,
    events: file.events,
    droppedEvents: file.droppedEvents,
    refusedMessages: 0,
    csp: file.csp,
  };
}

export function reportContextFor(imported: ImportedSession, generator: string): ReportContext {
  if (imported.kind === 'har') {
    return {
      recordedWith: { extensionVersion: '—', browser: imported.har?.creator ?? 'unknown' },
      source: { kind: 'har', fileName: imported.fileName, creator: imported.har?.creator ?? null },
      generator,
    };
  }
  return {
    recordedWith: { extensionVersion: imported.file.extension.version, browser: imported.file.extension.browser },
    source: { kind: 'session-file', fileName: imported.fileName, exportedAt: imported.file.exportedAt },
    generator,
  };
}

interface Props {
  /** `Lean DevTools 0.1.0`, for support reports. */
  generator: string;
  copy?: (text: string) => Promise<boolean>;
  /** Reads a file (tests replace it). */
  read?: (file: File) => Promise<ImportResult>;
}

function FileInput({ label, read }: { label: string; read(file: File): void }) {
  return (
    <label class="file-button">
      {label}
      <input
        type="file"
        id="import-file"
        accept=".json,.har,application/json"
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          if (file) read(file);
          input.value = '';
        }}
      />
    </label>
  );
}

/**
 * What the file does not hold, from its `exportOptions` (docs/session-format.md) and its
 * `droppedEvents`; null for a HAR file, which has neither.
 */
export function leftOutNote(imported: ImportedSession): string | null {
  if (imported.kind !== 'session') return null;
  const options = imported.exportOptions;
  const left: string[] = [];
  if (options?.onlyFilteredRows) left.push('the rows the exporter’s filters hid');
  if (options?.personalData === 'left-out') left.push('personal data (customer name, risk_details, end-user fields)');
  const dropped = imported.file.droppedEvents;
  if (dropped > 0) left.push(`${count(dropped)} event${dropped === 1 ? '' : 's'} the recorder’s size cap dropped`);
  if (left.length > 0) return `Left out: ${left.join('; ')}${options ? '' : ' (export options not recorded)'}`;
  if (!options) return 'Export options not recorded: the file may lack filtered rows or personal data';
  return options.personalData === 'included' ? 'Nothing left out: includes personal data' : 'Nothing left out';
}

function ViewerLabel({ imported, read }: { imported: ImportedSession; read(file: File): void }) {
  const { file, kind, fileName } = imported;
  const note = leftOutNote(imported);
  const har = imported.har;
  return (
    <span class="viewer-label" id="viewer-label">
      <span class="read-only-tag" title="An imported file: nothing here is live, and nothing can change it">
        Read-only
      </span>
      <span class="viewer-file mono" id="viewer-file" dir="auto" title={fileName}>
        {fileName}
      </span>
      {kind === 'session' ? (
        <span class="viewer-when" id="viewer-exported">
          exported {utc(Date.parse(file.exportedAt))} · Lean DevTools {file.extension.version} ({file.extension.browser})
        </span>
      ) : (
        <span class="viewer-when" id="viewer-exported">
          HAR{har?.creator ? ` from ${har.creator}` : ''} · {har?.requests ?? 0} Lean request{har?.requests === 1 ? '' : 's'} of {har?.entries ?? 0}
          {har?.truncated ? ` (${har.truncated} more left out)` : ''} · no SDK calls: rows are HTTP requests
        </span>
      )}
      {note && (
        <span class="viewer-notes" id="viewer-left-out">
          {note}
        </span>
      )}
      <FileInput label="Open another file…" read={read} />
    </span>
  );
}

/**
 * `panel.html` without `tabId`: opens a session file (or a HAR file) from a file picker or by
 * drag-and-drop and shows it read-only with the panel's own timeline, detail and CSP views.
 * A file that cannot be read is refused with a message; what was open stays open.
 */
export function Viewer({ generator, copy = (text) => copyText(text), read = importFile }: Props) {
  const session = useSignal<ShownSession | null>(null);
  const filters = useSignal(DEFAULT_FILTERS);
  const now = useSignal(0);
  const [imported, setImported] = useState<ImportedSession | null>(null);
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const readSeq = useRef(0);

  const open = async (file: File) => {
    const seq = ++readSeq.current;
    setBusy(true);
    let result: ImportResult;
    try {
      result = await read(file);
    } catch {
      result = { ok: false, error: `“${file.name}” could not be read.` };
    }
    if (seq !== readSeq.current) return;
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const next = result.session;
    setError(null);
    filters.value = { ...DEFAULT_FILTERS, columns: filters.value.columns };
    now.value = fileClock(next.file, next.kind);
    session.value = toShownSession(next.file);
    setImported(next);
    setGeneration((g) => g + 1);
    document.title = `Lean · ${next.fileName}`;
  };
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    const onDragEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDragLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      // Never let the browser navigate to (and render) the dropped file.
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files?.[0];
      if (file) void openRef.current(file);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  const pickFile = (file: File) => void open(file);
  const errorAlert = error && (
    <p class="import-error" id="import-error" role="alert">
      <span dir="auto">{error}</span>
      <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => setError(null)}>
        ×
      </button>
    </p>
  );
  const overlay = dragging && (
    <div class="drop-overlay" aria-hidden="true">
      Drop the file to open it
    </div>
  );

  if (!imported) {
    return (
      <main class="viewer-landing" id="viewer">
        <h1>Lean DevTools · session viewer</h1>
        <p>
          Open a <strong>session file</strong> exported from the Lean panel, or a <strong>HAR file</strong> saved from the browser’s
          Network panel during a Lean flow. It is shown read-only, with the panel’s timeline, details and CSP view. Nothing leaves
          your browser.
        </p>
        <div class="drop-zone">
          <FileInput label="Open a file…" read={pickFile} />
          <span class="muted">or drop it anywhere on this page</span>
          {busy && <span class="muted">Reading…</span>}
        </div>
        {errorAlert}
        <p class="muted small">To see a live tab instead, open the Lean panel in DevTools.</p>
        {overlay}
      </main>
    );
  }

  return (
    <div class="viewer" id="viewer" data-kind={imported.kind}>
      <App
        key={generation}
        source={{
          kind: 'file',
          session,
          name: imported.fileName,
          label: <ViewerLabel imported={imported} read={pickFile} />,
          sessionRules: imported.kind !== 'har',
        }}
        filters={filters}
        now={now}
        copy={copy}
        report={reportContextFor(imported, generator)}
      />
      {errorAlert && <div class="viewer-toast">{errorAlert}</div>}
      {overlay}
    </div>
  );
}
