/**
 * The `[redacted …]` markers redaction writes (their grammar is `lib/model/markers.ts`): what a
 * marker is labelled, when it may reveal the original's last 4 characters, and how an exact
 * marker already in the text is recognised so it is never redacted twice — while anything else
 * that merely begins with `[redacted` is page text and gets redacted.
 *
 * Reveal rule: a marker shows the last 4 characters of the original only when the
 * original is at least 16 characters long (4 of 8 would be half the secret).
 */
import { REDACTION_MARKER, formatRedaction } from '../model/markers';
import type { RedactionInfo } from '../model/markers';
import { regexExec, stringCharCodeAt, stringIndexOf, stringSlice } from '../model/intrinsics';

/** Originals shorter than this never reveal their last characters. */
export const REVEAL_MIN_LENGTH = 16;

/** The marker for a value under a secret key that is not a string (a number, an object…). */
export function redactedSecret(key: string): string {
  return formatRedaction(redactionInfo(secretLabel(key), false));
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

export function opaqueMarker(label: string, original: string): string {
  const info = redactionInfo(label, false);
  const last4 = last4Of(original);
  if (last4 !== undefined) info.last4 = last4;
  return formatRedaction(info);
}

/** Last 4 characters when the original is long enough and they are printable ASCII. */
export function last4Of(original: string): string | undefined {
  if (original.length < REVEAL_MIN_LENGTH) return undefined;
  const tail = stringSlice(original, original.length - 4);
  for (let i = 0; i < 4; i++) {
    const c = stringCharCodeAt(tail, i);
    if (c <= 32 || c >= 127) return undefined;
  }
  return tail;
}

/** Longer than any marker `formatRedaction` writes (a 64-character label and `sub`, an ISO `exp`). */
export const MAX_MARKER_LENGTH = 200;

/**
 * Whether `s` is exactly one redaction marker (the grammar of lib/model/markers.ts).
 * Anything else that merely begins with `[redacted` is page text and gets redacted.
 */
export function isMarker(s: string): boolean {
  return s.length <= MAX_MARKER_LENGTH && stringCharCodeAt(s, 0) === 91 && regexExec(REDACTION_MARKER, s) !== null;
}

/** The end of the exact marker that starts at `from` in `s`, or -1 when there is none. */
export function markerEnd(s: string, from: number): number {
  if (stringCharCodeAt(s, from) !== 91) return -1; // [
  const close = stringIndexOf(stringSlice(s, from, from + MAX_MARKER_LENGTH), ']');
  return close !== -1 && isMarker(stringSlice(s, from, from + close + 1)) ? from + close + 1 : -1;
}

/**
 * A marker's fields, prototype-less: setting `last4`, `exp` or `sub` never reaches a setter
 * the page put on Object.prototype, and `formatRedaction` never reads an inherited one.
 */
export function redactionInfo(label: string, jwt: boolean): RedactionInfo {
  const info = { __proto__: null } as unknown as RedactionInfo;
  info.label = label;
  info.jwt = jwt;
  return info;
}
