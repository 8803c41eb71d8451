/**
 * The snapshot's per-type encoders: what `capture` (`./snapshot`) makes of a value that is not a
 * plain object, array or string — readable markers, each built from captured intrinsics only and
 * never throwing into the walker:
 * `[function name]`, `[symbol desc]`, `[date ISO]` / `[date invalid]`, `[number NaN]`,
 * `[element div#id.cls]` / `[node #text]`, `[window]`, `[error Name: message]`,
 * `[map size=n]`, `[set size=n]`, `[weakmap]`, `[weakset]`, `[regexp /src/flags]`,
 * `[typed Uint8Array length=n]`, `[promise]`, `[getter threw: message]`, `[unreadable]`.
 * Page text put into a marker goes through `markerText` (redacted, one line, bounded).
 */
import { redactStringBounded } from '../privacy/redact';
import { type CapturedNode, type CapturedValue, FUNCTION, final, node } from './captured';
import {
  ArrayBufferProto,
  BooleanProto,
  DataViewProto,
  DateProto,
  ErrorProto,
  MapProto,
  NumberProto,
  ObjectProto,
  PromiseProto,
  RegExpProto,
  SetProto,
  StringProto,
  WeakMapProto,
  WeakSetProto,
  arrayBufferByteLength,
  booleanValueOf,
  dataViewByteLength,
  dateGetTime,
  dateToISOString,
  errorMessage,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  hasOwn,
  mapSize,
  numberIsNaN,
  numberValueOf,
  objectToString,
  readProperty,
  regExpFlags,
  regExpSource,
  setSize,
  stringCharCodeAt,
  stringSlice,
  stringToLowerCase,
  stringValueOf,
  symbolDescription,
  typedArrayLength,
  typedArrayName,
} from '../model/intrinsics';

/** Longest text taken into a marker (error messages, names, descriptions). */
const MAX_MARKER_TEXT = 200;

const WINDOW = final('[window]');

export function snapNumber(value: number): CapturedValue {
  if (numberIsNaN(value)) return final('[number NaN]');
  if (value === Infinity) return final('[number Infinity]');
  if (value === -Infinity) return final('[number -Infinity]');
  return value === 0 ? 0 : value; // -0 is 0 in JSON
}

export function describeSymbol(value: symbol): string {
  let description: string | undefined;
  try {
    description = symbolDescription(value);
  } catch {
    description = undefined;
  }
  return description ? '[symbol ' + markerText(description) + ']' : '[symbol]';
}

/** The name is read now (the page may rename the function) and redacted with the rest. */
export function describeFunction(fn: unknown): CapturedNode {
  let name = '';
  try {
    const desc = getOwnPropertyDescriptor(fn, 'name');
    if (desc !== undefined && hasOwn(desc, 'value') && typeof desc.value === 'string') name = desc.value;
  } catch {
    // A Proxy whose trap throws: still a function.
  }
  return node(FUNCTION, name, null, null, null);
}

/** Page text put into a marker: redacted, one line, at most 200 characters. */
export function markerText(text: string): string {
  const bounded = redactStringBounded(text, MAX_MARKER_TEXT);
  let out = '';
  let last = 0;
  for (let i = 0; i < bounded.length; i++) {
    const c = stringCharCodeAt(bounded, i);
    if (c === 10 || c === 13) {
      out += stringSlice(bounded, last, i) + ' ';
      last = i + 1;
    }
  }
  return last === 0 ? bounded : out + stringSlice(bounded, last);
}

/** A read threw: a getter (`[getter threw: …]`) or a Proxy trap (`[unreadable]`). */
export function describeReadFailure(obj: object, key: string | number, error: unknown): string {
  let desc: PropertyDescriptor | undefined;
  try {
    desc = getOwnPropertyDescriptor(obj, key);
  } catch {
    return '[unreadable]';
  }
  if (desc !== undefined && !hasOwn(desc, 'value') && desc.get !== undefined) {
    return '[getter threw: ' + markerText(errorMessage(error)) + ']';
  }
  return '[unreadable]';
}

/**
 * Markers for the language's own objects, recognised by prototype (subclasses included)
 * and confirmed by a brand check, so `Object.create(Date.prototype)` stays a plain
 * object. Objects from another realm (an iframe) fall back to their `toString` tag.
 * Undefined: copy it as an ordinary object.
 */
export function describeSpecial(obj: object, proto: object): CapturedValue | undefined {
  const typedName = typedArrayName(obj); // never throws; undefined unless a typed array
  if (typedName !== undefined) {
    try {
      return final('[typed ' + typedName + ' length=' + typedArrayLength(obj) + ']');
    } catch {
      return final('[typed ' + typedName + ']');
    }
  }
  let p: object | null = proto;
  for (let hops = 0; p !== null && hops < 64; hops++) {
    if (p === ObjectProto) return isWindow(obj) ? WINDOW : undefined;
    const marker = describeByProto(obj, p);
    if (marker !== undefined) return marker;
    try {
      p = getPrototypeOf(p) as object | null;
    } catch {
      return undefined;
    }
  }
  // Not from this realm (or a prototype chain without Object.prototype).
  return describeForeign(obj);
}

