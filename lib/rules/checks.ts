/**
 * Value checks, one per field type of `fields.ts`. Each gets a field that is present and
 * not blank, and returns its findings.
 */
import type { Finding, Snapshot } from '../model/types';
import { CUSTOMIZATION_KEYS, colorFix, isColor, isNumericString } from './customization';
import type { FieldType } from './fields';
import { PERMISSIONS } from './fields';
import { finding } from './finding';
import { checkRiskDetails } from './risk-details';
import { RULES, type RuleId } from './sources';
import { suggest } from './suggest';
import { didYouMean } from './suggest';
import { describeKind, isBlank, kindOf, quoted } from './values';

type Check = (path: string, value: Snapshot, source: RuleId) => Finding[];

/** Kinds a check cannot judge: a redacted or uncopyable value passes as "some string". */
function unjudgeable(value: Snapshot): boolean {
  const kind = kindOf(value);
  return kind === 'redacted' || kind === 'opaque';
}

function wrongType(path: string, value: Snapshot, expected: string, source: RuleId, fix?: string): Finding {
  // A number where a string id is expected usually still works once stringified.
  const severity = kindOf(value) === 'number' && expected.startsWith('a string') ? 'warning' : 'error';
  return finding('wrong-type', severity, path, `${path} is ${describeKind(value)}; expected ${expected}.`, source, fix);
}

const checkString: Check = (path, value, source) => {
  const kind = kindOf(value);
  if (kind === 'string' || kind === 'redacted' || kind === 'opaque') return [];
  return [wrongType(path, value, 'a string', source, `Pass ${path} as a string.`)];
};

const FALSY_WORDS = ['false', '0', 'no', 'off', 'null', 'undefined'];

const checkBoolean: Check = (path, value, source) => {
  const kind = kindOf(value);
  if (kind === 'boolean' || kind === 'opaque') return [];
  if (kind === 'string') {
    const text = (value as string).trim();
    const meantFalse = FALSY_WORDS.includes(text.toLowerCase());
    const message = meantFalse
      ? `${path} is the string ${quoted(text)}, which is truthy: the SDK reads it as true.`
      : `${path} is the string ${quoted(text)}; strings are truthy, so it only works by accident.`;
    return [
      finding(
        'boolean-as-string',
        meantFalse ? 'error' : 'warning',
        path,
        message,
        'BOOLEAN-STRING',
        `Pass the boolean ${path}: ${meantFalse ? 'false' : 'true'} (no quotes).`,
      ),
    ];
  }
  const fix = `Pass ${path}: true or ${path}: false.`;
  if (kind === 'number') {
    // 0 / 1 work through truthiness, but say what the SDK documents.
    return [finding('wrong-type', 'warning', path, `${path} is a number; expected a boolean (true or false).`, source, fix)];
  }
  return [wrongType(path, value, 'a boolean (true or false)', source, fix)];
};

const checkObject: Check = (path, value, source) => {
  const kind = kindOf(value);
  if (kind === 'object' || kind === 'opaque') return [];
  return [wrongType(path, value, 'an object', source)];
};

function checkEnum(values: readonly string[]): Check {
  return (path, value, source) => {
    if (unjudgeable(value)) return [];
    if (kindOf(value) !== 'string') {
      return [wrongType(path, value, `one of ${values.map((v) => `"${v}"`).join(', ')}`, source)];
    }
    const text = value as string;
    if (values.includes(text)) return [];
    return [
      finding(
        'invalid-enum',
        RULES[source].severity,
        path,
        `${path} ${quoted(text)} is not one of ${values.map((v) => `"${v}"`).join(', ')}.${didYouMean(text, values)}`,
        source,
        `Use exactly one of: ${values.join(', ')} (case matters).`,
      ),
    ];
  };
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const date = new Date(t);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return t;
}

