/**
 * Applies outcome overrides (`lib/model/outcomes.ts`, docs/overrides.md) to a call's callback.
 *
 * The overrides are given to the hook by whoever started it (the audit, at init), never read
 * from the page: nothing here is reachable from a page script. With none set, `count` is 0
 * and the wrappers take their usual path; the cost per call is one comparison.
 *
 * An overridden call: when the SDK calls back (or, with a delay, when the timer fires) the
 * page's callback gets the synthetic payload instead of the SDK's; with `none` it gets
 * nothing. The record keeps both: every callback event of the call carries an
 * `OverrideMark` with what the page got.
 */
import {
  type OutcomeOverride,
  type SyntheticPayload,
  outcomeLabel,
  syntheticPayload,
} from '../model/outcomes';
import { dateNow, objectCreate, readProperty } from '../model/intrinsics';
import type { CallHandle, Recorder } from './recorder';

/** One overridden call: what its callback gets, and whether the page has had it. */
export interface CallOverride {
  label: string;
  /** null: the page's callback is never called. */
  payload: SyntheticPayload | null;
  /** null: delivered when the SDK calls back; otherwise by a timer this many ms after the call. */
  afterMs: number | null;
  /** The page's callback has had the payload: later SDK callbacks are recorded, not delivered. */
  delivered: boolean;
}

/** Overrides by method, as the hook holds them. */
export class OverrideTable {
  /** Prototype-less: method names are the page's. */
  private byMethod: Record<string, OutcomeOverride> = objectCreate(null) as Record<string, OutcomeOverride>;
  private serial = 0;
  /** Methods with an override. */
  count = 0;

  constructor(initial: readonly OutcomeOverride[] = []) {
    for (let i = 0; i < initial.length; i++) this.set(initial[i]!);
  }

  set(override: OutcomeOverride): void {
    if (this.byMethod[override.method] === undefined) this.count++;
    this.byMethod[override.method] = override;
  }

  clear(method: string): void {
    if (this.byMethod[method] === undefined) return;
    delete this.byMethod[method];
    this.count--;
  }

  /** The plan for this call of `method`, or null; a one-call override is used up. */
  plan(method: string, config: unknown): CallOverride | null {
    const override = this.byMethod[method];
    if (override === undefined) return null;
    if (override.once) this.clear(method);
    const payload =
      override.status === null
        ? null
        : syntheticPayload(
            override.status,
            override.secondary,
            '' + dateNow() + '-' + ++this.serial,
            // Read (a page getter may run) only when the payload needs it.
            override.status === 'REDIRECT' ? redirectUrlOf(config) : null,
          );
    return { label: outcomeLabel(override), payload, afterMs: override.afterMs, delivered: false };
  }
}

/** The call's `success_redirect_url`, where a synthetic REDIRECT sends the page. */
function redirectUrlOf(config: unknown): string | null {
  if (config === null || typeof config !== 'object') return null;
  try {
    const url = readProperty(config, 'success_redirect_url');
    return typeof url === 'string' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The SDK called back on an overridden call: records what it said and what the page gets,
 * and returns the arguments for the page's callback, or null when the page gets nothing.
 */
export function onSdkCallback(plan: CallOverride, recorder: Recorder, handle: CallHandle, data: unknown): unknown[] | null {
  const deliver = plan.afterMs === null && !plan.delivered && plan.payload !== null;
  try {
    recorder.callback(handle, data, { outcome: plan.label, delivered: deliver ? plan.payload : null, fromSdk: true });
  } catch {
    // The page still gets its outcome.
  }
  if (!deliver) return null;
  plan.delivered = true;
  return [plan.payload];
}

/**
 * A delayed (or immediate) override's time has come: records the delivery and returns the
 * arguments for the page's callback, or null when it already had them.
 */
export function onTimer(plan: CallOverride, recorder: Recorder, handle: CallHandle): unknown[] | null {
  if (plan.delivered || plan.payload === null) return null;
  plan.delivered = true;
  try {
    recorder.callback(handle, null, { outcome: plan.label, delivered: plan.payload, fromSdk: false });
  } catch {
    // The page still gets its outcome.
  }
  return [plan.payload];
}
