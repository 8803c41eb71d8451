/**
 * Rules over one `Lean.<method>(config)` call. Each rule is a small function from the
 * call (with its method table entry and what happened before it) to findings; `CALL_RULES`
 * lists them, so adding a rule is one line.
 */
import type { Finding, LoaderEvent, SessionEvent, Snapshot } from '../model/types';
import { checkerFor, parseIsoDate } from './checks';
import { FIELDS, PERMISSIONS_KSA } from './fields';
import { finding } from './finding';
import type { MethodSpec } from './methods';
import { allFieldNames, allowedFields, methodsTaking } from './methods';
import { REDIRECT_PARAMS, redirectParams, sameParam } from './redirect';
import { suggest } from './suggest';
import { subjectMatches, tokenFacts } from './tokens';
import type { ConfigObject } from './values';
import { blankReason, hasOwn, isBlank, isObject, kindOf, truthy } from './values';

export interface CallInput {
  method: string;
  spec: MethodSpec;
  config: ConfigObject;
  frameUrl: string;
  time: number;
  previous: readonly SessionEvent[];
  /** Latest loader inserted in the current document (since the last navigation), if seen. */
  loader: LoaderEvent | null;
}

export type CallRule = (input: CallInput) => Finding[];

const present = (config: ConfigObject, field: string): boolean => !isBlank(config[field]);
const orList = (fields: readonly string[]): string => fields.join(' or ');

// ── Method status ────────────────────────────────────────────────────────────

/**
 * createBeneficiary / createPaymentSource are deprecated; link is the legacy data flow. The
 * current React Native SDK still opens link on the regional loader's hosted page (reference
 * §5, "link on the regional loader"), so link is a warning on any loader, never an error.
 */
export const methodStatus: CallRule = ({ method, spec, loader }) => {
  const status = spec.status;
  if (!status) return [];
  if (status.kind === 'deprecated') {
    return [
      finding(
        'deprecated-method',
        'warning',
        null,
        `Lean.${method} is deprecated; use Lean.${status.replacement}.`,
        status.source,
        status.fix,
      ),
    ];
  }
  const onLoader = loader?.src.toLowerCase().includes('/link/loader/') === true;
  return [
    finding(
      'legacy-method',
      'warning',
      null,
      onLoader
        ? `Lean.${method} is the legacy data flow; the regional loader still opens it, but current integrations call Lean.${status.replacement}.`
        : `Lean.${method} belongs to the older Lean.min.js SDK; current pages use Lean.${status.replacement}.`,
      status.source,
      status.fix,
    ),
  ];
};

// ── Required fields ──────────────────────────────────────────────────────────

export const requiredFields: CallRule = ({ method, spec, config }) =>
  spec.required
    .filter((field) => !present(config, field))
    .map((field) =>
      finding(
        'missing-required',
        'error',
        field,
        `Lean.${method} requires ${field}${blankReason(config[field])}.`,
        spec.source,
        `Pass ${field} in the config object.`,
      ),
    );

export const exactlyOneOf: CallRule = ({ method, spec, config }) =>
  (spec.exactlyOneOf ?? []).flatMap((group) => {
    const given = group.fields.filter((field) => present(config, field));
    if (given.length === 1) return [];
    const neither = given.length === 0;
    return [
      finding(
        'exactly-one-of',
        neither ? 'error' : 'warning',
        group.fields[0] ?? null,
        neither
          ? `Lean.${method} needs one of ${orList(group.fields)}; neither is given.`
          : `Lean.${method} documents exactly one of ${orList(group.fields)}; ${given.join(' and ')} are both given, and both are sent.`,
        neither ? group.neither : (group.several ?? group.neither),
        `Pass exactly one of ${orList(group.fields)}.`,
      ),
    ];
  });

export const oneOf: CallRule = ({ method, spec, config }) =>
  (spec.oneOf ?? []).flatMap((group) =>
    group.fields.some((field) => present(config, field))
      ? []
      : [
          finding(
            'one-of',
            'warning',
            group.fields[0] ?? null,
            `Lean.${method} documents ${orList(group.fields)}; neither is given.`,
            group.neither,
            `Pass ${orList(group.fields)}.`,
          ),
        ],
  );

