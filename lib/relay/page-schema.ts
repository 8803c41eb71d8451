/**
 * The trust boundary's schemas: what the page may post to the relay. Built on the first
 * message, not when the relay starts (see `event-schema.ts`).
 *
 * Tighter than a session file's: a page can post events the hook never made, so every value
 * must stay within what the hook itself records (`capture-limits.ts`), which keeps the
 * background's work on each event bounded.
 */
import * as z from 'zod/mini';
import type { HookEvent } from '../protocol';
import type { Snapshot } from '../model/types';
import { eventFields, MAX_ID, overrideMark } from '../model/event-schema';
import { CAPTURE_LIMITS, STRING_MARKER_ROOM } from '../model/capture-limits';

/** Longest prefix the relay puts before a page's ids (its document token and a colon). */
export const MAX_ID_PREFIX = 16;
/** Longest id a page may post: with the relay's prefix it still fits a session file's ids. */
export const MAX_PAGE_ID = MAX_ID - MAX_ID_PREFIX;

const MAX_CAPTURED_STRING = CAPTURE_LIMITS.maxString + STRING_MARKER_ROOM;

/**
 * A value the hook could have captured, checked in one pass over it: strings and keys of at
 * most `maxString` characters (and a marker), at most `maxItems` items and `maxKeys` keys
 * (and the truncation entry), nested at most `maxDepth` deep.
 */
export function withinCaptureLimits(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= MAX_CAPTURED_STRING;
  if (typeof value !== 'object' || depth > CAPTURE_LIMITS.maxDepth) return false;
  if (Array.isArray(value)) {
    if (value.length > CAPTURE_LIMITS.maxItems + 1) return false;
    for (const item of value) if (!withinCaptureLimits(item, depth + 1)) return false;
    return true;
  }
  const keys = Object.keys(value);
  if (keys.length > CAPTURE_LIMITS.maxKeys + 1) return false;
  for (const key of keys) {
    if (key.length > MAX_CAPTURED_STRING || !withinCaptureLimits((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function buildPageSchemas() {
  const f = eventFields();
  const id = z.string().check(z.minLength(1), z.maxLength(MAX_PAGE_ID));
  const captured = z.custom<Snapshot>((value) => withinCaptureLimits(value));
  return {
    /** What the hook may post: its own event kinds, without `frameUrl` (the relay adds it). */
    hookEvent: z.discriminatedUnion('type', [
      z.object({ id, time: f.time, ...f.call, config: captured }),
      z.object({ id, time: f.time, ...f.callback, callId: id, data: captured, override: z.optional(overrideMark(f.name, captured)) }),
      z.object({ id, time: f.time, ...f.callError, callId: id }),
      z.object({ id, time: f.time, ...f.sdk }),
    ]) as unknown as z.ZodMiniType<HookEvent>,
    pageBatch: z.object({
      v: z.literal(1),
      dropped: z.number().check(z.int(), z.nonnegative()),
      events: z.array(z.unknown()),
    }),
  };
}

let built: ReturnType<typeof buildPageSchemas> | undefined;

export function pageSchemas(): ReturnType<typeof buildPageSchemas> {
  built ??= buildPageSchemas();
  return built;
}
