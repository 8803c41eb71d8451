import { describe, expect, it } from 'vitest';
import { createInstrumenter } from '../../../lib/hook/instrument';
import { OverrideTable } from '../../../lib/hook/override';
import { Recorder } from '../../../lib/hook/recorder';
import { parseOverride } from '../../../lib/model/outcomes';
import type { CallbackEvent } from '../../../lib/model/types';
import type { HookEvent, PageBatch } from '../../../lib/protocol';

type Callback = (data: unknown) => unknown;
type Config = { callback?: Callback; success_redirect_url?: string };

/** A fake SDK whose calls end when the test says so, an instrumented Lean over it, and the recorded events. */
function setup(specs: string[]) {
  const batches: PageBatch[] = [];
  let pending: (() => void) | null = null;
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const recorder = new Recorder({
    post: (json) => {
      batches.push(JSON.parse(json) as PageBatch);
      return true;
    },
    schedule: (flush) => (pending = flush),
    clock: () => 1_000,
  });
  const table = new OverrideTable(specs.map((s) => parseOverride(s)));
  const instrumenter = createInstrumenter(recorder, { table, setTimer: (fn, ms) => timers.push({ fn, ms }) });
  const sdkCallbacks: Callback[] = [];
  const raw = {
    pay(config: Config) {
      sdkCallbacks.push((data) => config.callback?.(data));
    },
    connect(config: Config) {
      sdkCallbacks.push((data) => config.callback?.(data));
    },
  };
  const lean = instrumenter.expose(raw) as typeof raw;
  const events = (): HookEvent[] => {
    pending?.();
    pending = null;
    return batches.flatMap((b) => b.events);
  };
  const callbacks = () => events().filter((e): e is Omit<CallbackEvent, 'frameUrl'> => e.type === 'callback');
  return { lean, table, sdkCallbacks, timers, callbacks };
}

const REAL = { status: 'SUCCESS', message: 'ok', lean_correlation_id: 'real-id' };

describe('hook: outcome overrides', () => {
  it('hands the page’s callback the synthetic outcome when the SDK calls back, and records both with a mark', () => {
    const { lean, sdkCallbacks, callbacks } = setup(['pay=ERROR:INVALID_CREDENTIALS']);
    const got: unknown[] = [];
    lean.pay({ callback: (data) => got.push(data) });
    sdkCallbacks[0]!(REAL);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ status: 'ERROR', secondary_status: 'INVALID_CREDENTIALS' });
    expect((got[0] as { lean_correlation_id: string }).lean_correlation_id).toMatch(/^lean-devtools-synthetic-/);
    const [event] = callbacks();
    expect(event!.data).toEqual(REAL);
    expect(event!.override).toMatchObject({ outcome: 'ERROR:INVALID_CREDENTIALS', fromSdk: true, delivered: { status: 'ERROR' } });
  });

  it('leaves other methods untouched', () => {
    const { lean, sdkCallbacks, callbacks } = setup(['pay=CANCELLED']);
    const got: unknown[] = [];
    lean.connect({ callback: (data) => got.push(data) });
    sdkCallbacks[0]!(REAL);
    expect(got).toEqual([REAL]);
    expect(callbacks()[0]!.override).toBeUndefined();
  });

  it('with no override set, records callbacks without a mark and passes the SDK’s data through', () => {
    const { lean, sdkCallbacks, callbacks } = setup([]);
    const got: unknown[] = [];
    lean.pay({ callback: (data) => got.push(data) });
    sdkCallbacks[0]!(REAL);
    expect(got).toEqual([REAL]);
    expect('override' in callbacks()[0]!).toBe(false);
  });

  it('"none": the page’s callback is never called, and the SDK’s answer is recorded as withheld', () => {
    const { lean, sdkCallbacks, callbacks } = setup(['pay=none']);
    const got: unknown[] = [];
    lean.pay({ callback: (data) => got.push(data) });
    sdkCallbacks[0]!(REAL);
    expect(got).toEqual([]);
    expect(callbacks()[0]!.override).toEqual({ outcome: 'none', delivered: null, fromSdk: true });
  });

  it('a delay: the timer delivers (recorded with no SDK data), and the SDK’s later answer is recorded, not delivered', () => {
    const { lean, sdkCallbacks, timers, callbacks } = setup(['pay=CANCELLED@2s']);
    const got: unknown[] = [];
    lean.pay({ callback: (data) => got.push(data) });
    expect(timers.map((t) => t.ms)).toEqual([2000]);
    timers[0]!.fn();
    expect(got).toMatchObject([{ status: 'CANCELLED' }]);
    sdkCallbacks[0]!(REAL);
    expect(got).toHaveLength(1);
    const [timed, sdk] = callbacks();
    expect(timed).toMatchObject({ data: null, override: { outcome: 'CANCELLED@2s', fromSdk: false, delivered: { status: 'CANCELLED' } } });
    expect(sdk).toMatchObject({ data: REAL, override: { outcome: 'CANCELLED@2s', fromSdk: true, delivered: null } });
  });

  it('a one-call override applies to the next call only', () => {
    const { lean, sdkCallbacks, table } = setup([]);
    table.set(parseOverride('pay=CANCELLED', true));
    const got: unknown[] = [];
    lean.pay({ callback: (data) => got.push(data) });
    lean.pay({ callback: (data) => got.push(data) });
    sdkCallbacks[0]!(REAL);
    sdkCallbacks[1]!(REAL);
    expect(got).toMatchObject([{ status: 'CANCELLED' }, REAL]);
    expect(table.count).toBe(0);
  });

  it('a synthetic REDIRECT points at the call’s success_redirect_url', () => {
    const { lean, sdkCallbacks } = setup(['pay=REDIRECT']);
    const got: unknown[] = [];
    lean.pay({ success_redirect_url: 'https://shop.example/return', callback: (data) => got.push(data) });
    sdkCallbacks[0]!(REAL);
    expect(got).toMatchObject([{ status: 'REDIRECT', open_banking_redirect_url: 'https://shop.example/return' }]);
  });
});