// ── Types and values ─────────────────────────────────────────────────────────

/** Every known, non-blank field is checked against its type in `fields.ts`. */
export const fieldValues: CallRule = ({ spec, config }) => {
  const allowed = allowedFields(spec);
  const forced = spec.forced ?? {};
  return Object.keys(config).flatMap((field) => {
    if (!allowed.includes(field) || hasOwn(forced, field) || !hasOwn(FIELDS, field)) return [];
    const value = config[field];
    if (value === undefined || isBlank(value)) return [];
    const type = FIELDS[field];
    return type ? checkerFor(type.type)(field, value, type.source) : [];
  });
};

export const dateOrder: CallRule = ({ spec, config }) => {
  const from = config['access_from'];
  const to = config['access_to'];
  if (typeof from !== 'string' || typeof to !== 'string') return [];
  if (!allowedFields(spec).includes('access_from')) return [];
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (a === null || b === null || a <= b) return [];
  return [
    finding(
      'date-order',
      'warning',
      'access_from',
      `access_from (${from}) is after access_to (${to}).`,
      'DATE-ORDER',
      'Swap them: access_from must be on or before access_to.',
    ),
  ];
};

/** KSA-only permissions on the UAE loader: likely wrong, but no official SDK checks it. */
export const regionPermissions: CallRule = ({ spec, config, loader }) => {
  if (loader?.region !== 'ae' || hasOwn(spec.forced ?? {}, 'permissions')) return [];
  if (!allowedFields(spec).includes('permissions')) return [];
  const permissions = config['permissions'];
  if (!Array.isArray(permissions)) return [];
  const ksa: readonly string[] = PERMISSIONS_KSA;
  return permissions.flatMap((item, i) =>
    typeof item === 'string' && ksa.includes(item)
      ? [
          finding(
            'region-permission',
            'warning',
            `permissions[${i}]`,
            `"${item}" is marked KSA-only, but this page loads the UAE (ae) loader.`,
            'PERMISSION-REGION',
            'Drop it for UAE customers, or load the sa loader for KSA.',
          ),
        ]
      : [],
  );
};

const permissionList = (config: ConfigObject): string[] | null => {
  const value = config['permissions'];
  return Array.isArray(value) ? value.filter((item): item is string => kindOf(item) === 'string') : null;
};

/** balance or transactions need accounts (official SDKs' validation, reference §2, V3). */
export const permissionsNeedAccounts: CallRule = ({ method, spec, config }) => {
  const list = spec.permissionRules?.includes('needs-accounts') ? permissionList(config) : null;
  if (list === null || list.includes('accounts')) return [];
  const asked = ['balance', 'transactions'].filter((p) => list.includes(p));
  if (asked.length === 0) return [];
  return [
    finding(
      'permissions-need-accounts',
      'error',
      'permissions',
      `Lean.${method} asks for ${asked.join(' and ')} without accounts; Lean's SDKs refuse that.`,
      'PERMISSIONS-ACCOUNTS',
      'Add "accounts" to permissions.',
    ),
  ];
};

/** link does not take the payments permission (reference §2, V4). */
export const linkWithoutPayments: CallRule = ({ method, spec, config }) => {
  const list = spec.permissionRules?.includes('no-payments') ? permissionList(config) : null;
  if (list === null || !list.includes('payments')) return [];
  const index = (config['permissions'] as Snapshot[]).indexOf('payments');
  return [
    finding(
      'payments-not-for-link',
      'error',
      `permissions[${index}]`,
      `Lean.${method} does not support the payments permission; Lean's SDKs refuse it.`,
      'LINK-NO-PAYMENTS',
      'Remove "payments", or call Lean.connect for payment sources.',
    ),
  ];
};

export const callbackPresent: CallRule = ({ config }) =>
  isBlank(config['callback'])
    ? [
        finding(
          'missing-callback',
          'warning',
          'callback',
          'No callback: the page will never learn CANCELLED or ERROR.',
          'CALLBACK-MISSING',
          'Pass callback: (data) => { … } and handle every status.',
        ),
      ]
    : [];

