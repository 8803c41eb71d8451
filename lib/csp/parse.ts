/**
 * Parsing serialized policies, CSP Level 3 §2.2.1 "Parse a serialized CSP" and §2.2.2
 * "Parse a serialized CSP list", plus the `<meta>` rules of §3.3 / HTML. Pure functions.
 *
 * Unlike the spec's parser, which only keeps the directive set, a parsed {@link Policy} also keeps
 * every token as written (including ignored duplicates and meta-ignored directives), so that a
 * suggestion can rebuild the page's own text and change nothing it does not mean to change.
 */
import type { CspPolicy, Disposition } from '../model/types';

export type PolicySource = CspPolicy['source'];

export interface Directive {
  /** ASCII-lower-cased (`Script-SRC` → `script-src`). */
  name: string;
  /** The source expressions / tokens as written (case kept). May be empty (= `'none'`). */
  value: string[];
}

/** What became of one `;`-separated token of the serialized policy. */
export type TokenStatus = 'effective' | 'duplicate' | 'meta-ignored';

export interface PolicyToken extends Directive {
  /** The directive name as written. */
  rawName: string;
  /** The token as written, trimmed. */
  text: string;
  status: TokenStatus;
}

export type ParseNoteCode =
  | 'duplicate-directive'
  | 'meta-ignored-directive'
  | 'non-ascii-token'
  | 'empty-policy'
  | 'meta-report-only'
  | 'meta-comma';

export interface ParseNote {
  code: ParseNoteCode;
  directive: string | null;
  message: string;
}

export interface Policy {
  source: PolicySource;
  disposition: Disposition;
  /** The serialized policy this was parsed from (one policy: no top-level comma), trimmed. */
  text: string;
  /** The directive set: first occurrence of each name, in order, without meta-ignored ones. */
  directives: Directive[];
  /** Every non-empty token, in order, as written. */
  tokens: PolicyToken[];
  notes: ParseNote[];
}

/** Directives a `<meta>`-delivered policy ignores (CSP3 §3.3). */
export const META_IGNORED_DIRECTIVES: readonly string[] = ['report-uri', 'frame-ancestors', 'sandbox'];

const ASCII_WHITESPACE = /[\t\n\f\r ]+/;

/** Every code unit is ASCII (U+0000–U+007F); a surrogate half is above that, so no code point is missed. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}

function stripAsciiWhitespace(s: string): string {
  return s.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
}

/** CSP3 §2.2.1: parse one serialized policy. Duplicate directives: the first one wins. */
export function parseSerializedCsp(
  serialized: string,
  source: PolicySource = 'header',
  disposition: Disposition = 'enforce',
): Policy {
  const policy: Policy = { source, disposition, text: stripAsciiWhitespace(serialized), directives: [], tokens: [], notes: [] };
  for (const piece of serialized.split(';')) {
    const token = stripAsciiWhitespace(piece);
    if (token === '') continue;
    if (!isAscii(token)) {
      policy.notes.push({
        code: 'non-ascii-token',
        directive: null,
        message: `"${token}" contains non-ASCII characters; browsers ignore this directive.`,
      });
      continue;
    }
    const [rawName = '', ...value] = token.split(ASCII_WHITESPACE);
    const name = rawName.toLowerCase();
    const duplicate = policy.directives.some((d) => d.name === name);
    policy.tokens.push({ name, rawName, value, text: token, status: duplicate ? 'duplicate' : 'effective' });
    if (duplicate) {
      policy.notes.push({
        code: 'duplicate-directive',
        directive: name,
        message: `${name} appears more than once; browsers use the first one and ignore "${token}".`,
      });
      continue;
    }
    policy.directives.push({ name, value });
  }
  return policy;
}

/**
 * CSP3 §2.2.2: a header value may hold several policies separated by commas (that is also what a
 * browser sees when a response carries the header twice). Empty policies are dropped.
 */
