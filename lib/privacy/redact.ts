/**
 * Secret redaction for everything the MAIN-world hook records. Runs on the page's call
 * path, so: pure string work through captured intrinsics (`lib/model/intrinsics.ts`), cheap pre-checks
 * before any scan, no exceptions out of the public functions, linear time in the input.
 *
 * What is redacted (each replaced by a `[redacted …]` marker of `lib/model/markers.ts`):
 * - JWT-shaped substrings anywhere (`eyJ…`.`…`.`…`, up to two more segments for JWE), with
 *   `exp` (ISO-8601) and `sub` (or `customer_id`) read from the payload when present;
 * - values of token-like URL query / fragment parameters (`?code=…`, `#access_token=…`,
 *   also percent-encoded inside another parameter: `%3Fcode%3D…`);
 * - the credential after `Bearer ` / `Basic `;
 * - the password in `scheme://user:password@host`;
 * - string values of secret keys in JSON text (`"access_token":"…"`, also `\"…\"`-escaped).
 *
 * This module is the public face and the passes over text; its parts: which names hold secrets
 * (`./secret-keys`), JWTs and their claims (`./jwt`), secrets in URLs (`./url-secrets`), and the
 * markers written and recognised (`./redaction-markers`, with the reveal rule).
 */
import { formatRedaction } from '../model/markers';
import { fromCharCode, regexExec, stringCharCodeAt, stringIndexOf, stringLastIndexOf, stringSlice } from '../model/intrinsics';
import { isWholeJwt, jwtMarker, redactJwtPrefixAtEnd, redactJwts } from './jwt';
import {
  MAX_MARKER_LENGTH,
  REVEAL_MIN_LENGTH,
  isMarker,
  last4Of,
  opaqueMarker,
  redactionInfo,
  secretLabel,
} from './redaction-markers';
import { isSecretKey } from './secret-keys';
import { redactParams, redactUserinfo } from './url-secrets';

/** Longest URL `redactUrl` returns before cutting (frame URLs can be `data:` URLs). */
export const MAX_URL_LENGTH = 4096;

/** Extra characters redacted past a cut, so a secret straddling it is still recognised. */
const CUT_MARGIN = 16384;

/**
 * Replaces every secret-looking part of free text (JWTs, token-like URL parameters,
 * Bearer/Basic credentials, URL passwords, secret JSON fields) with a redaction marker,
 * keeping the rest readable. Returns `s` itself when there is nothing to redact.
 */
export function redactString(s: string): string {
  try {
    return redactText(s);
  } catch {
    // Unreachable in practice (no page code runs here); never leak on a bug either.
    return formatRedaction(redactionInfo('text', false));
  }
}

/**
 * `redactString`, then cut to `maxChars` with `…[truncated N chars]`: redacted first, so a
 * token across the cut is seen whole. Only the first `maxChars` + 16 KiB are scanned, so a
 * megabyte string costs no more than a short one; a JWT that this window cuts is redacted
 * as one (`[redacted jwt]`), and the final cut never splits a marker.
 */
export function redactStringBounded(s: string, maxChars: number): string {
  try {
    if (s.length <= maxChars) return redactText(s);
    const work = s.length > maxChars + CUT_MARGIN ? redactJwtPrefixAtEnd(stringSlice(s, 0, maxChars + CUT_MARGIN)) : s;
    const red = redactText(work);
    const unscanned = s.length - work.length;
    if (red.length <= maxChars) return red + '…[truncated ' + unscanned + ' chars]';
    const cut = cutPoint(red, maxChars);
    return stringSlice(red, 0, cut) + '…[truncated ' + (red.length - cut + unscanned) + ' chars]';
  } catch {
    return formatRedaction(redactionInfo('text', false));
  }
}

/** Where to cut `red` to at most `maxChars`: before a marker the cut would split, never inside a surrogate pair. */
function cutPoint(red: string, maxChars: number): number {
  let cut = maxChars;
  const last = cut > 0 ? stringCharCodeAt(red, cut - 1) : 0;
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  const open = stringLastIndexOf(red, '[redacted', cut - 1);
  if (open !== -1 && cut - open < MAX_MARKER_LENGTH) {
    const close = stringIndexOf(red, ']', open);
    if (close === -1 || close >= cut) return open;
  }
  return cut;
}

/**
 * The marker for a string found under a secret key (`isSecretKey`). A JWT (bare or after
 * `Bearer `) keeps its `exp` / `sub`; anything else shows at most its last 4 characters.
 * Empty and blank strings are returned as they are: they hide nothing, and the rules need
 * to see that `app_token: ""` was given empty.
 */
export function redactSecretValue(key: string, value: string): string {
  try {
    if (isBlank(value)) return value;
    const label = secretLabel(key);
    let token = trimSpaces(value);
    const scheme = schemeLength(token);
    if (scheme > 0) token = trimSpaces(stringSlice(token, scheme));
    if (isWholeJwt(token)) return jwtMarker(label, token);
    const info = redactionInfo(label, false);
    const last4 = last4Of(token);
    if (last4 !== undefined) info.last4 = last4;
    return formatRedaction(info);
  } catch {
    return formatRedaction(redactionInfo('secret', false));
  }
}

