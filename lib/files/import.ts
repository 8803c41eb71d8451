/**
 * Reading a file into the viewer: a session file (`session-format.md`) or a HAR file.
 *
 * Session files are dispatched on `version`: each version the project ever wrote has a reader
 * that validates it with its schema and returns the current model (`SessionFile`). Today that
 * is version 1 (`sessionFileSchema`); a version 2 would add `2: readV2` and turn `readV1` into
 * an upgrade to the new model, so old files keep opening. A newer version than this build
 * knows, another `format`, malformed JSON or a file that fails its schema is refused with a
 * message saying which, and nothing else happens.
 *
 * Nothing from the file is executed or rendered as HTML: this returns data; the viewer renders
 * it as text like the live panel does.
 */
import { sessionFileSchema } from './schema';
import type { SessionFile } from '../model/types';
import { SESSION_FORMAT, SESSION_VERSION } from '../model/types';
import { harToSession, looksLikeHar } from './har';

/** Largest file the viewer opens. Sessions are capped near 6 MB; HAR files with bodies run larger. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** Most events a session file may hold (the recorder keeps at most 10,000 per tab). */
export const MAX_IMPORT_EVENTS = 100_000;

/** What Export recorded about itself (`lib/report/export-shape.ts`), when the file says. */
export interface ImportedExportOptions {
  onlyFilteredRows: boolean;
  personalData: 'included' | 'left-out';
}

export interface ImportedSession {
  kind: 'session' | 'har';
  fileName: string;
  /** The session model; for HAR an in-memory conversion, for display only. */
  file: SessionFile;
  /** The file's `version` (session files), or null (HAR). */
  version: number | null;
  exportOptions: ImportedExportOptions | null;
  har: { creator: string | null; entries: number; requests: number; skipped: number; truncated: number } | null;
}

export type ImportResult = { ok: true; session: ImportedSession } | { ok: false; error: string };

type Reader = (raw: Record<string, unknown>, fileName: string) => ImportResult;

/** Readers by session-file version. */
const READERS: Readonly<Record<number, Reader>> = {
  1: readV1,
};

/** Versions this build reads. */
export const READABLE_VERSIONS: readonly number[] = Object.keys(READERS).map(Number);

const quote = (name: string) => `“${name.length > 120 ? name.slice(0, 117) + '…' : name}”`;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** A zod issue in words: where in the file, and what was expected. */
interface Issue {
  code?: string;
  path?: readonly PropertyKey[];
  expected?: string;
  values?: readonly unknown[];
  maximum?: number | bigint;
  minimum?: number | bigint;
  options?: readonly unknown[];
  discriminator?: string;
  message?: string;
}

