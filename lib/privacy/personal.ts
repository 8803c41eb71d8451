/**
 * Personal data in recorded configs and callbacks: which keys hold it, and how to leave it
 * out of what leaves the panel (support reports, exported files) unless the user asks.
 *
 * "Personal" here means data about the end user, not about the integration: the customer's
 * name, `risk_details` (SDK reference §2: names, device ids, geo-location), end-user
 * identifiers and metadata, and anything keyed like a name, e-mail, phone, address, birth
 * date, national id, device id, IP address or location. Lean's own ids (`customer_id`,
 * `payment_intent_id`, `lean_correlation_id`, `bank_identifier`) are what support needs
 * and stay.
 *
 * Pure string and object work: no DOM, no extension APIs.
 */
import type { Snapshot } from '../model/types';

/** What a left-out value becomes: a snapshot marker (starts with `[`), so readers treat it as opaque. */
export const PERSONAL_MARKER = '[personal data left out]';

/** Keys whose whole value (object or not) is personal. Compared lowercase, `-` read as `_`. */
const PERSONAL_KEYS = new Set([
  'customer_name',
  'risk_details',
  'end_user_id',
  'customer_metadata',
  'debtor_indicators',
  'destination_delivery_address',
  'user_name',
  'username',
  'name',
  'full_name',
  'first_name',
  'last_name',
  'middle_name',
  'given_name',
  'family_name',
  'account_holder_name',
  'account_name',
  'email',
  'email_address',
  'phone',
  'phone_number',
  'mobile',
  'mobile_number',
  'msisdn',
  'address',
  'street',
  'postal_code',
  'postcode',
  'zip',
  'date_of_birth',
  'dob',
  'birth_date',
  'national_id',
  'emirates_id',
  'iqama',
  'passport_number',
  'device_id',
  'ip_address',
  'ip',
  'geo_location',
  'geolocation',
  'latitude',
  'longitude',
  'lat',
  'lng',
  'lon',
]);

/** Endings that mark a personal key (`debtor_name`, `billing_address`, `user_email` …). */
const PERSONAL_SUFFIXES = ['_name', '_email', '_phone', '_address', '_birth', '_dob', '_device_id', '_ip'];

/** Names that end like a personal key but name the integration, not a person. */
const NOT_PERSONAL = new Set(['bank_name', 'method_name', 'app_name', 'host_name', 'hostname', 'file_name', 'event_name', 'ip_allowlist']);

function normalize(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/-/g, '_');
}

/** Whether values under `key` are personal data (see the module comment). */
export function isPersonalKey(key: string): boolean {
  const k = normalize(key);
  if (NOT_PERSONAL.has(k)) return false;
  if (PERSONAL_KEYS.has(k)) return true;
  return PERSONAL_SUFFIXES.some((suffix) => k.endsWith(suffix));
}

/** Shortest personal value looked for in free text: shorter ones would match inside ordinary words. */
export const MIN_PERSONAL_TEXT = 3;

function isMarker(value: string): boolean {
  return value.startsWith('[');
}

/**
 * Every string (and number) under a personal key, anywhere in `value`, for scrubbing free
 * text (a finding message or a page title that quotes the customer's name).
 */
export function collectPersonalValues(value: Snapshot, out: Set<string> = new Set(), inside = false, depth = 0): Set<string> {
  if (depth > 64) return out;
  if (value === null || typeof value === 'boolean') return out;
  if (typeof value === 'number') {
    if (inside && String(value).length >= 4) out.add(String(value));
    return out;
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (inside && trimmed.length >= MIN_PERSONAL_TEXT && !isMarker(trimmed)) out.add(trimmed);
    return out;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectPersonalValues(item, out, inside, depth + 1);
    return out;
  }
  for (const key of Object.keys(value)) collectPersonalValues(value[key]!, out, inside || isPersonalKey(key), depth + 1);
  return out;
}

/** A copy of `value` with every personal key's value replaced by `PERSONAL_MARKER`. Shares untouched parts. */
export function leaveOutPersonal(value: Snapshot, depth = 0): Snapshot {
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = leaveOutPersonal(item, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  let changed = false;
  const out: { [key: string]: Snapshot } = {};
  for (const key of Object.keys(value)) {
    const item = value[key]!;
    const next = isPersonalKey(key) ? (item === null || item === '' ? item : PERSONAL_MARKER) : leaveOutPersonal(item, depth + 1);
    if (next !== item) changed = true;
    // Own data property even for `__proto__`, as JSON.parse made it.
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return changed ? out : value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function replacing each of `values` in free text by `replacement`, where it stands as a
 * whole word (not inside a longer word: "Sam" stays in "Sample"). Longest values first; the
 * patterns are compiled once.
 */
export function makeScrubber(values: Iterable<string>, replacement: string): (text: string) => string {
  const list = [...new Set(values)].filter((v) => v.length >= MIN_PERSONAL_TEXT).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  const patterns: RegExp[] = [];
  // Chunks of 50 values keep each regex small.
  for (let i = 0; i < list.length; i += 50) {
    const pattern = list.slice(i, i + 50).map(escapeRegExp).join('|');
    patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'gu'));
  }
  return (text) => {
    let out = text;
    for (const re of patterns) out = out.replace(re, replacement);
    return out;
  };
}

/** `makeScrubber(values, replacement)(text)`, for one text. */
export function scrubValues(text: string, values: Iterable<string>, replacement: string): string {
  return makeScrubber(values, replacement)(text);
}
