/**
 * The Open Finance redirect handshake (SDK reference §1): the bank sends the user back to
 * `success_redirect_url` / `fail_redirect_url` with three query parameters, and that page
 * must call `Lean.captureRedirect` with them.
 */
import type { Snapshot } from '../model/types';
import { parseRedaction } from '../model/markers';
import { kindOf } from './values';

export const REDIRECT_PARAMS = ['consent_attempt_id', 'granular_status_code', 'status_additional_info'] as const;
export type RedirectParam = (typeof REDIRECT_PARAMS)[number];

/** The handshake parameters a URL carries (non-empty only), or null when it carries none. */
export function redirectParams(url: string): Partial<Record<RedirectParam, string>> | null {
  // Session rules ask this of every event's frame URL: skip parsing a URL that cannot carry
  // the parameters (their names would appear as such, or percent-encoded).
  if (!url.includes('%') && !REDIRECT_PARAMS.some((name) => url.includes(name))) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const found: Partial<Record<RedirectParam, string>> = {};
  let any = false;
  for (const name of REDIRECT_PARAMS) {
    const value = parsed.searchParams.get(name);
    if (value !== null && value !== '') {
      found[name] = value;
      any = true;
    }
  }
  return any ? found : null;
}

function lastFour(value: string): string | null {
  const info = parseRedaction(value);
  if (info) return info.last4 ?? null;
  return value.slice(-4);
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * Does a config value match the URL's? true / false, or null when redaction hides too much
 * to tell. A still-encoded config value (`Payment%20failed`) matches its decoded URL value.
 */
export function sameParam(urlValue: string, configValue: Snapshot | undefined): boolean | null {
  const kind = kindOf(configValue);
  if (kind === 'opaque') return null;
  if (kind !== 'string' && kind !== 'redacted' && kind !== 'number') return false;
  const text = String(configValue);
  if (kind === 'redacted' || parseRedaction(urlValue) !== null) {
    const a = lastFour(urlValue);
    const b = lastFour(text);
    return a === null || b === null ? null : a === b;
  }
  return text === urlValue || decoded(text) === urlValue;
}
