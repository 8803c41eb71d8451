/**
 * The trust boundary between the page and the extension. Whatever the page dispatches on
 * our channel (the hook, or a page imitating it) is checked here: a string of bounded
 * size, valid JSON, the batch shape, each event's shape; events beyond the rate limit are
 * counted as dropped. Accepted events get ids the page cannot collide with and the
 * frame's URL as seen by the relay, never as claimed by the page. Each event is held to the
 * hook's own caps, field by field and whole (`capture-limits.ts`), so no page can hand the
 * background a value that costs it more than one the hook records.
 */
import type { SessionEvent } from '../model/types';
import { pageSchemas } from './page-schema';
import { MAX_EVENT_CHARS } from '../model/capture-limits';
import type { RateLimiter } from './rate-limit';

/** Largest page message the relay reads. The hook bounds each event to 64 KiB. */
export const MAX_PAGE_MESSAGE_CHARS = 1_000_000;
/** Documented in docs/architecture.md ("Limits"): sustained events per second per frame, and the burst allowed. */
export const EVENTS_PER_SECOND = 500;
export const EVENT_BURST = 2000;
/**
 * Most calls one page message may say the hook dropped. The hook counts what it could not
 * queue between two flushes, so an honest count is large only for a page calling Lean in a
 * loop; a larger claim is cut to this, so no page can make the count meaningless.
 */
export const MAX_CLAIMED_DROPPED = 1_000_000;

export interface AcceptContext {
  /** Unique per relay instance (one per document), prefixed to every id. */
  idPrefix: string;
  frameUrl: string;
  limiter: RateLimiter;
}

export interface Accepted {
  events: SessionEvent[];
  dropped: number;
  refused: number;
}

export function acceptPageMessage(detail: unknown, context: AcceptContext): Accepted {
  const refusedAll: Accepted = { events: [], dropped: 0, refused: 1 };
  if (typeof detail !== 'string' || detail.length > MAX_PAGE_MESSAGE_CHARS) return refusedAll;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return refusedAll;
  }
  const { pageBatch, hookEvent } = pageSchemas();
  const batch = pageBatch.safeParse(parsed);
  if (!batch.success) return refusedAll;
  const result: Accepted = { events: [], dropped: Math.min(batch.data.dropped, MAX_CLAIMED_DROPPED), refused: 0 };
  for (const raw of batch.data.events) {
    let checked: ReturnType<typeof hookEvent.safeParse>;
    try {
      checked = hookEvent.safeParse(raw);
    } catch {
      result.refused++;
      continue;
    }
    if (!checked.success || JSON.stringify(checked.data).length > MAX_EVENT_CHARS) {
      result.refused++;
      continue;
    }
    if (!context.limiter.take()) {
      result.dropped++;
      continue;
    }
    const event = { ...checked.data, id: context.idPrefix + checked.data.id, frameUrl: context.frameUrl } as SessionEvent;
    if ('callId' in event) event.callId = context.idPrefix + event.callId;
    // Findings are the extension's judgement, never the page's claim.
    if (event.type === 'call') event.findings = [];
    result.events.push(event);
  }
  return result;
}
