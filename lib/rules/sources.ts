/**
 * Where each rule comes from, machine-checkably: the evidence (`SOURCES`, docs/lean-sdk-reference.md
 * §0) and the rule catalogue (`RULES`, the reference's §6 table; a unit test keeps the two equal).
 * Every Finding carries its rule's id in `source`; `citeSource` turns it into the one citation
 * the panel, the support report and the audit show.
 */
import type { Severity } from '../model/types';

export interface EvidenceSource {
  /** Short human name: what it is and where. */
  title: string;
  /** The page or file behind it (a constant: never built from page data). */
  url: string;
  /**
   * What the source can ground: `rejects` (the SDK's own validation or typings refuse the
   * config), `requirement` (a documented requirement whose violation makes the flow fail),
   * `advice` (a known field, an example, an observation: never an error).
   */
  grounds: 'rejects' | 'requirement' | 'advice';
}

/** A file of Lean's public repositories at one commit. */
const official = (repo: string, commit: string, path: string, grounds: EvidenceSource['grounds']): EvidenceSource => ({
  title: `${repo}@${commit.slice(0, 7)} ${path}`,
  url: `https://github.com/leantechnologies/${repo}/blob/${commit}/${path}`,
  grounds,
});

const RN_HEAD = '40b3b85982efb1c0d64aca19b770ccb778f75749';
const RN_VALID = 'd54c979d334463a4857ce9127aea7327dcb21a0f';
const RN_WEB = '9ccb2c52170e0af5408cbd6c67120113c829d5c8';
const FL_HEAD = '2202373614cd1757f3486ad392f9c7bbd708ee18';
const FL_VALID = '930d00d1390c2e136d9596156732d673a7f73e95';
const FL_LINK = '1b8b5957b5911ecfaa1b57182edfd9d9247c7067';
const IOS = '5d805a67ddd5107461ad149c567d4717376429a8';

/** The evidence keys of docs/lean-sdk-reference.md §0. */
export const SOURCES = {
  'seed-web': {
    title: 'Lean Web SDK page (seed §1)',
    url: 'https://docs.leantech.me/docs/web',
    grounds: 'requirement',
  },
  'seed-known': {
    title: 'Lean mobile SDK typings (seed §2)',
    url: 'https://docs.leantech.me/v2.0-KSA/docs/android',
    grounds: 'advice',
  },
  'seed-mistakes': {
    title: 'Mistakes seen in public integrations (seed §3)',
    url: 'https://docs.leantech.me/docs/web',
    grounds: 'advice',
  },
  'rn-valid': official('link-sdk-react-native', RN_VALID, 'src/components/LinkSDK/Lean.js', 'rejects'),
  'fl-valid': official('link-sdk-flutter', FL_VALID, 'lib/lean.dart', 'rejects'),
  'fl-link': official('link-sdk-flutter', FL_LINK, 'lib/lean.dart', 'rejects'),
  'rn-methods': official('link-sdk-react-native', RN_HEAD, 'src/types/methods.ts', 'rejects'),
  'rn-enums': official('link-sdk-react-native', RN_HEAD, 'src/types/enums.ts', 'rejects'),
  'rn-sdk-types': official('link-sdk-react-native', RN_HEAD, 'src/types/sdk.ts', 'advice'),
  'rn-risk': official('link-sdk-react-native', RN_HEAD, 'src/types/risk-details.ts', 'advice'),
  'rn-readme': official('link-sdk-react-native', RN_HEAD, 'Readme.md', 'advice'),
  'rn-tests': official('link-sdk-react-native', RN_HEAD, '__tests__/Lean.spec.ts', 'advice'),
  'rn-url': official('link-sdk-react-native', RN_HEAD, 'src/components/LinkSDK/Lean.ts', 'advice'),
  'rn-web': official('link-sdk-react-native', RN_WEB, 'src/components/LinkSDK/index.js', 'advice'),
  'fl-types': official('link-sdk-flutter', FL_HEAD, 'lib/lean_types.dart', 'rejects'),
  'ios-readme': official('link-sdk-ios-distribution', IOS, 'README.md', 'advice'),
} as const satisfies Record<string, EvidenceSource>;

export type SourceKey = keyof typeof SOURCES;

export interface RuleEntry {
  /** The finding codes this rule emits. */
  codes: readonly string[];
  /** The most severe verdict it may give. */
  severity: Severity;
  sources: readonly SourceKey[];
}

const r = (codes: readonly string[], severity: Severity, ...sources: SourceKey[]): RuleEntry => ({ codes, severity, sources });

