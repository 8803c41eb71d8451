/**
 * JWTs in free text: found in one left-to-right pass (no regex backtracking over `eyJeyJ…`),
 * each replaced by a marker that keeps `exp` (ISO-8601) and `sub` (or `customer_id`) read from
 * its payload; and a JWT cut by a scanning window, whose prefix still carries the claims.
 */
import { formatRedaction } from '../model/markers';
import type { RedactionInfo } from '../model/markers';
import {
  DateCtor,
  MapCtor,
  apply,
  atobFn,
  dateToISOString,
  fromCharCode,
  hasOwn,
  jsonParse,
  mapGet,
  mapSet,
  mathAbs,
  mathMax,
  newArray,
  numberIsFinite,
  regexExec,
  stringCharCodeAt,
  stringIndexOf,
  stringSlice,
} from '../model/intrinsics';
import { last4Of, redactionInfo } from './redaction-markers';

/** JWT payloads longer than this are not decoded (the token is still redacted). */
const MAX_DECODED_PAYLOAD = 8192;

/**
 * Text cut in the middle of a JWT (`eyJ…` header, a dot, part of the payload) no longer
 * looks like one, yet its prefix carries the header and the claims: from the `eyJ` of the
 * run of token characters that reaches the end, it becomes `[redacted jwt]`.
 */
export function redactJwtPrefixAtEnd(s: string): string {
  let start = s.length;
  while (start > 0 && isTokenChar(stringCharCodeAt(s, start - 1))) start--;
  const at = stringIndexOf(s, 'eyJ', start);
  return at === -1 ? s : stringSlice(s, 0, at) + formatRedaction(redactionInfo('jwt', true));
}

/** base64url characters and the dot between JWT segments. */
function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
}

/**
 * Every JWT-shaped run: `eyJ` + base64url header (≥ 2 more chars), `.`, a non-empty
 * payload, `.`, a possibly empty signature, and up to two more segments (JWE). Scanned by
 * hand in one left-to-right pass (a regex would backtrack over `eyJeyJeyJ…`).
 */
export function redactJwts(s: string): string {
  let out = '';
  let last = 0;
  let from = 0;
  const n = s.length;
  for (;;) {
    const start = stringIndexOf(s, 'eyJ', from);
    if (start === -1) break;
    const headerEnd = base64urlRunEnd(s, start + 3);
    if (headerEnd - start < 5 || headerEnd >= n || stringCharCodeAt(s, headerEnd) !== 46) {
      // Any `eyJ` inside this run ends at the same place and fails the same way.
      from = mathMax(headerEnd, start + 3);
      continue;
    }
    const payloadEnd = base64urlRunEnd(s, headerEnd + 1);
    if (payloadEnd === headerEnd + 1 || payloadEnd >= n || stringCharCodeAt(s, payloadEnd) !== 46) {
      from = mathMax(payloadEnd, headerEnd + 1);
      continue;
    }
    let end = base64urlRunEnd(s, payloadEnd + 1);
    for (let extra = 0; extra < 2 && end < n && stringCharCodeAt(s, end) === 46; extra++) {
      const next = base64urlRunEnd(s, end + 1);
      if (next === end + 1) break;
      end = next;
    }
    out += stringSlice(s, last, start) + jwtMarker('jwt', stringSlice(s, start, end));
    last = end;
    from = end;
  }
  return last === 0 ? s : out + stringSlice(s, last);
}

/** A (possibly empty) run of base64url characters, matched in place (sticky). */
const BASE64URL_RUN = /[A-Za-z0-9_-]*/y;

function base64urlRunEnd(s: string, from: number): number {
  BASE64URL_RUN.lastIndex = from;
  return regexExec(BASE64URL_RUN, s) === null ? from : BASE64URL_RUN.lastIndex;
}

/** The whole string is one JWT (as the JWT pass would find it). */
export function isWholeJwt(s: string): boolean {
  if (s.length < 10 || stringCharCodeAt(s, 0) !== 101 || stringIndexOf(s, 'eyJ') !== 0) return false;
  const headerEnd = base64urlRunEnd(s, 3);
  if (headerEnd < 5 || headerEnd >= s.length || stringCharCodeAt(s, headerEnd) !== 46) return false;
  const payloadEnd = base64urlRunEnd(s, headerEnd + 1);
  if (payloadEnd === headerEnd + 1 || payloadEnd >= s.length || stringCharCodeAt(s, payloadEnd) !== 46) return false;
  let end = base64urlRunEnd(s, payloadEnd + 1);
  for (let extra = 0; extra < 2 && end < s.length && stringCharCodeAt(s, end) === 46; extra++) {
    const next = base64urlRunEnd(s, end + 1);
    if (next === end + 1) break;
    end = next;
  }
  return end === s.length;
}

