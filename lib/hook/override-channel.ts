/**
 * The hook's end of the private relay → hook channel (`HOOK_HELLO` in lib/protocol.ts): a
 * detached node only this closure holds, handed to the frame's sentinel at document_start,
 * before any page script runs. The relay later dispatches the tab's overrides on it; a page
 * script cannot reach the node, so it can neither send one nor see one arrive.
 *
 * What arrives is read and parsed here with the built-ins captured at document_start (the
 * `detail` getter too) and no regular expression, so a page that replaced `String.prototype`
 * methods or `CustomEvent.prototype.detail` learns nothing from it.
 */
import { HOOK_ASK, HOOK_HELLO, HOOK_OVERRIDES } from '../protocol';
import { MAX_OVERRIDE_DELAY_S, OUTCOME_STATUSES, type OutcomeOverride, type OutcomeStatus } from '../model/outcomes';
import { customEventDetail, mathRound, stringCharCodeAt, stringIndexOf, stringSlice } from '../model/intrinsics';

/**
 * Hands the node to the sentinel; `onOverrides` gets each set the relay sends (valid lines
 * only). `setTimer`: the one captured at document_start.
 */
export function offerOverrideChannel(
  doc: Document,
  setTimer: (fn: () => void, ms: number) => unknown,
  onOverrides: (overrides: OutcomeOverride[]) => void,
): void {
  const MouseEventCtor = (doc.defaultView as (Window & typeof globalThis) | null)?.MouseEvent;
  const detailOf = customEventDetail;
  if (!MouseEventCtor || !detailOf) return;
  const node = doc.createElement('span');
  node.addEventListener(HOOK_OVERRIDES, (event) => {
    try {
      const detail = detailOf(event);
      if (typeof detail === 'string') onOverrides(decodeOverrides(detail));
    } catch {
      // Never break the page.
    }
  });
  // Cancelled by the sentinel that took the node.
  const hello = (): boolean => !doc.dispatchEvent(new MouseEventCtor(HOOK_HELLO, { relatedTarget: node, cancelable: true }));
  if (hello()) return;
  // The sentinel runs after the hook: it asks, once, in the same task (the browser runs a
  // frame's document_start scripts one after the other); after that task nobody may ask.
  const onAsk = (): void => {
    stop();
    hello();
  };
  const stop = (): void => doc.removeEventListener(HOOK_ASK, onAsk);
  doc.addEventListener(HOOK_ASK, onAsk);
  setTimer(stop, 0);
}

/** `encodeOverrides`'s lines back into overrides; a line that is not one is skipped. */
export function decodeOverrides(text: string): OutcomeOverride[] {
  const overrides: OutcomeOverride[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = stringIndexOf(text, '\n', start);
    if (end < 0) end = text.length;
    const override = decodeLine(stringSlice(text, start, end));
    if (override) overrides[overrides.length] = override;
    start = end + 1;
  }
  return overrides;
}

function decodeLine(line: string): OutcomeOverride | null {
  const space = stringIndexOf(line, ' ');
  const mode = stringSlice(line, 0, space);
  if (space < 0 || (mode !== 'once' && mode !== 'until')) return null;
  const spec = stringSlice(line, space + 1);
  const eq = stringIndexOf(spec, '=');
  const method = stringSlice(spec, 0, eq);
  if (eq < 1 || !isCode(method, true)) return null;
  let outcome = stringSlice(spec, eq + 1);
  const once = mode === 'once';
  if (outcome === 'none') return { method, status: null, secondary: null, afterMs: null, once };
  let afterMs: number | null = null;
  const at = stringIndexOf(outcome, '@');
  if (at >= 0) {
    const delay = stringSlice(outcome, at + 1);
    // Unary plus converts a primitive string without any method a page could replace.
    const seconds = +stringSlice(delay, 0, delay.length - 1);
    if (stringSlice(delay, delay.length - 1) !== 's' || delay.length < 2 || !(seconds >= 0 && seconds <= MAX_OVERRIDE_DELAY_S)) return null;
    afterMs = mathRound(seconds * 1000);
    outcome = stringSlice(outcome, 0, at);
  }
  const colon = stringIndexOf(outcome, ':');
  const word = colon < 0 ? outcome : stringSlice(outcome, 0, colon);
  const secondary = colon < 0 ? null : stringSlice(outcome, colon + 1);
  if (secondary !== null && !isCode(secondary, false)) return null;
  for (let i = 0; i < OUTCOME_STATUSES.length; i++) {
    const status: OutcomeStatus = OUTCOME_STATUSES[i]!;
    if (status === word) return { method, status, secondary, afterMs, once };
  }
  return null;
}

/** A method name (`A-Za-z0-9_$`, not starting with a digit) or an UPPER_CASE code, at most 64 characters. */
function isCode(text: string, method: boolean): boolean {
  if (text.length === 0 || text.length > 64) return false;
  for (let i = 0; i < text.length; i++) {
    const c = stringCharCodeAt(text, i);
    const upper = c >= 65 && c <= 90;
    const digit = c >= 48 && c <= 57;
    const ok = method ? upper || digit || (c >= 97 && c <= 122) || c === 95 || c === 36 : upper || digit || c === 95;
    if (!ok || (i === 0 && digit)) return false;
  }
  return true;
}
