/**
 * The method tables: one entry per `Lean.*` method, from docs/lean-sdk-reference.md §2 (the
 * seed Web SDK page's method table, completed by the official SDKs' typed parameters).
 * Adding a field to a method is one line here (and, for a brand-new field, one line in
 * `fields.ts` saying what it holds).
 */
import { SEVERAL_KNOWN_FIELDS as SEVERAL, SHARED_FIELDS, SHARED_KNOWN_FIELDS } from './fields';
import type { RuleId } from './sources';

export interface MethodStatus {
  kind: 'deprecated' | 'legacy';
  /** What to call instead. */
  replacement: string;
  /** One sentence on how to migrate. */
  fix: string;
  source: RuleId;
}

/** Alternative fields: `fields` names the group; each rule cites its own evidence. */
export interface FieldGroup {
  fields: readonly string[];
  /** Cited when none of the group is given. */
  neither: RuleId;
  /** Cited when more than one is given (exactly-one-of groups only). */
  several?: RuleId;
}

/** Checks over the permissions array the official SDKs run (reference §2, V3 and V4). */
export type PermissionRule = 'needs-accounts' | 'no-payments';

export interface MethodSpec {
  /** Must be present and non-blank. */
  required: readonly string[];
  /** Exactly one field of each group should be given. */
  exactlyOneOf?: readonly FieldGroup[];
  /** At least one field of each group should be given. */
  oneOf?: readonly FieldGroup[];
  /** Optional fields from the vendor's method table (seed §1). */
  documented?: readonly string[];
  /** Optional fields known from the official SDKs' typings (seed §2, reference §2): never required. */
  known?: readonly string[];
  /** Fields the SDK overrides, with the value it forces (passed values are ignored). */
  forced?: Readonly<Record<string, readonly string[]>>;
  permissionRules?: readonly PermissionRule[];
  status?: MethodStatus;
  /** The rule a missing required field cites. */
  source: RuleId;
}

const connect: MethodSpec = {
  required: ['app_token', 'customer_id', 'permissions'],
  documented: ['bank_identifier', 'account_type', 'access_from', 'access_to', 'show_consent_explanation'],
  known: [...SEVERAL, 'payment_destination_id'],
  permissionRules: ['needs-accounts'],
  source: 'REQUIRED',
};

const updatePaymentSource: MethodSpec = {
  required: ['app_token', 'customer_id', 'payment_destination_id'],
  oneOf: [{ fields: ['payment_source_id', 'entity_id'], neither: 'UPS-SOURCE' }],
  known: [...SEVERAL],
  source: 'REQUIRED',
};

