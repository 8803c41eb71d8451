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
 * Reveal rule: a marker shows the last 4 characters of the original only when the
 * original is at least 16 characters long (4 of 8 would be half the secret).
 */
import { REDACTION_MARKER, formatRedaction } from '../model/markers';
import type { RedactionInfo } from '../model/markers';
import {
  DateCtor,
  apply,
  atobFn,
  MapCtor,
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
  objectCreate,
  regexExec,
  stringCharCodeAt,
  stringIndexOf,
  stringLastIndexOf,
  stringSlice,
} from '../model/intrinsics';

/** Originals shorter than this never reveal their last characters. */
export const REVEAL_MIN_LENGTH = 16;
/** Longest URL `redactUrl` returns before cutting (frame URLs can be `data:` URLs). */
export const MAX_URL_LENGTH = 4096;
/** Extra characters redacted past a cut, so a secret straddling it is still recognised. */
const CUT_MARGIN = 16384;
/** JWT payloads longer than this are not decoded (the token is still redacted). */
const MAX_DECODED_PAYLOAD = 8192;

// ---- public API --------------------------------------------------------------------------

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
 * Text cut in the middle of a JWT (`eyJ…` header, a dot, part of the payload) no longer
 * looks like one, yet its prefix carries the header and the claims: from the `eyJ` of the
 * run of token characters that reaches the end, it becomes `[redacted jwt]`.
 */
function redactJwtPrefixAtEnd(s: string): string {
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

/** The marker for a value under a secret key that is not a string (a number, an object…). */
export function redactedSecret(key: string): string {
  return formatRedaction(redactionInfo(secretLabel(key), false));
}

/**
 * Whether values under `key` are secrets. Case-insensitive, ignoring `_` and `-`:
 * app_token, access_token, refresh_token, id_token, token, authorization, auth, secret,
 * client_secret, password, api_key / apikey, private_key, bearer, cookie, jwt, and any key
 * ending in `token`, `secret`, `password`, `apikey`, `privatekey`, `authorization`, `cookie`
 * (`csrfToken`, `X-Api-Key`, `Set-Cookie`, `proxy-authorization`…).
 */
export function isSecretKey(key: string): boolean {
  try {
    if (typeof key !== 'string' || key.length < 3) return false;
    if (key.length > 64) return isSecretNormalized(normalizeKey(key));
    const known = secretKeyCache[key];
    if (known !== undefined) return known;
    const result = isSecretNormalized(normalizeKey(key));
    if (secretKeyCacheSize >= 512) {
      secretKeyCache = objectCreate(null) as Record<string, boolean>;
      secretKeyCacheSize = 0;
    }
    secretKeyCache[key] = result;
    secretKeyCacheSize++;
    return result;
  } catch {
    return false;
  }
}

/** A frame URL or script src with token-like parameters, JWTs and URL passwords redacted, at most 4096 characters. */
export function redactUrl(url: string): string {
  if (typeof url !== 'string') return '';
  return redactStringBounded(url, MAX_URL_LENGTH);
}

/** The marker label for a key: the key itself when it is short and marker-safe, else `secret`. */
export function secretLabel(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 64 || stringIndexOf(key, 'eyJ') !== -1) return 'secret';
  if (regexExec(PLAIN_LABEL, key) !== null) return key;
  let label = '';
  for (let i = 0; i < key.length; i++) {
    const c = stringCharCodeAt(key, i);
    // The marker grammar ends a label at whitespace or `]`.
    label += c <= 32 || c === 93 || c === 0x2028 || c === 0x2029 || c === 0xa0 ? '_' : key[i]!;
  }
  return label;
}

/** Labels that need no cleaning: no whitespace, no `]`. */
const PLAIN_LABEL = /^[!-\\^-~]+$/;

// ---- secret key names ----------------------------------------------------------------------