/** A frame URL or script src with token-like parameters, JWTs and URL passwords redacted, at most 4096 characters. */
export function redactUrl(url: string): string {
  if (typeof url !== 'string') return '';
  return redactStringBounded(url, MAX_URL_LENGTH);
}

/** One cheap scan deciding whether any pass can apply (most config strings stop here). */
const GATE = /eyJ|=|%3d|earer\s|asic\s|":|@/i;

function redactText(s: string): string {
  if (s.length < 5 || regexExec(GATE, s) === null) return s;
  let out = s;
  if (stringIndexOf(out, '://') !== -1 && stringIndexOf(out, '@') !== -1) out = redactUserinfo(out);
  if (stringIndexOf(out, '":') !== -1) out = redactJsonFields(out);
  if (stringIndexOf(out, '=') !== -1 || stringIndexOf(out, '%3') !== -1) out = redactParams(out);
  out = redactAuthSchemes(out);
  if (stringIndexOf(out, 'eyJ') !== -1) out = redactJwts(out);
  return out;
}

/** `"key":"` or `\"key\":\"`; the value is scanned by hand. */
const JSON_FIELD = /(\\?)"([A-Za-z0-9_.-]{1,64})\1"\s*:\s*\1"/g;

function redactJsonFields(s: string): string {
  let out = '';
  let last = 0;
  JSON_FIELD.lastIndex = 0;
  for (;;) {
    const m = regexExec(JSON_FIELD, s);
    if (m === null) break;
    const key = m[2]!;
    if (!isSecretKey(key)) continue;
    const valueStart = JSON_FIELD.lastIndex;
    const escaped = m[1] === '\\';
    const valueEnd = escaped ? stringIndexOf(s, '\\"', valueStart) : jsonStringEnd(s, valueStart);
    const end = valueEnd === -1 ? s.length : valueEnd;
    const value = stringSlice(s, valueStart, end);
    if (value === '' || isMarker(value)) continue;
    out += stringSlice(s, last, valueStart) + redactSecretValue(key, value);
    last = end;
    JSON_FIELD.lastIndex = end;
  }
  JSON_FIELD.lastIndex = 0;
  return last === 0 ? s : out + stringSlice(s, last);
}

function jsonStringEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = stringCharCodeAt(s, i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

/** `Bearer <token>` / `Basic <credentials>` (any case). */
const AUTH_SCHEME = /\b(bearer|basic)\s+([A-Za-z0-9._~+/-]+=*)/gi;

/** A lone word after "basic"/"bearer" in prose ("basic information", "Bearer token"). */
const PROSE_WORD = /^[A-Za-z][a-z]*$/;

function redactAuthSchemes(s: string): string {
  if (!hasAuthScheme(s)) return s;
  let out = '';
  let last = 0;
  AUTH_SCHEME.lastIndex = 0;
  for (;;) {
    const m = regexExec(AUTH_SCHEME, s);
    if (m === null) break;
    const token = m[2]!;
    // JWTs are left to the JWT pass, which keeps their claims.
    if (isWholeJwt(token)) continue;
    if (token.length < REVEAL_MIN_LENGTH && regexExec(PROSE_WORD, token) !== null) continue;
    const tokenStart = AUTH_SCHEME.lastIndex - token.length;
    out += stringSlice(s, last, tokenStart) + opaqueMarker(lowerAscii(m[1]!), token);
    last = AUTH_SCHEME.lastIndex;
  }
  AUTH_SCHEME.lastIndex = 0;
  return last === 0 ? s : out + stringSlice(s, last);
}

/** Cheap test before the scan: an auth scheme word followed by whitespace. */
const AUTH_GATE = /earer\s|asic\s/i;

function hasAuthScheme(s: string): boolean {
  return regexExec(AUTH_GATE, s) !== null;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (stringCharCodeAt(s, i) > 32) return false;
  return true;
}

function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && stringCharCodeAt(s, start) <= 32) start++;
  while (end > start && stringCharCodeAt(s, end - 1) <= 32) end--;
  return start === 0 && end === s.length ? s : stringSlice(s, start, end);
}

/** Length of a leading `Bearer ` / `Basic ` (any case, with its spaces), else 0. */
function schemeLength(s: string): number {
  const first = stringCharCodeAt(s, 0) | 32;
  if (first !== 98) return 0; // b / B
  for (let k = 0; k < 2; k++) {
    const scheme = k === 0 ? 'bearer' : 'basic';
    const n = scheme.length;
    if (s.length > n && stringCharCodeAt(s, n) <= 32 && lowerAscii(stringSlice(s, 0, n)) === scheme) return n + 1;
  }
  return 0;
}

function lowerAscii(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = stringCharCodeAt(s, i);
    out += c >= 65 && c <= 90 ? fromCharCode(c + 32) : s[i]!;
  }
  return out;
}
