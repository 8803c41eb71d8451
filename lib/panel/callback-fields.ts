/**
 * Plain words for every CallbackData field (docs/lean-sdk-reference.md §4: the seed Web SDK
 * page's CallbackData table, and the official SDKs' response type). The status,
 * secondary_status and user_exit_intent values themselves are explained by `explainCallback`
 * in lib/rules; this says what each field is for.
 */
export interface FieldDoc {
  meaning: string;
  /** From the vendor's Web SDK page or the official SDKs' response type. */
  source: 'seed-web' | 'rn-sdk-types';
}

const S1 = 'seed-web' as const;
const S2 = 'rn-sdk-types' as const;

export const CALLBACK_FIELDS: Readonly<Record<string, FieldDoc>> = {
  status: { meaning: 'How the flow ended: SUCCESS, ERROR, CANCELLED, REDIRECT or LINK_CLOSED_PROGRAMMATICALLY.', source: S1 },
  message: { meaning: 'A human-readable description of the outcome, from Lean.', source: S1 },
  bank: { meaning: 'The bank the user picked in Link.', source: S1 },
  'bank.bank_identifier': { meaning: 'Lean’s identifier of the bank the user picked.', source: S1 },
  'bank.is_supported': { meaning: 'false when the user chose “My bank is not listed”.', source: S1 },
  exit_point: { meaning: 'The last screen the user saw before Link closed.', source: S1 },
  secondary_status: { meaning: 'Detail of a failure, e.g. INVALID_CREDENTIALS.', source: S1 },
  last_api_response: { meaning: 'The last status the Lean API returned during the flow.', source: S1 },
  lean_correlation_id: { meaning: 'Unique id of this flow: quote it to Lean support.', source: S1 },
  open_banking_redirect_url: { meaning: 'Set on REDIRECT (Open Finance): the bank page the user is sent to.', source: S1 },
  exit_intent_point: { meaning: 'The screen on which the user chose to leave (Link’s exit survey).', source: S2 },
  exit_survey_reason: { meaning: 'The reason the user gave in Link’s exit survey.', source: S2 },
  user_exit_intent: {
    meaning: 'What the user said when leaving: USER_COMPLETED_PAYMENT (paid, e.g. in the bank app) or USER_CANCELLED_PAYMENT.',
    source: S2,
  },
};

export function callbackFieldDoc(path: string): FieldDoc | null {
  return Object.hasOwn(CALLBACK_FIELDS, path) ? CALLBACK_FIELDS[path]! : null;
}
