/**
 * The config validator: pure functions over recorded session data (no browser APIs).
 * Every finding's `source` is its rule's id in the catalogue (`sources.ts`, docs/lean-sdk-reference.md §6);
 * `citeSource` turns it into the citation every surface shows.
 *
 *   validateCall(call, { previous })  findings for one Lean.<method>(config) call
 *   sessionFindings(events, now)      findings about the whole session
 *   worstSeverity(findings)           error > warning > info, or null
 *   explainCallback(data)             plain words for a callback's CallbackData
 */
import type { CallEvent, Finding, LoaderEvent, SessionEvent } from '../model/types';
import { CALL_RULES } from './call-rules';
import { finding, sortFindings, worstSeverity } from './finding';
import { METHOD_NAMES, methodSpec } from './methods';
import { SESSION_RULES } from './session-rules';
import { didYouMean } from './suggest';
import { describeKind, isObject } from './values';
import { explainCallback } from './callback';

export interface CallContext {
  /** Events recorded before this call in the same session, oldest first. */
  previous: readonly SessionEvent[];
}

/** The latest loader inserted since the last navigation (the call's document), or null. */
function currentLoader(previous: readonly SessionEvent[]): LoaderEvent | null {
  for (let i = previous.length - 1; i >= 0; i--) {
    const event = previous[i];
    if (event?.type === 'navigation') return null;
    if (event?.type === 'loader') return event;
  }
  return null;
}

export function validateCall(
  call: Pick<CallEvent, 'method' | 'config' | 'frameUrl' | 'time'>,
  context: CallContext,
): Finding[] {
  const spec = methodSpec(call.method);
  if (spec === null) {
    return [
      finding(
        'unknown-method',
        'info',
        null,
        `Lean.${call.method} is not in the SDK reference; its config was not checked.${didYouMean(call.method, METHOD_NAMES)}`,
        'METHOD-UNKNOWN',
      ),
    ];
  }
  if (!isObject(call.config)) {
    return [
      finding(
        'config-not-object',
        'error',
        null,
        `Lean.${call.method} was called with ${describeKind(call.config)} instead of one config object.`,
        'CONFIG-OBJECT',
        `Call Lean.${call.method}({ app_token, …, callback }).`,
      ),
    ];
  }
  const input = {
    method: call.method,
    spec,
    config: call.config,
    frameUrl: call.frameUrl,
    time: call.time,
    previous: context.previous,
    loader: currentLoader(context.previous),
  };
  return sortFindings(CALL_RULES.flatMap((rule) => rule(input)));
}

export function sessionFindings(events: readonly SessionEvent[], now: number): Finding[] {
  return sortFindings(SESSION_RULES.flatMap((rule) => rule(events, now)));
}

export { explainCallback, worstSeverity };
export type { CallbackExplanation } from './callback';
export { METHOD_NAMES, METHODS } from './methods';
export { citeSource } from './sources';
