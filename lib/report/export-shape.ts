/**
 * What the Export button writes, shaped by the two choices next to it:
 *
 * - only the filtered rows: the events of the rows the timeline shows; a call keeps its
 *   callbacks and its thrown error (they are one row), so the file stays valid;
 * - personal data: left out by default (customer name, risk_details, end-user fields become
 *   `[personal data left out]`, and their values are scrubbed from titles and messages).
 *
 * The session file format allows added fields; this adds `exportOptions` saying what was
 * chosen, so the viewer can say it. Pure.
 */
import type { SessionEvent, SessionFile, Snapshot } from '../model/types';
import { collectPersonalValues, leaveOutPersonal, makeScrubber, PERSONAL_MARKER } from '../privacy/personal';

export interface ExportRequest {
  /** Keys (event ids) of the rows shown, when only they are exported; null exports everything. */
  rowKeys: readonly string[] | null;
  /** Keep customer name, risk_details and end-user fields. */
  personalData: boolean;
}

/** Recorded in the file: what the export left out. */
export interface ExportOptionsField {
  onlyFilteredRows: boolean;
  personalData: 'included' | 'left-out';
}

export type ShapedSessionFile = SessionFile & { exportOptions: ExportOptionsField };

/** The events of the given rows: each row's own event, plus the callbacks and errors of its call. */
export function eventsOfRows(events: readonly SessionEvent[], rowKeys: readonly string[]): SessionEvent[] {
  const keep = new Set(rowKeys);
  return events.filter((e) => keep.has(e.id) || ((e.type === 'callback' || e.type === 'call-error') && keep.has(e.callId)));
}

function personalValues(events: readonly SessionEvent[]): Set<string> {
  const values = new Set<string>();
  for (const e of events) {
    if (e.type === 'call') collectPersonalValues(e.config, values);
    else if (e.type === 'callback') collectPersonalValues(e.data, values);
  }
  return values;
}

function withoutPersonal(events: readonly SessionEvent[], values: ReadonlySet<string>): SessionEvent[] {
  const scrub = makeScrubber(values, PERSONAL_MARKER);
  return events.map((e): SessionEvent => {
    switch (e.type) {
      case 'call':
        return {
          ...e,
          config: leaveOutPersonal(e.config),
          findings: e.findings.map((f) => ({ ...f, message: scrub(f.message) })),
        };
      case 'callback':
        return { ...e, data: scrubSnapshotText(leaveOutPersonal(e.data), scrub) };
      case 'call-error':
        return { ...e, message: scrub(e.message) };
      default:
        return e;
    }
  });
}

/** Callback data can carry the customer's name in free text (`message`): scrub its strings. */
function scrubSnapshotText(value: Snapshot, scrub: (text: string) => string, depth = 0): Snapshot {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => scrubSnapshotText(v, scrub, depth + 1));
  const out: { [key: string]: Snapshot } = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: scrubSnapshotText(value[key]!, scrub, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function shapeExport(file: SessionFile, request: ExportRequest): ShapedSessionFile {
  let events = request.rowKeys ? eventsOfRows(file.events, request.rowKeys) : file.events;
  let title = file.tab.title;
  if (!request.personalData) {
    // Values from every event, not only the kept ones: a title can name the customer of a call filtered out.
    const values = personalValues(file.events);
    events = withoutPersonal(events, values);
    title = makeScrubber(values, PERSONAL_MARKER)(title);
  }
  return {
    ...file,
    tab: { ...file.tab, title },
    events,
    exportOptions: { onlyFilteredRows: request.rowKeys !== null, personalData: request.personalData ? 'included' : 'left-out' },
  };
}
