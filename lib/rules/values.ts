/**
 * Reading captured (snapshot) values: what kind of JavaScript value a `Snapshot` stands
 * for, once the markers of `lib/model/markers.ts` are taken into account.
 */
import type { Snapshot } from '../model/types';
import { isFunctionMarker, isRedacted } from '../model/markers';

export type ValueKind =
  | 'absent' // key not in the config
  | 'undefined' // `[undefined]`
  | 'null'
  | 'string'
  | 'redacted' // a secret string, `[redacted …]`
  | 'number'
  | 'boolean'
  | 'array'
  | 'object'
  | 'function' // `[function …]`
  | 'typed-marker' // a non-JSON value whose type we know (`[date …]`, `[symbol …]`…)
  | 'opaque'; // a marker we cannot interpret (truncation, cycle…): never judged

/** Marker words (`[date …]`) → how to name that value in a message. */
const TYPED_MARKERS: Readonly<Record<string, string>> = {
  date: 'a Date object',
  symbol: 'a Symbol',
  bigint: 'a BigInt',
  nan: 'NaN',
  infinity: 'Infinity',
  '-infinity': '-Infinity',
  regexp: 'a RegExp',
  error: 'an Error',
  map: 'a Map',
  set: 'a Set',
  promise: 'a Promise',
  element: 'a DOM element',
  node: 'a DOM node',
  window: 'a Window',
};

const MARKER = /^\[([A-Za-z][A-Za-z-]*)(?:[ :][\s\S]*)?\]$/;

function markerWord(value: string): string | null {
  const m = MARKER.exec(value);
  return m?.[1] ? m[1].toLowerCase() : null;
}

export function kindOf(value: Snapshot | undefined): ValueKind {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (isRedacted(value)) return 'redacted';
  if (isFunctionMarker(value)) return 'function';
  const word = markerWord(value);
  if (word === null) return 'string';
  if (word === 'undefined') return 'undefined';
  if (hasOwn(TYPED_MARKERS, word)) return 'typed-marker';
  return 'opaque';
}

/** "a number", "an array", "a Date object"… for messages; never prints the value itself. */
export function describeKind(value: Snapshot | undefined): string {
  const kind = kindOf(value);
  switch (kind) {
    case 'absent':
    case 'undefined':
      return 'undefined';
    case 'null':
      return 'null';
    case 'string':
    case 'redacted':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'function':
      return 'a function';
    case 'typed-marker':
      return TYPED_MARKERS[markerWord(value as string) ?? ''] ?? 'a non-JSON value';
    case 'opaque':
      return 'a value the recorder could not copy';
  }
}

/** Not given in any useful way: absent, `[undefined]`, null, a blank string or an empty array. */
export function isBlank(value: Snapshot | undefined): boolean {
  const kind = kindOf(value);
  if (kind === 'absent' || kind === 'undefined' || kind === 'null') return true;
  if (kind === 'array') return (value as Snapshot[]).length === 0;
  return kind === 'string' && (value as string).trim() === '';
}

/** Why a required field counts as missing, for the message ("" when simply absent). */
export function blankReason(value: Snapshot | undefined): string {
  const kind = kindOf(value);
  if (kind === 'undefined') return ' (it is undefined)';
  if (kind === 'null') return ' (it is null)';
  if (kind === 'string') return ' (it is an empty string)';
  if (kind === 'array') return ' (it is an empty array)';
  return '';
}

export type ConfigObject = { readonly [key: string]: Snapshot };

export function isObject(value: Snapshot | undefined): value is { [key: string]: Snapshot } {
  return kindOf(value) === 'object';
}

export function hasOwn(object: object, key: string): boolean {
  return Object.hasOwn(object, key);
}

/**
 * How JavaScript would read a `sandbox`-like flag: the SDK does `if (config.sandbox)`,
 * so any non-empty string (including "false") is true. Absent → false (production).
 */
export function truthy(value: Snapshot | undefined): boolean {
  const kind = kindOf(value);
  switch (kind) {
    case 'absent':
    case 'undefined':
    case 'null':
      return false;
    case 'boolean':
      return value as boolean;
    case 'number':
      return value !== 0;
    case 'string':
      return (value as string) !== '';
    case 'typed-marker':
      return (markerWord(value as string) ?? '') !== 'nan';
    default:
      return true;
  }
}

/** A page-supplied string quoted for a message, cut short so messages stay short. */
export function quoted(text: string, max = 40): string {
  return '"' + (text.length > max ? text.slice(0, max - 1) + '…' : text) + '"';
}
