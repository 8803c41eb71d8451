/**
 * Plain-words explanations of the data a `callback` receives (docs/lean-sdk-reference.md §4:
 * seed §1 callback, and the official SDKs' response type with `user_exit_intent`,
 * `exit_intent_point`, `exit_survey_reason`). Only `status` values, `INVALID_CREDENTIALS` and
 * the `user_exit_intent` values are documented; other secondary statuses are read from their
 * names and marked `basis: 'inferred'`, unknown ones `basis: 'unknown'`.
 */
import type { Snapshot } from '../model/types';
import { kindOf, quoted } from './values';

/** Where an explanation comes from: the SDK reference, the code's name, or nowhere. */
export type ExplanationBasis = 'reference' | 'inferred' | 'unknown';

export interface SecondaryExplanation {
  code: string;
  meaning: string;
  nextStep: string;
  basis: ExplanationBasis;
}

export interface CallbackExplanation {
  /** The status as received ("" when the data has none). */
  status: string;
  title: string;
  meaning: string;
  nextStep: string;
  basis: ExplanationBasis;
  secondary?: SecondaryExplanation;
  /** What `user_exit_intent` says the user meant when leaving, when it is set. */
  exitIntent?: SecondaryExplanation;
}

/** `user_exit_intent` values (link-sdk-react-native Readme, CallbackResponse). */
const EXIT_INTENTS: Readonly<Record<string, { meaning: string; nextStep: string }>> = {
  USER_COMPLETED_PAYMENT: {
    meaning: 'The user left Link saying they had completed the payment (for example in their bank app).',
    nextStep: "Do not treat it as a failure: check the payment intent's status via the webhook or API before asking the user to pay again.",
  },
  USER_CANCELLED_PAYMENT: {
    meaning: 'The user left Link saying they cancelled the payment.',
    nextStep: 'Nothing was paid; let the user try again or choose another way to pay.',
  },
};

export const CALLBACK_STATUSES = ['SUCCESS', 'ERROR', 'CANCELLED', 'REDIRECT', 'LINK_CLOSED_PROGRAMMATICALLY'] as const;

interface Facts {
  message: string | null;
  correlationId: string | null;
  exitPoint: string | null;
  lastApiResponse: string | null;
  bankUnsupported: boolean;
  redirectUrl: boolean;
  exitIntent: string | null;
  exitIntentPoint: string | null;
  exitSurveyReason: string | null;
}

type Explainer = (facts: Facts) => { title: string; meaning: string; nextStep: string };

const quoteId = (f: Facts): string =>
  f.correlationId ? `quote lean_correlation_id ${f.correlationId} to Lean support` : 'quote the lean_correlation_id to Lean support';

/** What the exit survey recorded, as a sentence ("" when nothing). */
function leaving(f: Facts): string {
  const parts: string[] = [];
  if (f.exitIntentPoint) parts.push(`they chose to leave on ${f.exitIntentPoint}`);
  if (f.exitSurveyReason) parts.push(`their reason: ${f.exitSurveyReason}`);
  return parts.length > 0 ? ` In the exit survey ${parts.join('; ')}.` : '';
}

const STATUS: Readonly<Record<string, Explainer>> = {
  SUCCESS: () => ({
    title: 'Flow completed',
    meaning: 'The user finished the flow in Link. The callback is only a hint: the webhook is the authoritative outcome.',
    nextStep: "Wait for Lean's webhook (or check the API) before fulfilling the order or marking the account connected.",
  }),
  ERROR: (f) => ({
    title: 'Flow failed',
    meaning:
      'Link closed because of an error' +
      (f.message ? `: ${f.message}` : '.') +
      (f.lastApiResponse ? ` Last Lean API status: ${f.lastApiResponse}.` : ''),
    nextStep: `Read secondary_status and message for the cause; if it persists, ${quoteId(f)}.`,
  }),
  CANCELLED: (f) =>
    f.bankUnsupported
      ? {
          title: 'Bank not listed',
          meaning: 'The user closed Link after choosing "My bank is not listed".',
          nextStep: "Offer another way to pay or connect for that user's bank.",
        }
      : f.exitIntent === 'USER_COMPLETED_PAYMENT'
        ? {
            title: 'User closed Link, saying the payment was made',
            meaning: `${EXIT_INTENTS['USER_COMPLETED_PAYMENT']!.meaning}${leaving(f)}`,
            nextStep: EXIT_INTENTS['USER_COMPLETED_PAYMENT']!.nextStep,
          }
        : {
            title: 'User closed Link',
            meaning: 'The user left the flow before finishing' + (f.exitPoint ? ` (last screen: ${f.exitPoint}).` : '.') + leaving(f),
            nextStep: 'Nothing was completed; let the user try again.',
          },
  REDIRECT: (f) => ({
    title: 'Sent to the bank (Open Finance)',
    meaning:
      "The user is being redirected to the bank's site" +
      (f.redirectUrl ? ' (open_banking_redirect_url)' : '') +
      '. The result arrives on your success or fail redirect page, not in this callback.',
    nextStep:
      'On the redirect page, call Lean.captureRedirect with consent_attempt_id, granular_status_code and status_additional_info from its query string.',
  }),
  LINK_CLOSED_PROGRAMMATICALLY: () => ({
    title: 'Closed by code',
    meaning: 'Link was closed by code rather than by the user, so the flow reached no outcome.',
    nextStep: 'Check whether your page closes Link, navigates away or opens a second flow while one is running.',
  }),
};

interface SecondaryEntry {
  meaning: string;
  nextStep: string;
  basis: Exclude<ExplanationBasis, 'unknown'>;
}

const INFERRED = ' (read from the code name; not in the SDK reference)';

