/**
 * "Copy as code" and "copy config as JSON" for a recorded call. The config is a redacted
 * snapshot: secrets become placeholders (`"<app_token>"`) so the snippet can be pasted
 * into a support ticket or a test page without ever having held the secret. Every value
 * the page provided is emitted through JSON.stringify, so page data can only ever be a
 * string literal in the snippet, never code.
 */
import { isFunctionMarker, parseRedaction, REDACTED_PREFIX } from '../model/markers';
import type { Snapshot } from '../model/types';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(['__proto__']);

/** A redaction marker anywhere in a string (a URL with a redacted token parameter, say). */
const EMBEDDED_MARKER = /\[redacted ([^\s\]]+)[^\]]*\]/g;

function placeholderFor(label: string): string {
  return '<' + label.replace(/[^A-Za-z0-9_.-]/g, '_') + '>';
}

/** A string value with secrets replaced by placeholders. */
export function withPlaceholders(value: string): string {
  if (value.startsWith(REDACTED_PREFIX)) {
    const info = parseRedaction(value);
    if (info) return placeholderFor(info.label);
  }
  return value.replace(EMBEDDED_MARKER, (_, label: string) => placeholderFor(label));
}

function keyLiteral(key: string): string {
  // A quoted "__proto__" key would set the prototype; a computed key defines the property.
  if (RESERVED.has(key)) return '[' + JSON.stringify(key) + ']';
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function literal(value: Snapshot, indent: string, key: string | null): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (isFunctionMarker(value)) {
      return key === 'callback' ? '(result) => {\n' + indent + '  // result.status, result.lean_correlation_id…\n' + indent + '}' : '() => {}';
    }
    if (value === '[undefined]') return 'undefined';
    return JSON.stringify(withPlaceholders(value));
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const simple = value.every((v) => v === null || typeof v !== 'object');
    const items = value.map((v) => literal(v, inner, null));
    const oneLine = '[' + items.join(', ') + ']';
    if (simple && oneLine.length <= 72) return oneLine;
    return '[\n' + items.map((item) => inner + item).join(',\n') + ',\n' + indent + ']';
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => inner + keyLiteral(k) + ': ' + literal(value[k]!, inner, k)).join(',\n') + ',\n' + indent + '}';
}

/** `Lean.connect({ … });` — placeholders where secrets were, a callback stub for functions. */
export function callAsCode(method: string, config: Snapshot): string {
  const target = IDENTIFIER.test(method) ? 'Lean.' + method : 'Lean[' + JSON.stringify(method) + ']';
  return `${target}(${literal(config, '', null)});\n`;
}

/** The config as recorded (redaction markers kept, so it is obvious what was hidden). */
export function configAsJson(config: Snapshot): string {
  return JSON.stringify(config, null, 2);
}
