import { beforeEach, describe, expect, it } from 'vitest';
import { installGlobalTrap, GLOBAL_NAME } from '../../../lib/hook/trap';
import type { Instrumenter } from '../../../lib/hook/instrument';

/**
 * A stand-in for `window`: an object whose prototype plays `Window.prototype`, whose own
 * prototype plays the named-properties object (`<div id="Lean">`).
 */
function makeWindow() {
  const named: Record<string, unknown> = {};
  const windowProto = Object.create(named) as object;
  const win = Object.create(windowProto) as Record<string, unknown>;
  return { win, windowProto, named };
}

/** An instrumenter that wraps objects in a recognisable box and logs what it was asked. */
function fakeInstrumenter() {
  const log: string[] = [];
  const views = new WeakMap<object, object>();
  const raws = new WeakSet<object>();
  const instrumenter: Pick<Instrumenter, 'expose' | 'instrumentInPlace'> = {
    expose(raw) {
      if (raw === null || (typeof raw !== 'object' && typeof raw !== 'function')) return raw;
      if (raws.has(raw as object)) return raw;
      let view = views.get(raw as object);
      if (!view) {
        view = { view: raw };
        views.set(raw as object, view);
        raws.add(view);
        log.push('expose');
      }
      return view;
    },
    instrumentInPlace(raw) {
      log.push(`in place ${Object.keys(raw).join(',')}`);
      return true;
    },
  };
  return { instrumenter, log };
}

let w: ReturnType<typeof makeWindow>;
let fake: ReturnType<typeof fakeInstrumenter>;

beforeEach(() => {
  w = makeWindow();
  fake = fakeInstrumenter();
});

describe('hook: the global trap before the page assigns', () => {
  it('adds no own property to the window, so its keys and own names stay the page’s', () => {
    installGlobalTrap(w.win, fake.instrumenter);
    expect(Object.getOwnPropertyNames(w.win)).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(w.win, GLOBAL_NAME)).toBeUndefined();
    expect(w.win.Lean).toBeUndefined();
  });

  it('lets a read fall through to what is above (a named element called Lean)', () => {
    const element = { tagName: 'DIV' };
    w.named.Lean = element;
    installGlobalTrap(w.win, fake.instrumenter);
    expect(w.win.Lean).toBe(element);
  });

  it('treats an assignment through another receiver as an ordinary assignment', () => {
    installGlobalTrap(w.win, fake.instrumenter);
    const other = Object.create(w.win) as Record<string, unknown>;
    other.Lean = 5;
    expect(Object.getOwnPropertyDescriptor(other, 'Lean')).toEqual({ value: 5, writable: true, enumerable: true, configurable: true });
    expect(fake.log).toEqual([]);
  });
});

describe('hook: the global trap when the page assigns', () => {
  it('exposes the assigned object and leaves an enumerable, configurable own property', () => {
    installGlobalTrap(w.win, fake.instrumenter);
    const sdk = { connect() {} };
    w.win.Lean = sdk;
    expect(w.win.Lean).toEqual({ view: sdk });
    expect(Object.keys(w.win)).toEqual(['Lean']);
    expect(Object.getOwnPropertyDescriptor(w.win, 'Lean')).toMatchObject({ enumerable: true, configurable: true });
  });

  it('exposes a replacement at once, and a read after delete is undefined again', () => {
    installGlobalTrap(w.win, fake.instrumenter);
    const first = { n: 1 };
    const second = { n: 2 };
    w.win.Lean = first;
    w.win.Lean = second;
    expect(w.win.Lean).toEqual({ view: second });
    delete w.win.Lean;
    expect(w.win.Lean).toBeUndefined();
    w.win.Lean = first;
    expect(w.win.Lean).toEqual({ view: first });
  });

  it('still works when the page polluted Object.prototype with descriptor fields', () => {
    installGlobalTrap(w.win, fake.instrumenter);
    const proto = Object.prototype as Record<string, unknown>;
    proto.get = () => 'polluted';
    proto.value = 'polluted';
    const sdk = { connect() {} };
    let seen: unknown;
    try {
      w.win.Lean = sdk;
      seen = w.win.Lean;
    } finally {
      delete proto.get;
      delete proto.value;
    }
    expect(seen).toEqual({ view: sdk });
  });

  it('never throws out of the page’s assignment, even when exposing fails', () => {
    const failing: Pick<Instrumenter, 'expose' | 'instrumentInPlace'> = {
      expose() {
        throw new Error('our bug');
      },
      instrumentInPlace: () => false,
    };
    installGlobalTrap(w.win, failing);
    const sdk = { connect() {} };
    expect(() => (w.win.Lean = sdk)).not.toThrow();
    expect(w.win.Lean).toBe(sdk);
  });

  it('passes primitives through unchanged', () => {
    installGlobalTrap(w.win, fake.instrumenter);
    w.win.Lean = 'not yet';
    expect(w.win.Lean).toBe('not yet');
  });
});

