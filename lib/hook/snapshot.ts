/**
 * A bounded, JSON-safe, redacted copy of a page value, made in two steps:
 * - `capture`, synchronously inside every `Lean.*` call (the config) and callback (its
 *   data), since the page may change its objects afterwards: a structural copy that runs
 *   each getter once and applies every limit, but leaves the page's strings unredacted
 *   (strings cannot change, so keeping them costs nothing), values under secret keys
 *   included;
 * - `redactCapture`, later (the recorder's flush, still in the MAIN world and before
 *   anything is serialised or dispatched): the snapshot itself, every string redacted.
 * Redaction is the costly part (regex scans, JWT claims), so the page's call pays only for
 * the copy. `snapshot` does both at once. A `Captured` is opaque: the only way out of it is
 * `redactCapture`, and it is not a `Snapshot`, so raw page data cannot be sent by mistake.
 *
 * Contract of the two together:
 * - never throws, whatever the value (cycles, throwing getters, hostile or revoked
 *   Proxies, DOM nodes, huge strings / arrays, deep nesting);
 * - reads each property at most once: a getter runs once, an object reached twice is
 *   copied once (a second path reuses the copy; a path back to an ancestor is `[circular]`);
 * - only captured intrinsics (`./intrinsics`), so a page that patched built-ins later
 *   does not change or break it;
 * - secrets: a value under a secret key (`isSecretKey`) becomes a `[redacted <key> …]`
 *   marker whatever its type (null and undefined and blank strings excepted: they hide
 *   nothing and the rules must see them), every other string goes through `redactString`;
 * - the rest becomes readable markers (`./describe`, the per-type encoders): `[circular]`,
 *   `[undefined]`, `[bigint 1]`, `[truncated: depth]`, `[truncated: nodes]`,
 *   `"…": "[truncated: +N keys]"`, `[truncated: +N items]` here, strings cut with
 *   `…[truncated N chars]`, and one marker per built-in or DOM type there.
 *
 * Objects: own enumerable string keys (class instances included), in `Object.keys`
 * order. Copied objects have a private prototype-less prototype, so assigning keys never
 * reaches a setter the page put on `Object.prototype` and `__proto__` is an ordinary key;
 * they serialise (JSON, structured clone) like plain objects. Arrays, the copies' and the
 * capture's own, have no prototype either (`newArray`): a setter on `Array.prototype[0]`
 * would otherwise receive a captured secret and keep the item out of the copy.
 */
import type { Snapshot } from '../model/types';
import { formatFunction } from '../model/markers';
import { CAPTURE_LIMITS } from '../model/capture-limits';
import { redactSecretValue, redactStringBounded } from '../privacy/redact';
import { redactedSecret } from '../privacy/redaction-markers';
import { isSecretKey } from '../privacy/secret-keys';
import {
  MapCtor,
  ObjectProto,
  freeze,
  getPrototypeOf,
  isArray,
  mapDelete,
  mapGet,
  mapSet,
  mathFloor,
  mathMin,
  newArray,
  objectCreate,
  objectKeys,
} from '../model/intrinsics';
import { type CapturedValue, FINAL, FUNCTION, RECORD, SECRET, final, node } from './captured';
import {
  describeFunction,
  describeNode,
  describeReadFailure,
  describeSpecial,
  describeSymbol,
  markerText,
  snapNumber,
} from './describe';

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

export const DEFAULT_SNAPSHOT_LIMITS: Readonly<SnapshotLimits> = freeze({ ...CAPTURE_LIMITS });

/** Key under which an object lists how many keys were left out. */
export const TRUNCATED_KEYS_KEY = '…';

type SnapshotRecord = { [key: string]: Snapshot };

const UNDEFINED = final('[undefined]');
const UNREADABLE = final('[unreadable]');
const CIRCULAR = final('[circular]');
const TRUNCATED_NODES = final('[truncated: nodes]');
const TRUNCATED_DEPTH = final('[truncated: depth]');

declare const capturedBrand: unique symbol;
/** What `capture` took of a value; `redactCapture` turns it into a `Snapshot`. */
export interface Captured {
  readonly [capturedBrand]: true;
}
interface CaptureRecord {
  value: CapturedValue;
  maxString: number;
}

/**
 * Constructor of the copied objects: their prototype is an empty, frozen, prototype-less
 * object, so `out[key] = v` never walks into `Object.prototype` (no page setters, no
 * `__proto__` accessor), while V8 keeps them as fast as `{}`.
 */
const SnapshotObject = function SnapshotObject(): void {} as unknown as new () => SnapshotRecord;
(SnapshotObject as unknown as { prototype: object }).prototype = freeze(objectCreate(null) as object);

interface Seen {
  /** The copy, or undefined while it is being made (a path back to it is a cycle). */
  out: CapturedValue | undefined;
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
  return redactCapture(capture(value, limits));
}

/** The bounded copy of `value`, not yet redacted: cheap enough for the page's call path. Never throws. */
export function capture(value: unknown, limits?: Partial<SnapshotLimits>): Captured {
  let out: CaptureRecord;
  try {
    const ctx = makeContext(limits);
    out = { value: snap(ctx, value, 0), maxString: ctx.maxString };
  } catch {
    out = { value: UNREADABLE, maxString: DEFAULT_SNAPSHOT_LIMITS.maxString };
  }
  return out as unknown as Captured;
}

/**
 * The snapshot of a capture: every page string redacted. Never throws, and never returns
 * unredacted data: if redaction fails, the whole value is `[unreadable]`.
 */
export function redactCapture(captured: Captured): Snapshot {
  try {
    const record = captured as unknown as CaptureRecord;
    return redactValue(record.value, record.maxString);
  } catch {
    return '[unreadable]';
  }
}

