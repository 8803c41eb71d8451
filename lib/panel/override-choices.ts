/**
 * What the panel's *Override next callback* offers (docs/overrides.md): every outcome the SDK
 * reference documents (`lib/model/outcomes.ts`), "no callback", and a delay, written as the
 * spec the background and the hook read.
 */
import { documentedOutcomes, MAX_OVERRIDE_DELAY_S, NO_CALLBACK, outcomeLabel } from '../model/outcomes';

/** The outcomes to pick from: `SUCCESS`, …, `ERROR:INVALID_CREDENTIALS`, …, `none`. */
export function outcomeChoices(): string[] {
  return [...documentedOutcomes().map((o) => outcomeLabel({ ...o, afterMs: null })), NO_CALLBACK];
}

/**
 * The spec for `method` and a chosen outcome; `delayS` (blank: when the SDK calls back) adds
 * `@Ns`. Null when the delay is not a number of seconds the hook accepts.
 */
export function overrideSpecOf(method: string, outcome: string, delayS: string): string | null {
  const text = delayS.trim();
  if (text === '' || outcome === NO_CALLBACK) return `${method}=${outcome}`;
  const seconds = Number(text);
  if (!/^\d{1,3}(\.\d)?$/.test(text) || seconds > MAX_OVERRIDE_DELAY_S) return null;
  return `${method}=${outcome}@${seconds}s`;
}
