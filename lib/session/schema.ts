/**
 * Runtime schemas for everything that crosses a trust boundary: what the page posts to
 * the relay, and session files a user imports. Same types as `types.ts`, checked.
 */
import * as z from 'zod/mini';
import type { HookEvent } from '../protocol';
import type { CspAudit, SessionEvent, SessionFile, Snapshot } from './types';
import { SESSION_FORMAT } from './types';

// No code generation: extension pages and content scripts run without eval.
z.config({ jitless: true });

/** Caps on strings that are not snapshots (those are bounded by the hook). */
export const MAX_ID = 64;
export const MAX_NAME = 128;
export const MAX_TEXT = 4096;
export const MAX_URL = 8192;

const id = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
const name = z.string().check(z.maxLength(MAX_NAME));
const text = z.string().check(z.maxLength(MAX_TEXT));
const url = z.string().check(z.maxLength(MAX_URL));
const time = z.number().check(z.refine(Number.isFinite));
const snapshot = z.json() as unknown as z.ZodMiniType<Snapshot>;

const finding = z.object({
  code: name,
  severity: z.enum(['error', 'warning', 'info']),
  field: z.nullable(z.string().check(z.maxLength(512))),
  message: text,
  source: z.optional(text),
  fix: z.optional(text),
});

const base = { id, time, frameUrl: url };

const callFields = {
  type: z.literal('call'),
  method: name,
  config: snapshot,
  findings: z.array(finding),
  callsite: z.nullable(url),
};
const callbackFields = { type: z.literal('callback'), callId: id, data: snapshot, durationMs: time };
const callErrorFields = { type: z.literal('call-error'), callId: id, message: text };
const sdkFields = { type: z.literal('sdk'), state: z.enum(['hooked', 'not-hookable']), detail: text };

const disposition = z.enum(['enforce', 'report']);

export const sessionEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, ...callFields }),
  z.object({ ...base, ...callbackFields }),
  z.object({ ...base, ...callErrorFields }),
  z.object({ ...base, ...sdkFields }),
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

/** What the hook may post: its own event kinds, without `frameUrl` (the relay adds it). */
export const hookEventSchema = z.discriminatedUnion('type', [
  z.object({ id, time, ...callFields }),
  z.object({ id, time, ...callbackFields }),
  z.object({ id, time, ...callErrorFields }),
  z.object({ id, time, ...sdkFields }),
]) as unknown as z.ZodMiniType<HookEvent>;

export const pageBatchSchema = z.object({
  v: z.literal(1),
  dropped: z.number().check(z.int(), z.nonnegative()),
  events: z.array(z.unknown()),
});

const cspAudit = z.object({
  policies: z.array(z.object({ source: z.enum(['header', 'meta']), disposition, text: z.string() })),
  blocked: z.array(z.object({ directive: name, url, policyIndex: z.number().check(z.int(), z.nonnegative()) })),
  suggestedPolicy: z.string(),
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
