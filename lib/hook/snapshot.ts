/**
 * A bounded, JSON-safe, redacted copy of a page value, taken synchronously inside every
 * `Lean.*` call (the config) and callback (its data).
 *
 * Contract:
 * - never throws, whatever the value (cycles, throwing getters, hostile or revoked
 *   Proxies, DOM nodes, huge strings / arrays, deep nesting);
 * - reads each property at most once: a getter runs once, an object reached twice is
 *   copied once (a second path reuses the copy; a path back to an ancestor is `[circular]`);
 * - only captured intrinsics (`./intrinsics`), so a page that patched built-ins later
 *   does not change or break it;
 * - secrets: a value under a secret key (`isSecretKey`) becomes a `[redacted <key> …]`
 *   marker whatever its type (null and undefined and blank strings excepted: they hide
 *   nothing and the rules must see them), every other string goes through `redactString`;
 * - the rest becomes readable markers: `[function name]`, `[circular]`, `[undefined]`,
 *   `[symbol desc]`, `[bigint 1]`, `[date ISO]` / `[date invalid]`, `[number NaN]`,
 *   `[element div#id.cls]` / `[node #text]`, `[window]`, `[error Name: message]`,
 *   `[map size=n]`, `[set size=n]`, `[weakmap]`, `[weakset]`, `[regexp /src/flags]`,
 *   `[typed Uint8Array length=n]`, `[promise]`, `[getter threw: message]`, `[unreadable]`,
 *   `[truncated: depth]`, `[truncated: nodes]`, `"…": "[truncated: +N keys]"`,
 *   `[truncated: +N items]`, and strings cut with `…[truncated N chars]`.
 *
 * Objects: own enumerable string keys (class instances included), in `Object.keys`
 * order. Copied objects have a private prototype-less prototype, so assigning keys never
 * reaches a setter the page put on `Object.prototype` and `__proto__` is an ordinary key;
 * they serialise (JSON, structured clone) like plain objects.
 */
import type { Snapshot } from '../session/types';
import { formatFunction, formatRedaction } from '../session/markers';
import { isSecretKey, redactSecretValue, redactStringBounded, secretLabel } from './redact';
import {
  ArrayBufferProto,
  BooleanProto,
  DataViewProto,
  DateProto,
  ErrorProto,
  MapCtor,
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
  freeze,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  hasOwn,
  isArray,
  mapDelete,
  mapGet,
  mapSet,
  mapSize,
  mathFloor,
  mathMin,
  numberIsNaN,
  numberValueOf,
  objectCreate,
  objectKeys,
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
} from './intrinsics';