function describeByProto(obj: object, proto: object): CapturedValue | undefined {
  try {
    if (proto === DateProto) return final(describeDate(obj));
    if (proto === ErrorProto) return final(describeError(obj));
    if (proto === MapProto) return final('[map size=' + mapSize(obj as Map<unknown, unknown>) + ']');
    if (proto === SetProto) return final('[set size=' + setSize(obj as Set<unknown>) + ']');
    if (proto === PromiseProto) return final('[promise]');
    if (proto === WeakMapProto) return final('[weakmap]');
    if (proto === WeakSetProto) return final('[weakset]');
    if (proto === RegExpProto) return final(describeRegExp(obj));
    if (proto === ArrayBufferProto) return final('[typed ArrayBuffer length=' + arrayBufferByteLength(obj) + ']');
    if (proto === DataViewProto) return final('[typed DataView length=' + dataViewByteLength(obj) + ']');
    if (proto === StringProto) return stringValueOf(obj);
    if (proto === NumberProto) return snapNumber(numberValueOf(obj));
    if (proto === BooleanProto) return booleanValueOf(obj);
  } catch {
    // Failed brand check: an ordinary object built on that prototype.
  }
  return undefined;
}

function describeForeign(obj: object): CapturedValue | undefined {
  let tag: string;
  try {
    tag = objectToString(obj);
  } catch {
    return undefined;
  }
  try {
    switch (tag) {
      case '[object Date]':
        return final(describeDate(obj));
      case '[object Error]':
        return final(describeError(obj));
      case '[object Map]':
        return final('[map size=' + mapSize(obj as Map<unknown, unknown>) + ']');
      case '[object Set]':
        return final('[set size=' + setSize(obj as Set<unknown>) + ']');
      case '[object Promise]':
        return final('[promise]');
      case '[object RegExp]':
        return final(describeRegExp(obj));
      case '[object String]':
        return stringValueOf(obj);
      case '[object Number]':
        return snapNumber(numberValueOf(obj));
      case '[object Boolean]':
        return booleanValueOf(obj);
      case '[object Window]':
      case '[object global]':
        return isWindow(obj) ? WINDOW : undefined;
    }
  } catch {
    // Not what its tag claims.
  }
  return undefined;
}

/** Throws for a non-Date (caught by the caller). */
function describeDate(obj: object): string {
  const time = dateGetTime(obj as Date);
  if (numberIsNaN(time)) return '[date invalid]';
  return '[date ' + dateToISOString(obj as Date) + ']';
}

function describeError(obj: object): string {
  let name: unknown;
  let message: unknown;
  try {
    name = readProperty(obj, 'name');
  } catch {
    name = undefined;
  }
  try {
    message = readProperty(obj, 'message');
  } catch {
    message = undefined;
  }
  const label = typeof name === 'string' && name !== '' ? name : 'Error';
  const text = typeof message === 'string' && message !== '' ? label + ': ' + message : label;
  return '[error ' + markerText(text) + ']';
}

function describeRegExp(obj: object): string {
  const source = regExpSource(obj as RegExp);
  let flags = '';
  try {
    flags = regExpFlags(obj as RegExp);
  } catch {
    flags = '';
  }
  return '[regexp /' + markerText(source) + '/' + markerText(flags) + ']';
}

/** A Window (its `window` is itself), so its thousand properties are not walked. */
function isWindow(obj: object): boolean {
  try {
    return 'window' in obj && readProperty(obj, 'window') === obj;
  } catch {
    return false;
  }
}

/**
 * A DOM node, duck-typed (numeric `nodeType`, string `nodeName`) so it needs no DOM:
 * `[element div#id.cls]` for elements, `[node #text]` for the other kinds.
 */
export function describeNode(obj: object): string | undefined {
  let nodeType: unknown;
  let nodeName: unknown;
  try {
    if (!('nodeType' in obj)) return undefined;
    nodeType = readProperty(obj, 'nodeType');
    if (typeof nodeType !== 'number') return undefined;
    nodeName = readProperty(obj, 'nodeName');
  } catch {
    return undefined;
  }
  if (typeof nodeName !== 'string') return undefined;
  const name = stringToLowerCase(nodeName);
  if (nodeType !== 1) return '[node ' + markerText(name) + ']';
  let text = name;
  try {
    const id = readProperty(obj, 'id');
    if (typeof id === 'string' && id !== '') text += '#' + id;
  } catch {
    // No id.
  }
  try {
    const className = readProperty(obj, 'className');
    if (typeof className === 'string') text += classSuffix(className);
  } catch {
    // SVG elements and odd nodes: no classes.
  }
  return '[element ' + markerText(text) + ']';
}

/** `"a  b"` → `.a.b`. */
function classSuffix(className: string): string {
  let out = '';
  let inWord = false;
  for (let i = 0; i < className.length; i++) {
    const c = stringCharCodeAt(className, i);
    if (c <= 32) {
      inWord = false;
      continue;
    }
    if (!inWord) out += '.';
    inWord = true;
    out += className[i]!;
  }
  return out;
}
