/**
 * Which names hold secrets: config and JSON keys (`isSecretKey`) and URL query / fragment
 * parameters (`isTokenParam`). Runs inside the page's call for every key of every config, so:
 * captured intrinsics only, a per-key cache, no exceptions out.
 */
import { fromCharCode, objectCreate, stringCharCodeAt, stringSlice } from '../model/intrinsics';

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

export function isTokenParam(name: string): boolean {
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

function endsWith(s: string, suffix: string): boolean {
  return s.length >= suffix.length && stringSlice(s, s.length - suffix.length) === suffix;
}

function toSet(words: string[]): Record<string, true> {
  // A prototype-less record: lookups never reach the page-writable Object.prototype.
  const set = { __proto__: null } as unknown as Record<string, true>;
  for (let i = 0; i < words.length; i++) set[words[i]!] = true;
  return set;
}