describe('hook: the global trap at checkpoints', () => {
  it('swaps a `var Lean` value for its view and keeps the property’s attributes', () => {
    const trap = installGlobalTrap(w.win, fake.instrumenter);
    const sdk = { connect() {} };
    // What `var Lean = sdk` leaves on a window: writable, enumerable, not configurable.
    Object.defineProperty(w.win, 'Lean', { value: sdk, writable: true, enumerable: true, configurable: false });
    trap.check();
    expect(w.win.Lean).toEqual({ view: sdk });
    expect(Object.getOwnPropertyDescriptor(w.win, 'Lean')).toMatchObject({ writable: true, enumerable: true, configurable: false });
    trap.check();
    expect(fake.log).toEqual(['expose']);
  });

  it('instruments a read-only, permanent value in place, once', () => {
    const trap = installGlobalTrap(w.win, fake.instrumenter);
    Object.defineProperty(w.win, 'Lean', { value: { connect() {} } });
    trap.check();
    trap.check();
    expect(fake.log).toEqual(['in place connect']);
    expect(Object.getOwnPropertyDescriptor(w.win, 'Lean')).toMatchObject({ writable: false, enumerable: false, configurable: false });
  });

  it('wraps a configurable page getter without calling it, then runs it once per read', () => {
    const trap = installGlobalTrap(w.win, fake.instrumenter);
    const sdk = { connect() {} };
    let reads = 0;
    Object.defineProperty(w.win, 'Lean', {
      get: () => {
        reads++;
        return sdk;
      },
      enumerable: true,
      configurable: true,
    });
    trap.check();
    expect(reads).toBe(0);
    expect(w.win.Lean).toEqual({ view: sdk });
    expect(w.win.Lean).toEqual({ view: sdk });
    expect(reads).toBe(2);
  });

  it('keeps a getter-only global read-only', () => {
    const trap = installGlobalTrap(w.win, fake.instrumenter);
    Object.defineProperty(w.win, 'Lean', { get: () => ({}), configurable: true });
    trap.check();
    // A module's code is strict, like the page's strict code: the assignment throws.
    expect(() => {
      w.win.Lean = 1;
    }).toThrow(TypeError);
  });

  it('instruments what a permanent getter returns in place, calling the getter once', () => {
    const trap = installGlobalTrap(w.win, fake.instrumenter);
    let reads = 0;
    Object.defineProperty(w.win, 'Lean', {
      get: () => {
        reads++;
        return { pay() {} };
      },
    });
    trap.check();
    trap.check();
    expect(reads).toBe(1);
    expect(fake.log).toEqual(['in place pay']);
  });

  it('leaves alone a Lean the page put on Window.prototype itself', () => {
    const mine = { get: () => 'page', configurable: true };
    Object.defineProperty(w.windowProto, 'Lean', mine);
    const trap = installGlobalTrap(w.win, fake.instrumenter);
    trap.check();
    expect(w.win.Lean).toBe('page');
    expect(Object.getOwnPropertyDescriptor(w.windowProto, 'Lean')?.get).toBe(mine.get);
  });
});
