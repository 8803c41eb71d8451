/**
 * Find a call by its `lean_correlation_id`: a support engineer pastes the ID (or part of it)
 * a customer quoted into the panel's search and lands on that call.
 */
import type { CallRow } from '../model/pairing';
import { field } from '../model/pairing';

/** Shortest query treated as (part of) a correlation ID: shorter ones match too much. */
export const MIN_CORRELATION_QUERY = 4;
/** Longest text treated as a pasted ID (a pasted paragraph is not one). */
export const MAX_CORRELATION_QUERY = 200;

/** Every correlation ID a call's callbacks carried, in order, without repeats. */
export function correlationIdsOf(row: Pick<CallRow, 'callbacks' | 'correlationId'>): string[] {
  const ids: string[] = [];
  for (const callback of row.callbacks) {
    const id = field(callback.data, 'lean_correlation_id');
    if (typeof id === 'string' && id !== '' && !ids.includes(id)) ids.push(id);
  }
  if (row.correlationId && !ids.includes(row.correlationId)) ids.push(row.correlationId);
  return ids;
}

/** The query as an ID fragment (trimmed, lowercase, quotes and "ref" prefixes dropped), or null. */
export function correlationQuery(text: string): string | null {
  let q = text.trim().replace(/^["'`]+|["'`.,;]+$/g, '');
  q = q.replace(/^(?:lean_correlation_id|correlation[ _-]?id|ref)(?:\s*[:=]\s*|\s+)/i, '');
  if (q.length < MIN_CORRELATION_QUERY || q.length > MAX_CORRELATION_QUERY || /\s/.test(q)) return null;
  return q.toLowerCase();
}

export interface CorrelationMatch<K> {
  key: K;
  /** The full correlation ID that matched. */
  id: string;
  exact: boolean;
}

/**
 * The first row whose correlation ID contains the query, preferring an exact match.
 * `rows` are in timeline order; `keyOf` names the row the caller selects.
 */
export function findByCorrelationId<R, K>(
  rows: readonly R[],
  text: string,
  callOf: (row: R) => Pick<CallRow, 'callbacks' | 'correlationId'> | null,
  keyOf: (row: R) => K,
): CorrelationMatch<K> | null {
  const q = correlationQuery(text);
  if (q === null) return null;
  let partial: CorrelationMatch<K> | null = null;
  for (const row of rows) {
    const call = callOf(row);
    if (!call) continue;
    for (const id of correlationIdsOf(call)) {
      const lower = id.toLowerCase();
      if (lower === q) return { key: keyOf(row), id, exact: true };
      if (partial === null && lower.includes(q)) partial = { key: keyOf(row), id, exact: false };
    }
  }
  return partial;
}
