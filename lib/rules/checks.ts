/**
 * Value checks, one per field type of `fields.ts`. Each gets a field that is present and
 * not blank, and returns its findings.
 */
import type { Finding, Snapshot } from '../model/types';
import { CUSTOMIZATION_KEYS, colorFix, isColor, isNumericString } from './customization';
import type { FieldType } from './fields';
import { PERMISSIONS } from './fields';
import { finding } from './finding';
import { SRC } from './sources';
import { didYouMean } from './suggest';
import { describeKind, isBlank, kindOf, quoted } from './values';

type Check = (path: string, value: Snapshot, source: string) => Finding[];

/** Kinds a check cannot judge: a redacted or uncopyable value passes as "some string". */
function unjudgeable(value: Snapshot): boolean {
  const kind = kindOf(value);
  return kind === 'redacted' || kind === 'opaque';
}

function wrongType(path: string, value: Snapshot, expected: string, source: string, fix?: string): Finding {
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
        SRC.mistakes,
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
        'error',
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
      'error',
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
      findings.push(wrongType(itemPath, item, 'a permission name (string)', SRC.permissions));
      return;
    }
    if (!PERMISSIONS.includes(item)) {
      findings.push(
        finding(
          'unknown-permission',
          'error',
          itemPath,
          `${quoted(item)} is not a Lean permission.${didYouMean(item, PERMISSIONS)}`,
          SRC.permissions,
          `Use only: ${PERMISSIONS.join(', ')}.`,
        ),
      );
    } else if (seen.has(item)) {
      findings.push(
        finding('duplicate-permission', 'info', itemPath, `${quoted(item)} is listed twice.`, SRC.permissions, 'List each permission once.'),
      );
    }
    seen.add(item);
  });
  return findings;
};

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

const checkRedirectUrl: Check = (path, value, source) => {
  if (unjudgeable(value)) return [];
  if (kindOf(value) !== 'string') return [wrongType(path, value, 'an absolute https: URL string', source)];
  const text = (value as string).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [
      finding(
        'redirect-url',
        'error',
        path,
        `${path} is not an absolute URL; the bank cannot send the user back to it.`,
        SRC.redirect,
        `Use a full URL such as "https://your.site/lean/return".`,
      ),
    ];
  }
  if (url.protocol === 'https:') return [];
  if (url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname)) return [];
  const message =
    url.protocol === 'http:'
      ? `${path} uses http:; only https: (or http://localhost while developing) is accepted.`
      : `${path} uses "${url.protocol}"; it must be an https: URL.`;
  return [finding('redirect-url', 'error', path, message, SRC.redirect, `Serve the return page over https: and use that URL.`)];
};

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
      findings.push(
        finding(
          'customization-key',
          'warning',
          itemPath,
          `customization has no key ${quoted(key)}; the SDK ignores it.${didYouMean(key, keys)}`,
          SRC.customization,
          `Known keys: ${keys.join(', ')}.`,
        ),
      );
      continue;
    }
    if (isBlank(item) || unjudgeable(item)) continue;
    if (spec.value === 'color') {
      if (kindOf(item) !== 'string') {
        findings.push(wrongType(itemPath, item, 'a colour string such as "#0080ff"', spec.source));
      } else if (!isColor(item as string)) {
        const guess = colorFix(item as string);
        findings.push(
          finding(
            'customization-color',
            'warning',
            itemPath,
            `${itemPath} ${quoted(item as string)} is not a colour the SDK documents (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba()).`,
            spec.source,
            guess !== null ? `Use "${guess}".` : 'Use a hex colour such as "#0080ff".',
          ),
        );
      }
    } else if (spec.value === 'numeric-string') {
      if (kindOf(item) === 'number') {
        findings.push(
          finding(
            'wrong-type',
            'warning',
            itemPath,
            `${itemPath} is a number; the SDK documents a numeric string.`,
            spec.source,
            `Pass it as a string: "${String(item)}".`,
          ),
        );
      } else if (kindOf(item) !== 'string') {
        findings.push(wrongType(itemPath, item, 'a numeric string such as "8"', spec.source));
      } else if (!isNumericString(item as string)) {
        const digits = /^\s*(\d+(?:\.\d+)?)/.exec(item as string)?.[1];
        findings.push(
          finding(
            'customization-value',
            'warning',
            itemPath,
            `${itemPath} ${quoted(item as string)} is not a numeric string (no units).`,
            spec.source,
            digits !== undefined ? `Use "${digits}".` : 'Use a number of pixels as a string, e.g. "8".',
          ),
        );
      }
    }
  }
  return findings;
};

const checkCallback: Check = (path, value, source) => {
  if (kindOf(value) === 'function' || kindOf(value) === 'opaque') return [];
  return [
    finding(
      'callback-not-function',
      'error',
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
    case 'any':
      return () => [];
  }
}
