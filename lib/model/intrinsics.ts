/**
 * The language and platform built-ins the MAIN-world hook uses, captured when this module
 * is evaluated: at document_start, before any page script can replace them.
 *
 * Hook code calls built-ins only through these references, with plain `for` loops instead
 * of array methods, so a page that later replaces `JSON.stringify`, `Array.prototype.map`,
 * `Object.keys`, `String.prototype.slice`, `RegExp.prototype.exec`… changes nothing for us.
 * Methods are "uncurried" (`stringSlice(s, 0, 4)` instead of `s.slice(0, 4)`): a bound
 * `Function.prototype.call` keeps pointing at the original even if the page replaces it.
 *
 * Things this does NOT make safe, by design of the language: `String.prototype.replace`,
 * `split`, `match` and friends with a RegExp look up `exec` / `@@split` on the way, so they
 * are not exported; use `regexExec` (RegExpBuiltinExec on our own private regexes) and
 * `stringSplit` (indexOf/slice) instead. `promiseThen` still consults the promise's
 * `constructor` for the derived promise (a species lookup).
 *
 * Browser-only globals are read behind `typeof` guards so the module also loads in Node.
 * No imports: the hook and the redaction (`lib/privacy`), which both run in the page, import it.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---- Reflect / Function -------------------------------------------------------------

export const apply = Reflect.apply;
export const construct = Reflect.construct;
export const reflectGet = Reflect.get;
/** Defines instead of assigning (no setter runs) and answers false instead of throwing. */
export const reflectDefineProperty = Reflect.defineProperty;

const FunctionCall = Function.prototype.call;
const FunctionBind = Function.prototype.bind;
const FunctionToString = Function.prototype.toString;

/** `method` as a plain function taking its receiver first; immune to later patching. */
export function uncurryThis<T, A extends any[], R>(method: (this: T, ...args: A) => R): (self: T, ...args: A) => R {
  return apply(FunctionBind, FunctionCall, [method]) as (self: T, ...args: A) => R;
}

// ---- Object -------------------------------------------------------------------------

export const ObjectProto = Object.prototype;
export const FunctionProto = Function.prototype;
export const objectKeys = Object.keys;
export const objectCreate = Object.create;
export const defineProperty = Object.defineProperty;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const getOwnPropertyNames = Object.getOwnPropertyNames;
export const getPrototypeOf = Object.getPrototypeOf;
export const setPrototypeOf = Object.setPrototypeOf;
export const freeze = Object.freeze;
export const isFrozen = Object.isFrozen;

/**
 * A property descriptor without a prototype: a page that put `get`, `set`, `value` or
 * `enumerable` on Object.prototype can neither turn it into a different (or invalid)
 * descriptor nor have its getter called (and see our stack) while it is read.
 */
export function descriptor(fields: PropertyDescriptor): PropertyDescriptor {
  const clean = { __proto__: null } as unknown as PropertyDescriptor;
  if (hasOwn(fields, 'value')) clean.value = fields.value;
  if (hasOwn(fields, 'writable')) clean.writable = fields.writable;
  if (hasOwn(fields, 'get')) clean.get = fields.get;
  if (hasOwn(fields, 'set')) clean.set = fields.set;
  if (hasOwn(fields, 'enumerable')) clean.enumerable = fields.enumerable;
  if (hasOwn(fields, 'configurable')) clean.configurable = fields.configurable;
  return clean;
}

/**
 * An empty array without a prototype, for every array the hook fills: `a[a.length] = x`
 * on an ordinary array reaches a setter the page put on `Array.prototype[n]` (which would
 * receive our values: unredacted captures, stack lines, JWT bytes, and keep them from the
 * array), and serialising it never finds a `toJSON`.
 */
export function newArray<T>(): T[] {
  return setPrototypeOf([], null) as T[];
}
export const hasOwn: (object: unknown, key: PropertyKey) => boolean = uncurryThis(
  Object.prototype.hasOwnProperty as (this: unknown, key: PropertyKey) => boolean,
);
/** `Object.prototype.toString`; note that it still reads `Symbol.toStringTag`. */
export const objectToString: (value: unknown) => string = uncurryThis(
  Object.prototype.toString as (this: unknown) => string,
);

// ---- Array / JSON / Math / Number -----------------------------------------------------