export function describeIssue(issue: Issue): string {
  const path = (issue.path ?? []).map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || 'the file';
  switch (issue.code) {
    case 'invalid_type':
      return `${path}: expected ${issue.expected === 'nonoptional' ? 'a value' : (issue.expected ?? 'another type')}`;
    case 'invalid_value':
      return `${path}: expected ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_union':
      return issue.discriminator
        ? `${path}: not a known ${issue.discriminator} (expected ${(issue.options ?? []).map((v) => JSON.stringify(v)).join(', ')})`
        : `${path}: not in any accepted shape`;
    case 'too_big':
      return `${path}: too long (at most ${String(issue.maximum)})`;
    case 'too_small':
      return `${path}: too short or too small (at least ${String(issue.minimum)})`;
    default:
      return `${path}: ${issue.message ?? 'invalid'}`;
  }
}

function readExportOptions(raw: Record<string, unknown>): ImportedExportOptions | null {
  const value = raw.exportOptions;
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.onlyFilteredRows !== 'boolean' || (v.personalData !== 'included' && v.personalData !== 'left-out')) return null;
  return { onlyFilteredRows: v.onlyFilteredRows, personalData: v.personalData };
}

function readV1(raw: Record<string, unknown>, fileName: string): ImportResult {
  if (Array.isArray(raw.events) && raw.events.length > MAX_IMPORT_EVENTS) {
    return { ok: false, error: `${quote(fileName)} holds ${raw.events.length} events; the viewer opens at most ${MAX_IMPORT_EVENTS}.` };
  }
  let parsed: ReturnType<typeof sessionFileSchema.safeParse>;
  try {
    parsed = sessionFileSchema.safeParse(raw);
  } catch {
    // A hostile file nested deep enough to exhaust the stack.
    return { ok: false, error: `${quote(fileName)} is not a valid session file: it is nested too deeply.` };
  }
  if (!parsed.success) {
    const issues = parsed.error.issues as unknown as Issue[];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
    return { ok: false, error: `${quote(fileName)} is not a valid session file (version 1): ${describeIssue(issues[0] ?? {})}${more}.` };
  }
  const file = parsed.data;
  const seen = new Set<string>();
  for (const event of file.events) {
    if (seen.has(event.id)) return { ok: false, error: `${quote(fileName)} is not a valid session file: the event id “${event.id}” is used twice.` };
    seen.add(event.id);
  }
  return {
    ok: true,
    session: { kind: 'session', fileName, file, version: 1, exportOptions: readExportOptions(raw), har: null },
  };
}

/** Reads file text: a session file of a readable version, or a HAR file. */
export function importText(textValue: string, fileName: string): ImportResult {
  const text = textValue.charCodeAt(0) === 0xfeff ? textValue.slice(1) : textValue;
  if (text.trim() === '') return { ok: false, error: `${quote(fileName)} is empty.` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 160) : 'parse error';
    return { ok: false, error: `${quote(fileName)} is not valid JSON (${detail}), so it is neither a session file nor a HAR file.` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: `${quote(fileName)} holds ${Array.isArray(raw) ? 'a JSON array' : `a JSON ${raw === null ? 'null' : typeof raw}`}, not a Lean DevTools session file or a HAR file.`,
    };
  }
  const record = raw as Record<string, unknown>;
  if (!('format' in record) && looksLikeHar(record)) {
    const result = harToSession(record, fileName);
    if (!result.ok) return result;
    const { file, ...har } = result.conversion;
    return { ok: true, session: { kind: 'har', fileName, file, version: null, exportOptions: null, har } };
  }
  if (record.format !== SESSION_FORMAT) {
    return {
      ok: false,
      error:
        typeof record.format === 'string'
          ? `${quote(fileName)} is not a Lean DevTools session file: its format is “${record.format.slice(0, 80)}”, not “${SESSION_FORMAT}”.`
          : `${quote(fileName)} is neither a Lean DevTools session file (no "format": "${SESSION_FORMAT}") nor a HAR file (no log.entries).`,
    };
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: `${quote(fileName)} has no valid version (${JSON.stringify(version ?? null)?.slice(0, 40)}); this viewer reads session files of version ${READABLE_VERSIONS.join(', ')}.` };
  }
  const reader = READERS[version];
  if (!reader) {
    return {
      ok: false,
      error:
        version > SESSION_VERSION
          ? `${quote(fileName)} is a session file of version ${version}, written by a newer Lean DevTools; this one reads version ${READABLE_VERSIONS.join(', ')}. Update the extension to open it.`
          : `${quote(fileName)} is a session file of version ${version}, which this viewer cannot read (it reads version ${READABLE_VERSIONS.join(', ')}).`,
    };
  }
  return reader(record, fileName);
}

/** Reads a picked or dropped file. */
export async function importFile(file: { name: string; size: number; text(): Promise<string> }): Promise<ImportResult> {
  const name = file.name || 'the file';
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, error: `${quote(name)} is ${sizeText(file.size)}; the viewer opens files up to ${sizeText(MAX_IMPORT_BYTES)}.` };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, error: `${quote(name)} could not be read.` };
  }
  return importText(text, name);
}
