/**
 * Makes a `Lean` object observable without changing what the page sees it do.
 *
 * The page gets a Proxy of its own object whose functions are wrappers: every function
 * reachable on it (own or inherited, known or not) records the call and then runs the
 * original with the page's `this` (the real object when called on the proxy, so class
 * instances with private state keep working), the same arguments, return value, thrown
 * error and timing; getters and setters run on the real object too. A wrapper looks like
 * what it wraps: same name and length, and a method stays a method (no `prototype`, not a
 * constructor). A frozen object whose own methods a Proxy may not replace is exposed as a
 * frozen copy instead; a method frozen later is reported as not hookable.
 *
 * The config's `callback` is observed through a view of the config (one per config object,
 * so the SDK sees the same object when the page passes the same config twice) that wraps
 * the callback when the SDK reads it. Known limit: the SDK holds the view, not the page's
 * object, so an SDK that handed the config back would hand back the view.
 */
import type { CallHandle, Recorder } from './recorder';
import { type CallOverride, onSdkCallback, onTimer, type OverrideTable } from './override';
import {
  apply,
  arrayOf,
  construct,
  descriptor,
  freeze,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getPrototypeOf,
  hasOwn,
  isFrozen,
  isNativeFunction,
  newArray,
  objectCreate,
  ObjectProto,
  FunctionProto,
  ProxyCtor,
  reflectDefineProperty,
  reflectGet,
  reflectSet,
  setPrototypeOf,
  errorMessage,
  WeakMapCtor,
  weakMapGet,
  weakMapSet,
  readProperty,
} from '../model/intrinsics';