export function parseSerializedCspList(
  list: string,
  source: PolicySource = 'header',
  disposition: Disposition = 'enforce',
): Policy[] {
  return splitList(list, source, disposition).filter((policy) => policy.directives.length > 0);
}

function splitList(list: string, source: PolicySource, disposition: Disposition): Policy[] {
  return list.split(',').map((token) => parseSerializedCsp(token, source, disposition));
}

/** Drops the directives a `<meta>` policy ignores (CSP3 §3.3), keeping them as tokens with a note. */
function applyMetaRules(policy: Policy): Policy {
  for (const token of policy.tokens) {
    if (token.status !== 'effective' || !META_IGNORED_DIRECTIVES.includes(token.name)) continue;
    token.status = 'meta-ignored';
    policy.directives = policy.directives.filter((d) => d.name !== token.name);
    policy.notes.push({
      code: 'meta-ignored-directive',
      directive: token.name,
      message: `${token.name} has no effect in a <meta> policy; only a Content-Security-Policy header can deliver it.`,
    });
  }
  return policy;
}

/**
 * A `<meta http-equiv="Content-Security-Policy">` content value. The HTML standard parses it as one
 * serialized policy; Chromium splits it on commas like a header (checked in
 * test/e2e/csp-crosscheck.e2e.ts), so we do too and say so in a note.
 */
export function parseMetaCsp(content: string): Policy[] {
  return metaList(content).filter((policy) => policy.directives.length > 0);
}

function metaList(content: string): Policy[] {
  const policies = splitList(content, 'meta', 'enforce').map(applyMetaRules);
  if (policies.filter((p) => p.tokens.length > 0).length > 1) {
    const target = policies.find((p) => p.directives.length > 0) ?? policies[0]!;
    target.notes.push({
      code: 'meta-comma',
      directive: null,
      message:
        'This <meta> policy contains a comma. Chromium splits it into separate policies (as for a header); the HTML standard reads it as one. Avoid commas in <meta> policies.',
    });
  }
  return policies;
}

/** A parsed policy together with the index of the observed {@link CspPolicy} it came from. */
export interface ParsedPolicy extends Policy {
  inputIndex: number;
}

export interface ParsedPolicies {
  /** One entry per policy the browser applies (a comma-joined header gives several). */
  policies: ParsedPolicy[];
  /** Notes about inputs that yield no policy at all. */
  notes: ParseNote[];
}

/** Turns the policies a page was observed with into the policies a browser applies. */
export function parseCspPolicies(input: readonly CspPolicy[]): ParsedPolicies {
  const policies: ParsedPolicy[] = [];
  const notes: ParseNote[] = [];
  input.forEach((observed, inputIndex) => {
    if (observed.source === 'meta' && observed.disposition === 'report') {
      notes.push({
        code: 'meta-report-only',
        directive: null,
        message: 'A report-only policy in <meta> is ignored by browsers: report-only needs the Content-Security-Policy-Report-Only header.',
      });
      return;
    }
    const parsed =
      observed.source === 'meta' ? metaList(observed.text) : splitList(observed.text, observed.source, observed.disposition);
    const effective = parsed.filter((p) => p.directives.length > 0);
    // Notes of pieces that yield no policy (an empty piece between commas, a meta policy that only
    // had meta-ignored directives) would otherwise be lost.
    for (const p of parsed) if (p.directives.length === 0) notes.push(...p.notes);
    if (effective.length === 0) {
      notes.push({
        code: 'empty-policy',
        directive: null,
        message: `The ${observed.source} policy "${observed.text.trim()}" has no directive a browser would apply; it restricts nothing.`,
      });
    }
    for (const p of effective) policies.push({ ...p, inputIndex });
  });
  return { policies, notes };
}

/** The directive named `name` in the policy's directive set (first occurrence), if any. */
export function getDirective(policy: Pick<Policy, 'directives'>, name: string): Directive | undefined {
  const lower = name.toLowerCase();
  return policy.directives.find((d) => d.name === lower);
}