// ── Unknown, foreign and ignored fields ──────────────────────────────────────

export const unknownFields: CallRule = ({ method, spec, config }) => {
  const allowed = allowedFields(spec);
  return Object.keys(config)
    .filter((field) => !allowed.includes(field))
    .map((field) => {
      const takers = methodsTaking(field);
      if (takers.length > 0) {
        return finding(
          'field-for-other-method',
          'warning',
          field,
          `${field} is not a ${method} field; ${takers.join(', ')} take${takers.length === 1 ? 's' : ''} ${field}.`,
          'FIELD-OTHER-METHOD',
          `Remove ${field}, or call the method that takes it.`,
        );
      }
      const near = suggest(field, allowed);
      const elsewhere = near === null ? suggest(field, allFieldNames()) : null;
      let hint = '';
      if (near !== null) hint = ` Did you mean ${near}?`;
      else if (elsewhere !== null) hint = ` Did you mean ${elsewhere} (taken by ${methodsTaking(elsewhere).join(', ')})?`;
      return finding(
        'unknown-field',
        'warning',
        field,
        `${field} is not a ${method} field in the SDK reference or the official SDKs' parameters.${hint}`,
        'FIELD-UNKNOWN',
        near !== null ? `Rename it to ${near}.` : `Remove ${field}.`,
      );
    });
};

function sameSet(value: Snapshot | undefined, expected: readonly string[]): boolean {
  if (!Array.isArray(value) || value.length !== expected.length) return false;
  return [...value].map(String).sort().join('\n') === [...expected].sort().join('\n');
}

/** verifyAddress and createPaymentSource override `permissions`. */
export const forcedFields: CallRule = ({ method, spec, config }) =>
  Object.entries(spec.forced ?? {}).flatMap(([field, forced]) => {
    const value = config[field];
    if (isBlank(value)) return [];
    const list = JSON.stringify(forced);
    const harmless = sameSet(value, forced);
    return [
      finding(
        'ignored-field',
        harmless ? 'info' : 'warning',
        field,
        harmless
          ? `Lean.${method} always uses ${field}: ${list}; passing it is unnecessary.`
          : `Lean.${method} always uses ${field}: ${list}; the ${field} you pass are ignored.`,
        'FIELD-FORCED',
        `Remove ${field} from the config.`,
      ),
    ];
  });

// ── Page context ─────────────────────────────────────────────────────────────

/** captureRedirect must pass on the parameters the bank put in the page URL. */
export const captureRedirectParams: CallRule = ({ method, config, frameUrl }) => {
  if (method !== 'captureRedirect') return [];
  const params = redirectParams(frameUrl);
  if (params === null) return [];
  return REDIRECT_PARAMS.flatMap((name) => {
    const fromUrl = params[name];
    if (fromUrl === undefined) return [];
    const value = config[name];
    const fix = `Pass ${name}: new URLSearchParams(location.search).get('${name}').`;
    if (isBlank(value)) {
      return [
        finding(
          'capture-redirect-params',
          'warning',
          name,
          `The page URL carries ${name}, but captureRedirect does not pass it.`,
          'CAPTURE-PARAMS',
          fix,
        ),
      ];
    }
    return sameParam(fromUrl, value) === false
      ? [
          finding(
            'capture-redirect-params',
            'error',
            name,
            `${name} differs from the value in the page URL.`,
            'CAPTURE-PARAMS',
            fix,
          ),
        ]
      : [];
  });
};

// ── Tokens (never revealed: only what the redaction marker keeps) ────────────

