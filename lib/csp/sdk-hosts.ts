/**
 * The Content Security Policy the Lean Link Web SDK needs, as data: the vendor's "strict" list,
 * straight from `docs/lean-sdk-reference.md` §1 "Content Security Policy the SDK needs (vendor's
 * "strict" list)" — the source of truth. A change in the SDK is a one-line change here.
 *
 * Each source carries:
 * - `kind`: `lean` (a `*.leantech.me` host), `third-party` (Segment, Mixpanel, Contentful,
 *   Google Fonts, GrowthBook), or `keyword` (not a host: `'self'` and the `data:` / `blob:`
 *   schemes).
 * - `region` / `env`: which pages need it (reference: "`sa`/`sa01` = KSA, others UAE";
 *   "`sandbox` hosts vs production hosts"). `null` = every page needs it. Read per host:
 *   - `apm.ae01` / `apm.sa01`: one region, both environments (no sandbox marker, no sandbox twin).
 *   - `link.*` and `images.*` sandbox / sa / sandbox.sa hosts: region and environment from their
 *     labels; `link.leantech.me` is the UAE production member of the `link.*` family.
 *   - `cdn.leantech.me` serves the loader for both regions (`/link/loader/prod/{ae|sa}/…`, §1),
 *     and `images.leantech.me` carries no marker either: both are kept for every page, so a
 *     scoped suggestion never drops a host a page may need.
 *   - third-party hosts and keywords: every page.
 * - `url`: a representative URL the SDK's request would use, to test a policy against. `'self'`
 *   and `blob:` depend on the page, see {@link representativeUrl}. Sources the vendor writes as
 *   `http://` are tested with `https://` on an https page (a secure page upgrades or refuses plain
 *   http subresources: Mixed Content §4.1/§4.4) and with `http://` on an http page, where no
 *   mixed-content upgrade happens (local development on `http://localhost`).
 */
import type { Environment as Env, Region } from '../model/vocabulary';

export type SdkDirective = 'default-src' | 'script-src' | 'style-src' | 'connect-src' | 'img-src' | 'font-src' | 'frame-src';
export type SourceKind = 'lean' | 'third-party' | 'keyword';
export type { Env, Region };

export interface SdkSource {
  /** The source expression exactly as the vendor lists it. */
  source: string;
  kind: SourceKind;
  region: Region | null;
  env: Env | null;
  /** A representative URL, or null when it depends on the page (`'self'`, `blob:`). */
  url: string | null;
  /** Scripts only: `page` for the loader `<script src>` the page writes in its markup
   * (parser-inserted), `sdk` for scripts the SDK inserts itself. */
  insertedBy?: 'page' | 'sdk';
}

/** The relaxed variant's single Lean source (reference: "every Lean host replaced by `https://*.leantech.me`"). */
export const RELAXED_LEAN_SOURCE = 'https://*.leantech.me';

export const LOADER_URL = {
  ae: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js',
  sa: 'https://cdn.leantech.me/link/loader/prod/sa/latest/lean-link-loader.min.js',
} as const;

const DATA_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

const self: SdkSource = { source: "'self'", kind: 'keyword', region: null, env: null, url: null };
const data = (url: string): SdkSource => ({ source: 'data:', kind: 'keyword', region: null, env: null, url });
const blob: SdkSource = { source: 'blob:', kind: 'keyword', region: null, env: null, url: null };
const lean = (host: string, region: Region | null, env: Env | null, url = `https://${host}`): SdkSource => ({
  source: `https://${host}`,
  kind: 'lean',
  region,
  env,
  url,
});
const third = (source: string, url = source.replace(/^http:/, 'https:')): SdkSource => ({
  source,
  kind: 'third-party',
  region: null,
  env: null,
  url,
});

