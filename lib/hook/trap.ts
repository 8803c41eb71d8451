/**
 * Notices `window.Lean` however it arrives and hands the page an instrumented view of it.
 *
 * An accessor on the global catches `window.Lean = …` and `var Lean = …` from any loader,
 * first or second. It is non-enumerable until the page assigns, so a page without the
 * SDK sees no new enumerable global and reads `undefined`. A page that later takes the
 * property over with `Object.defineProperty` (value or getter) is noticed at the next
 * checkpoint (a script finishing, DOMContentLoaded, load) and re-trapped, or, when the
 * page made the property permanent, instrumented in place.
 */
import type { Instrumenter } from './instrument';
import { defineProperty, getOwnPropertyDescriptor, apply } from './intrinsics';

export const GLOBAL_NAME = 'Lean';

export interface GlobalTrap {
  /** Looks at the global again; call it whenever page scripts may have run. */
  check(): void;
}

export function installGlobalTrap(global: object, instrumenter: Instrumenter): GlobalTrap {
  let exposed: unknown;
  let assigned = false;
  /** Objects already instrumented in place, so a checkpoint does not redo them. */
  let inPlace: unknown;

  const accessor = {
    get(): unknown {
      return exposed;
    },
    set(value: unknown): void {
      exposed = instrumenter.expose(value);
      if (!assigned) {
        assigned = true;
        // A plain assignment makes an enumerable global: keep that visible shape.
        defineProperty(global, GLOBAL_NAME, { get: accessor.get, set: accessor.set, enumerable: true, configurable: true });
      }
    },
  };

  /** Wraps a getter the page installed on the global so it hands out the exposed view. */
  function adoptForeign(desc: PropertyDescriptor): void {
    if (!desc.configurable) {
      const value = 'value' in desc ? desc.value : desc.get ? apply(desc.get, global, []) : undefined;
      if (value !== null && (typeof value === 'object' || typeof value === 'function') && value !== inPlace) {
        inPlace = value;
        instrumenter.instrumentInPlace(value as object);
      }
      return;
    }
    const pageGet = desc.get;
    const pageSet = desc.set;
    let stored: unknown = desc.value;
    const writable = 'value' in desc ? desc.writable === true : pageSet !== undefined;
    const get = (): unknown => instrumenter.expose(pageGet ? apply(pageGet, global, []) : stored);
    const set = writable
      ? (value: unknown): void => {
          if (pageSet) apply(pageSet, global, [value]);
          else stored = value;
        }
      : undefined;
    defineProperty(global, GLOBAL_NAME, { get, set, enumerable: desc.enumerable, configurable: true });
    ours = get;
    // Touch it once so the SDK object is reported as hooked now, not at the first call.
    get();
  }

  let ours: () => unknown = accessor.get;

  function check(): void {
    try {
      const desc = getOwnPropertyDescriptor(global, GLOBAL_NAME);
      if (!desc) {
        defineProperty(global, GLOBAL_NAME, { get: accessor.get, set: accessor.set, enumerable: false, configurable: true });
        ours = accessor.get;
        return;
      }
      if (desc.get === ours) return;
      adoptForeign(desc);
    } catch {
      // A hostile or odd global: leave it exactly as the page made it.
    }
  }

  check();
  return { check };
}
