/**
 * The caps on what the hook records (docs/architecture.md, "Limits"), in one place: the hook applies them
 * (`lib/hook/snapshot.ts`, `lib/hook/recorder.ts`) and the relay refuses anything beyond
 * them (`lib/relay/page-schema.ts`), since a page can post events the hook never made.
 * Pure constants: the MAIN-world hook imports this.
 */

/** One captured value: nesting depth, keys per object, items per array, chars per string, values in all. */
export const CAPTURE_LIMITS = {
  maxDepth: 8,
  maxKeys: 100,
  maxItems: 100,
  maxString: 2000,
  maxNodes: 2000,
} as const;

/** One event, serialised; the hook replaces a larger payload by a marker. */
export const MAX_EVENT_CHARS = 64 * 1024;

/**
 * Room beyond `maxString` for what the hook writes around a cut string: the
 * `…[truncated N chars]` suffix, or `[bigint …]` around a long number's digits.
 */
export const STRING_MARKER_ROOM = 40;