export interface SnapshotLimits {
  /** Containers nested deeper than this become `[truncated: depth]` (the value itself is depth 0). */
  maxDepth: number;
  /** Keys copied per object; the rest are counted in `"…": "[truncated: +N keys]"`. */
  maxKeys: number;
  /** Items copied per array; the rest are counted in a last `[truncated: +N items]`. */
  maxItems: number;
  /** Characters kept per string (after redaction). */
  maxString: number;
  /** Values copied per snapshot, all levels together. */
  maxNodes: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: Readonly<SnapshotLimits> = freeze({
  maxDepth: 8,
  maxKeys: 100,
  maxItems: 100,
  maxString: 2000,
  maxNodes: 2000,
});

/** Key under which an object lists how many keys were left out. */
export const TRUNCATED_KEYS_KEY = '…';

const DEPTH_MARKER = '[truncated: depth]';

/** Longest text taken into a marker (error messages, names, descriptions). */
const MAX_MARKER_TEXT = 200;

type SnapshotRecord = { [key: string]: Snapshot };

/**
 * Constructor of the copied objects: their prototype is an empty, frozen, prototype-less
 * object, so `out[key] = v` never walks into `Object.prototype` (no page setters, no
 * `__proto__` accessor), while V8 keeps them as fast as `{}`.
 */
const SnapshotObject = function SnapshotObject(): void {} as unknown as new () => SnapshotRecord;
(SnapshotObject as unknown as { prototype: object }).prototype = freeze(objectCreate(null) as object);

interface Seen {
  /** The copy, or undefined while it is being made (a path back to it is a cycle). */
  out: Snapshot | undefined;
  /** Nodes the copy took, charged again when a second path reuses it. */
  nodes: number;
}

interface Context {
  maxDepth: number;
  maxKeys: number;
  maxItems: number;
  maxString: number;
  maxNodes: number;
  nodes: number;
  seen: Map<object, Seen> | null;
}

/** A bounded, JSON-safe, redacted copy of `value`. Never throws. */
export function snapshot(value: unknown, limits?: Partial<SnapshotLimits>): Snapshot {
  try {
    const ctx = makeContext(limits);
    return snap(ctx, value, 0);
  } catch {
    return '[unreadable]';
  }
}

function makeContext(limits: Partial<SnapshotLimits> | undefined): Context {
  const d = DEFAULT_SNAPSHOT_LIMITS;
  if (limits === undefined || limits === null) {
    return {
      maxDepth: d.maxDepth,
      maxKeys: d.maxKeys,
      maxItems: d.maxItems,
      maxString: d.maxString,
      maxNodes: d.maxNodes,
      nodes: 0,
      seen: null,
    };
  }
  return {
    maxDepth: limit(limits.maxDepth, d.maxDepth),
    maxKeys: limit(limits.maxKeys, d.maxKeys),
    maxItems: limit(limits.maxItems, d.maxItems),
    maxString: limit(limits.maxString, d.maxString),
    maxNodes: limit(limits.maxNodes, d.maxNodes),
    nodes: 0,
    seen: null,
  };
}

function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? mathFloor(value) : fallback;
}

// ---- values ------------------------------------------------------------------------------

function snap(ctx: Context, value: unknown, depth: number): Snapshot {
  ctx.nodes++;
  switch (typeof value) {
    case 'string':
      return redactStringBounded(value, ctx.maxString);
    case 'number':
      return snapNumber(value);
    case 'boolean':
      return value;
    case 'undefined':
      return '[undefined]';
    case 'symbol':
      return describeSymbol(value);
    case 'bigint':
      return snapBigint(ctx, value);
    case 'function':
      return describeFunction(value);
    default:
      return value === null ? null : snapObject(ctx, value as object, depth);
  }
}

function snapNumber(value: number): Snapshot {
  if (numberIsNaN(value)) return '[number NaN]';
  if (value === Infinity) return '[number Infinity]';
  if (value === -Infinity) return '[number -Infinity]';
  return value === 0 ? 0 : value; // -0 is 0 in JSON
}

function snapBigint(ctx: Context, value: bigint): string {
  const digits = '' + value;
  return '[bigint ' + (digits.length > ctx.maxString ? redactStringBounded(digits, ctx.maxString) : digits) + ']';
}

function describeSymbol(value: symbol): string {
  let description: string | undefined;
  try {
    description = symbolDescription(value);
  } catch {
    description = undefined;
  }
  return description ? '[symbol ' + markerText(description) + ']' : '[symbol]';
}

function describeFunction(fn: unknown): string {
  let name = '';
  try {
    const desc = getOwnPropertyDescriptor(fn, 'name');
    if (desc !== undefined && hasOwn(desc, 'value') && typeof desc.value === 'string') name = desc.value;
  } catch {
    // A Proxy whose trap throws: still a function.
  }
  return formatFunction(name === '' ? '' : markerText(name));
}

