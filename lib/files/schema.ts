/**
 * Runtime schemas for session files a user imports (and the events they hold). Same types
 * as `types.ts`, checked. What the page posts to the relay: `page-schema.ts`.
 */
import * as z from 'zod/mini';
import type { CspAudit, SessionEvent, SessionFile } from '../model/types';
import { SESSION_FORMAT } from '../model/types';
import { eventFields } from '../model/event-schema';

export { MAX_NAME, MAX_TEXT } from '../model/event-schema';

const f = eventFields();
const base = { id: f.id, time: f.time, frameUrl: f.url };
const { disposition, name, url, time } = f;

export const sessionEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, ...f.call }),
  z.object({ ...base, ...f.callback }),
  z.object({ ...base, ...f.callError }),
  z.object({ ...base, ...f.sdk }),
  z.object({ ...base, type: z.literal('navigation'), url }),
  z.object({
    ...base,
    type: z.literal('loader'),
    src: url,
    region: z.nullable(z.enum(['ae', 'sa'])),
    insertedAt: time,
    afterInteraction: z.boolean(),
  }),
  z.object({
    ...base,
    type: z.literal('csp-violation'),
    blockedURI: url,
    effectiveDirective: name,
    disposition,
    sourceFile: url,
    lineNumber: z.number(),
  }),
]) as unknown as z.ZodMiniType<SessionEvent>;

const cspAudit = z.object({
  policies: z.array(z.object({ source: z.enum(['header', 'meta']), disposition, text: z.string() })),
  blocked: z.array(z.object({ directive: name, url, policyIndex: z.number().check(z.int(), z.nonnegative()) })),
  suggestedPolicy: z.string(),
  proposals: z.optional(
    z.array(z.object({ delivery: z.enum(['header', 'report-only-header', 'meta']), before: z.string(), strict: z.string(), relaxed: z.string() })),
  ),
}) as unknown as z.ZodMiniType<CspAudit>;

export const sessionFileSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  extension: z.object({ version: z.string(), browser: z.string() }),
  tab: z.object({ url: z.string(), title: z.string() }),
  events: z.array(sessionEventSchema),
  droppedEvents: z.number().check(z.int(), z.nonnegative()),
  csp: z.nullable(cspAudit),
}) as unknown as z.ZodMiniType<SessionFile>;
