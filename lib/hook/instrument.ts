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
import {
  apply,
  arrayOf,
  construct,
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getPrototypeOf,
  hasOwn,
  isFrozen,
  objectCreate,
  ObjectProto,
  FunctionProto,
  ProxyCtor,
  reflectGet,
  reflectSet,
  setPrototypeOf,
  errorMessage,
  WeakMapCtor,
  weakMapGet,
  weakMapSet,
} from '../model/intrinsics';

export interface Instrumenter {
  /** What the page should see instead of `raw`: itself when it is not an object. */
  expose(raw: unknown): unknown;
  /** Wraps the functions of `raw` on `raw` itself, for when the page owns the global. */
  instrumentInPlace(raw: object): boolean;
}

type AnyFunction = (...args: unknown[]) => unknown;

export function createInstrumenter(recorder: Recorder): Instrumenter {
  /** exposed → raw, so wrappers can hand the SDK its own object as `this`. */
  const rawOf: WeakMap<object, object> = new WeakMapCtor();
  /** raw → exposed, so the page always gets the same object back. */
  const exposedOf: WeakMap<object, object> = new WeakMapCtor();
  /** original function → method name → wrapper (aliases record their own name). */
  const wrappersOf: WeakMap<AnyFunction, Record<string, AnyFunction>> = new WeakMapCtor();
  const wrapperSet: WeakMap<AnyFunction, true> = new WeakMapCtor();

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

  function makeWrapper(fn: AnyFunction, name: string): AnyFunction {
    /** The call itself, shared by both wrapper shapes below. */
    const invoke = (self: unknown, args: unknown[]): unknown => {
      const target = (self !== null && (typeof self === 'object' || typeof self === 'function') && weakMapGet(rawOf, self)) || self;
      let handle: CallHandle | null = null;
      let callArgs = args;
      try {
        handle = recorder.call(name, args[0]);
        if (handle) callArgs = withObservedCallback(args, handle);
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
      if (own && !own.configurable && !own.writable && 'value' in own) return value;
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
    const copy: unknown[] = [entry.view];
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
        try {
          recorder.callback(handle, cbArgs[0]);
        } catch {
          // Never keep the page's callback from running.
        }
        // Called as `config.callback(…)`, `this` is the view: the page gets its config.
        return apply(callback, this === view ? config : this, cbArgs);
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
    if (own && !own.configurable && !own.writable && 'value' in own) {
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

  function frozenCopy(raw: object): object {
    const copy = objectCreate(getPrototypeOf(raw)) as Record<string, unknown>;
    const names = getOwnPropertyNames(raw);
    for (let i = 0; i < names.length; i++) {
      const key = names[i]!;
      const desc = getOwnPropertyDescriptor(raw, key)!;
      if ('value' in desc && typeof desc.value === 'function' && key !== 'constructor') {
        desc.value = wrapperFor(desc.value as AnyFunction, key);
      }
      defineProperty(copy, key, desc);
    }
    // Inherited methods become own, non-enumerable, so keys and JSON look the same.
    forEachInheritedFunction(raw, (key, fn) => {
      if (!getOwnPropertyDescriptor(copy, key)) {
        defineProperty(copy, key, { value: wrapperFor(fn, key), writable: false, enumerable: false, configurable: false });
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

  function instrumentInPlace(raw: object): boolean {
    let wrapped = 0;
    let refused = 0;
    const names = getOwnPropertyNames(raw);
    for (let i = 0; i < names.length; i++) {
      const key = names[i]!;
      const desc = getOwnPropertyDescriptor(raw, key);
      if (!desc || !('value' in desc) || typeof desc.value !== 'function' || key === 'constructor') continue;
      if (replaceValue(raw, key, desc, wrapperFor(desc.value as AnyFunction, key))) wrapped++;
      else refused++;
    }
    forEachInheritedFunction(raw, (key, fn, owner) => {
      if (getOwnPropertyDescriptor(raw, key)) return;
      const desc = getOwnPropertyDescriptor(owner, key)!;
      if (replaceValue(owner, key, desc, wrapperFor(fn, key))) wrapped++;
      else refused++;
    });
    if (wrapped > 0) recorder.sdk('hooked', describeShape(raw) + ' (wrapped in place)');
    if (refused > 0 || wrapped === 0) {
      recorder.sdk(
        'not-hookable',
        wrapped === 0
          ? 'Lean is defined by the page as a fixed property and its methods cannot be replaced (frozen?): calls are not captured.'
          : refused + ' method(s) of Lean are read-only: calls to them are not captured.',
      );
    }
    return wrapped > 0;
  }

  return { expose, instrumentInPlace };
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
    if (desc && 'value' in desc && typeof desc.value === 'function' && !desc.configurable && !desc.writable) return true;
  }
  return false;
}

function replaceValue(owner: object, key: string, desc: PropertyDescriptor, value: unknown): boolean {
  if (desc.value === value) return true;
  if (!desc.configurable && !desc.writable) return false;
  try {
    if (desc.configurable) {
      defineProperty(owner, key, { value, writable: desc.writable, enumerable: desc.enumerable, configurable: true });
    } else {
      (owner as Record<string, unknown>)[key] = value;
    }
    return true;
  } catch {
    return false;
  }
}

/** Functions found on the prototypes of `raw`, stopping at the language's own prototypes. */
function forEachInheritedFunction(raw: object, visit: (key: string, fn: AnyFunction, owner: object) => void): void {
  const seen: Record<string, true> = objectCreate(null) as Record<string, true>;
  for (let proto = getPrototypeOf(raw); proto && proto !== ObjectProto && proto !== FunctionProto; proto = getPrototypeOf(proto)) {
    const names = getOwnPropertyNames(proto);
    for (let i = 0; i < names.length; i++) {
      const key = names[i]!;
      if (key === 'constructor' || seen[key]) continue;
      seen[key] = true;
      const desc = getOwnPropertyDescriptor(proto, key);
      if (desc && 'value' in desc && typeof desc.value === 'function') visit(key, desc.value as AnyFunction, proto);
    }
  }
}

function describeShape(raw: object): string {
  const proto = getPrototypeOf(raw);
  if (typeof raw === 'function') return 'Lean is a function';
  if (proto === ObjectProto || proto === null) return isFrozen(raw) ? 'Lean is a frozen plain object' : 'Lean is a plain object';
  return isFrozen(raw) ? 'Lean is a frozen class instance' : 'Lean is a class instance';
}

function copyFunctionShape(from: AnyFunction, to: AnyFunction): void {
  try {
    defineProperty(to, 'name', { value: from.name, configurable: true });
    defineProperty(to, 'length', { value: from.length, configurable: true });
  } catch {
    // Cosmetic only.
  }
}