export interface Instrumenter {
  /** What the page should see instead of `raw`: itself when it is not an object. */
  expose(raw: unknown): unknown;
  /** Wraps the functions of `raw` on `raw` itself, for when the page owns the global. */
  instrumentInPlace(raw: object): boolean;
  /** Replaces the overrides (undefined: none, the usual path) for the calls from now on. */
  useOverrides(next: InstrumenterOverrides | undefined): void;
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Outcome overrides (`./override`), when whoever started the hook set any. */
export interface InstrumenterOverrides {
  table: OverrideTable;
  /** Runs `fn` after `ms` (a delayed or immediate override's delivery). */
  setTimer(fn: () => void, ms: number): void;
}

export function createInstrumenter(recorder: Recorder, initialOverrides?: InstrumenterOverrides): Instrumenter {
  let overrides = initialOverrides;
  /** Overridden calls (only they have an entry). */
  const planOf: WeakMap<CallHandle, CallOverride> = new WeakMapCtor();
  /** exposed → raw, so wrappers can hand the SDK its own object as `this`. */
  const rawOf: WeakMap<object, object> = new WeakMapCtor();
  /** raw → exposed, so the page always gets the same object back. */
  const exposedOf: WeakMap<object, object> = new WeakMapCtor();
  /** original function → method name → wrapper (aliases record their own name). */
  const wrappersOf: WeakMap<AnyFunction, Record<string, AnyFunction>> = new WeakMapCtor();
  const wrapperSet: WeakMap<AnyFunction, true> = new WeakMapCtor();

  /**
   * A wrapper for a method on a prototype the SDK's object inherits from (in place only):
   * it records calls made on `receiver` alone, other objects sharing the prototype call
   * the original unrecorded.
   */
  function receiverWrapperFor(fn: AnyFunction, name: string, receiver: object): AnyFunction {
    if (weakMapGet(wrapperSet, fn)) return fn;
    const wrapper = makeWrapper(fn, name, receiver);
    weakMapSet(wrapperSet, wrapper, true);
    return wrapper;
  }

  function wrapperFor(fn: AnyFunction, name: string): AnyFunction {
    if (weakMapGet(wrapperSet, fn)) return fn;
    let byName = weakMapGet(wrappersOf, fn);
    if (!byName) {
      byName = objectCreate(null) as Record<string, AnyFunction>;
      weakMapSet(wrappersOf, fn, byName);
    }
    const existing = byName[name];
    if (existing) return existing;
    const wrapper = makeWrapper(fn, name);
    byName[name] = wrapper;
    weakMapSet(wrapperSet, wrapper, true);
    return wrapper;
  }

  function makeWrapper(fn: AnyFunction, name: string, receiver?: object): AnyFunction {
    /** The call itself, shared by both wrapper shapes below. */
    const invoke = (self: unknown, args: unknown[]): unknown => {
      if (receiver !== undefined && self !== receiver) return apply(fn, self, args);
      const target = (self !== null && (typeof self === 'object' || typeof self === 'function') && weakMapGet(rawOf, self)) || self;
      let handle: CallHandle | null = null;
      let callArgs = args;
      try {
        handle = recorder.call(name, args[0]);
        if (handle) {
          callArgs = withObservedCallback(args, handle);
          // One comparison per call when no override is set.
          if (overrides !== undefined && overrides.table.count > 0) planOverride(overrides, name, args[0], handle);
        }
      } catch {
        // Our failure never reaches the page: the call proceeds untouched.
      }
      if (!handle) return apply(fn, target, callArgs);
      try {
        return apply(fn, target, callArgs);
      } catch (error) {
        try {
          recorder.callError(handle, error);
        } catch {
          // Keep the page's error the one that propagates.
        }
        throw error;
      }
    };
    let wrapper: AnyFunction;
    if (isConstructor(fn)) {
      // A constructor-like function: `new` goes to the original.
      wrapper = function (this: unknown, ...args: unknown[]): unknown {
        if (new.target) return construct(fn, args, new.target === wrapper ? fn : new.target);
        return invoke(this, args);
      };
    } else {
      // Methods and arrows: like them, no `prototype` and not a constructor.
      wrapper = {
        method(this: unknown, ...args: unknown[]): unknown {
          return invoke(this, args);
        },
      }.method;
    }
    copyFunctionShape(fn, wrapper);
    return wrapper;
  }

  /** Registers this call's override, and its timer when it is delivered at a chosen time. */
  function planOverride({ table, setTimer }: InstrumenterOverrides, name: string, config: unknown, handle: CallHandle): void {
    const plan = table.plan(name, config);
    if (plan === null) return;
    weakMapSet(planOf, handle, plan);
    const afterMs = plan.afterMs;
    if (afterMs === null || plan.payload === null || config === null || typeof config !== 'object') return;
    // Read once now, as the SDK would: the timer must not run a page getter later.
    const callback = readProperty(config, 'callback');
    if (typeof callback !== 'function') return;
    setTimer(() => {
      let args: unknown[] | null = null;
      try {
        args = onTimer(plan, recorder, handle);
      } catch {
        // Our failure: the page gets nothing rather than an error of ours.
      }
      // What the page's callback throws stays the page's, uncaught, as from the SDK's own timer.
      if (args !== null) apply(callback as AnyFunction, config, args);
    }, afterMs);
  }

  /**
   * A config's view and the Proxy handler behind it, in one object: one allocation per
   * config (this runs in every call) instead of a handler and two closures more. A Proxy
   * looks up each trap by name on its handler, so the traps sit on a prototype-less
   * prototype: a function the page put on `Object.prototype` (`has`, `ownKeys`…) never
   * becomes one.
   */
  class ConfigView {
    readonly view: object;
    /** The call the SDK is (or was last) handling this config for. */
    handle: CallHandle | null = null;
    original: AnyFunction | undefined = undefined;
    observed: AnyFunction | undefined = undefined;
    observedFor: CallHandle | null = null;

    constructor(readonly config: object) {
      this.view = new ProxyCtor(config, this as ProxyHandler<object>);
    }

    set(target: object, key: PropertyKey, value: unknown): boolean {
      // The SDK writing to the config: the page's setters see their own object.
      return reflectSet(target, key, value);
    }

    get(target: object, key: PropertyKey): unknown {
      // The real config as receiver: the page's getters see their own object.
      const value: unknown = reflectGet(target, key);
      if (key !== 'callback' || typeof value !== 'function' || this.handle === null) return value;
      // A proxy may not report another value for a frozen property: observe nothing then.
      const own = getOwnPropertyDescriptor(target, key);
      if (own && hasOwn(own, 'value') && !own.configurable && !own.writable) return value;
      return observedCallback(this, value as AnyFunction);
    }
  }
  setPrototypeOf(ConfigView.prototype, null);

  /**
   * Views of configs, per config object: calling twice with the same object hands the SDK
   * the same view, as it would get the same object without us.
   */
  const viewOf: WeakMap<object, ConfigView> = new WeakMapCtor();

  /**
   * Passes the SDK a view of the config whose `callback` reports what it receives. The
   * page's callback is not read here (a getter would run twice): the view wraps whatever
   * the SDK reads.
   */
  function withObservedCallback(args: unknown[], handle: CallHandle): unknown[] {
    const config = args[0];
    if (config === null || typeof config !== 'object' || !mayHaveCallback(config)) return args;
    let entry = weakMapGet(viewOf, config);
    if (!entry) {
      entry = new ConfigView(config);
      weakMapSet(viewOf, config, entry);
    }
    entry.handle = handle;
    const copy = newArray<unknown>();
    copy[0] = entry.view;
    for (let i = 1; i < args.length; i++) copy[i] = args[i];
    return copy;
  }

  /** One wrapper per (callback, call): the SDK reading it twice gets the same function. */
  function observedCallback(entry: ConfigView, callback: AnyFunction): AnyFunction {
    const handle = entry.handle!;
    if (entry.original === callback && entry.observedFor === handle && entry.observed) return entry.observed;
    const { view, config } = entry;
    const observed = {
      callback(this: unknown, ...cbArgs: unknown[]): unknown {
        const plan = weakMapGet(planOf, handle);
        let pageArgs: unknown[] | null = cbArgs;
        if (plan !== undefined) {
          pageArgs = onSdkCallback(plan, recorder, handle, cbArgs[0]);
        } else {
          try {
            recorder.callback(handle, cbArgs[0]);
          } catch {
            // Never keep the page's callback from running.
          }
        }
        // An override that delivers at another time, or never: the page gets nothing now.
        if (pageArgs === null) return undefined;
        // Called as `config.callback(…)`, `this` is the view: the page gets its config.
        return apply(callback, this === view ? config : this, pageArgs);
      },
    }.callback;
    copyFunctionShape(callback, observed);
    entry.original = callback;
    entry.observed = observed;
    entry.observedFor = handle;
    return observed;
  }

  /** Objects already reported as having methods that cannot be observed. */
  const reportedFixed: WeakMap<object, true> = new WeakMapCtor();

  function wrapIfFunction(target: object, key: PropertyKey, value: unknown): unknown {
    if (typeof value !== 'function' || typeof key !== 'string' || key === 'constructor') return value;
    // Proxy invariant: a non-writable, non-configurable own value must be reported as is.
    const own = getOwnPropertyDescriptor(target, key);
    if (own && hasOwn(own, 'value') && !own.configurable && !own.writable) {
      if (!weakMapGet(reportedFixed, target)) {
        weakMapSet(reportedFixed, target, true);
        recorder.sdk('not-hookable', 'Lean.' + key + ' is read-only and permanent (frozen?): calls to it are not captured.');
      }
      return value;
    }
    return wrapperFor(value as AnyFunction, key);
  }

  /** Prototype-less, like the config views' handlers: no trap is looked up on `Object.prototype`. */
  const proxyHandler = objectCreate(null) as ProxyHandler<object>;
  // The real object as receiver: getters that use private state keep working.
  proxyHandler.get = (target, key) => wrapIfFunction(target, key, reflectGet(target, key));
  // Likewise for setters (`Lean.language = 'ar'` on a class with a #private field).
  proxyHandler.set = (target, key, value) => reflectSet(target, key, value);

  /**
   * A frozen object with the same keys whose methods are wrappers. Its accessors, own and
   * inherited, run with `raw` as `this`: a class getter reading a `#private` field throws
   * for any other object.
   */
  function frozenCopy(raw: object): object {
    const copy = objectCreate(getPrototypeOf(raw)) as Record<string, unknown>;
    const names = getOwnPropertyNames(raw);
    for (let i = 0; i < names.length; i++) {
      const key = names[i]!;
      const desc = descriptor(getOwnPropertyDescriptor(raw, key)!);
      if (hasOwn(desc, 'value')) {
        if (typeof desc.value === 'function' && key !== 'constructor') desc.value = wrapperFor(desc.value as AnyFunction, key);
      } else {
        accessorOn(raw, copy, desc);
      }
      reflectDefineProperty(copy, key, desc);
    }
    // Inherited methods and accessors become own, non-enumerable, so keys and JSON look the same.
    forEachInherited(raw, false, (key, desc) => {
      if (getOwnPropertyDescriptor(copy, key)) return;
      if (hasOwn(desc, 'value')) {
        if (typeof desc.value !== 'function') return;
        reflectDefineProperty(copy, key, descriptor({ value: wrapperFor(desc.value as AnyFunction, key), writable: false, enumerable: false, configurable: false }));
      } else {
        const own = descriptor({ get: desc.get, set: desc.set, enumerable: false, configurable: false });
        accessorOn(raw, copy, own);
        reflectDefineProperty(copy, key, own);
      }
    });
    return freeze(copy);
  }

  function expose(raw: unknown): unknown {
    if (raw === null || (typeof raw !== 'object' && typeof raw !== 'function')) return raw;
    const obj = raw as object;
    if (weakMapGet(rawOf, obj)) return obj;
    const known = weakMapGet(exposedOf, obj);
    if (known) return known;
    let exposed: object;
    try {
      exposed = hasFixedOwnMethod(obj) && isFrozen(obj) ? frozenCopy(obj) : new ProxyCtor(obj, proxyHandler);
    } catch (error) {
      recorder.sdk('not-hookable', 'Lean could not be wrapped: ' + errorMessage(error));
      return raw;
    }
    weakMapSet(rawOf, exposed, obj);
    weakMapSet(exposedOf, obj, exposed);
    recorder.sdk('hooked', describeShape(obj));
    return exposed;
  }

  /**
   * Wraps on `raw` itself and on the page's own prototypes of it (its class and the page
   * classes above), never on the platform's: a class extending `EventTarget` must not have
   * `EventTarget.prototype.addEventListener` replaced for the whole page. Wrappers on a
   * prototype record only calls made on `raw` (a prototype may be shared by other objects).
   */
  function instrumentInPlace(raw: object): boolean {
    let wrapped = 0;
    let refused = 0;
    const names = getOwnPropertyNames(raw);
    for (let i = 0; i < names.length; i++) {
      const key = names[i]!;
      const desc = getOwnPropertyDescriptor(raw, key);
      if (!desc || !hasOwn(desc, 'value') || typeof desc.value !== 'function' || key === 'constructor') continue;
      if (replaceValue(raw, key, desc, wrapperFor(desc.value as AnyFunction, key))) wrapped++;
      else refused++;
    }
    forEachInherited(raw, true, (key, desc, owner) => {
      if (!hasOwn(desc, 'value') || typeof desc.value !== 'function' || getOwnPropertyDescriptor(raw, key)) return;
      if (replaceValue(owner, key, desc, receiverWrapperFor(desc.value as AnyFunction, key, raw))) wrapped++;
      else refused++;
    });
    if (wrapped > 0) recorder.sdk('hooked', describeShape(raw) + ' (wrapped in place)');
    if (refused > 0 || wrapped === 0) {
      recorder.sdk(
        'not-hookable',
        wrapped === 0
          ? 'Lean could not be hooked: the page defined it as a fixed property and neither its own methods nor those of its class can be replaced (frozen?; methods of built-in classes are never patched), so calls are not captured.'
          : refused + ' method(s) of Lean are read-only: calls to them are not captured.',
      );
    }
    return wrapped > 0;
  }

  return {
    expose,
    instrumentInPlace,
    useOverrides(next) {
      overrides = next;
    },
  };
}

/**
 * Whether `config` has a `callback` a view could observe, read from descriptors only (no
 * page getter runs): a function value, or a getter, own or inherited.
 */
function mayHaveCallback(config: object): boolean {
  let target: object | null = config;
  for (let hops = 0; target !== null && hops < 32; hops++) {
    const desc = getOwnPropertyDescriptor(target, 'callback');
    if (desc !== undefined) {
      if (!hasOwn(desc, 'value')) return desc.get !== undefined;
      if (typeof desc.value !== 'function') return false;
      // Frozen on the config itself: a view would have to report it unchanged.
      return !(target === config && !desc.configurable && !desc.writable);
    }
    target = getPrototypeOf(target) as object | null;
  }
  return false;
}

/** What the probe's `construct` trap returns (prototype-less: `Array.of` sets its `length`). */
const PROBE_RESULT = objectCreate(null) as object;
/** Prototype-less, so looking up the trap never reaches `Object.prototype`. */
const PROBE_HANDLER = objectCreate(null) as ProxyHandler<AnyFunction>;
PROBE_HANDLER.construct = () => PROBE_RESULT;

/**
 * `new fn` would be allowed (functions, classes, bound constructors), without calling it
 * and without an exception (a thrown TypeError per method cost the page's first call
 * dearly): `Array.of` called on a constructor constructs it (`new this(0)`) and otherwise
 * builds an array; on a Proxy of `fn`, which is constructible exactly when `fn` is, the
 * trap answers instead of `fn`.
 */
function isConstructor(fn: AnyFunction): boolean {
  try {
    return apply(arrayOf, new ProxyCtor(fn, PROBE_HANDLER), []) === PROBE_RESULT;
  } catch {
    return false;
  }
}

/** An own method a Proxy could not replace (non-writable and non-configurable). */
function hasFixedOwnMethod(raw: object): boolean {
  const names = getOwnPropertyNames(raw);
  for (let i = 0; i < names.length; i++) {
    const desc = getOwnPropertyDescriptor(raw, names[i]!);
    if (desc && hasOwn(desc, 'value') && typeof desc.value === 'function' && !desc.configurable && !desc.writable) return true;
  }
  return false;
}

/** Puts `value` in place of the data property's value; its other attributes stay. */
function replaceValue(owner: object, key: string, desc: PropertyDescriptor, value: unknown): boolean {
  if (desc.value === value) return true;
  if (!desc.configurable && !desc.writable) return false;
  try {
    return reflectDefineProperty(owner, key, descriptor({ value }));
  } catch {
    // A Proxy's trap threw.
    return false;
  }
}

/**
 * `desc` (an accessor, prototype-less) made to run the page's getter and setter with
 * `raw` as `this` when they are called on `copy`.
 */
function accessorOn(raw: object, copy: object, desc: PropertyDescriptor): void {
  const get = desc.get;
  const set = desc.set;
  if (get !== undefined) {
    desc.get = function (this: unknown): unknown {
      return apply(get, this === copy ? raw : this, []);
    };
    copyFunctionShape(get as AnyFunction, desc.get as AnyFunction);
  }
  if (set !== undefined) {
    desc.set = function (this: unknown, value: unknown): void {
      apply(set, this === copy ? raw : this, [value]);
    };
    copyFunctionShape(set as AnyFunction, desc.set as AnyFunction);
  }
}

/**
 * Methods and accessors on the prototypes of `raw` (the nearest of each name), up to the
 * language's own `Object.prototype` and `Function.prototype`; with `pageOnly`, up to the
 * first built-in prototype (`EventTarget.prototype`, any realm's).
 */
function forEachInherited(
  raw: object,
  pageOnly: boolean,
  visit: (key: string, desc: PropertyDescriptor, owner: object) => void,
): void {
  const seen: Record<string, true> = objectCreate(null) as Record<string, true>;
  for (let proto = getPrototypeOf(raw); proto && proto !== ObjectProto && proto !== FunctionProto; proto = getPrototypeOf(proto)) {
    if (pageOnly && isBuiltinPrototype(proto)) return;
    const names = getOwnPropertyNames(proto);
    for (let i = 0; i < names.length; i++) {
      const key = names[i]!;
      if (key === 'constructor' || seen[key]) continue;
      seen[key] = true;
      const desc = getOwnPropertyDescriptor(proto, key);
      if (desc && (!hasOwn(desc, 'value') || typeof desc.value === 'function')) visit(key, desc, proto);
    }
  }
}

/** A prototype the platform made (its `constructor` is native code), shared by everything of its kind. */
function isBuiltinPrototype(proto: object): boolean {
  const desc = getOwnPropertyDescriptor(proto, 'constructor');
  return desc !== undefined && hasOwn(desc, 'value') && isNativeFunction(desc.value);
}

function describeShape(raw: object): string {
  const proto = getPrototypeOf(raw);
  if (typeof raw === 'function') return 'Lean is a function';
  if (proto === ObjectProto || proto === null) return isFrozen(raw) ? 'Lean is a frozen plain object' : 'Lean is a plain object';
  return isFrozen(raw) ? 'Lean is a frozen class instance' : 'Lean is a class instance';
}

function copyFunctionShape(from: AnyFunction, to: AnyFunction): void {
  try {
    reflectDefineProperty(to, 'name', descriptor({ value: from.name, configurable: true }));
    reflectDefineProperty(to, 'length', descriptor({ value: from.length, configurable: true }));
  } catch {
    // Cosmetic only: the page's function threw reading its name.
  }
}
