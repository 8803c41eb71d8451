/**
 * The trust boundary's schemas: what the page may post to the relay. Built on the first
 * message, not when the relay starts (see `event-schema.ts`).
 */
import * as z from 'zod/mini';
import type { HookEvent } from '../protocol';
import { eventFields } from '../model/event-schema';

function buildPageSchemas() {
  const f = eventFields();
  return {
    /** What the hook may post: its own event kinds, without `frameUrl` (the relay adds it). */
    hookEvent: z.discriminatedUnion('type', [
      z.object({ id: f.id, time: f.time, ...f.call }),
      z.object({ id: f.id, time: f.time, ...f.callback }),
      z.object({ id: f.id, time: f.time, ...f.callError }),
      z.object({ id: f.id, time: f.time, ...f.sdk }),
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
