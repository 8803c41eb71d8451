/**
 * Pairs each call with what answered it: its callback(s) and any error it threw. The
 * timeline shows one row per call; other events (navigation, loader, CSP violation, SDK
 * state) stand on their own rows between them.
 */
import { isFunctionMarker } from './markers';
import type { CallErrorEvent, CallEvent, CallbackEvent, OverrideMark, SessionEvent, Snapshot } from './types';

export type Outcome =
  | 'success'
  | 'error'
  | 'cancelled'
  | 'redirect'
  | 'closed'
  | 'threw'
  | 'pending'
  | 'no-callback';

export interface CallRow {
  kind: 'call';
  call: CallEvent;
  callbacks: CallbackEvent[];
  error: CallErrorEvent | null;
  outcome: Outcome;
  correlationId: string | null;
}

export interface EventRow {
  kind: 'event';
  event: Exclude<SessionEvent, CallEvent | CallbackEvent | CallErrorEvent>;
}

export type Row = CallRow | EventRow;

const STATUS_OUTCOME: Record<string, Outcome> = {
  SUCCESS: 'success',
  ERROR: 'error',
  CANCELLED: 'cancelled',
  REDIRECT: 'redirect',
  LINK_CLOSED_PROGRAMMATICALLY: 'closed',
};

export function field(data: Snapshot | undefined, key: string): Snapshot | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? data[key] : undefined;
}

function stringField(data: Snapshot | undefined, key: string): string | null {
  const value = field(data, key);
  return typeof value === 'string' ? value : null;
}

/**
 * A callback the SDK made. An outcome override's own delivery (docs/overrides.md) is not one:
 * the outcome of a call is always what the SDK said, never what an override made.
 */
export function isSdkCallback(callback: CallbackEvent): boolean {
  return !callback.override || callback.override.fromSdk;
}

/** The call's last callback from the SDK. */
export function lastSdkCallback(row: Pick<CallRow, 'callbacks'>): CallbackEvent | undefined {
  for (let i = row.callbacks.length - 1; i >= 0; i--) {
    const callback = row.callbacks[i]!;
    if (isSdkCallback(callback)) return callback;
  }
  return undefined;
}

/** The override mark of an overridden call, or null. */
export function overrideOf(row: Pick<CallRow, 'callbacks'>): OverrideMark | null {
  for (const callback of row.callbacks) if (callback.override) return callback.override;
  return null;
}

export function outcomeOf(row: Pick<CallRow, 'call' | 'callbacks' | 'error'>): Outcome {
  const last = lastSdkCallback(row);
  if (last) return STATUS_OUTCOME[stringField(last.data, 'status') ?? ''] ?? 'error';
  if (row.error) return 'threw';
  return isFunctionMarker(field(row.call.config, 'callback')) ? 'pending' : 'no-callback';
}

/** Rows in time order; appending events and calling again is cheap enough for 10k events. */
export function buildRows(events: readonly SessionEvent[]): Row[] {
  const rows: Row[] = [];
  const calls = new Map<string, CallRow>();
  for (const event of events) {
    switch (event.type) {
      case 'call': {
        const row: CallRow = { kind: 'call', call: event, callbacks: [], error: null, outcome: 'pending', correlationId: null };
        calls.set(event.id, row);
        rows.push(row);
        break;
      }
      case 'callback': {
        const row = calls.get(event.callId);
        if (!row) break;
        row.callbacks.push(event);
        // An override's own delivery carries no SDK data (its synthetic id is in `override.delivered`).
        if (isSdkCallback(event)) row.correlationId = stringField(event.data, 'lean_correlation_id') ?? row.correlationId;
        break;
      }
      case 'call-error': {
        const row = calls.get(event.callId);
        if (row) row.error = event;
        break;
      }
      default:
        rows.push({ kind: 'event', event });
    }
  }
  for (const row of calls.values()) row.outcome = outcomeOf(row);
  return rows;
}