export const METHODS: Readonly<Record<string, MethodSpec>> = {
  connect,
  pay: {
    required: ['app_token'],
    exactlyOneOf: [{ fields: ['payment_intent_id', 'bulk_payment_intent_id'], neither: 'PAY-INTENT', several: 'PAY-BOTH-INTENTS' }],
    documented: ['account_id', 'bank_identifier', 'risk_details'],
    known: [...SEVERAL, 'show_balances', 'allow_payment_source_change'],
    source: 'REQUIRED',
  },
  reconnect: {
    required: ['app_token', 'reconnect_id'],
    known: [...SEVERAL],
    source: 'REQUIRED',
  },
  updatePaymentSource,
  checkout: {
    required: ['app_token', 'payment_intent_id', 'success_redirect_url', 'fail_redirect_url'],
    documented: ['customer_name', 'bank_identifier', 'risk_details'],
    known: [...SEVERAL, 'account_id', 'allow_payment_source_change'],
    source: 'REQUIRED',
  },
  authorizeConsent: {
    required: ['app_token', 'customer_id', 'consent_id', 'success_redirect_url', 'fail_redirect_url'],
    documented: ['risk_details'],
    known: [...SEVERAL, 'account_id', 'bank_identifier', 'allow_payment_source_change'],
    source: 'REQUIRED',
  },
  manageConsents: {
    required: ['app_token', 'customer_id'],
    source: 'REQUIRED',
  },
  captureRedirect: {
    required: ['app_token', 'customer_id'],
    documented: ['consent_attempt_id', 'granular_status_code', 'status_additional_info'],
    known: ['consent_id'],
    source: 'REQUIRED',
  },
  verifyAddress: {
    required: ['app_token', 'customer_id', 'customer_name'],
    known: [...SEVERAL],
    forced: { permissions: ['identity'] },
    source: 'REQUIRED',
  },
  createBeneficiary: {
    ...updatePaymentSource,
    status: {
      kind: 'deprecated',
      replacement: 'updatePaymentSource',
      fix: 'Call Lean.updatePaymentSource with the same config.',
      source: 'METHOD-DEPRECATED',
    },
  },
  createPaymentSource: {
    ...connect,
    required: ['app_token', 'customer_id'],
    forced: { permissions: ['payments'] },
    permissionRules: [],
    status: {
      kind: 'deprecated',
      replacement: 'connect',
      fix: 'Call Lean.connect with the same config and permissions: ["payments"].',
      source: 'METHOD-DEPRECATED',
    },
  },
  link: {
    // The official SDKs' link (reference §2, V1, V2, V4): customer_id and a non-empty
    // permissions array without payments; app_token as on every method.
    required: ['app_token', 'customer_id', 'permissions'],
    known: ['bank_identifier', 'success_redirect_url', 'fail_redirect_url'],
    permissionRules: ['needs-accounts', 'no-payments'],
    status: {
      kind: 'legacy',
      replacement: 'connect',
      fix: 'Call Lean.connect (app_token, customer_id, permissions) on the current regional loader.',
      source: 'METHOD-LEGACY',
    },
    source: 'LINK-REQUIRED',
  },
};

export const METHOD_NAMES: readonly string[] = Object.keys(METHODS);

export function methodSpec(name: string): MethodSpec | null {
  return Object.hasOwn(METHODS, name) ? (METHODS[name] ?? null) : null;
}

/** Fields a method documents or requires (seed §1) — the "documented" tier. */
export function documentedFields(spec: MethodSpec): string[] {
  return [
    ...spec.required,
    ...(spec.exactlyOneOf ?? []).flatMap((group) => group.fields),
    ...(spec.oneOf ?? []).flatMap((group) => group.fields),
    ...(spec.documented ?? []),
  ];
}

/** Every field a config for this method may carry without an unknown-field warning. */
export function allowedFields(spec: MethodSpec): string[] {
  const all = [
    ...documentedFields(spec),
    ...(spec.known ?? []),
    ...Object.keys(spec.forced ?? {}),
    ...SHARED_FIELDS,
    ...SHARED_KNOWN_FIELDS,
  ];
  return [...new Set(all)];
}

/**
 * Current (non-deprecated) methods that take `field`: those documenting it first, then
 * those known to take it from the typings; alphabetical within each tier. Deprecated and legacy
 * methods are named only when nothing else takes the field.
 */
export function methodsTaking(field: string): string[] {
  // Fields a method forces (verifyAddress's permissions) are not "taken": passing them is pointless.
  const tier = (spec: MethodSpec): number | null => {
    if (documentedFields(spec).includes(field)) return 0;
    if ((spec.known ?? []).includes(field)) return 1;
    return null;
  };
  const rank = (current: boolean): string[] =>
    Object.entries(METHODS)
      .filter(([, spec]) => (spec.status === undefined) === current)
      .map(([name, spec]) => ({ name, tier: tier(spec) }))
      .filter((x): x is { name: string; tier: number } => x.tier !== null)
      .sort((a, b) => a.tier - b.tier || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((x) => x.name);
  const current = rank(true);
  return current.length > 0 ? current : rank(false);
}

/** Every field name any method takes (for "did you mean" across methods). */
export function allFieldNames(): string[] {
  return [...new Set(Object.values(METHODS).flatMap(allowedFields))];
}