export const isArray = Array.isArray;
export const arrayOf = Array.of;
export const jsonStringify = JSON.stringify;
export const jsonParse = JSON.parse;
export const mathFloor = Math.floor;
export const mathRound = Math.round;
export const mathMin = Math.min;
export const mathMax = Math.max;
export const mathAbs = Math.abs;
export const numberIsFinite = Number.isFinite;
export const numberIsNaN = Number.isNaN;
export const StringCtor = String;
export const fromCharCode = String.fromCharCode;

// ---- String ---------------------------------------------------------------------------

export const stringSlice: (s: string, start?: number, end?: number) => string = uncurryThis(String.prototype.slice);
export const stringIndexOf: (s: string, search: string, position?: number) => number = uncurryThis(
  String.prototype.indexOf,
);
export const stringLastIndexOf: (s: string, search: string, position?: number) => number = uncurryThis(
  String.prototype.lastIndexOf,
);
export const stringCharCodeAt: (s: string, index: number) => number = uncurryThis(String.prototype.charCodeAt);
export const stringToLowerCase: (s: string) => string = uncurryThis(String.prototype.toLowerCase);

/**
 * `s.split(separator)` for a string separator, without `String.prototype.split` (which
 * looks up `Symbol.split` on the separator, i.e. on the page-reachable `String.prototype`).
 */
export function stringSplit(s: string, separator: string): string[] {
  const parts = newArray<string>();
  if (separator === '') {
    for (let i = 0; i < s.length; i++) parts[parts.length] = s[i]!;
    return parts;
  }
  let start = 0;
  for (;;) {
    const at = stringIndexOf(s, separator, start);
    if (at === -1) break;
    parts[parts.length] = stringSlice(s, start, at);
    start = at + separator.length;
  }
  parts[parts.length] = stringSlice(s, start);
  return parts;
}

// ---- RegExp ---------------------------------------------------------------------------

const RegExpExec = RegExp.prototype.exec;

/**
 * `re.exec(s)` through the original `RegExp.prototype.exec`. Safe on the hook's own,
 * module-private regexes (the page cannot reach their `lastIndex`).
 */
export function regexExec(re: RegExp, s: string): RegExpExecArray | null {
  return apply(RegExpExec, re, [s]) as RegExpExecArray | null;
}

/** `RegExp.prototype.source` / `flags` getters, for describing a page's RegExp. */
export const regExpSource = uncurryThis(getterOf(RegExp.prototype, 'source') as (this: RegExp) => string);
export const regExpFlags = uncurryThis(getterOf(RegExp.prototype, 'flags') as (this: RegExp) => string);
export const RegExpProto = RegExp.prototype;

// ---- Error ----------------------------------------------------------------------------

export const ErrorCtor = Error;
export const ErrorProto = Error.prototype;

/**
 * A human-readable message for anything thrown: the `message` of an Error (its name when
 * the message is empty), the text of a thrown primitive. Never throws, and calls page code
 * at most once per property it reads. Neither redacted nor cut: cutting first could keep a
 * JWT's header and claims out of the redactor's sight, so callers pass the whole text to
 * `redactStringBounded`, which redacts and then cuts.
 */
export function errorMessage(error: unknown): string {
  try {
    return describeThrown(error);
  } catch {
    return 'unknown error';
  }
}

function describeThrown(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error === null || (typeof error !== 'object' && typeof error !== 'function')) {
    return typeof error === 'symbol' ? StringCtor(error) : '' + (error as number | boolean | bigint | undefined);
  }
  const message = readProperty(error, 'message');
  if (typeof message === 'string' && message !== '') return message;
  const name = readProperty(error, 'name');
  if (typeof name === 'string' && name !== '') return name;
  return 'unknown error';
}

/**
 * Reads `object[key]` by walking the prototype chain with descriptors: a data value is
 * returned as is, a getter is called once (with `object` as `this`). Throws what the page
 * throws; callers catch. Stops after 32 prototypes.
 */
export function readProperty(object: object, key: string): unknown {
  let target: object | null = object;
  for (let hops = 0; target !== null && hops < 32; hops++) {
    const desc = getOwnPropertyDescriptor(target, key);
    if (desc !== undefined) {
      if (hasOwn(desc, 'value')) return desc.value;
      const get = desc.get;
      return get === undefined ? undefined : apply(get, object, []);
    }
    target = getPrototypeOf(target) as object | null;
  }
  return undefined;
}