export function jwtMarker(label: string, jwt: string): string {
  const info = redactionInfo(label, true);
  readClaims(jwt, info);
  const last4 = last4Of(jwt);
  if (last4 !== undefined) info.last4 = last4;
  return formatRedaction(info);
}

const SUB = /^[A-Za-z0-9._:@-]{1,64}$/;

/** Largest |epoch ms| a Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** Claims of recently seen payloads (the same access token is passed on every call). */
interface Claims {
  exp: string | undefined;
  sub: string | undefined;
}

let claimsCache: Map<string, Claims> = new MapCtor();

let claimsCacheSize = 0;

/** Fills `exp` and `sub` from the payload; silently leaves them out when it cannot. */
function readClaims(jwt: string, info: RedactionInfo): void {
  const firstDot = stringIndexOf(jwt, '.');
  const secondDot = stringIndexOf(jwt, '.', firstDot + 1);
  if (firstDot === -1 || secondDot === -1 || secondDot - firstDot - 1 > MAX_DECODED_PAYLOAD) return;
  const payload = stringSlice(jwt, firstDot + 1, secondDot);
  let claims = mapGet(claimsCache, payload);
  if (claims === undefined) {
    claims = decodeClaims(payload);
    if (claimsCacheSize >= 16) {
      claimsCache = new MapCtor();
      claimsCacheSize = 0;
    }
    mapSet(claimsCache, payload, claims);
    claimsCacheSize++;
  }
  if (claims.exp !== undefined) info.exp = claims.exp;
  if (claims.sub !== undefined) info.sub = claims.sub;
}

function decodeClaims(payload: string): Claims {
  const claims: Claims = { exp: undefined, sub: undefined };
  const json = decodeBase64url(payload);
  if (json === null || stringIndexOf(json, '{') === -1) return claims;
  let parsed: unknown;
  try {
    parsed = jsonParse(json);
  } catch {
    return claims;
  }
  if (parsed === null || typeof parsed !== 'object') return claims;
  const record = parsed as Record<string, unknown>;
  const exp = hasOwn(record, 'exp') ? record.exp : undefined;
  if (typeof exp === 'number') {
    const ms = exp * 1000;
    if (numberIsFinite(ms) && mathAbs(ms) <= MAX_DATE_MS) {
      const iso = dateToISOString(new DateCtor(ms));
      claims.exp = stringSlice(iso, iso.length - 5) === '.000Z' ? stringSlice(iso, 0, iso.length - 5) + 'Z' : iso;
    }
  }
  claims.sub = pickSubject(record, 'sub') ?? pickSubject(record, 'customer_id');
  return claims;
}

function pickSubject(record: Record<string, unknown>, key: string): string | undefined {
  if (!hasOwn(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'string' && regexExec(SUB, value) !== null ? value : undefined;
}

const BASE64_VALUES = buildBase64Table();

function buildBase64Table(): Int16Array {
  const table = new Int16Array(128);
  for (let i = 0; i < 128; i++) table[i] = -1;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) table[stringCharCodeAt(alphabet, i)] = i;
  table[45] = 62; // -
  table[95] = 63; // _
  table[43] = 62; // + (lenient: standard base64)
  table[47] = 63; // /
  return table;
}

/**
 * base64url → one char per byte (Latin-1: enough for JSON with ASCII claims), or null.
 * Uses the platform's `atob` when there is one, else decodes by hand.
 */
export function decodeBase64url(segment: string, useAtob = atobFn !== undefined): string | null {
  if (useAtob && atobFn !== undefined) {
    try {
      return atobFn(toStandardBase64(segment));
    } catch {
      return null;
    }
  }
  const bytes = newArray<number>();
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = stringCharCodeAt(segment, i);
    if (c === 61) break; // padding
    const v = c < 128 ? BASE64_VALUES[c]! : -1;
    if (v < 0) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[bytes.length] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  return apply(fromCharCode, null, bytes) as string;
}

/** `-` → `+`, `_` → `/` (atob's alphabet); no allocation when there are none. */
function toStandardBase64(segment: string): string {
  if (stringIndexOf(segment, '-') === -1 && stringIndexOf(segment, '_') === -1) return segment;
  let out = '';
  let last = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = stringCharCodeAt(segment, i);
    if (c === 45 || c === 95) {
      out += stringSlice(segment, last, i) + (c === 45 ? '+' : '/');
      last = i + 1;
    }
  }
  return out + stringSlice(segment, last);
}
