/**
 * Every rule the audit evaluates, by id: the validator's finding codes (`lib/rules`; each
 * finding cites its rule in docs/lean-sdk-reference.md §6), the CSP audit's verdict (`lib/csp`,
 * the reference's CSP section) and the audit's own completeness check. JUnit lists one testcase
 * per rule, passes included; a unit test keeps this list
 * equal to the codes `lib/rules` can produce.
 */
export type RuleKind = 'config' | 'session' | 'csp';

export interface RuleInfo {
  id: string;
  kind: RuleKind;
  description: string;
}

const rule = (id: string, kind: RuleKind, description: string): RuleInfo => ({ id, kind, description });

export const CSP_BLOCKED = 'csp-blocked';
/** The audit's own rule: the target's session lost nothing (`lib/audit/incomplete.ts`). */
export const INCOMPLETE_SESSION = 'incomplete-session';

export const RULES: readonly RuleInfo[] = [
  rule('unknown-method', 'config', 'The method is in the SDK reference'),
  rule('config-not-object', 'config', 'The call is given one config object'),
  rule('deprecated-method', 'config', 'No deprecated method is called'),
  rule('legacy-method', 'config', 'No legacy method is called'),
  rule('missing-required', 'config', 'Every required field is set'),
  rule('exactly-one-of', 'config', 'Exactly one of alternative fields is set'),
  rule('one-of', 'config', 'At least one of alternative fields is set'),
  rule('date-order', 'config', 'Date ranges start before they end'),
  rule('region-permission', 'config', 'Permissions exist in the region'),
  rule('permissions-need-accounts', 'config', 'balance and transactions come with accounts'),
  rule('payments-not-for-link', 'config', 'link does not ask for payments'),
  rule('missing-callback', 'config', 'A callback is given'),
  rule('field-for-other-method', 'config', 'Fields belong to the method called'),
  rule('unknown-field', 'config', 'Fields are known to the SDK'),
  rule('ignored-field', 'config', 'No field is ignored by the SDK'),
  rule('capture-redirect-params', 'config', 'captureRedirect gets the redirect parameters'),
  rule('access-token-not-jwt', 'config', 'access_token is a JWT'),
  rule('access-token-expired', 'config', 'access_token has not expired'),
  rule('access-token-customer-mismatch', 'config', 'access_token belongs to the customer'),
  rule('app-token-mixed-env', 'config', 'One app_token per environment'),
  rule('boolean-as-string', 'config', 'Booleans are not strings'),
  rule('invalid-enum', 'config', 'Enumerated fields hold a known value'),
  rule('invalid-date', 'config', 'Dates are valid'),
  rule('unknown-permission', 'config', 'Permissions are known'),
  rule('duplicate-permission', 'config', 'No permission is listed twice'),
  rule('redirect-url', 'config', 'Redirect URLs are pages the bank can return to'),
  rule('customization-key', 'config', 'Customization keys are known'),
  rule('customization-color', 'config', 'Customization colours are valid'),
  rule('customization-value', 'config', 'Customization values are valid'),
  rule('wrong-type', 'config', 'Fields have the documented type'),
  rule('callback-not-function', 'config', 'The callback is a function'),
  rule('risk-details', 'config', 'risk_details follows the official schema'),
  rule('legacy-sdk-bundle', 'session', 'The page runs the current regional loader'),
  rule('loader-late', 'session', 'The loader is on the page before the user acts'),
  rule('loader-duplicate', 'session', 'The loader is included once'),
  rule('region-env-mismatch', 'session', 'One region and one environment per page'),
  rule('redirect-without-capture', 'session', 'A redirect page calls captureRedirect'),
  rule(CSP_BLOCKED, 'csp', "The page's CSP allows every Lean host the SDK needs"),
  rule(INCOMPLETE_SESSION, 'session', 'The audit recorded everything the page did (nothing dropped or refused)'),
];

export function ruleInfo(id: string): RuleInfo {
  return RULES.find((r) => r.id === id) ?? rule(id, 'config', id);
}
