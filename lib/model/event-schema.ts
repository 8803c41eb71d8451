/**
 * The schema pieces every event check shares: what the hook posts (`page-schema.ts`) and
 * what a session file holds (`schema.ts`). Built on first use: the relay, which checks the
 * hook's posts, starts in every frame of every page, and most never see Lean.
 */
import * as z from 'zod/mini';
import type { Snapshot } from './types';

// No code generation: extension pages and content scripts run without eval.
z.config({ jitless: true });

/** Caps on strings that are not snapshots (those are bounded by the hook). */
export const MAX_ID = 64;
export const MAX_NAME = 128;
export const MAX_TEXT = 4096;
export const MAX_URL = 8192;

function buildEventFields() {
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
  return {
    id,
    name,
    text,
    url,
    time,
    call: { type: z.literal('call'), method: name, config: snapshot, findings: z.array(finding), callsite: z.nullable(url) },
    callback: { type: z.literal('callback'), callId: id, data: snapshot, durationMs: time, override: z.optional(overrideMark(name, snapshot)) },
    callError: { type: z.literal('call-error'), callId: id, message: text },
    sdk: { type: z.literal('sdk'), state: z.enum(['hooked', 'not-hookable']), detail: text },
    disposition: z.enum(['enforce', 'report']),
  };
}

/** An overridden callback's mark (`OverrideMark`); `delivered` as the caller bounds snapshots. */
export function overrideMark(name: z.ZodMiniString, delivered: z.ZodMiniType<Snapshot>) {
  return z.object({ outcome: name, delivered: z.nullable(delivered), fromSdk: z.boolean() });
}

let built: ReturnType<typeof buildEventFields> | undefined;

export function eventFields(): ReturnType<typeof buildEventFields> {
  built ??= buildEventFields();
  return built;
}