function redactValue(value: CapturedValue, maxString: number): Snapshot {
  if (typeof value === 'string') return redactStringBounded(value, maxString);
  if (value === null || typeof value !== 'object') return value;
  if (isArray(value)) {
    const out = newArray<Snapshot>();
    for (let i = 0; i < value.length; i++) out[i] = redactValue(value[i]!, maxString);
    return out;
  }
  switch (value.kind) {
    case FINAL:
      return value.text;
    case FUNCTION:
      return formatFunction(value.text === '' ? '' : markerText(value.text));
    case SECRET:
      return value.raw !== null ? redactSecretValue(value.text, value.raw) : redactedSecret(value.text);
    default: {
      const keys = value.keys!;
      const values = value.values!;
      const out = new SnapshotObject();
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        out[key.length < 12 ? key : redactStringBounded(key, maxString)] = redactValue(values[i]!, maxString);
      }
      return out;
    }
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

function snap(ctx: Context, value: unknown, depth: number): CapturedValue {
  ctx.nodes++;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return snapNumber(value);
    case 'boolean':
      return value;
    case 'undefined':
      return UNDEFINED;
    case 'symbol':
      return final(describeSymbol(value));
    case 'bigint':
      return final(snapBigint(ctx, value));
    case 'function':
      return describeFunction(value);
    default:
      return value === null ? null : snapObject(ctx, value as object, depth);
  }
}

function snapBigint(ctx: Context, value: bigint): string {
  const digits = '' + value;
  return '[bigint ' + (digits.length > ctx.maxString ? redactStringBounded(digits, ctx.maxString) : digits) + ']';
}

// ---- objects -------------------------------------------------------------------------------

function snapObject(ctx: Context, obj: object, depth: number): CapturedValue {
  let seen = ctx.seen;
  if (seen === null) {
    seen = new MapCtor();
    ctx.seen = seen;
  } else {
    const known = mapGet(seen, obj);
    if (known !== undefined) {
      if (known.out === undefined) return CIRCULAR;
      // The copy's own node was counted by `snap` already.
      if (ctx.nodes + known.nodes - 1 > ctx.maxNodes) return TRUNCATED_NODES;
      ctx.nodes += known.nodes - 1;
      return known.out;
    }
  }
  const entry: Seen = { out: undefined, nodes: 0 };
  mapSet(seen, obj, entry);
  const startNodes = ctx.nodes - 1;
  const out = copyObject(ctx, obj, depth);
  if (out === TRUNCATED_DEPTH) {
    // Nothing was read: a shorter path to the same object may still copy it.
    mapDelete(seen, obj);
    return out;
  }
  entry.out = out;
  entry.nodes = ctx.nodes - startNodes;
  return out;
}

function copyObject(ctx: Context, obj: object, depth: number): CapturedValue {
  let array: boolean;
  let proto: object | null;
  try {
    array = isArray(obj); // throws for a revoked Proxy
    proto = array ? null : (getPrototypeOf(obj) as object | null);
  } catch {
    return UNREADABLE;
  }
  if (!array && proto !== ObjectProto && proto !== null) {
    const special = describeSpecial(obj, proto);
    if (special !== undefined) return special;
  }
  if (!array) {
    const node = describeNode(obj);
    if (node !== undefined) return final(node);
  }
  if (depth >= ctx.maxDepth) return TRUNCATED_DEPTH;
  return array ? copyArray(ctx, obj as unknown[], depth) : copyRecord(ctx, obj, depth);
}

function copyArray(ctx: Context, arr: unknown[], depth: number): CapturedValue {
  let length: unknown;
  try {
    length = arr.length;
  } catch {
    return UNREADABLE;
  }
  const total = typeof length === 'number' && length > 0 ? mathFloor(length) : 0;
  const max = mathMin(total, ctx.maxItems);
  const out = newArray<CapturedValue>();
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
  if (i < total) out[i] = final('[truncated: +' + (total - i) + ' items]');
  return out;
}

/**
 * Keys are kept as they are here (`redactCapture` redacts the long ones), in the array
 * `Object.keys` gave us: cut to the keys copied, plus `…` when some were left out.
 */
function copyRecord(ctx: Context, obj: object, depth: number): CapturedValue {
  let keys: string[];
  try {
    keys = objectKeys(obj);
  } catch {
    return UNREADABLE;
  }
  const values = newArray<CapturedValue>();
  const total = keys.length;
  let i = 0;
  for (; i < total && i < ctx.maxKeys && ctx.nodes < ctx.maxNodes; i++) {
    const key = keys[i]!;
    let value: unknown;
    try {
      value = (obj as Record<string, unknown>)[key];
    } catch (error) {
      ctx.nodes++;
      values[i] = final(describeReadFailure(obj, key, error));
      continue;
    }
    if (isSecretKey(key)) {
      ctx.nodes++;
      values[i] = captureSecret(key, value);
      continue;
    }
    values[i] = snap(ctx, value, depth + 1);
  }
  if (i < total) {
    // Index i exists: assigning it and then the length never reaches an inherited setter.
    keys[i] = TRUNCATED_KEYS_KEY;
    keys.length = i + 1;
    values[i] = final('[truncated: +' + (total - i) + ' keys]');
  }
  return node(RECORD, '', null, keys, values);
}

/** A value under a secret key: a string is kept for its marker (its last 4, JWT claims); other values are not read into. */
function captureSecret(key: string, value: unknown): CapturedValue {
  if (typeof value === 'string') return node(SECRET, key, value, null, null);
  if (value === null) return null;
  if (value === undefined) return UNDEFINED;
  return node(SECRET, key, null, null, null);
}