function inferred(meaning: string, nextStep: string): SecondaryEntry {
  return { meaning: meaning + INFERRED, nextStep, basis: 'inferred' };
}

const BANK_DOWN = inferred(
  "The bank's systems were unavailable.",
  'Retry later or let the user choose another bank.',
);
const OTP = inferred(
  'The one-time code or second authentication factor was wrong or expired.',
  'Let the user retry and enter the newest code promptly.',
);
const UNSUPPORTED_BANK = inferred(
  'The chosen bank is not supported for this flow.',
  'Offer another bank or another way to pay or connect.',
);

const SECONDARY: Readonly<Record<string, SecondaryEntry>> = {
  INVALID_CREDENTIALS: {
    meaning: 'The bank rejected the online-banking username or password the user entered.',
    nextStep: 'Ask the user to re-enter their credentials; repeated failures may lock the bank account.',
    basis: 'reference',
  },
  ACCOUNT_LOCKED: inferred(
    "The user's online-banking access is locked at the bank.",
    'The user must unlock it with their bank, then try again.',
  ),
  BANK_UNAVAILABLE: BANK_DOWN,
  BANK_DOWN,
  USER_CANCELLED: inferred('The user cancelled the flow, possibly on the bank\'s side.', 'Let the user try again.'),
  CONSENT_EXPIRED: inferred(
    'The consent the flow relied on has expired.',
    'Ask for a new consent: call connect (or authorizeConsent) again.',
  ),
  CONSENT_REJECTED: inferred('The user or the bank rejected the consent.', 'Let the user try again, or explain why consent is needed.'),
  PAYMENT_FAILED: inferred(
    'The bank did not complete the payment.',
    "Check the payment intent's status via the webhook or API before retrying.",
  ),
  INSUFFICIENT_FUNDS: inferred(
    'The chosen account did not have enough funds.',
    'Ask the user to choose another account or top up, then retry.',
  ),
  PAYMENT_LIMIT_EXCEEDED: inferred(
    'The amount exceeds a limit set by the bank or for this beneficiary.',
    'Try a smaller amount or ask the user to raise the limit with their bank.',
  ),
  TIMEOUT: inferred(
    'A step took too long (the user or the bank did not respond in time).',
    'Let the user retry; if it recurs, quote the lean_correlation_id to Lean support.',
  ),
  MFA_FAILED: OTP,
  INVALID_OTP: OTP,
  OTP_EXPIRED: OTP,
  RECONNECT_REQUIRED: inferred(
    "The bank connection needs the user's credentials again.",
    'Call Lean.reconnect with a reconnect_id from the API.',
  ),
  BANK_NOT_SUPPORTED: UNSUPPORTED_BANK,
  UNSUPPORTED_BANK,
  ACCOUNT_NOT_SUPPORTED: inferred(
    "None of the user's accounts can be used for this flow.",
    'Ask the user to use another account or bank.',
  ),
};

function text(value: Snapshot | undefined): string | null {
  return kindOf(value) === 'string' && (value as string).trim() !== '' ? (value as string).trim() : null;
}

/** Explain a callback's data (a redacted snapshot) in plain words with a next step. */
export function explainCallback(data: Snapshot): CallbackExplanation {
  const record = kindOf(data) === 'object' ? (data as { [key: string]: Snapshot }) : {};
  const bank = record['bank'];
  const facts: Facts = {
    message: text(record['message']),
    correlationId: text(record['lean_correlation_id']),
    exitPoint: text(record['exit_point']),
    lastApiResponse: text(record['last_api_response']),
    bankUnsupported:
      kindOf(bank) === 'object' && (bank as { [key: string]: Snapshot })['is_supported'] === false,
    redirectUrl: text(record['open_banking_redirect_url']) !== null,
    exitIntent: text(record['user_exit_intent']),
    exitIntentPoint: text(record['exit_intent_point']),
    exitSurveyReason: text(record['exit_survey_reason']),
  };
  const status = text(record['status']) ?? '';
  const explain = Object.hasOwn(STATUS, status) ? STATUS[status] : undefined;
  const main = explain
    ? { ...explain(facts), basis: 'reference' as const }
    : {
        title: status ? 'Unrecognised status' : 'No status',
        meaning: status
          ? `${quoted(status)} is not one of the documented statuses (${CALLBACK_STATUSES.join(', ')}).`
          : 'The callback data has no status.',
        nextStep: `Treat the flow as not completed, check the webhook, and ${quoteId(facts)}.`,
        basis: 'unknown' as const,
      };
  const result: CallbackExplanation = { status, ...main };
  if (facts.exitIntent !== null) {
    const intent = Object.hasOwn(EXIT_INTENTS, facts.exitIntent) ? EXIT_INTENTS[facts.exitIntent] : undefined;
    result.exitIntent = intent
      ? { code: facts.exitIntent, ...intent, basis: 'reference' }
      : {
          code: facts.exitIntent,
          meaning: 'Not one of the documented user_exit_intent values (USER_COMPLETED_PAYMENT, USER_CANCELLED_PAYMENT).',
          nextStep: 'Treat the flow as not completed and check the webhook.',
          basis: 'unknown',
        };
  }
  const code = text(record['secondary_status']);
  if (code !== null) {
    const entry = Object.hasOwn(SECONDARY, code) ? SECONDARY[code] : undefined;
    result.secondary = entry
      ? { code, ...entry }
      : {
          code,
          meaning: 'The SDK reference does not document this code' + (facts.message ? `; the message says: ${facts.message}` : '.'),
          nextStep: `Check message and last_api_response, and ${quoteId(facts)}.`,
          basis: 'unknown',
        };
  }
  return result;
}