/** The rule catalogue: docs/lean-sdk-reference.md §6, row by row. */
export const RULES = {
  'METHOD-UNKNOWN': r(['unknown-method'], 'info', 'seed-web', 'rn-methods'),
  'CONFIG-OBJECT': r(['config-not-object'], 'error', 'seed-web', 'rn-methods'),
  'METHOD-DEPRECATED': r(['deprecated-method'], 'warning', 'seed-web'),
  'METHOD-LEGACY': r(['legacy-method'], 'warning', 'seed-web', 'rn-url', 'fl-link'),
  REQUIRED: r(['missing-required'], 'error', 'seed-web', 'rn-methods', 'rn-valid', 'fl-valid'),
  'LINK-REQUIRED': r(['missing-required'], 'error', 'rn-valid', 'fl-link', 'rn-methods'),
  'PAY-INTENT': r(['exactly-one-of'], 'error', 'rn-valid', 'fl-valid', 'seed-web'),
  'PAY-BOTH-INTENTS': r(['exactly-one-of'], 'warning', 'seed-web', 'rn-methods'),
  'UPS-SOURCE': r(['one-of'], 'warning', 'seed-web', 'fl-valid', 'rn-methods'),
  'FIELD-TYPE': r(['wrong-type'], 'error', 'seed-web', 'rn-methods'),
  'BOOLEAN-STRING': r(['boolean-as-string'], 'error', 'seed-web', 'seed-mistakes', 'rn-methods'),
  'LANGUAGE-ENUM': r(['invalid-enum'], 'error', 'seed-web', 'rn-enums', 'fl-types'),
  'ACCOUNT-TYPE': r(['invalid-enum'], 'warning', 'seed-web', 'rn-methods'),
  'DATE-FORMAT': r(['invalid-date'], 'warning', 'seed-web', 'rn-tests'),
  'DATE-ORDER': r(['date-order'], 'warning', 'seed-web'),
  'PERMISSION-KNOWN': r(['unknown-permission', 'wrong-type'], 'error', 'rn-enums', 'fl-types', 'seed-known'),
  'PERMISSION-DUPLICATE': r(['duplicate-permission'], 'info', 'seed-known'),
  'PERMISSIONS-ACCOUNTS': r(['permissions-need-accounts'], 'error', 'rn-valid', 'fl-valid', 'fl-link'),
  'LINK-NO-PAYMENTS': r(['payments-not-for-link'], 'error', 'rn-valid', 'fl-link'),
  'PERMISSION-REGION': r(['region-permission'], 'warning', 'seed-known', 'rn-enums'),
  'CALLBACK-MISSING': r(['missing-callback'], 'warning', 'seed-web', 'seed-mistakes'),
  'CALLBACK-TYPE': r(['callback-not-function'], 'warning', 'seed-web', 'rn-sdk-types'),
  'FIELD-OTHER-METHOD': r(['field-for-other-method'], 'warning', 'seed-web', 'rn-methods'),
  'FIELD-UNKNOWN': r(['unknown-field'], 'warning', 'seed-web', 'rn-methods'),
  'FIELD-FORCED': r(['ignored-field'], 'warning', 'seed-web'),
  'CAPTURE-PARAMS': r(['capture-redirect-params'], 'error', 'seed-web'),
  'TOKEN-JWT': r(['access-token-not-jwt'], 'warning', 'seed-web', 'rn-tests'),
  'TOKEN-EXPIRED': r(['access-token-expired'], 'error', 'seed-web'),
  'TOKEN-CUSTOMER': r(['access-token-customer-mismatch'], 'warning', 'seed-web'),
  'APP-TOKEN-ENV': r(['app-token-mixed-env'], 'warning', 'seed-web'),
  'REDIRECT-URL': r(['redirect-url', 'wrong-type'], 'warning', 'seed-web', 'rn-readme', 'rn-web'),
  'CUSTOMIZATION-KEY': r(['customization-key'], 'info', 'seed-web', 'rn-sdk-types', 'ios-readme'),
  'CUSTOMIZATION-COLOR': r(['customization-color', 'wrong-type'], 'warning', 'seed-web', 'ios-readme', 'rn-sdk-types'),
  'CUSTOMIZATION-VALUE': r(['customization-value', 'wrong-type'], 'warning', 'seed-web', 'rn-sdk-types'),
  'RISK-DETAILS': r(['risk-details', 'wrong-type'], 'warning', 'rn-risk', 'seed-known'),
  'LOADER-LATE': r(['loader-late'], 'warning', 'seed-web'),
  'LOADER-DUPLICATE': r(['loader-duplicate'], 'warning', 'seed-mistakes'),
  'ENV-MIXED': r(['region-env-mismatch'], 'warning', 'seed-web'),
  'REGION-MIXED': r(['region-env-mismatch'], 'warning', 'seed-web'),
  'REDIRECT-CAPTURE': r(['redirect-without-capture'], 'warning', 'seed-web'),
  'LEGACY-BUNDLE': r(['legacy-sdk-bundle'], 'info', 'seed-web', 'rn-web'),
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULES;

export function ruleEntry(id: string): RuleEntry | null {
  return Object.hasOwn(RULES, id) ? RULES[id as RuleId] : null;
}

/** How a finding's rule is cited, the same in the panel, the support report and the audit. */
export interface Citation {
  /** One line of text, e.g. `SDK reference rule PAY-INTENT — link-sdk-react-native@d54c979 …`. */
  text: string;
  /** The rule's first source (one of our constants), or null. */
  url: string | null;
}

// Files from before rule ids cite a section of the old reference: keep linking those.
const LEGACY_SECTION_PAGE: Readonly<Record<string, string>> = {
  '§1': SOURCES['seed-web'].url,
  '§2': SOURCES['seed-known'].url,
};

/** The citation for a finding's `source`: a rule id, or (from an older file) any text. */
export function citeSource(source: string): Citation {
  const entry = ruleEntry(source);
  if (entry === null) {
    const section = /^SDK reference (§\d)/.exec(source)?.[1];
    return { text: source, url: section === undefined ? null : (LEGACY_SECTION_PAGE[section] ?? null) };
  }
  const first = entry.sources[0];
  return {
    text: `SDK reference rule ${source} — ${entry.sources.map((key) => SOURCES[key].title).join('; ')}`,
    url: first === undefined ? null : SOURCES[first].url,
  };
}