const SECRET_EXACT = toSet([
  'apptoken', 'accesstoken', 'refreshtoken', 'idtoken', 'token', 'authorization', 'auth', 'secret',
  'clientsecret', 'password', 'passwd', 'apikey', 'privatekey', 'secretkey', 'bearer', 'cookie', 'jwt',
]);
const SECRET_SUFFIXES = ['token', 'secret', 'password', 'apikey', 'privatekey', 'authorization', 'cookie'];
/** Query / fragment parameter names (normalised) redacted on top of the secret keys. */
const PARAM_EXACT = toSet(['code', 'key', 'signature', 'sig', 'session', 'sessionid', 'jwt']);

/**
 * Answers per key, reset at 512 keys. A prototype-less record rather than a Map: this runs
 * for every key of every config inside the page's call, and a property lookup costs a
 * fraction of a call through the captured `Map.prototype.get`.
 */
let secretKeyCache = objectCreate(null) as Record<string, boolean>;
let secretKeyCacheSize = 0;

function isSecretNormalized(norm: string): boolean {
  if (SECRET_EXACT[norm] === true) return true;
  for (let i = 0; i < SECRET_SUFFIXES.length; i++) {
    if (endsWith(norm, SECRET_SUFFIXES[i]!)) return true;
  }
  return false;
}

function isTokenParam(name: string): boolean {
  const norm = normalizeKey(name);
  return PARAM_EXACT[norm] === true || isSecretNormalized(norm) || endsWith(norm, 'signature');
}

/** Lower case, without `_` and `-`. */
function normalizeKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = stringCharCodeAt(key, i);
    if (c === 95 || c === 45) continue;
    out += c >= 65 && c <= 90 ? fromCharCode(c + 32) : key[i]!;
  }
  return out;
}

// ---- the passes -------------------------------------------------------------------------------

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