/** The vendor's strict list, directive by directive, in the reference's order. */
export const SDK_CSP: Readonly<Record<SdkDirective, readonly SdkSource[]>> = {
  'default-src': [self, lean('cdn.leantech.me', null, null), data('data:,'), blob],
  'script-src': [
    self,
    { ...lean('cdn.leantech.me', null, null, LOADER_URL.ae), insertedBy: 'page' },
    { ...third('https://cdn.segment.com', 'https://cdn.segment.com/analytics.js/v1/lean/analytics.min.js'), insertedBy: 'sdk' },
    { ...third('http://cdn.mxpnl.com', 'https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js'), insertedBy: 'sdk' },
  ],
  'style-src': [self, lean('cdn.leantech.me', null, null), third('https://fonts.googleapis.com'), third('https://cdn.segment.com')],
  'connect-src': [
    self,
    blob,
    lean('apm.ae01.leantech.me', 'ae', null),
    lean('apm.sa01.leantech.me', 'sa', null),
    lean('link.sandbox.leantech.me', 'ae', 'sandbox'),
    lean('link.leantech.me', 'ae', 'production'),
    lean('link.sandbox.sa.leantech.me', 'sa', 'sandbox'),
    lean('link.sa.leantech.me', 'sa', 'production'),
    third('https://graphql.contentful.com'),
    third('https://api.segment.io'),
    third('https://cdn.segment.com'),
    third('https://api-js.mixpanel.com'),
    third('https://cdn.growthbook.io'),
  ],
  'img-src': [
    self,
    data(DATA_IMAGE),
    lean('cdn.leantech.me', null, null),
    lean('images.leantech.me', null, null),
    lean('images.sandbox.leantech.me', 'ae', 'sandbox'),
    lean('images.sa.leantech.me', 'sa', 'production'),
    lean('images.sandbox.sa.leantech.me', 'sa', 'sandbox'),
    third('https://images.ctfassets.net'),
    third('http://images.contentful.com'),
    third('https://graphql.contentful.com'),
  ],
  'font-src': [self, third('https://fonts.gstatic.com')],
  'frame-src': [self, lean('cdn.leantech.me', null, null), data('data:text/html,'), blob],
};

export const SDK_DIRECTIVES = Object.keys(SDK_CSP) as SdkDirective[];

/**
 * The effective directive (CSP3 §6.8.1) of the request the SDK makes for a row of the table:
 * a `<script src>` is checked as `script-src-elem`, a stylesheet as `style-src-elem`. The
 * `default-src` row stands for resource types the table does not name, which only default-src
 * governs.
 */
export const REQUEST_DIRECTIVE: Readonly<Record<SdkDirective, string>> = {
  'default-src': 'default-src',
  'script-src': 'script-src-elem',
  'style-src': 'style-src-elem',
  'connect-src': 'connect-src',
  'img-src': 'img-src',
  'font-src': 'font-src',
  'frame-src': 'frame-src',
};

/** The page's scheme (`https`, `http` …), '' when the URL does not parse. */
export function pageScheme(pageUrl: string): string {
  try {
    return new URL(pageUrl).protocol.replace(/:$/, '');
  } catch {
    return '';
  }
}

/** The vendor writes this source as `http://`: the SDK's request to it depends on the page's scheme. */
export function dependsOnPageScheme(entry: Pick<SdkSource, 'source'>): boolean {
  return /^http:\/\//i.test(entry.source);
}

/**
 * The representative URL of a source on a given page (`'self'` → the page's origin, `blob:` → a
 * blob URL of it); a vendor `http://` source stays http on an http page (see the header comment).
 */
export function representativeUrl(entry: SdkSource, pageUrl: string, region: Region | null = null): string {
  if (entry.url !== null) {
    if (entry.insertedBy === 'page' && region) return LOADER_URL[region];
    if (dependsOnPageScheme(entry) && pageScheme(pageUrl) === 'http') return entry.url.replace(/^https:/, 'http:');
    return entry.url;
  }
  let origin: string;
  try {
    origin = new URL(pageUrl).origin;
  } catch {
    origin = 'null';
  }
  if (entry.source === 'blob:') return `blob:${origin}/00000000-0000-4000-8000-000000000000`;
  return `${origin}/`;
}

/**
 * The source a suggestion adds for an entry: the vendor's text, or the Lean wildcard in the relaxed
 * variant. A vendor `http://` source is written for the page's scheme: `https://host` on an https
 * page (the request is https there), the scheme-less `host` on an http page (CSP3 §6.7.2.6: it
 * matches http and https there, and only https once deployed on an https page). Neither allows
 * plain http on a secure page, which csp_evaluator flags (SRC_HTTP).
 */
export function suggestedSource(entry: Pick<SdkSource, 'source' | 'kind'>, variant: 'strict' | 'relaxed', pageUrl = ''): string {
  if (variant === 'relaxed' && entry.kind === 'lean') return RELAXED_LEAN_SOURCE;
  if (!dependsOnPageScheme(entry)) return entry.source;
  const host = entry.source.replace(/^http:\/\//i, '');
  return pageScheme(pageUrl) === 'http' ? host : `https://${host}`;
}

/** The vendor's full list as one policy text (strict or relaxed). */
export function vendorPolicy(variant: 'strict' | 'relaxed' = 'strict'): string {
  return SDK_DIRECTIVES.map((directive) => {
    const sources: string[] = [];
    for (const entry of SDK_CSP[directive]) {
      const source = variant === 'relaxed' && entry.kind === 'lean' ? RELAXED_LEAN_SOURCE : entry.source;
      if (!sources.includes(source)) sources.push(source);
    }
    return `${directive} ${sources.join(' ')}`;
  }).join('; ');
}