const checkDate: Check = (path, value, source) => {
  if (unjudgeable(value)) return [];
  const kind = kindOf(value);
  if (kind !== 'string') {
    return [wrongType(path, value, 'a "YYYY-MM-DD" string', source, `Format ${path} as "YYYY-MM-DD", e.g. "2026-01-31".`)];
  }
  const text = value as string;
  if (parseIsoDate(text) !== null) return [];
  const shape = /^\d{4}-\d{2}-\d{2}$/.test(text);
  return [
    finding(
      'invalid-date',
      'warning',
      path,
      shape ? `${path} ${quoted(text)} is not a real calendar date.` : `${path} ${quoted(text)} is not in YYYY-MM-DD format.`,
      source,
      `Format ${path} as "YYYY-MM-DD", e.g. "2026-01-31".`,
    ),
  ];
};

const checkPermissions: Check = (path, value, source) => {
  const kind = kindOf(value);
  if (kind === 'opaque') return [];
  if (kind !== 'array') {
    const fix =
      kind === 'string' ? `Wrap it in an array: ${path}: [${quoted(value as string)}].` : `Pass an array such as ["identity", "accounts"].`;
    return [wrongType(path, value, 'an array of permission names', source, fix)];
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  (value as Snapshot[]).forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (kindOf(item) === 'opaque') return;
    if (typeof item !== 'string' || kindOf(item) !== 'string') {
      findings.push(wrongType(itemPath, item, 'a permission name (string)', 'PERMISSION-KNOWN'));
      return;
    }
    if (!PERMISSIONS.includes(item)) {
      findings.push(
        finding(
          'unknown-permission',
          'error',
          itemPath,
          `${quoted(item)} is not a Lean permission.${didYouMean(item, PERMISSIONS)}`,
          'PERMISSION-KNOWN',
          `Use only: ${PERMISSIONS.join(', ')}.`,
        ),
      );
    } else if (seen.has(item)) {
      findings.push(
        finding('duplicate-permission', 'info', itemPath, `${quoted(item)} is listed twice.`, 'PERMISSION-DUPLICATE', 'List each permission once.'),
      );
    }
    seen.add(item);
  });
  return findings;
};

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
/** Schemes a browser will not open as a page to return to: code, inline data, local files. */
const NOT_A_RETURN_PAGE = ['javascript:', 'vbscript:', 'data:', 'blob:', 'file:', 'about:'];

/**
 * https and app schemes (`myapp://…`, how WebView hosts get control back: reference §5) pass;
 * nothing official restricts the scheme, so everything else is a warning, never an error.
 */
const checkRedirectUrl: Check = (path, value, source) => {
  if (unjudgeable(value)) return [];
  if (kindOf(value) !== 'string') return [wrongType(path, value, 'an absolute URL string', source)];
  const text = (value as string).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [
      finding(
        'redirect-url',
        'warning',
        path,
        `${path} is not an absolute URL; the bank may not be able to send the user back to it.`,
        'REDIRECT-URL',
        'Use a full URL such as "https://your.site/lean/return" (or your app scheme, "myapp://lean/return").',
      ),
    ];
  }
  const scheme = url.protocol.toLowerCase();
  if (NOT_A_RETURN_PAGE.includes(scheme)) {
    return [
      finding(
        'redirect-url',
        'warning',
        path,
        `${path} uses "${scheme}", which is not a page the bank can send the user back to.`,
        'REDIRECT-URL',
        'Use the https: URL of your return page, or your app scheme in a WebView host.',
      ),
    ];
  }
  if (scheme === 'http:' && !LOCAL_HOSTS.includes(url.hostname)) {
    return [
      finding(
        'redirect-url',
        'warning',
        path,
        `${path} uses http: off localhost; the redirect's query parameters would travel unencrypted.`,
        'REDIRECT-URL',
        'Serve the return page over https: and use that URL.',
      ),
    ];
  }
  return [];
};

/**
 * Documented keys are checked for their value; other keys are accepted (the official typings
 * admit any key) and only a near miss of a documented key gets an info.
 */