/** Page text put into a marker: redacted, one line, at most 200 characters. */
function markerText(text: string): string {
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


// ---- objects -------------------------------------------------------------------------------

function snapObject(ctx: Context, obj: object, depth: number): Snapshot {
  let seen = ctx.seen;
  if (seen === null) {
    seen = new MapCtor();
    ctx.seen = seen;
  } else {
    const known = mapGet(seen, obj);
    if (known !== undefined) {
      if (known.out === undefined) return '[circular]';
      // The copy's own node was counted by `snap` already.
      if (ctx.nodes + known.nodes - 1 > ctx.maxNodes) return '[truncated: nodes]';
      ctx.nodes += known.nodes - 1;
      return known.out;
    }
  }
  const entry: Seen = { out: undefined, nodes: 0 };
  mapSet(seen, obj, entry);
  const startNodes = ctx.nodes - 1;
  const out = copyObject(ctx, obj, depth);
  if (out === DEPTH_MARKER) {
    // Nothing was read: a shorter path to the same object may still copy it.
    mapDelete(seen, obj);
    return out;
  }
  entry.out = out;
  entry.nodes = ctx.nodes - startNodes;
  return out;
}

function copyObject(ctx: Context, obj: object, depth: number): Snapshot {
  let array: boolean;
  let proto: object | null;
  try {
    array = isArray(obj); // throws for a revoked Proxy
    proto = array ? null : (getPrototypeOf(obj) as object | null);
  } catch {
    return '[unreadable]';
  }
  if (!array && proto !== ObjectProto && proto !== null) {
    const special = describeSpecial(ctx, obj, proto);
    if (special !== undefined) return special;
  }
  if (!array) {
    const node = describeNode(obj);
    if (node !== undefined) return node;
  }
  if (depth >= ctx.maxDepth) return DEPTH_MARKER;
  return array ? copyArray(ctx, obj as unknown[], depth) : copyRecord(ctx, obj, depth);
}

function copyArray(ctx: Context, arr: unknown[], depth: number): Snapshot {
  let length: unknown;
  try {
    length = arr.length;
  } catch {
    return '[unreadable]';
  }
  const total = typeof length === 'number' && length > 0 ? mathFloor(length) : 0;
  const max = mathMin(total, ctx.maxItems);
  const out: Snapshot[] = [];
  let i = 0;
  for (; i < max && ctx.nodes < ctx.maxNodes; i++) {
    let item: unknown;
    try {
      item = arr[i];
    } catch (error) {
      ctx.nodes++;
      out[i] = describeReadFailure(arr, i, error);
      continue;
    }
    out[i] = snap(ctx, item, depth + 1);
  }
  if (i < total) out[i] = '[truncated: +' + (total - i) + ' items]';
  return out;
}

function copyRecord(ctx: Context, obj: object, depth: number): Snapshot {
  let keys: string[];
  try {
    keys = objectKeys(obj);
  } catch {
    return '[unreadable]';
  }
  const out = new SnapshotObject();
  const total = keys.length;
  let i = 0;
  for (; i < total && i < ctx.maxKeys && ctx.nodes < ctx.maxNodes; i++) {
    const key = keys[i]!;
    const outKey = key.length < 12 ? key : redactStringBounded(key, ctx.maxString);
    let value: unknown;
    try {
      value = (obj as Record<string, unknown>)[key];
    } catch (error) {
      ctx.nodes++;
      out[outKey] = describeReadFailure(obj, key, error);
      continue;
    }
    if (isSecretKey(key)) {
      ctx.nodes++;
      out[outKey] = redactSecret(key, value);
      continue;
    }
    out[outKey] = snap(ctx, value, depth + 1);
  }
  if (i < total) out[TRUNCATED_KEYS_KEY] = '[truncated: +' + (total - i) + ' keys]';
  return out;
}

/** A read threw: a getter (`[getter threw: …]`) or a Proxy trap (`[unreadable]`). */
function describeReadFailure(obj: object, key: string | number, error: unknown): string {
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

function redactSecret(key: string, value: unknown): Snapshot {
  if (typeof value === 'string') return redactSecretValue(key, value);
  if (value === null) return null;
  if (value === undefined) return '[undefined]';
  return formatRedaction({ label: secretLabel(key), jwt: false });
}

// ---- built-in objects -------------------------------------------------------------------------

/**
 * Markers for the language's own objects, recognised by prototype (subclasses included)
 * and confirmed by a brand check, so `Object.create(Date.prototype)` stays a plain
 * object. Objects from another realm (an iframe) fall back to their `toString` tag.
 * Undefined: copy it as an ordinary object.
 */
function describeSpecial(ctx: Context, obj: object, proto: object): Snapshot | undefined {
  const typedName = typedArrayName(obj); // never throws; undefined unless a typed array
  if (typedName !== undefined) {
    try {
      return '[typed ' + typedName + ' length=' + typedArrayLength(obj) + ']';
    } catch {
      return '[typed ' + typedName + ']';
    }
  }
  let p: object | null = proto;
  for (let hops = 0; p !== null && hops < 64; hops++) {
    if (p === ObjectProto) return describeWindow(obj);
    const marker = describeByProto(ctx, obj, p);
    if (marker !== undefined) return marker;
    try {
      p = getPrototypeOf(p) as object | null;
    } catch {
      return undefined;
    }
  }
  // Not from this realm (or a prototype chain without Object.prototype).
  return describeForeign(ctx, obj);
}

function describeByProto(ctx: Context, obj: object, proto: object): Snapshot | undefined {
  try {
    if (proto === DateProto) return describeDate(obj);
    if (proto === ErrorProto) return describeError(obj);
    if (proto === MapProto) return '[map size=' + mapSize(obj as Map<unknown, unknown>) + ']';
    if (proto === SetProto) return '[set size=' + setSize(obj as Set<unknown>) + ']';
    if (proto === PromiseProto) return '[promise]';
    if (proto === WeakMapProto) return '[weakmap]';
    if (proto === WeakSetProto) return '[weakset]';
    if (proto === RegExpProto) return describeRegExp(obj);
    if (proto === ArrayBufferProto) return '[typed ArrayBuffer length=' + arrayBufferByteLength(obj) + ']';
    if (proto === DataViewProto) return '[typed DataView length=' + dataViewByteLength(obj) + ']';
    if (proto === StringProto) return redactStringBounded(stringValueOf(obj), ctx.maxString);
    if (proto === NumberProto) return snapNumber(numberValueOf(obj));
    if (proto === BooleanProto) return booleanValueOf(obj);
  } catch {
    // Failed brand check: an ordinary object built on that prototype.
  }
  return undefined;
}

function describeForeign(ctx: Context, obj: object): Snapshot | undefined {
  let tag: string;
  try {
    tag = objectToString(obj);
  } catch {
    return undefined;
  }
  try {
    switch (tag) {
      case '[object Date]':
        return describeDate(obj);
      case '[object Error]':
        return describeError(obj);
      case '[object Map]':
        return '[map size=' + mapSize(obj as Map<unknown, unknown>) + ']';
      case '[object Set]':
        return '[set size=' + setSize(obj as Set<unknown>) + ']';
      case '[object Promise]':
        return '[promise]';
      case '[object RegExp]':
        return describeRegExp(obj);
      case '[object String]':
        return redactStringBounded(stringValueOf(obj), ctx.maxString);
      case '[object Number]':
        return snapNumber(numberValueOf(obj));
      case '[object Boolean]':
        return booleanValueOf(obj);
      case '[object Window]':
      case '[object global]':
        return describeWindow(obj);
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
function describeWindow(obj: object): Snapshot | undefined {
  try {
    if (!('window' in obj)) return undefined;
    return readProperty(obj, 'window') === obj ? '[window]' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A DOM node, duck-typed (numeric `nodeType`, string `nodeName`) so it needs no DOM:
 * `[element div#id.cls]` for elements, `[node #text]` for the other kinds.
 */
function describeNode(obj: object): string | undefined {
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
