/**
 * What each config field holds, wherever it appears. One line per field; the method
 * tables (`methods.ts`) say which methods take it.
 */
import type { RuleId } from './sources';

export const PERMISSIONS_ALL = ['identity', 'accounts', 'balance', 'transactions', 'payments'] as const;
/** KSA-only permissions (reference §3: seed §2, link-sdk-react-native src/types/enums.ts). */
export const PERMISSIONS_KSA = [
  'identities',
  'beneficiaries',
  'direct_debits',
  'standing_orders',
  'scheduled_payments',
] as const;
export const PERMISSIONS: readonly string[] = [...PERMISSIONS_ALL, ...PERMISSIONS_KSA];

export const ACCOUNT_TYPES = ['PERSONAL', 'BUSINESS'] as const;
export const LANGUAGES = ['en', 'ar'] as const;

export type FieldType =
  | { kind: 'string' } // ids, names, tokens (a redacted marker counts as a string)
  | { kind: 'boolean' }
  | { kind: 'object' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'date' } // `YYYY-MM-DD`
  | { kind: 'permissions' }
  | { kind: 'redirect-url' }
  | { kind: 'customization' }
  | { kind: 'callback' }
  | { kind: 'risk-details' }
  | { kind: 'any' };

export interface FieldSpec {
  type: FieldType;
  /** The rule its value check cites (docs/lean-sdk-reference.md §6). */
  source: RuleId;
}

const string = { kind: 'string' } as const;
const boolean = { kind: 'boolean' } as const;
const url = { kind: 'redirect-url' } as const;

export const FIELDS: Readonly<Record<string, FieldSpec>> = {
  // Seed §1 method table and the official typings (reference §2)
  app_token: { type: string, source: 'FIELD-TYPE' },
  customer_id: { type: string, source: 'FIELD-TYPE' },
  permissions: { type: { kind: 'permissions' }, source: 'PERMISSION-KNOWN' },
  bank_identifier: { type: string, source: 'FIELD-TYPE' },
  account_type: { type: { kind: 'enum', values: ACCOUNT_TYPES }, source: 'ACCOUNT-TYPE' },
  access_from: { type: { kind: 'date' }, source: 'DATE-FORMAT' },
  access_to: { type: { kind: 'date' }, source: 'DATE-FORMAT' },
  show_consent_explanation: { type: boolean, source: 'FIELD-TYPE' },
  payment_intent_id: { type: string, source: 'FIELD-TYPE' },
  bulk_payment_intent_id: { type: string, source: 'FIELD-TYPE' },
  account_id: { type: string, source: 'FIELD-TYPE' },
  risk_details: { type: { kind: 'risk-details' }, source: 'RISK-DETAILS' },
  reconnect_id: { type: string, source: 'FIELD-TYPE' },
  payment_destination_id: { type: string, source: 'FIELD-TYPE' },
  payment_source_id: { type: string, source: 'FIELD-TYPE' },
  entity_id: { type: string, source: 'FIELD-TYPE' },
  success_redirect_url: { type: url, source: 'REDIRECT-URL' },
  fail_redirect_url: { type: url, source: 'REDIRECT-URL' },
  customer_name: { type: string, source: 'FIELD-TYPE' },
  consent_id: { type: string, source: 'FIELD-TYPE' },
  consent_attempt_id: { type: string, source: 'FIELD-TYPE' },
  granular_status_code: { type: string, source: 'FIELD-TYPE' },
  status_additional_info: { type: string, source: 'FIELD-TYPE' },
  allow_payment_source_change: { type: boolean, source: 'FIELD-TYPE' },
  // Seed §1 shared optional fields
  access_token: { type: string, source: 'FIELD-TYPE' },
  sandbox: { type: boolean, source: 'FIELD-TYPE' },
  language: { type: { kind: 'enum', values: LANGUAGES }, source: 'LANGUAGE-ENUM' },
  customization: { type: { kind: 'customization' }, source: 'CUSTOMIZATION-VALUE' },
  callback: { type: { kind: 'callback' }, source: 'CALLBACK-TYPE' },
  // Seed §2 and the official typings: optional on several methods
  end_user_id: { type: string, source: 'FIELD-TYPE' },
  destination_alias: { type: string, source: 'FIELD-TYPE' },
  destination_avatar: { type: string, source: 'FIELD-TYPE' },
  customer_metadata: { type: { kind: 'any' }, source: 'FIELD-TYPE' },
  show_balances: { type: boolean, source: 'FIELD-TYPE' },
  show_logs: { type: boolean, source: 'FIELD-TYPE' },
};

/** Shared optional fields on every method (seed §1). */
export const SHARED_FIELDS = ['access_token', 'sandbox', 'language', 'customization', 'callback'] as const;
/** Known on every method, from older pages (seed §2: `show_logs`). */
export const SHARED_KNOWN_FIELDS = ['show_logs'] as const;
/** "Optional on several methods" (seed §2): accepted on every flow-opening method. */
export const SEVERAL_KNOWN_FIELDS = [
  'end_user_id',
  'destination_alias',
  'destination_avatar',
  'customer_metadata',
  'fail_redirect_url',
  'success_redirect_url',
] as const;