export const accessToken: CallRule = ({ config, time }) => {
  const value = config['access_token'];
  if (isBlank(value)) return [];
  const facts = tokenFacts(value);
  if (facts === null) return [];
  if (!facts.jwt) {
    return [
      finding(
        'access-token-not-jwt',
        'warning',
        'access_token',
        'access_token is not JWT-shaped; the SDK reference describes a customer-scoped access token (a JWT).',
        'TOKEN-JWT',
        'Pass the customer-scoped JWT your backend gets from Lean, not the app token or a client secret.',
      ),
    ];
  }
  const findings: Finding[] = [];
  const exp = facts.exp === undefined ? Number.NaN : Date.parse(facts.exp);
  if (!Number.isNaN(exp) && exp < time) {
    findings.push(
      finding(
        'access-token-expired',
        'error',
        'access_token',
        `access_token expired at ${new Date(exp).toISOString()}, before this call.`,
        'TOKEN-EXPIRED',
        'Fetch a fresh customer-scoped token from your backend right before opening Link.',
      ),
    );
  }
  const customer = config['customer_id'];
  if (facts.sub !== undefined && kindOf(customer) === 'string' && !isBlank(customer)) {
    if (!subjectMatches(facts.sub, customer as string)) {
      findings.push(
        finding(
          'access-token-customer-mismatch',
          'warning',
          'access_token',
          "access_token's subject (sub) does not match customer_id: it was issued for another customer.",
          'TOKEN-CUSTOMER',
          'Request the access token for the same customer_id you pass to the SDK.',
        ),
      );
    }
  }
  return findings;
};

/** The app_token's identity for comparisons: its label-free last 4 characters. */
function appTokenId(value: Snapshot | undefined): string | null {
  if (isBlank(value)) return null;
  return tokenFacts(value)?.last4 ?? null;
}

/** Which sandbox values each app token (by its last characters) was used with so far. */
interface TokenIndex {
  scanned: number;
  last: SessionEvent | undefined;
  sandboxById: Map<string, Set<boolean>>;
}

// The background passes the same, growing array for every call of a tab: index it once,
// incrementally, instead of re-reading every earlier call (a flood made that quadratic).
const tokenIndexes = new WeakMap<readonly SessionEvent[], TokenIndex>();

function tokenIndex(previous: readonly SessionEvent[]): TokenIndex {
  let index = tokenIndexes.get(previous);
  const stale = index && (index.scanned > previous.length || (index.scanned > 0 && previous[index.scanned - 1] !== index.last));
  if (!index || stale) {
    index = { scanned: 0, last: undefined, sandboxById: new Map() };
    tokenIndexes.set(previous, index);
  }
  for (let i = index.scanned; i < previous.length; i++) {
    const event = previous[i]!;
    if (event.type !== 'call' || !isObject(event.config)) continue;
    const id = appTokenId(event.config['app_token']);
    if (id === null) continue;
    const seen = index.sandboxById.get(id) ?? new Set<boolean>();
    seen.add(truthy(event.config['sandbox']));
    index.sandboxById.set(id, seen);
  }
  index.scanned = previous.length;
  index.last = previous[previous.length - 1];
  return index;
}

export const appTokenEnvironment: CallRule = ({ config, previous }) => {
  const id = appTokenId(config['app_token']);
  if (id === null) return [];
  const sandbox = truthy(config['sandbox']);
  const clash = tokenIndex(previous).sandboxById.get(id)?.has(!sandbox) ?? false;
  if (!clash) return [];
  return [
    finding(
      'app-token-mixed-env',
      'warning',
      'app_token',
      `This app_token (…${id}) was used earlier with sandbox ${sandbox ? 'off' : 'on'} and now with sandbox ${
        sandbox ? 'on' : 'off'
      }; an app token belongs to one environment.`,
      'APP-TOKEN-ENV',
      'Use the sandbox app token with sandbox: true and the production one without sandbox.',
    ),
  ];
};

/** Every per-call rule, in no particular order (findings are sorted afterwards). */
export const CALL_RULES: readonly CallRule[] = [
  methodStatus,
  requiredFields,
  exactlyOneOf,
  oneOf,
  fieldValues,
  dateOrder,
  regionPermissions,
  permissionsNeedAccounts,
  linkWithoutPayments,
  callbackPresent,
  unknownFields,
  forcedFields,
  captureRedirectParams,
  accessToken,
  appTokenEnvironment,
];
