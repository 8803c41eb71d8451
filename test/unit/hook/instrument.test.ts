import { describe, expect, it } from 'vitest';
import { createInstrumenter } from '../../../lib/hook/instrument';
import { Recorder } from '../../../lib/hook/recorder';
import type { HookEvent, PageBatch } from '../../../lib/protocol';

/** A real recorder whose batches are collected instead of dispatched. */
function setup() {
  const batches: PageBatch[] = [];
  let pending: (() => void) | null = null;
  const recorder = new Recorder({
    post: (json) => {
      batches.push(JSON.parse(json) as PageBatch);
      return true;
    },
    schedule: (flush) => (pending = flush),
    clock: () => 1_000,
  });
  const instrumenter = createInstrumenter(recorder);
  const events = (): HookEvent[] => {
    pending?.();
    pending = null;
    return batches.flatMap((b) => b.events);
  };
  return { instrumenter, events };
}

type Sdk = Record<string, (...args: unknown[]) => unknown>;
/** The page's callback, as the SDK receives it in the config. */
type Callback = (...args: unknown[]) => unknown;

describe('hook: what the page sees of an instrumented Lean', () => {
  it('hands the SDK its own object as `this`, so #private fields work, and returns what it returns', () => {
    class LeanSdk {
      #flows = 0;
      connect(_config: unknown) {
        return ++this.#flows;
      }
      get flows() {
        return this.#flows;
      }
    }
    const { instrumenter, events } = setup();
    const raw = new LeanSdk();
    const lean = instrumenter.expose(raw) as LeanSdk;
    expect(lean.connect({})).toBe(1);
    expect(lean.connect.call(lean, {})).toBe(2);
    expect(lean.flows).toBe(2);
    expect(lean instanceof LeanSdk).toBe(true);
    expect(events().filter((e) => e.type === 'call').map((e) => e.type === 'call' && e.method)).toEqual(['connect', 'connect']);
  });

  it('runs setters and getters with the SDK’s own object, so #private accessors work', () => {
    class LeanSdk {
      #language = 'en';
      get language() {
        return this.#language;
      }
      set language(value: string) {
        this.#language = value;
      }
    }
    const { instrumenter } = setup();
    const lean = instrumenter.expose(new LeanSdk()) as LeanSdk;
    lean.language = 'ar';
    expect(lean.language).toBe('ar');
  });

  it('still refuses an assignment to a frozen Lean, as the page’s strict code expects', () => {
    const { instrumenter } = setup();
    const lean = instrumenter.expose(Object.freeze({ version: '1' })) as { version: string };
    expect(() => {
      lean.version = '2';
    }).toThrow(TypeError);
  });

  it('returns the same function for a method every time', () => {
    const { instrumenter } = setup();
    const lean = instrumenter.expose({ connect() {} }) as Sdk;
    expect(lean.connect).toBe(lean.connect);
  });

  it('keeps a method’s name and length, and like a method it has no prototype and is no constructor', () => {
    const { instrumenter } = setup();
    const lean = instrumenter.expose({ connect(_a: unknown, _b: unknown) {} }) as Sdk;
    expect(lean.connect!.name).toBe('connect');
    expect(lean.connect!.length).toBe(2);
    expect('prototype' in lean.connect!).toBe(false);
    expect(() => new (lean.connect as unknown as new () => unknown)()).toThrow(TypeError);
  });

  it('keeps a constructor function constructible', () => {
    const { instrumenter } = setup();
    function Flow(this: { id: number }, id: number) {
      this.id = id;
    }
    const lean = instrumenter.expose({ Flow }) as { Flow: new (id: number) => { id: number } };
    const flow = new lean.Flow(7);
    expect(flow).toBeInstanceOf(Flow);
    expect(flow.id).toBe(7);
  });

  it('tells constructors from methods without running them, bound and proxied ones included', () => {
    const { instrumenter } = setup();
    let runs = 0;
    function Flow(this: { id: number }, id: number) {
      runs++;
      this.id = id;
    }
    const methods = { m() {} };
    const lean = instrumenter.expose({
      Flow,
      Bound: (Flow as (id: number) => void).bind(null),
      Proxied: new Proxy(Flow, {}),
      Klass: class {},
      method: methods.m,
      arrow: () => 1,
      *gen() {},
      boundMethod: methods.m.bind(null),
    }) as Record<string, new () => unknown>;
    const constructible = Object.keys(lean).filter((key) => 'prototype' in lean[key]!);
    expect(runs).toBe(0);
    expect(constructible).toEqual(['Flow', 'Bound', 'Proxied', 'Klass']);
    expect(new lean.Bound!()).toBeInstanceOf(Flow);
    expect(() => new lean.boundMethod!()).toThrow(TypeError);
    expect(() => new lean.gen!()).toThrow(TypeError);
  });

  it('takes no Proxy trap from a page that put trap-named functions on Object.prototype', () => {
    const { instrumenter, events } = setup();
    const traps = ['has', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'deleteProperty', 'getPrototypeOf', 'apply'];
    let trapCalls = 0;
    let sdkSaw: unknown[] = [];
    const lean = instrumenter.expose({
      connect(config: object) {
        sdkSaw = [Object.keys(config), 'callback' in config, Object.getPrototypeOf(config) === Object.prototype];
      },
    }) as Sdk;
    for (const name of traps) {
      Object.defineProperty(Object.prototype, name, {
        value: () => {
          trapCalls++;
          throw new Error('page trap');
        },
        configurable: true,
        writable: true,
      });
    }
    let leanKeys: string[];
    try {
      leanKeys = Object.keys(lean);
      lean.connect!({ customer_id: 'c', callback() {} });
    } finally {
      for (const name of traps) delete (Object.prototype as Record<string, unknown>)[name];
    }
    expect(trapCalls).toBe(0);
    expect(leanKeys).toEqual(['connect']);
    expect(sdkSaw).toEqual([['customer_id', 'callback'], true, true]);
    expect(events().filter((e) => e.type === 'call')).toHaveLength(1);
  });

  it('passes `this` through unchanged when the page calls a method on something else', () => {
    const { instrumenter } = setup();
    let seen: unknown;
    const lean = instrumenter.expose({
      connect(this: unknown) {
        seen = this;
      },
    }) as Sdk;
    const other = {};
    lean.connect!.call(other, {});
    expect(seen).toBe(other);
    const detached = lean.connect!;
    detached({});
    expect(seen).toBeUndefined();
  });

  it('rethrows the SDK’s own error object and records it as a call-error', () => {
    const { instrumenter, events } = setup();
    const error = new TypeError('refused');
    const lean = instrumenter.expose({
      connect() {
        throw error;
      },
    }) as Sdk;
    let caught: unknown;
    try {
      lean.connect!({});
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(error);
    expect(events().find((e) => e.type === 'call-error')).toMatchObject({ message: 'refused' });
  });

  it('records methods added to Lean after it was exposed', () => {
    const { instrumenter, events } = setup();
    const lean = instrumenter.expose({}) as Sdk;
    lean.pay = () => 'paid';
    expect(lean.pay!({})).toBe('paid');
    expect(events().some((e) => e.type === 'call' && e.method === 'pay')).toBe(true);
  });

  it('exposes a frozen Lean as a frozen object whose calls are recorded', () => {
    const { instrumenter, events } = setup();
    const lean = instrumenter.expose(Object.freeze({ connect: () => 'ok' })) as Sdk;
    expect(Object.isFrozen(lean)).toBe(true);
    expect(lean.connect!({})).toBe('ok');
    expect(events().filter((e) => e.type === 'call')).toHaveLength(1);
  });

  it('reports a method frozen after Lean was exposed as not hookable, and still runs it', () => {
    const { instrumenter, events } = setup();
    const raw = { connect: () => 'ok' };
    const lean = instrumenter.expose(raw) as Sdk;
    Object.freeze(raw);
    expect(lean.connect!({})).toBe('ok');
    expect(events().find((e) => e.type === 'sdk' && e.state === 'not-hookable')).toMatchObject({
      detail: expect.stringContaining('Lean.connect'),
    });
  });
});

describe('hook: the config and its callback', () => {
  /** An SDK that keeps what it was given and answers through the callback later. */
  function recordingSdk() {
    const seen: { config: { callback?: Callback }; callback: Callback | undefined }[] = [];
    const sdk = {
      connect(config: { callback?: Callback }) {
        seen.push({ config, callback: config.callback });
      },
    };
    return { sdk, seen };
  }

  it('hands the SDK the same config view when the page passes the same config twice', () => {
    const { instrumenter } = setup();
    const { sdk, seen } = recordingSdk();
    const lean = instrumenter.expose(sdk) as Sdk;
    const config = { customer_id: 'c', callback() {} };
    lean.connect!(config);
    lean.connect!(config);
    expect(seen[0]!.config).toBe(seen[1]!.config);
  });

  it('pairs each callback with the call that handed it over, also for the same config twice', () => {
    const { instrumenter, events } = setup();
    const { sdk, seen } = recordingSdk();
    const lean = instrumenter.expose(sdk) as Sdk;
    const config = { callback(_data: unknown) {} };
    lean.connect!(config);
    lean.connect!(config);
    seen[1]!.callback!({ status: 'SECOND' });
    seen[0]!.callback!({ status: 'FIRST' });
    const all = events();
    const callIds = all.filter((e) => e.type === 'call').map((e) => e.id);
    const answers = all.filter((e) => e.type === 'callback').map((e) => e.type === 'callback' && [e.callId, (e.data as { status: string }).status]);
    expect(answers).toEqual([
      [callIds[1], 'SECOND'],
      [callIds[0], 'FIRST'],
    ]);
  });

  it('gives the page’s callback its config as `this` when the SDK calls it as a method', () => {
    const { instrumenter } = setup();
    const { sdk, seen } = recordingSdk();
    const lean = instrumenter.expose(sdk) as Sdk;
    let self: unknown;
    const config = {
      callback(this: unknown) {
        self = this;
      },
    };
    lean.connect!(config);
    seen[0]!.config.callback!({});
    expect(self).toBe(config);
  });

  it('passes the callback’s arguments, return value and thrown error through unchanged', () => {
    const { instrumenter } = setup();
    const { sdk, seen } = recordingSdk();
    const lean = instrumenter.expose(sdk) as Sdk;
    const error = new Error('page callback failed');
    const payload = { status: 'SUCCESS' };
    let args: unknown[] = [];
    lean.connect!({
      callback(...received: unknown[]) {
        args = received;
        return 'page result';
      },
    });
    lean.connect!({
      callback() {
        throw error;
      },
    });
    expect(seen[0]!.callback!.call(null, payload, 2)).toBe('page result');
    expect(args).toEqual([payload, 2]);
    expect(args[0]).toBe(payload);
    expect(() => seen[1]!.callback!(payload)).toThrow(error);
  });

  it('reads a callback getter only when the SDK does, and the snapshot reads every getter once', () => {
    const { instrumenter, events } = setup();
    const { sdk } = recordingSdk();
    const lean = instrumenter.expose(sdk) as Sdk;
    const reads = { callback: 0, customer_id: 0 };
    const config = {
      get customer_id() {
        reads.customer_id++;
        return 'c';
      },
      get callback() {
        reads.callback++;
        return () => {};
      },
    };
    lean.connect!(config);
    // The snapshot read both once; the SDK read the callback once.
    expect(reads).toEqual({ callback: 2, customer_id: 1 });
    expect(events().find((e) => e.type === 'call')).toMatchObject({ config: { customer_id: 'c' } });
  });

  it('runs the config’s setters with the page’s own object when the SDK writes to it', () => {
    const { instrumenter } = setup();
    let self: unknown;
    const config = {
      callback() {},
      set status(_value: string) {
        self = this;
      },
    };
    const lean = instrumenter.expose({
      connect(c: { status: string }) {
        c.status = 'opened';
      },
    }) as Sdk;
    lean.connect!(config);
    expect(self).toBe(config);
  });

  it('leaves a config without a callback untouched', () => {
    const { instrumenter } = setup();
    const { sdk, seen } = recordingSdk();
    const lean = instrumenter.expose(sdk) as Sdk;
    const config = { customer_id: 'c' };
    lean.connect!(config);
    expect(seen[0]!.config).toBe(config);
  });

  it('hands a frozen config through as is, and its callback still runs', () => {
    const { instrumenter } = setup();
    const { sdk, seen } = recordingSdk();
    const lean = instrumenter.expose(sdk) as Sdk;
    let ran = false;
    const config = Object.freeze({
      callback() {
        ran = true;
      },
    });
    lean.connect!(config);
    seen[0]!.callback!({});
    expect(seen[0]!.config).toBe(config);
    expect(ran).toBe(true);
  });
});

describe('hook: instrumenting in place', () => {
  it('wraps the methods of a class instance on its prototype, keeping `this` the instance', () => {
    const { instrumenter, events } = setup();
    class LeanSdk {
      #n = 0;
      pay() {
        return ++this.#n;
      }
    }
    const raw = new LeanSdk();
    expect(instrumenter.instrumentInPlace(raw)).toBe(true);
    expect(raw.pay()).toBe(1);
    expect(events().filter((e) => e.type === 'call')).toHaveLength(1);
  });

  it('reports a frozen object with own methods as not hookable', () => {
    const { instrumenter, events } = setup();
    expect(instrumenter.instrumentInPlace(Object.freeze({ pay() {} }))).toBe(false);
    expect(events().find((e) => e.type === 'sdk')).toMatchObject({ state: 'not-hookable' });
  });
});
