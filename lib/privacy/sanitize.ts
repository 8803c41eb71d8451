/**
 * What may leave the panel in a support report. The session is already redacted by the hook,
 * but a report is built from whatever the panel holds, including an imported file that never
 * went through the hook, so it redacts again:
 *
 * - a value under a secret-like key (`isSecretKey`: app_token, access_token, Authorization,
 *   Cookie, *_secret …) is always a `[redacted …]` marker, whatever it was (a string that
 *   only looks like one is redacted again);
 * - every other string goes through `redactString` (JWTs, token URL parameters, Bearer
 *   credentials, URL passwords, secret JSON fields);
 * - raw values found under secret keys are also removed wherever else they appear as text;
 * - personal data (`./personal`) is replaced by a marker, and its values scrubbed from free
 *   text, unless the user asked to include it.
 */
import { redactSecretValue, redactStringBounded } from './redact';
import { isSecretKey } from './secret-keys';
import { formatRedaction, parseRedaction } from '../model/markers';
import type { SessionEvent, Snapshot } from '../model/types';
import { collectPersonalValues, isPersonalKey, makeScrubber, PERSONAL_MARKER } from './personal';

/**
 * Only an exact marker (the grammar of lib/model/markers.ts) is kept as it is: a string
 * that merely begins with `[redacted` may carry anything after it, so it is redacted.
 */
function isMarker(value: string): boolean {
  return parseRedaction(value) !== null;
}

/** Raw secrets shorter than this are not searched for in free text (they would match ordinary words). */
const MIN_SECRET_TEXT = 6;
/** Longest string a report quotes. */
export const MAX_REPORT_STRING = 2000;

export interface Sanitizer {
  /** A snapshot copy fit for the report. */
  snapshot(value: Snapshot): Snapshot;
  /** Free text from the page (a message, a URL, a title) fit for the report. */
  text(value: string): string;
}

/** Raw (not yet redacted) strings found under secret keys. */
function collectSecrets(value: Snapshot, out: Set<string>, inside: boolean, depth: number): void {
  if (depth > 64 || value === null) return;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (inside && trimmed.length >= MIN_SECRET_TEXT && !isMarker(trimmed)) out.add(trimmed);
    return;
  }
  if (typeof value !== 'object') {
    if (inside && String(value).length >= MIN_SECRET_TEXT) out.add(String(value));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, out, inside, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) collectSecrets(value[key]!, out, inside || isSecretKey(key), depth + 1);
}

/** The snapshots of a session a report may quote: call configs and callback data. */
export function sessionSnapshots(events: readonly SessionEvent[]): Snapshot[] {
  const out: Snapshot[] = [];
  for (const event of events) {
    if (event.type === 'call') out.push(event.config);
    else if (event.type === 'callback') out.push(event.data);
  }
  return out;
}

export function createSanitizer(snapshots: readonly Snapshot[], includePersonalData: boolean): Sanitizer {
  const secrets = new Set<string>();
  const personal = new Set<string>();
  for (const snapshot of snapshots) {
    collectSecrets(snapshot, secrets, false, 0);
    if (!includePersonalData) collectPersonalValues(snapshot, personal);
  }
  const secretMarker = formatRedaction({ label: 'secret', jwt: false });
  const scrubPersonal = makeScrubber(personal, PERSONAL_MARKER);

  const text = (value: string): string => {
    let out = redactStringBounded(value, MAX_REPORT_STRING);
    if (secrets.size) out = scrubSecrets(out, secrets, secretMarker);
    if (personal.size) out = scrubPersonal(out);
    return out;
  };

  const secretValue = (key: string, value: Snapshot, depth: number): Snapshot => {
    if (typeof value === 'string') return value === '' || isMarker(value) ? value : redactSecretValue(key, value);
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'number') return formatRedaction({ label: key.length <= 64 ? key.replace(/[\s\]]/g, '_') : 'secret', jwt: false });
    if (depth > 64) return secretMarker;
    if (Array.isArray(value)) return value.map((item) => secretValue(key, item, depth + 1));
    return copy(value, depth + 1);
  };

  const copy = (value: Snapshot, depth: number): Snapshot => {
    if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
    if (typeof value === 'string') return isMarker(value) ? value : text(value);
    if (depth > 64) return '[truncated: too deep]';
    if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1));
    const out: { [key: string]: Snapshot } = {};
    for (const key of Object.keys(value)) {
      const item = value[key]!;
      let next: Snapshot;
      if (isSecretKey(key)) next = secretValue(key, item, depth);
      else if (!includePersonalData && isPersonalKey(key)) next = item === null || item === '' ? item : PERSONAL_MARKER;
      else next = copy(item, depth + 1);
      Object.defineProperty(out, text(key), { value: next, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };

  return { snapshot: (value) => copy(value, 0), text };
}

/** Plain substring replacement, longest first (a secret inside a longer word is still a secret). */
function scrubSecrets(value: string, secrets: ReadonlySet<string>, marker: string): string {
  let out = value;
  const list = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(marker);
  return out;
}
