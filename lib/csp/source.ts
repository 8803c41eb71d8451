/**
 * Source expressions (CSP Level 3 §2.3.1 "Source Lists"): one whitespace-separated token of a
 * directive value, classified by the grammar it matches. Pure functions, no browser APIs.
 *
 * Keywords, nonce/hash prefixes, schemes and hosts are ASCII case-insensitive; nonce and hash
 * values and paths are not.
 */

export type Keyword =
  | 'self'
  | 'none'
  | 'unsafe-inline'
  | 'unsafe-eval'
  | 'strict-dynamic'
  | 'unsafe-hashes'
  | 'report-sample'
  | 'unsafe-allow-redirects'
  | 'wasm-unsafe-eval'
  | 'inline-speculation-rules';

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>([
  'self',
  'none',
  'unsafe-inline',
  'unsafe-eval',
  'strict-dynamic',
  'unsafe-hashes',
  'report-sample',
  'unsafe-allow-redirects',
  'wasm-unsafe-eval',
  'inline-speculation-rules',
]);

export type HashAlgorithm = 'sha256' | 'sha384' | 'sha512';

export type SourceExpression =
  /** `*`: any http(s)/ws(s) URL, or one with the page's own scheme. */
  | { kind: 'star'; text: string }
  | { kind: 'keyword'; keyword: Keyword; text: string }
  | { kind: 'nonce'; value: string; text: string }
  | { kind: 'hash'; algorithm: HashAlgorithm; value: string; text: string }
  /** `https:`, `data:`, `blob:` … (scheme lower-cased). */
  | { kind: 'scheme'; scheme: string; text: string }
  /**
   * `[scheme://]host[:port][/path]`. `scheme` and `host` lower-cased; `host` keeps a leading
   * `*.` or is `*`; `port` is digits, `*` or null; `path` is '' when absent.
   */
  | { kind: 'host'; scheme: string | null; host: string; port: string | null; path: string; text: string }
  /** Matches no grammar (an unknown `'keyword'`, a URL with a query …): browsers ignore it. */
  | { kind: 'invalid'; text: string };

const BASE64_VALUE = '[A-Za-z0-9+/_-]+={0,2}';
const NONCE_RE = new RegExp(`^'nonce-(${BASE64_VALUE})'$`, 'i');
const HASH_RE = new RegExp(`^'(sha256|sha384|sha512)-(${BASE64_VALUE})'$`, 'i');
const SCHEME = '[A-Za-z][A-Za-z0-9+.-]*';
const SCHEME_SOURCE_RE = new RegExp(`^(${SCHEME}):$`);
// host-part = "*" / [ "*." ] 1*host-char *( "." 1*host-char ) [ "." ] (the trailing dot: CSP3 §2.3.1,
// w3c/webappsec-csp#639); path-part = path-absolute without ";" or ",".
const HOST_SOURCE_RE = new RegExp(
  `^(?:(${SCHEME})://)?(\\*|(?:\\*\\.)?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.?)(?::(\\*|[0-9]+))?(/(?!/)[^;,?#]*)?$`,
);

/** Classifies one source expression token. */
export function parseSourceExpression(text: string): SourceExpression {
  if (text === '*') return { kind: 'star', text };
  if (text.startsWith("'")) {
    const nonce = NONCE_RE.exec(text);
    if (nonce) return { kind: 'nonce', value: nonce[1]!, text };
    const hash = HASH_RE.exec(text);
    if (hash) return { kind: 'hash', algorithm: hash[1]!.toLowerCase() as HashAlgorithm, value: hash[2]!, text };
    const inner = text.length > 2 && text.endsWith("'") ? text.slice(1, -1).toLowerCase() : '';
    if (KEYWORDS.has(inner)) return { kind: 'keyword', keyword: inner as Keyword, text };
    return { kind: 'invalid', text };
  }
  const scheme = SCHEME_SOURCE_RE.exec(text);
  if (scheme) return { kind: 'scheme', scheme: scheme[1]!.toLowerCase(), text };
  const host = HOST_SOURCE_RE.exec(text);
  if (host) {
    return {
      kind: 'host',
      scheme: host[1] ? host[1].toLowerCase() : null,
      host: host[2]!.toLowerCase(),
      port: host[3] ?? null,
      path: host[4] ?? '',
      text,
    };
  }
  return { kind: 'invalid', text };
}


/**
 * A comparison key: two expressions with the same key are the same source (`'SELF'` = `'self'`,
 * `HTTPS://A.com` = `https://a.com`); nonce and hash values and paths stay case-sensitive.
 */
export function sourceKey(text: string): string {
  const parsed = parseSourceExpression(text);
  switch (parsed.kind) {
    case 'star':
      return '*';
    case 'keyword':
      return `'${parsed.keyword}'`;
    case 'nonce':
      return `'nonce-${parsed.value}'`;
    case 'hash':
      return `'${parsed.algorithm}-${parsed.value}'`;
    case 'scheme':
      return `${parsed.scheme}:`;
    case 'host':
      return `${parsed.scheme ? `${parsed.scheme}://` : ''}${parsed.host}${parsed.port === null ? '' : `:${parsed.port}`}${parsed.path}`;
    case 'invalid':
      return parsed.text;
  }
}
