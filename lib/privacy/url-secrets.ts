/**
 * Secrets in URLs, wherever they appear in text: the values of token-like query / fragment
 * parameters (`?code=…`, `#access_token=…`, also percent-encoded inside another parameter:
 * `%3Fcode%3D…`) and the password in `scheme://user:password@host`.
 */
import { formatRedaction } from '../model/markers';
import { regexExec, stringSlice } from '../model/intrinsics';
import { isWholeJwt } from './jwt';
import { isMarker, last4Of, markerEnd, opaqueMarker, redactionInfo } from './redaction-markers';
import { isTokenParam } from './secret-keys';

/** `scheme://user:password@` → the password. */
const USERINFO = /:\/\/([^/?#@\s:]*):([^/?#@\s]+)@/g;

export function redactUserinfo(s: string): string {
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

/**
 * A parameter name after `?`, `&`, `#`, `;`, whitespace or the start, and its `=`, plain
 * or percent-encoded. Only the name is matched: after a harmless parameter the scan goes
 * on inside its value, so `?redirect=https%3A%2F%2Fx%3Fcode%3D…` is still found.
 */
const PARAM = /(?:^|[?&#;\s]|%3f|%26|%23)([A-Za-z0-9_.-]{1,64})(?:=|%3d)/gi;

export function redactParams(s: string): string {
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
