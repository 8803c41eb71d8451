/**
 * What each config field holds, wherever it appears. One line per field; the method
 * tables (`methods.ts`) say which methods take it.
 */
import { SRC } from './sources';

export const PERMISSIONS_ALL = ['identity', 'accounts', 'balance', 'transactions', 'payments'] as const;
/** KSA-only permissions (SDK reference §2, permissions). */
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
  | { kind: 'any' };

export interface FieldSpec {
  type: FieldType;
  source: string;
}

const string = { kind: 'string' } as const;
const boolean = { kind: 'boolean' } as const;
const url = { kind: 'redirect-url' } as const;

export const FIELDS: Readonly<Record<string, FieldSpec>> = {
  // §1, method table
  app_token: { type: string, source: SRC.methodTable },
  customer_id: { type: string, source: SRC.methodTable },
  permissions: { type: { kind: 'permissions' }, source: SRC.methodTable },
  bank_identifier: { type: string, source: SRC.methodTable },
  account_type: { type: { kind: 'enum', values: ACCOUNT_TYPES }, source: SRC.methodTable },
  access_from: { type: { kind: 'date' }, source: SRC.methodTable },
  access_to: { type: { kind: 'date' }, source: SRC.methodTable },
  show_consent_explanation: { type: boolean, source: SRC.methodTable },
  payment_intent_id: { type: string, source: SRC.methodTable },
  bulk_payment_intent_id: { type: string, source: SRC.methodTable },
  account_id: { type: string, source: SRC.methodTable },
  risk_details: { type: { kind: 'object' }, source: SRC.methodTable },
  reconnect_id: { type: string, source: SRC.methodTable },
  payment_destination_id: { type: string, source: SRC.methodTable },
  payment_source_id: { type: string, source: SRC.methodTable },
  entity_id: { type: string, source: SRC.methodTable },
  success_redirect_url: { type: url, source: SRC.methodTable },
  fail_redirect_url: { type: url, source: SRC.methodTable },
  customer_name: { type: string, source: SRC.methodTable },
  consent_id: { type: string, source: SRC.methodTable },
  consent_attempt_id: { type: string, source: SRC.redirect },
  granular_status_code: { type: string, source: SRC.redirect },
  status_additional_info: { type: string, source: SRC.redirect },
  // §1, shared optional fields
  access_token: { type: string, source: SRC.shared },
  sandbox: { type: boolean, source: SRC.shared },
  language: { type: { kind: 'enum', values: LANGUAGES }, source: SRC.shared },
  customization: { type: { kind: 'customization' }, source: SRC.shared },
  callback: { type: { kind: 'callback' }, source: SRC.shared },
  // §2, further known fields
  end_user_id: { type: string, source: SRC.known },
  destination_alias: { type: string, source: SRC.known },
  destination_avatar: { type: string, source: SRC.known },
  customer_metadata: { type: { kind: 'any' }, source: SRC.known },
  show_balances: { type: boolean, source: SRC.known },
  show_logs: { type: boolean, source: SRC.known },
};

/** Shared optional fields on every method (SDK reference §1). */
export const SHARED_FIELDS = ['access_token', 'sandbox', 'language', 'customization', 'callback'] as const;
/** Known on every method, from older pages (SDK reference §2: `show_logs`). */
export const SHARED_KNOWN_FIELDS = ['show_logs'] as const;
/** "Optional on several methods" (SDK reference §2): accepted on every flow-opening method. */
export const SEVERAL_KNOWN_FIELDS = [
  'end_user_id',
  'destination_alias',
  'destination_avatar',
  'customer_metadata',
  'fail_redirect_url',
  'success_redirect_url',
] as const;
