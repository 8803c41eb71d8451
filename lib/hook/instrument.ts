/**
 * Makes a `Lean` object observable without changing what the page sees it do.
 *
 * The page gets a Proxy of its own object whose functions are wrappers: every function
 * reachable on it (own or inherited, known or not) records the call and then runs the
 * original with the page's `this` (the real object when called on the proxy, so class
 * instances with private state keep working), the same arguments, return value, thrown
 * error and timing. A frozen object cannot be proxied with different function values,
 * so it is exposed as a frozen copy instead.
 */
import type { CallHandle, Recorder } from './recorder';
import {
  apply,
  construct,
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getPrototypeOf,
  isFrozen,
  objectCreate,
  ObjectProto,
  FunctionProto,
  ProxyCtor,
  reflectGet,
  errorMessage,
  WeakMapCtor,
  weakMapGet,
  weakMapSet,
} from './intrinsics';

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
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      if (new.target) return construct(fn, args, new.target === wrapper ? fn : new.target);
      const self = (this !== null && (typeof this === 'object' || typeof this === 'function') && weakMapGet(rawOf, this)) || this;
      let handle: CallHandle | null = null;
      let callArgs = args;
      try {
        handle = recorder.call(name, args[0]);
        if (handle) callArgs = withObservedCallback(args, handle);
      } catch {
        // Our failure never reaches the page: the call proceeds untouched.
      }
      if (!handle) return apply(fn, self, callArgs);
      try {
        return apply(fn, self, callArgs);
      } catch (error) {
        try {
          recorder.callError(handle, error);
        } catch {
          // Keep the page's error the one that propagates.
        }
        throw error;
      }
    };
    copyFunctionShape(fn, wrapper);
    return wrapper;
  }

  /** Passes the SDK a view of the config whose `callback` reports what it receives. */
  function withObservedCallback(args: unknown[], handle: CallHandle): unknown[] {
    const config = args[0];
    if (config === null || typeof config !== 'object') return args;
    const callback = (config as { callback?: unknown }).callback;
    if (typeof callback !== 'function') return args;
    const own = getOwnPropertyDescriptor(config, 'callback');
    // A proxy may not report another value for a frozen property: observe nothing then.
    if (own && !own.configurable && !own.writable) return args;
    const observed = function (this: unknown, ...cbArgs: unknown[]): unknown {
      try {
        recorder.callback(handle, cbArgs[0]);
      } catch {
        // Never keep the page's callback from running.
      }
      return apply(callback as AnyFunction, this, cbArgs);
    };
    copyFunctionShape(callback as AnyFunction, observed);
    const view = new ProxyCtor(config, {
      get(target, key) {
        return key === 'callback' ? observed : reflectGet(target, key);
      },
    });
    const copy: unknown[] = [view];
    for (let i = 1; i < args.length; i++) copy[i] = args[i];
    return copy;
  }

  function wrapIfFunction(target: object, key: PropertyKey, value: unknown): unknown {
    if (typeof value !== 'function' || typeof key !== 'string' || key === 'constructor') return value;
    // Proxy invariant: a non-writable, non-configurable own value must be reported as is.
    const own = getOwnPropertyDescriptor(target, key);
    if (own && !own.configurable && !own.writable && 'value' in own) return value;
    return wrapperFor(value as AnyFunction, key);
  }

  const proxyHandler: ProxyHandler<object> = {
    get(target, key) {
      // The real object as receiver: getters that use private state keep working.
      return wrapIfFunction(target, key, reflectGet(target, key));
    },
  };

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
      exposed = isFrozen(obj) ? frozenCopy(obj) : new ProxyCtor(obj, proxyHandler);
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
