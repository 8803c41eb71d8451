/**
 * Outcome coverage: per method, which outcomes a session met — what the SDK answered, and
 * what overrides made the page's callback receive (docs/overrides.md) — so an error path the
 * page was never exercised against shows at a glance. The audit's reporters and the panel
 * build it from the same events.
 */
import { NO_CALLBACK } from './outcomes';
import type { SessionEvent, Snapshot } from './types';

export interface OutcomeCoverageRow {
  method: string;
  calls: number;
  /** What the SDK answered, as `STATUS` or `STATUS:SECONDARY_STATUS`, in order of first answer. */
  real: string[];
  /** What overrides made the page's callback get (`none`: no callback), in order of first use. */
  overridden: string[];
  /** Calls the page's callback never heard of (no callback recorded, or withheld by `none`). */
  unanswered: number;
}

/** Distinct outcomes a row lists at most: a page may post any status text. */
export const MAX_OUTCOMES_PER_ROW = 20;
/** Longest outcome text kept; longer is not one of the SDK's and is cut. */
const MAX_OUTCOME_CHARS = 96;

/** `STATUS[:SECONDARY_STATUS]` of callback data, or null when it has no status. */
export function outcomeOf(data: Snapshot | undefined): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const status = data.status;
  if (typeof status !== 'string' || status === '') return null;
  const secondary = data.secondary_status;
  const text = typeof secondary === 'string' && secondary !== '' ? `${status}:${secondary}` : status;
  return text.length > MAX_OUTCOME_CHARS ? `${text.slice(0, MAX_OUTCOME_CHARS)}…` : text;
}

function addOnce(list: string[], value: string): void {
  if (list.length < MAX_OUTCOMES_PER_ROW && !list.includes(value)) list.push(value);
}

/** One row per method called, in order of first call. */
export function outcomeCoverage(events: readonly SessionEvent[]): OutcomeCoverageRow[] {
  const rows = new Map<string, OutcomeCoverageRow>();
  const methodOf = new Map<string, string>();
  /** Calls whose page callback got something (the SDK's data or a synthetic one). */
  const heard = new Set<string>();
  for (const event of events) {
    if (event.type === 'call') {
      methodOf.set(event.id, event.method);
      let row = rows.get(event.method);
      if (!row) {
        row = { method: event.method, calls: 0, real: [], overridden: [], unanswered: 0 };
        rows.set(event.method, row);
      }
      row.calls++;
      continue;
    }
    if (event.type !== 'callback') continue;
    const method = methodOf.get(event.callId);
    const row = method === undefined ? undefined : rows.get(method);
    if (!row) continue;
    const mark = event.override;
    if (!mark || mark.fromSdk) {
      const real = outcomeOf(event.data);
      if (real !== null) addOnce(row.real, real);
    }
    if (!mark) {
      heard.add(event.callId);
      continue;
    }
    const delivered = outcomeOf(mark.delivered ?? undefined);
    if (delivered !== null) {
      addOnce(row.overridden, delivered);
      heard.add(event.callId);
    } else if (mark.outcome === NO_CALLBACK) {
      addOnce(row.overridden, NO_CALLBACK);
    }
  }
  for (const [callId, method] of methodOf) if (!heard.has(callId)) rows.get(method)!.unanswered++;
  return [...rows.values()];
}