// ---- WeakMap / Map ------------------------------------------------------------------------

export const WeakMapCtor = WeakMap;
export const weakMapGet: <K extends object, V>(map: WeakMap<K, V>, key: K) => V | undefined = uncurryThis(
  WeakMap.prototype.get,
) as any;
export const weakMapSet: <K extends object, V>(map: WeakMap<K, V>, key: K, value: V) => WeakMap<K, V> = uncurryThis(
  WeakMap.prototype.set,
) as any;
export const MapCtor = Map;
export const mapGet: <K, V>(map: Map<K, V>, key: K) => V | undefined = uncurryThis(Map.prototype.get) as any;
export const mapSet: <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V> = uncurryThis(Map.prototype.set) as any;
export const mapDelete: <K>(map: Map<K, unknown>, key: K) => boolean = uncurryThis(Map.prototype.delete) as any;
/** Brand-checking `size` getters: they throw for anything that is not a real Map / Set. */
export const mapSize = uncurryThis(getterOf(Map.prototype, 'size') as (this: Map<unknown, unknown>) => number);
export const setSize = uncurryThis(getterOf(Set.prototype, 'size') as (this: Set<unknown>) => number);
export const MapProto = Map.prototype;
export const SetProto = Set.prototype;
export const WeakMapProto = WeakMap.prototype;
export const WeakSetProto = WeakSet.prototype;

// ---- Date / time --------------------------------------------------------------------------

export const DateCtor = Date;
export const DateProto = Date.prototype;
export const dateNow = Date.now;
/** Throws for anything that is not a real Date (a brand check). */
export const dateGetTime = uncurryThis(Date.prototype.getTime);
export const dateToISOString = uncurryThis(Date.prototype.toISOString);

const perf: { now(): number } | undefined =
  typeof performance === 'object' && performance !== null && typeof performance.now === 'function'
    ? performance
    : undefined;
const perfNowFn: (() => number) | undefined = perf ? perf.now : undefined;

/** `performance.now()` when the platform has it, else undefined. */
export const performanceNow: (() => number) | undefined =
  perf && perfNowFn ? (): number => apply(perfNowFn, perf, []) as number : undefined;

/** A monotonic clock in milliseconds for durations (`performance.now`, else `Date.now`). */
export const now: () => number = performanceNow ?? dateNow;

/** Rounds to one decimal place (durations in the session file). */
export function round1(value: number): number {
  return mathRound(value * 10) / 10;
}

// ---- Symbols, BigInt, typed arrays, buffers, promises, boxed primitives ----------------------

export const symbolDescription = uncurryThis(
  getterOf(Symbol.prototype, 'description') as (this: symbol) => string | undefined,
);
export const PromiseProto = Promise.prototype;

const TypedArrayProto = getPrototypeOf(Uint8Array.prototype) as object;
/** `%TypedArray%.prototype[Symbol.toStringTag]`: the constructor name, or undefined (never throws). */
export const typedArrayName = uncurryThis(
  getterOf(TypedArrayProto, Symbol.toStringTag) as (this: unknown) => string | undefined,
);
/** `%TypedArray%.prototype.length` getter (throws for non typed arrays). */
export const typedArrayLength = uncurryThis(getterOf(TypedArrayProto, 'length') as (this: unknown) => number);
export const arrayBufferByteLength = uncurryThis(
  getterOf(ArrayBuffer.prototype, 'byteLength') as (this: unknown) => number,
);
export const dataViewByteLength = uncurryThis(getterOf(DataView.prototype, 'byteLength') as (this: unknown) => number);
export const ArrayBufferProto = ArrayBuffer.prototype;
export const DataViewProto = DataView.prototype;
export const StringProto = String.prototype;
export const NumberProto = Number.prototype;
export const BooleanProto = Boolean.prototype;
/** Brand-checking `valueOf`s of the boxed primitives (`new String('x')`). */
export const stringValueOf = uncurryThis(String.prototype.valueOf as (this: unknown) => string);
export const numberValueOf = uncurryThis(Number.prototype.valueOf as (this: unknown) => number);
export const booleanValueOf = uncurryThis(Boolean.prototype.valueOf as (this: unknown) => boolean);

