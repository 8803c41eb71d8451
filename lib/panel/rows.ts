/**
 * The panel's row model: the pairing's rows (one per call, one per other event) with what
 * the timeline needs precomputed once per rebuild — the document each row belongs to, its
 * start and end on the time axis, its worst finding, and redirect flows
 * (checkout → bank → captureRedirect) grouped across the navigation between them.
 *
 * Pure and O(n): rebuilt on every session change (10,000 events take a few ms).
 */
import { buildRows, field } from '../model/pairing';
import type { CallRow, EventRow, Outcome, Row } from '../model/pairing';
import type { NavigationEvent, Severity } from '../model/types';
import { worstSeverity } from '../rules/finding';

/** Where a row sits in a redirect flow: the call that sent the user away, rows in between, the capture. */
export type FlowPosition = 'start' | 'middle' | 'end';

export interface FlowMark {
  /** The id of the call that started the flow. */
  id: string;
  position: FlowPosition;
  /** The method that started the flow (`checkout`), for the capture row's label. */
  from: string;
}

interface PanelRowBase {
  /** Unique in the session: the call's or the event's id. */
  key: string;
  /** 0 for the document the session started in, +1 at each navigation. */
  doc: number;
  /** Epoch ms where the row starts on the time axis. */
  start: number;
  flow: FlowMark | null;
}

export interface CallPanelRow extends PanelRowBase {
  kind: 'call';
  row: CallRow;
  outcome: Outcome;
  severity: Severity | null;
  /** The last callback's `secondary_status` (`INVALID_CREDENTIALS`), the reason behind its status. */
  secondaryStatus: string | null;
  /** Epoch ms of the answer (callback or throw); `start` for no-callback; null while pending. */
  end: number | null;
}

export interface EventPanelRow extends PanelRowBase {
  kind: 'event';
  row: EventRow;
  severity: null;
  end: number;
}

export type PanelRow = CallPanelRow | EventPanelRow;

export interface PanelModel {
  rows: PanelRow[];
  /** Index in `rows` of the last navigation row, or -1 (preserve log off shows rows from here). */
  lastNavigation: number;
  /** Methods in order of first call. */
  methods: string[];
  /** Secondary statuses in order of first answer (at most `MAX_SECONDARY_STATUSES`). */
  secondaryStatuses: string[];
}

/** Distinct secondary statuses the filter bar offers: the SDK has a few dozen; a page may send any. */
export const MAX_SECONDARY_STATUSES = 50;
/** A longer `secondary_status` is not one of the SDK's codes: shown cut, not offered as a toggle. */
export const MAX_SECONDARY_STATUS_TEXT = 64;

function secondaryStatusOf(row: CallRow): string | null {
  const value = field(row.callbacks[row.callbacks.length - 1]?.data, 'secondary_status');
  return typeof value === 'string' && value !== '' ? value.slice(0, 200) : null;
}

/** Methods whose REDIRECT callback sends the user to the bank and back to a redirect page. */
const REDIRECT_METHODS = new Set(['checkout', 'authorizeConsent', 'pay', 'connect', 'link']);

function endOf(row: CallRow): number | null {
  const last = row.callbacks[row.callbacks.length - 1];
  if (last) {
    const first = row.callbacks[0]!;
    // The bar spans call → last answer; a single callback uses the hook's measured duration.
    return row.callbacks.length === 1 ? row.call.time + Math.max(0, first.durationMs) : Math.max(last.time, row.call.time);
  }
  if (row.error) return Math.max(row.error.time, row.call.time);
  if (row.outcome === 'pending') return null;
  return row.call.time;
}

function pathOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return null;
  }
}

/** The success/fail redirect pages a call names, as origin + path. */
function redirectTargets(row: CallRow): string[] {
  const targets: string[] = [];
  for (const key of ['success_redirect_url', 'fail_redirect_url', 'redirect_url']) {
    const value = field(row.call.config, key);
    if (typeof value === 'string') {
      const path = pathOf(value);
      if (path) targets.push(path);
    }
  }
  return targets;
}

export function toPanelRow(row: Row, doc: number): PanelRow {
  if (row.kind === 'call') {
    return {
      kind: 'call',
      key: row.call.id,
      row,
      doc,
      start: row.call.time,
      end: endOf(row),
      outcome: row.outcome,
      severity: worstSeverity(row.call.findings ?? []),
      secondaryStatus: secondaryStatusOf(row),
      flow: null,
    };
  }
  return { kind: 'event', key: row.event.id, row, doc, start: row.event.time, end: row.event.time, severity: null, flow: null };
}

/**
 * Groups each call that ended in REDIRECT with the captureRedirect made on a later document
 * (the bank's return page): the redirect URLs the call named must match the capture's page
 * when it named any. Rows between the two are marked `middle`.
 */
export function markFlows(rows: PanelRow[]): void {
  let open: { index: number; row: CallPanelRow; targets: string[] } | null = null;
  for (let i = 0; i < rows.length; i++) {
    const item = rows[i]!;
    if (item.kind !== 'call') continue;
    if (open && item.row.call.method === 'captureRedirect' && item.doc > open.row.doc) {
      const page = pathOf(item.row.call.frameUrl);
      if (open.targets.length === 0 || (page !== null && open.targets.includes(page))) {
        const mark = { id: open.row.key, from: open.row.row.call.method };
        open.row.flow = { ...mark, position: 'start' };
        for (let j = open.index + 1; j < i; j++) rows[j]!.flow = { ...mark, position: 'middle' };
        item.flow = { ...mark, position: 'end' };
        open = null;
        continue;
      }
    }
    if (item.outcome === 'redirect' && REDIRECT_METHODS.has(item.row.call.method)) {
      open = { index: i, row: item, targets: redirectTargets(item.row) };
    }
  }
}

export function buildPanelModel(events: Parameters<typeof buildRows>[0]): PanelModel {
  const base = buildRows(events);
  const rows: PanelRow[] = new Array(base.length);
  const methods: string[] = [];
  const seen = new Set<string>();
  const secondaryStatuses = new Set<string>();
  let doc = 0;
  let lastNavigation = -1;
  for (let i = 0; i < base.length; i++) {
    const row = base[i]!;
    if (row.kind === 'event' && row.event.type === 'navigation') {
      // The session's first document also starts with a navigation event: no empty doc 0.
      if (i > 0 || doc > 0) doc++;
      lastNavigation = i;
    } else if (row.kind === 'call' && !seen.has(row.call.method)) {
      seen.add(row.call.method);
      methods.push(row.call.method);
    }
    const item = toPanelRow(row, doc);
    rows[i] = item;
    const reason = item.kind === 'call' ? item.secondaryStatus : null;
    if (reason !== null && reason.length <= MAX_SECONDARY_STATUS_TEXT && secondaryStatuses.size < MAX_SECONDARY_STATUSES) secondaryStatuses.add(reason);
  }
  markFlows(rows);
  return { rows, lastNavigation, methods, secondaryStatuses: [...secondaryStatuses] };
}

export function isNavigation(row: PanelRow): row is EventPanelRow & { row: { event: NavigationEvent } } {
  return row.kind === 'event' && row.row.event.type === 'navigation';
}