/** `scheme://user:password@` → the password. */
const USERINFO = /:\/\/([^/?#@\s:]*):([^/?#@\s]+)@/g;

function redactUserinfo(s: string): string {
  let out = '';
  let last = 0;
  USERINFO.lastIndex = 0;
  for (;;) {
    const m = regexExec(USERINFO, s);
    if (m === null) break;
    const password = m[2]!;
    if (isMarker(password)) continue;
    const passStart = m.index + 3 + m[1]!.length + 1;
    out += stringSlice(s, last, passStart) + opaqueMarker('password', password);
    last = passStart + password.length;
  }
  USERINFO.lastIndex = 0;
  return last === 0 ? s : out + stringSlice(s, last);
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

/**
 * A parameter name after `?`, `&`, `#`, `;`, whitespace or the start, and its `=`, plain
 * or percent-encoded. Only the name is matched: after a harmless parameter the scan goes
 * on inside its value, so `?redirect=https%3A%2F%2Fx%3Fcode%3D…` is still found.
 */
const PARAM = /(?:^|[?&#;\s]|%3f|%26|%23)([A-Za-z0-9_.-]{1,64})(?:=|%3d)/gi;

function redactParams(s: string): string {
  let out = '';
  let last = 0;
  PARAM.lastIndex = 0;
  for (;;) {
    const m = regexExec(PARAM, s);
    if (m === null) break;
    const name = m[1]!;
    if (!isTokenParam(name)) continue;
    const valueStart = PARAM.lastIndex;
    const valueEnd = paramValueEnd(s, valueStart);
    if (valueEnd === valueStart) continue;
    // A marker has spaces, so the value scan stops inside it: look at the whole of it.
    const marker = markerEnd(s, valueStart);
    if (marker !== -1) {
      PARAM.lastIndex = marker;
      continue;
    }
    const value = stringSlice(s, valueStart, valueEnd);
    const info = redactionInfo(name, isWholeJwt(value));
    const last4 = last4Of(value);
    if (last4 !== undefined) info.last4 = last4;
    out += stringSlice(s, last, valueStart) + formatRedaction(info);
    last = valueEnd;
    PARAM.lastIndex = valueEnd;
  }
  PARAM.lastIndex = 0;
  return last === 0 ? s : out + stringSlice(s, last);
}

/** A parameter value: up to `&`, `#`, `;`, whitespace, a quote, `<`, `>`, `%26` or `%23`. */
const PARAM_VALUE = /(?:[^&#;"'<>%\s]|%(?!2[36]))*/y;

function paramValueEnd(s: string, from: number): number {
  PARAM_VALUE.lastIndex = from;
  return regexExec(PARAM_VALUE, s) === null ? from : PARAM_VALUE.lastIndex;
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

/**
 * Every JWT-shaped run: `eyJ` + base64url header (≥ 2 more chars), `.`, a non-empty
 * payload, `.`, a possibly empty signature, and up to two more segments (JWE). Scanned by
 * hand in one left-to-right pass (a regex would backtrack over `eyJeyJeyJ…`).
 */
function redactJwts(s: string): string {
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
function isWholeJwt(s: string): boolean {
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

// ---- markers ------------------------------------------------------------------------------------

function jwtMarker(label: string, jwt: string): string {
  const info = redactionInfo(label, true);
  readClaims(jwt, info);
  const last4 = last4Of(jwt);
  if (last4 !== undefined) info.last4 = last4;
  return formatRedaction(info);
}

function opaqueMarker(label: string, original: string): string {
  const info = redactionInfo(label, false);
  const last4 = last4Of(original);
  if (last4 !== undefined) info.last4 = last4;
  return formatRedaction(info);
}

/** Last 4 characters when the original is long enough and they are printable ASCII. */
function last4Of(original: string): string | undefined {
  if (original.length < REVEAL_MIN_LENGTH) return undefined;
  const tail = stringSlice(original, original.length - 4);
  for (let i = 0; i < 4; i++) {
    const c = stringCharCodeAt(tail, i);
    if (c <= 32 || c >= 127) return undefined;
  }
  return tail;
}

// ---- JWT claims ---------------------------------------------------------------------------------

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
      claims.exp = endsWith(iso, '.000Z') ? stringSlice(iso, 0, iso.length - 5) + 'Z' : iso;
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

// ---- small string helpers -----------------------------------------------------------------------

function endsWith(s: string, suffix: string): boolean {
  return s.length >= suffix.length && stringSlice(s, s.length - suffix.length) === suffix;
}

/** Longer than any marker `formatRedaction` writes (a 64-character label and `sub`, an ISO `exp`). */
const MAX_MARKER_LENGTH = 200;

/**
 * Whether `s` is exactly one redaction marker (the grammar of lib/session/markers.ts).
 * Anything else that merely begins with `[redacted` is page text and gets redacted.
 */
function isMarker(s: string): boolean {
  return s.length <= MAX_MARKER_LENGTH && stringCharCodeAt(s, 0) === 91 && regexExec(REDACTION_MARKER, s) !== null;
}

/** The end of the exact marker that starts at `from` in `s`, or -1 when there is none. */
function markerEnd(s: string, from: number): number {
  if (stringCharCodeAt(s, from) !== 91) return -1; // [
  const close = stringIndexOf(stringSlice(s, from, from + MAX_MARKER_LENGTH), ']');
  return close !== -1 && isMarker(stringSlice(s, from, from + close + 1)) ? from + close + 1 : -1;
}

/**
 * A marker's fields, prototype-less: setting `last4`, `exp` or `sub` never reaches a setter
 * the page put on Object.prototype, and `formatRedaction` never reads an inherited one.
 */
function redactionInfo(label: string, jwt: boolean): RedactionInfo {
  const info = { __proto__: null } as unknown as RedactionInfo;
  info.label = label;
  info.jwt = jwt;
  return info;
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

function toSet(words: string[]): Record<string, true> {
  // A prototype-less record: lookups never reach the page-writable Object.prototype.
  const set = { __proto__: null } as unknown as Record<string, true>;
  for (let i = 0; i < words.length; i++) set[words[i]!] = true;
  return set;
}
