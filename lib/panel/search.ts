/**
 * Text search over rows: one lowercase string per row holding its method, every field
 * name and value of the config and callback data, correlation id, call site, thrown
 * message and finding codes. Built once per event (cached on the event object, which the
 * live session keeps across appends) and joined once per row state, so filtering 10,000
 * rows is a loop of `includes`.
 */
import type { Snapshot, SessionEvent } from '../model/types';
import type { PanelRow } from './rows';

/** A snapshot can hold up to ~64 KiB; the search text of one event stops here. */
export const MAX_EVENT_TEXT = 16_384;

/** Field names and values, depth-first, one `path value` pair per line. */
export function flattenSnapshot(value: Snapshot, out: string[] = [], path = '', budget = { left: MAX_EVENT_TEXT }): string[] {
  if (budget.left <= 0) return out;
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && budget.left > 0; i++) flattenSnapshot(value[i]!, out, path, budget);
    } else {
      for (const key of Object.keys(value)) {
        if (budget.left <= 0) break;
        const child = path ? path + '.' + key : key;
        out.push(child);
        budget.left -= child.length + 1;
        flattenSnapshot(value[key]!, out, child, budget);
      }
    }
    return out;
  }
  const text = String(value);
  out.push(text);
  budget.left -= text.length + 1;
  return out;
}

const eventText = new WeakMap<SessionEvent, string>();

/** The lowercase search text of one event, computed once. */
export function textOfEvent(event: SessionEvent): string {
  let text = eventText.get(event);
  if (text !== undefined) return text;
  const parts: string[] = [];
  switch (event.type) {
    case 'call':
      parts.push(event.method, event.callsite ?? '');
      flattenSnapshot(event.config, parts);
      for (const f of event.findings ?? []) parts.push(f.code, f.field ?? '');
      break;
    case 'callback':
      flattenSnapshot(event.data, parts);
      break;
    case 'call-error':
      parts.push(event.message);
      break;
    case 'navigation':
      parts.push('navigation', event.url);
      break;
    case 'loader':
      parts.push('loader', event.src, event.region ?? '');
      break;
    case 'sdk':
      parts.push('sdk', event.state, event.detail);
      break;
    case 'csp-violation':
      parts.push('csp', event.blockedURI, event.effectiveDirective, event.disposition, event.sourceFile);
      break;
  }
  text = parts.join('\n').slice(0, MAX_EVENT_TEXT).toLowerCase();
  eventText.set(event, text);
  return text;
}

const rowText = new WeakMap<SessionEvent, { callbacks: number; error: boolean; text: string }>();

/** The lowercase search text of a row (a call with its callbacks and error, or one event). */
export function searchText(item: PanelRow): string {
  if (item.kind === 'event') return textOfEvent(item.row.event);
  const { call, callbacks, error } = item.row;
  const cached = rowText.get(call);
  if (cached && cached.callbacks === callbacks.length && cached.error === (error !== null)) return cached.text;
  let text = textOfEvent(call);
  for (const callback of callbacks) text += '\n' + textOfEvent(callback);
  if (error) text += '\n' + textOfEvent(error);
  rowText.set(call, { callbacks: callbacks.length, error: error !== null, text });
  return text;
}

/** Search terms: whitespace-separated, lowercase; a row must contain every one. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesTerms(item: PanelRow, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const text = searchText(item);
  for (const term of terms) if (!text.includes(term)) return false;
  return true;
}

/**
 * Builds the search text of `events` in slices between frames, so the first text filter
 * finds it ready. `schedule` is requestIdleCallback-like; returns a cancel function.
 */
export function warmSearchIndex(
  events: readonly SessionEvent[],
  schedule: (fn: () => void) => void,
  sliceSize = 1000,
): () => void {
  let cancelled = false;
  let next = 0;
  const step = (): void => {
    if (cancelled) return;
    const end = Math.min(events.length, next + sliceSize);
    for (; next < end; next++) textOfEvent(events[next]!);
    if (next < events.length) schedule(step);
  };
  schedule(step);
  return () => {
    cancelled = true;
  };
}