export const ProxyCtor = Proxy;

// ---- Timers and events (browser-only ones guarded) --------------------------------------------

export const setTimeoutFn: ((callback: () => void, ms?: number) => unknown) | undefined =
  typeof setTimeout === 'function' ? (setTimeout as unknown as (callback: () => void, ms?: number) => unknown) : undefined;

export const CustomEventCtor: typeof CustomEvent | undefined =
  typeof CustomEvent === 'function' ? CustomEvent : undefined;
/** `event.detail` through the original getter (the private channel reads it); undefined outside browsers. */
export const customEventDetail: ((event: Event) => unknown) | undefined =
  typeof CustomEvent === 'function' ? uncurryThis(getterOf(CustomEvent.prototype, 'detail')) : undefined;
const dispatchEventMethod: ((this: EventTarget, event: Event) => boolean) | undefined =
  typeof EventTarget === 'function' ? EventTarget.prototype.dispatchEvent : undefined;
/** `target.dispatchEvent(event)` through the original method; undefined outside browsers. */
export const dispatchEvent: ((target: EventTarget, event: Event) => boolean) | undefined = dispatchEventMethod
  ? uncurryThis(dispatchEventMethod)
  : undefined;
export const atobFn: ((data: string) => string) | undefined = typeof atob === 'function' ? atob : undefined;

// ---- helpers ----------------------------------------------------------------------------------

const NATIVE_SOURCE = /\{\s*\[native code\]\s*\}\s*$/;

/**
 * Whether `fn` is the platform's (its source reads `[native code]`), from any realm:
 * `EventTarget`, `Map`, an iframe's `Object`. Bound functions read the same; false for
 * anything that is not a function.
 */
export function isNativeFunction(fn: unknown): boolean {
  if (typeof fn !== 'function') return false;
  try {
    return regexExec(NATIVE_SOURCE, apply(FunctionToString, fn, []) as string) !== null;
  } catch {
    return false;
  }
}

function getterOf(object: object, key: PropertyKey): (this: any) => unknown {
  const desc = getOwnPropertyDescriptor(object, key);
  const get = desc?.get;
  if (typeof get !== 'function') {
    // Every engine the extension supports has these; fail loudly in development if not.
    throw new ErrorCtor('intrinsics: no getter for ' + StringCtor(key));
  }
  return get;
}

const addEventListenerMethod: EventTarget['addEventListener'] | undefined =
  typeof EventTarget === 'function' ? EventTarget.prototype.addEventListener : undefined;
/** `target.addEventListener(type, listener, capture)` through the original method. */
export const addEventListener:
  | ((target: EventTarget, type: string, listener: () => void, capture: boolean) => void)
  | undefined = addEventListenerMethod ? (uncurryThis(addEventListenerMethod) as any) : undefined;

// ---- Added for the global trap's checkpoints and the hook's lifecycle --------------------------

const removeEventListenerMethod: EventTarget['removeEventListener'] | undefined =
  typeof EventTarget === 'function' ? EventTarget.prototype.removeEventListener : undefined;
/** `target.removeEventListener(type, listener, capture)` through the original method. */
export const removeEventListener:
  | ((target: EventTarget, type: string, listener: () => void, capture: boolean) => void)
  | undefined = removeEventListenerMethod ? (uncurryThis(removeEventListenerMethod) as any) : undefined;

/** `MutationObserver` and its methods, captured (undefined outside browsers). */
export const MutationObserverCtor: typeof MutationObserver | undefined =
  typeof MutationObserver === 'function' ? MutationObserver : undefined;
export const mutationObserverObserve: ((observer: MutationObserver, target: Node, options: MutationObserverInit) => void) | undefined =
  MutationObserverCtor ? (uncurryThis(MutationObserverCtor.prototype.observe) as any) : undefined;
export const mutationObserverDisconnect: ((observer: MutationObserver) => void) | undefined = MutationObserverCtor
  ? (uncurryThis(MutationObserverCtor.prototype.disconnect) as any)
  : undefined;
/** `Reflect.set`, for Proxy `set` traps that run setters on the real object. */
export const reflectSet = Reflect.set;
