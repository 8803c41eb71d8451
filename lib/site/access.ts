/**
 * Which sites the extension runs on, read from the host permissions the browser says it holds
 * (`permissions.getAll().origins`): there is no stored setting to drift from them, so a choice
 * made in the browser's own UI (Chrome's "Site access", Firefox's add-on permissions) counts too.
 * The content scripts and `webRequest` only reach sites the extension holds access to
 * (docs/security.md, "Per-site mode").
 */

/** The host permission of the "Run on every site" mode (the manifest's `host_permissions`). */
export const ALL_SITES = '<all_urls>';

/** Offered first in "Run only on sites I choose": where a merchant's integration is developed. */
export const SUGGESTED_SITES = ['*://localhost/*', '*://127.0.0.1/*'] as const;

export type SiteMode = 'all-sites' | 'chosen-sites';

export interface SiteAccess {
  mode: SiteMode;
  /** Granted site patterns besides all-sites access, suggested ones first, then alphabetical. */
  sites: string[];
}

const EVERY_SITE_PATTERNS = new Set([ALL_SITES, '*://*/*']);
const PATTERN = /^(\*|https?):\/\/([^/]+)\/.*$/;

export function siteAccess(origins: readonly string[]): SiteAccess {
  const mode: SiteMode = origins.some((origin) => EVERY_SITE_PATTERNS.has(origin)) ? 'all-sites' : 'chosen-sites';
  const sites = [...new Set(origins.filter((origin) => !EVERY_SITE_PATTERNS.has(origin) && PATTERN.test(origin)))];
  return { mode, sites: sites.sort(bySuggestionThenName) };
}

function bySuggestionThenName(a: string, b: string): number {
  const rank = (pattern: string) => {
    const index = (SUGGESTED_SITES as readonly string[]).indexOf(pattern);
    return index < 0 ? SUGGESTED_SITES.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * The pattern that enables one site: its host, over http and https, on any port (match
 * patterns have no port in Firefox, and a dev server moves between ports). `null` where no
 * host permission applies (browser pages, files, extension pages).
 */
export function sitePattern(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.hostname ? `*://${parsed.hostname}/*` : null;
}

/** Whether the extension runs on this page's site under `access`. */
export function runsOn(access: SiteAccess, url: string): boolean {
  if (sitePattern(url) === null) return false;
  if (access.mode === 'all-sites') return true;
  const { protocol, hostname } = new URL(url);
  return access.sites.some((site) => patternCovers(site, protocol.slice(0, -1), hostname));
}

function patternCovers(pattern: string, scheme: string, hostname: string): boolean {
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const [, patternScheme, patternHost] = match as unknown as [string, string, string];
  if (patternScheme !== '*' && patternScheme !== scheme) return false;
  const host = patternHost.replace(/:\d+$/, '');
  if (host === '*') return true;
  if (host.startsWith('*.')) return hostname === host.slice(2) || hostname.endsWith(host.slice(1));
  return hostname === host;
}

/** A pattern as people read it: `*://shop.example/*` → `shop.example`. */
export function siteLabel(pattern: string): string {
  const match = PATTERN.exec(pattern);
  if (!match) return pattern;
  const [, scheme, host] = match as unknown as [string, string, string];
  return scheme === '*' ? host : `${scheme}://${host}`;
}
