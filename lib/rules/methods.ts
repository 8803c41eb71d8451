/**
 * The method tables: one entry per `Lean.*` method, straight from the SDK reference.
 * Adding a field to a method is one line here (and, for a brand-new field, one line in
 * `fields.ts` saying what it holds).
 */
import { SEVERAL_KNOWN_FIELDS as SEVERAL, SHARED_FIELDS, SHARED_KNOWN_FIELDS } from './fields';
import { SRC } from './sources';

export interface MethodStatus {
  kind: 'deprecated' | 'legacy';
  /** What to call instead. */
  replacement: string;
  /** One sentence on how to migrate. */
  fix: string;
  source: string;
}

export interface MethodSpec {
  /** Must be present and non-blank. */
  required: readonly string[];
  /** Exactly one field of each group must be given. */
  exactlyOneOf?: readonly (readonly string[])[];
  /** At least one field of each group must be given. */
  oneOf?: readonly (readonly string[])[];
  /** Optional fields from the vendor's method table (§1). */
  documented?: readonly string[];
  /** Optional fields known from the mobile SDK typings (§2): never required. */
  known?: readonly string[];
  /** Fields the SDK overrides, with the value it forces (passed values are ignored). */
  forced?: Readonly<Record<string, readonly string[]>>;
  status?: MethodStatus;
  source: string;
}

const connect: MethodSpec = {
  required: ['app_token', 'customer_id', 'permissions'],
  documented: ['bank_identifier', 'account_type', 'access_from', 'access_to', 'show_consent_explanation'],
  known: [...SEVERAL, 'payment_destination_id'],
  source: SRC.methodTable,
};

const updatePaymentSource: MethodSpec = {
  required: ['app_token', 'customer_id', 'payment_destination_id'],
  oneOf: [['payment_source_id', 'entity_id']],
  known: [...SEVERAL],
  source: SRC.methodTable,
};

export const METHODS: Readonly<Record<string, MethodSpec>> = {
  connect,
  pay: {
    required: ['app_token'],
    exactlyOneOf: [['payment_intent_id', 'bulk_payment_intent_id']],
    documented: ['account_id', 'bank_identifier', 'risk_details'],
    known: [...SEVERAL, 'show_balances'],
    source: SRC.methodTable,
  },
  reconnect: {
    required: ['app_token', 'reconnect_id'],
    known: [...SEVERAL],
    source: SRC.methodTable,
  },
  updatePaymentSource,
  checkout: {
    required: ['app_token', 'payment_intent_id', 'success_redirect_url', 'fail_redirect_url'],
    documented: ['customer_name', 'bank_identifier', 'risk_details'],
    known: [...SEVERAL, 'account_id'],
    source: SRC.methodTable,
  },
  authorizeConsent: {
    required: ['app_token', 'customer_id', 'consent_id', 'success_redirect_url', 'fail_redirect_url'],
    documented: ['risk_details'],
    known: [...SEVERAL, 'account_id', 'bank_identifier'],
    source: SRC.methodTable,
  },
  manageConsents: {
    required: ['app_token', 'customer_id'],
    source: SRC.methodTable,
  },
  captureRedirect: {
    required: ['app_token', 'customer_id'],
    documented: ['consent_attempt_id', 'granular_status_code', 'status_additional_info'],
    known: ['consent_id'],
    source: SRC.methodTable,
  },
  verifyAddress: {
    required: ['app_token', 'customer_id', 'customer_name'],
    known: [...SEVERAL],
    forced: { permissions: ['identity'] },
    source: SRC.methodTable,
  },
  createBeneficiary: {
    ...updatePaymentSource,
    status: {
      kind: 'deprecated',
      replacement: 'updatePaymentSource',
      fix: 'Call Lean.updatePaymentSource with the same config.',
      source: SRC.methodTable,
    },
  },
  createPaymentSource: {
    ...connect,
    required: ['app_token', 'customer_id'],
    forced: { permissions: ['payments'] },
    status: {
      kind: 'deprecated',
      replacement: 'connect',
      fix: 'Call Lean.connect with the same config and permissions: ["payments"].',
      source: SRC.methodTable,
    },
  },
  link: {
    // §2 lists link's fields but not which are required: treat them all as optional.
    required: [],
    known: ['app_token', 'customer_id', 'permissions', 'bank_identifier', 'success_redirect_url', 'fail_redirect_url'],
    status: {
      kind: 'legacy',
      replacement: 'connect',
      fix: 'Load the current regional loader and call Lean.connect (app_token, customer_id, permissions).',
      source: SRC.legacy,
    },
    source: SRC.legacy,
  },
};

export const METHOD_NAMES: readonly string[] = Object.keys(METHODS);

export function methodSpec(name: string): MethodSpec | null {
  return Object.hasOwn(METHODS, name) ? (METHODS[name] ?? null) : null;
}

/** Fields a method documents or requires (§1) — the "documented" tier. */
export function documentedFields(spec: MethodSpec): string[] {
  return [
    ...spec.required,
    ...(spec.exactlyOneOf ?? []).flat(),
    ...(spec.oneOf ?? []).flat(),
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
 * those known to take it from §2; alphabetical within each tier. Deprecated and legacy
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