const checkCustomization: Check = (path, value, source) => {
  const kind = kindOf(value);
  if (kind === 'opaque') return [];
  if (kind !== 'object') return [wrongType(path, value, 'an object such as { theme_color: "#0080ff" }', source)];
  const findings: Finding[] = [];
  const keys = Object.keys(CUSTOMIZATION_KEYS);
  for (const [key, item] of Object.entries(value as { [key: string]: Snapshot })) {
    const itemPath = `${path}.${key}`;
    const spec = Object.hasOwn(CUSTOMIZATION_KEYS, key) ? CUSTOMIZATION_KEYS[key] : undefined;
    if (spec === undefined) {
      const near = suggest(key, keys);
      if (near !== null) {
        findings.push(
          finding(
            'customization-key',
            'info',
            itemPath,
            `customization key ${quoted(key)} is not a documented key; did you mean ${near}?`,
            'CUSTOMIZATION-KEY',
            `Rename it to ${near} if that is what you meant.`,
          ),
        );
      }
      continue;
    }
    if (isBlank(item) || unjudgeable(item)) continue;
    findings.push(...checkCustomizationValue(itemPath, item, spec.value));
  }
  return findings;
};

function checkCustomizationValue(itemPath: string, item: Snapshot, kind: string): Finding[] {
  if (kind === 'color') {
    if (kindOf(item) !== 'string') return [wrongType(itemPath, item, 'a colour string such as "#0080ff"', 'CUSTOMIZATION-COLOR')];
    if (isColor(item as string)) return [];
    const guess = colorFix(item as string);
    return [
      finding(
        'customization-color',
        'warning',
        itemPath,
        `${itemPath} ${quoted(item as string)} is not a CSS colour (a name such as "white", #hex, rgb(), rgba(), hsl()).`,
        'CUSTOMIZATION-COLOR',
        guess !== null ? `Use "${guess}".` : 'Use a colour such as "#0080ff" or "white".',
      ),
    ];
  }
  if (kind !== 'numeric-string') return [];
  if (kindOf(item) === 'number') {
    return [
      finding(
        'wrong-type',
        'info',
        itemPath,
        `${itemPath} is a number; the SDK documents a numeric string.`,
        'CUSTOMIZATION-VALUE',
        `Pass it as a string: "${String(item)}".`,
      ),
    ];
  }
  if (kindOf(item) !== 'string') return [wrongType(itemPath, item, 'a numeric string such as "8"', 'CUSTOMIZATION-VALUE')];
  if (isNumericString(item as string)) return [];
  const digits = /^\s*(\d+(?:\.\d+)?)/.exec(item as string)?.[1];
  return [
    finding(
      'customization-value',
      'warning',
      itemPath,
      `${itemPath} ${quoted(item as string)} is not a numeric string (no units).`,
      'CUSTOMIZATION-VALUE',
      digits !== undefined ? `Use "${digits}".` : 'Use a number of pixels as a string, e.g. "8".',
    ),
  ];
}

const checkCallback: Check = (path, value, source) => {
  if (kindOf(value) === 'function' || kindOf(value) === 'opaque') return [];
  return [
    finding(
      'callback-not-function',
      'warning',
      path,
      `callback is ${describeKind(value)}, not a function: the SDK cannot report the outcome.`,
      source,
      'Pass a function: callback: (data) => { … }.',
    ),
  ];
};

export function checkerFor(type: FieldType): Check {
  switch (type.kind) {
    case 'string':
      return checkString;
    case 'boolean':
      return checkBoolean;
    case 'object':
      return checkObject;
    case 'enum':
      return checkEnum(type.values);
    case 'date':
      return checkDate;
    case 'permissions':
      return checkPermissions;
    case 'redirect-url':
      return checkRedirectUrl;
    case 'customization':
      return checkCustomization;
    case 'callback':
      return checkCallback;
    case 'risk-details':
      return checkRiskDetails;
    case 'any':
      return () => [];
  }
}
