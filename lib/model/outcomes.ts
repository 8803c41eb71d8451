/**
 * Outcome overrides: which outcome a developer may make the page's `callback` receive instead
 * of the SDK's, how one is written (`pay=ERROR:INVALID_CREDENTIALS`, `pay=CANCELLED@5s`,
 * `pay=none`) and the synthetic payload the page then gets.
 *
 * The catalogue is the SDK reference's (docs/lean-sdk-reference.md §4 "Callback"): its five
 * statuses and its documented `secondary_status` values (`INVALID_CREDENTIALS`). Any other
 * upper-case code is accepted too, as the next SDK release may add one, and passed on as
 * written. The payload has the fields and types of the SDK's callback response
 * (`LeanCallbackResponse`, leantechnologies/link-sdk-react-native `src/types/sdk.ts`):
 * every string field present, `null` when the outcome says nothing, `bank` an object, and
 * `open_banking_redirect_url` on `REDIRECT` only. Its `lean_correlation_id` starts with
 * `SYNTHETIC_CORRELATION_PREFIX`, so nobody quotes it to Lean support.
 *
 * Pure: the MAIN-world hook builds the payload with it, so no browser globals here.
 */

export const OUTCOME_STATUSES = ['SUCCESS', 'ERROR', 'CANCELLED', 'REDIRECT', 'LINK_CLOSED_PROGRAMMATICALLY'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** `secondary_status` values the SDK reference documents, per status. */
export const DOCUMENTED_SECONDARY: Readonly<Record<OutcomeStatus, readonly string[]>> = {
  SUCCESS: [],
  ERROR: ['INVALID_CREDENTIALS'],
  CANCELLED: [],
  REDIRECT: [],
  LINK_CLOSED_PROGRAMMATICALLY: [],
};

/** The spec word for "the page's callback is never called". */
export const NO_CALLBACK = 'none';
/** Longest delay an override may ask for: a CI run or a developer waits no longer. */
export const MAX_OVERRIDE_DELAY_S = 600;
/** How every synthetic correlation id starts. */
export const SYNTHETIC_CORRELATION_PREFIX = 'lean-devtools-synthetic-';

export interface OutcomeOverride {
  method: string;
  /** null: the page's callback is never called. */
  status: OutcomeStatus | null;
  secondary: string | null;
  /** null: when the SDK's callback fires; otherwise this many ms after the call (0: at once). */
  afterMs: number | null;
  /** The next call of the method only; otherwise every call until cleared. */
  once: boolean;
}

const METHOD = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
const SECONDARY = /^[A-Z][A-Z0-9_]{0,63}$/;
const OUTCOME = /^([A-Z_]+|none)(?::([^@]*))?(?:@(\d{1,3}(?:\.\d)?)s)?$/;

export class OverrideSpecError extends Error {}

/**
 * `method=STATUS[:SECONDARY][@Ns]` or `method=none`; throws `OverrideSpecError` saying what
 * is expected. `@0s` delivers at once (the next task after the call).
 */
export function parseOverride(spec: string, once = false): OutcomeOverride {
  const text = spec.trim();
  const eq = text.indexOf('=');
  const method = eq < 0 ? '' : text.slice(0, eq);
  const outcome = eq < 0 ? '' : text.slice(eq + 1);
  const fail = (why: string): never => {
    throw new OverrideSpecError(
      `override "${spec}": ${why} (expected method=STATUS[:SECONDARY_STATUS][@Ns] or method=${NO_CALLBACK}; STATUS one of ${OUTCOME_STATUSES.join(', ')})`,
    );
  };
  if (!METHOD.test(method)) fail('not a method name before "="');
  const match = OUTCOME.exec(outcome);
  if (!match) fail('not an outcome after "="');
  const [, word, secondary, seconds] = match!;
  if (word === NO_CALLBACK) {
    if (secondary !== undefined || seconds !== undefined) fail(`"${NO_CALLBACK}" takes no secondary status and no delay`);
    return { method, status: null, secondary: null, afterMs: null, once };
  }
  if (!(OUTCOME_STATUSES as readonly string[]).includes(word!)) fail(`unknown status "${word}"`);
  if (secondary !== undefined && !SECONDARY.test(secondary)) fail(`secondary status "${secondary}" is not an UPPER_CASE code`);
  const afterS = seconds === undefined ? null : Number(seconds);
  if (afterS !== null && afterS > MAX_OVERRIDE_DELAY_S) fail(`a delay of at most ${MAX_OVERRIDE_DELAY_S} s`);
  return {
    method,
    status: word as OutcomeStatus,
    secondary: secondary ?? null,
    afterMs: afterS === null ? null : Math.round(afterS * 1000),
    once,
  };
}

/** The outcome part of a spec: `ERROR:INVALID_CREDENTIALS`, `CANCELLED@5s`, `none`. */
export function outcomeLabel(override: Pick<OutcomeOverride, 'status' | 'secondary' | 'afterMs'>): string {
  if (override.status === null) return NO_CALLBACK;
  let label: string = override.status;
  if (override.secondary !== null) label += ':' + override.secondary;
  if (override.afterMs !== null) label += '@' + override.afterMs / 1000 + 's';
  return label;
}

/** The whole spec, as `parseOverride` reads it back. */
export function overrideSpec(override: OutcomeOverride): string {
  return override.method + '=' + outcomeLabel(override);
}

/** Whether the reference documents this secondary status for this status. */
export function isDocumentedSecondary(status: OutcomeStatus, secondary: string): boolean {
  return DOCUMENTED_SECONDARY[status].includes(secondary);
}

/** Every outcome the reference documents, as a picker lists them (no delay, no "none"). */
export function documentedOutcomes(): Array<{ status: OutcomeStatus; secondary: string | null }> {
  return OUTCOME_STATUSES.flatMap((status) => [
    { status, secondary: null },
    ...DOCUMENTED_SECONDARY[status].map((secondary) => ({ status, secondary })),
  ]);
}

const MESSAGES: Readonly<Record<OutcomeStatus, string>> = {
  SUCCESS: 'The flow completed successfully.',
  ERROR: 'The flow failed.',
  CANCELLED: 'User cancelled the flow.',
  REDIRECT: 'Customer was redirected to their bank to authorise.',
  LINK_CLOSED_PROGRAMMATICALLY: 'The flow was closed because another Lean flow was opened.',
};

/** The callback data the SDK would send for this outcome. */
export interface SyntheticPayload {
  status: OutcomeStatus;
  message: string;
  secondary_status: string | null;
  exit_point: string | null;
  exit_intent_point: string | null;
  exit_survey_reason: string | null;
  user_exit_intent: string | null;
  last_api_response: string | null;
  lean_correlation_id: string;
  bank: { bank_identifier: string | null; is_supported: boolean };
  open_banking_redirect_url?: string | null;
}

/**
 * The payload for `status`/`secondary`. `redirectUrl` (the call's `success_redirect_url`,
 * when it has one) stands in for the bank's URL on `REDIRECT`: a page that follows it lands
 * back on its own return page, not on a bank.
 */
export function syntheticPayload(
  status: OutcomeStatus,
  secondary: string | null,
  correlationSuffix: string,
  redirectUrl: string | null,
): SyntheticPayload {
  // Literals and spread only: they define fields, so no setter a page put on Object.prototype runs.
  const payload: SyntheticPayload = {
    status,
    message: MESSAGES[status],
    secondary_status: secondary,
    exit_point: null,
    exit_intent_point: null,
    exit_survey_reason: null,
    user_exit_intent: null,
    last_api_response: null,
    lean_correlation_id: SYNTHETIC_CORRELATION_PREFIX + correlationSuffix,
    bank: { bank_identifier: null, is_supported: true },
  };
  return status === 'REDIRECT' ? { ...payload, open_banking_redirect_url: redirectUrl } : payload;
}

/** A correlation id the synthetic payload made (never one to quote to Lean support). */
export function isSyntheticCorrelationId(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(SYNTHETIC_CORRELATION_PREFIX);
}
