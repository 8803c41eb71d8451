/**
 * Notices `window.Lean` however it arrives and hands the page an instrumented view of it.
 *
 * Until the page assigns, the trap is an accessor on the window's prototype
 * (`Window.prototype`), not on the window: `Object.keys(window)`,
 * `Object.getOwnPropertyNames(window)` and `Object.getOwnPropertyDescriptor(window,
 * 'Lean')` stay exactly what they are without the extension, and reading it falls through
 * to what the page would get anyway (`undefined`, or a `<div id="Lean">`). An assignment
 * from any loader, first or second (`window.Lean = …`, `self.Lean = …`, a sloppy `Lean =
 * …`) reaches the inherited setter, which puts an enumerable accessor on the window itself
 * (the shape an assignment makes) so later replacements are seen at once.
 *
 * What the inherited setter cannot see (`var Lean`, `function Lean`, `Object.defineProperty`
 * with a value or a getter) leaves an own property on the window; checkpoints (a script
 * about to run while the document is parsed, a script finishing, DOMContentLoaded, load)
 * find it: a value the page may still change is swapped for the exposed view with the same
 * attributes, a page getter is wrapped, and a property the page made permanent is
 * instrumented in place.
 */
import type { Instrumenter } from './instrument';
import { apply, defineProperty, descriptor, getOwnPropertyDescriptor, getPrototypeOf, hasOwn, reflectGet } from '../model/intrinsics';

export const GLOBAL_NAME = 'Lean';

export interface GlobalTrap {
  /** Looks at the global again; call it whenever page scripts may have run. */
  check(): void;
}

export function installGlobalTrap(global: object, instrumenter: Pick<Instrumenter, 'expose' | 'instrumentInPlace'>): GlobalTrap {
  /** What the own accessor (installed by the first assignment) hands out. */
  let exposed: unknown;
  /** The getter of the own property we installed or adopted last. */
  let ours: (() => unknown) | undefined;
  /** The last page value or non-configurable getter looked at, so a checkpoint does not redo it. */
  let lastSeen: unknown;

  const own = {
    get(): unknown {
      return exposed;
    },
    set(value: unknown): void {
      exposed = instrumenter.expose(value);
    },
  };

  /** The window's prototype: where the trap waits for the first assignment. */
  const home = getPrototypeOf(global) as object | null;

  const inherited = {
    get(this: unknown): unknown {
      // As if we were not here: go on with the lookup above (named properties, then nothing).
      const above = home ? (getPrototypeOf(home) as object | null) : null;
      return above ? reflectGet(above, GLOBAL_NAME, this) : undefined;
    },
    set(this: unknown, value: unknown): void {
      // Runs inside the page's assignment: nothing may throw out of here.
      // `this` is the assignment's receiver (`window`, or an object inheriting from it).
      const plain = descriptor({ value, writable: true, enumerable: true, configurable: true });
      try {
        if (this !== global) {
          // Another receiver (`Object.create(window).Lean = …`): ordinary assignment semantics.
          if (this !== null && (typeof this === 'object' || typeof this === 'function')) {
            defineProperty(this, GLOBAL_NAME, plain);
          }
          return;
        }
        exposed = instrumenter.expose(value);
        // A plain assignment makes an enumerable, configurable global: keep that visible shape.
        defineProperty(global, GLOBAL_NAME, descriptor({ get: own.get, set: own.set, enumerable: true, configurable: true }));
        ours = own.get;
      } catch {
        // Whatever went wrong, the page's assignment still happens, unobserved.
        try {
          defineProperty(this as object, GLOBAL_NAME, plain);
        } catch {
          // Nothing more to do without breaking the page.
        }
      }
    },
  };

  function installInherited(): void {
    if (!home) return;
    const desc = getOwnPropertyDescriptor(home, GLOBAL_NAME);
    if (desc && desc.get === inherited.get) return;
    // The page put its own `Lean` on Window.prototype: leave it alone.
    if (desc) return;
    defineProperty(home, GLOBAL_NAME, descriptor({ get: inherited.get, set: inherited.set, enumerable: false, configurable: true }));
  }

  /** Wraps a getter the page installed on the global so it hands out the exposed view. */
  function adoptGetter(desc: PropertyDescriptor): void {
    const pageGet = desc.get;
    const pageSet = desc.set;
    const get = function (this: unknown): unknown {
      return instrumenter.expose(pageGet ? apply(pageGet, this, []) : undefined);
    };
    const set = pageSet
      ? function (this: unknown, value: unknown): void {
          apply(pageSet, this, [value]);
        }
      : undefined;
    defineProperty(global, GLOBAL_NAME, descriptor({ get, set, enumerable: desc.enumerable, configurable: true }));
    // Not read now: the page's getter runs exactly as often as the page reads `Lean`.
    ours = get;
  }

  /** A value the page put there itself (`var Lean`, `Object.defineProperty(…, { value })`). */
  function adoptValue(desc: PropertyDescriptor): void {
    const value: unknown = desc.value;
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || value === lastSeen) return;
    if (desc.writable || desc.configurable) {
      const view = instrumenter.expose(value);
      lastSeen = view;
      // Only the value changes: writable, enumerable and configurable stay the page's.
      if (view !== value) defineProperty(global, GLOBAL_NAME, descriptor({ value: view }));
      return;
    }
    lastSeen = value;
    instrumenter.instrumentInPlace(value as object);
  }

  function adoptPermanentGetter(desc: PropertyDescriptor): void {
    // Called once per getter: page code runs no more often than needed.
    if (desc.get === lastSeen) return;
    lastSeen = desc.get;
    const value: unknown = desc.get ? apply(desc.get, global, []) : undefined;
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      instrumenter.instrumentInPlace(value as object);
    }
  }

  function check(): void {
    try {
      installInherited();
      const desc = getOwnPropertyDescriptor(global, GLOBAL_NAME);
      if (!desc || (ours !== undefined && desc.get === ours)) return;
      if (hasOwn(desc, 'value')) adoptValue(desc);
      else if (desc.configurable) adoptGetter(desc);
      else adoptPermanentGetter(desc);
    } catch {
      // A hostile or odd global: leave it exactly as the page made it.
    }
  }

  check();
  return { check };
}
