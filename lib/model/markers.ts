/**
 * The text markers a snapshot uses in place of values it cannot or must not copy.
 * One grammar, shared by the hook (which writes them) and the rules and panel (which
 * read them), so a redacted token still tells the rules what they need (is it a JWT,
 * when does it expire, whose is it) without revealing it.
 *
 *   [redacted <label>[ jwt][ exp=<ISO-8601>][ sub=<id>][ …<last4>]]
 *   [function <name>] | [function]
 *
 * Only pure string work here: the MAIN-world hook imports it, so no browser globals.
 */

export const REDACTED_PREFIX = '[redacted';
export const FUNCTION_PREFIX = '[function';

export interface RedactionInfo {
  /** The key it was found under (`app_token`), or `jwt` / a query parameter name. */
  label: string;
  /** The original was a JSON Web Token. */
  jwt: boolean;
  /** JWT `exp` claim as ISO-8601, when it had one. */
  exp?: string;
  /** JWT subject / customer claim, when it had a short one. */
  sub?: string;
  /** Last characters of the original, when it was long enough to show them safely. */
  last4?: string;
}

export function formatRedaction(info: RedactionInfo): string {
  let text = REDACTED_PREFIX + ' ' + info.label;
  if (info.jwt && info.label !== 'jwt') text += ' jwt';
  if (info.exp !== undefined) text += ' exp=' + info.exp;
  if (info.sub !== undefined) text += ' sub=' + info.sub;
  if (info.last4 !== undefined) text += ' …' + info.last4;
  return text + ']';
}

/** One whole marker, exactly as `formatRedaction` writes it. */
export const REDACTION_MARKER = /^\[redacted ([^\s\]]+)( jwt)?(?: exp=(\S+?))?(?: sub=(\S+?))?(?: …(\S{1,4}))?\]$/;

export function parseRedaction(value: unknown): RedactionInfo | null {
  if (typeof value !== 'string' || !value.startsWith(REDACTED_PREFIX)) return null;
  const m = REDACTION_MARKER.exec(value);
  if (!m) return null;
  const [, label = '', jwtFlag, exp, sub, last4] = m;
  const info: RedactionInfo = { label, jwt: label === 'jwt' || jwtFlag !== undefined };
  if (exp !== undefined) info.exp = exp;
  if (sub !== undefined) info.sub = sub;
  if (last4 !== undefined) info.last4 = last4;
  return info;
}

export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(REDACTED_PREFIX);
}

export function formatFunction(name: string): string {
  return name ? FUNCTION_PREFIX + ' ' + name + ']' : FUNCTION_PREFIX + ']';
}

export function isFunctionMarker(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(FUNCTION_PREFIX) && value.endsWith(']');
}
