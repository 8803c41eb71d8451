/**
 * Recognises the Lean loader by its URL (docs/lean-sdk-reference.md §1 "Loader"):
 *   https://cdn.leantech.me/link/loader/prod/{ae|sa}/latest/lean-link-loader.min.js   (regional loader)
 *   https://cdn.leantech.me/[sa/]link/sdk/web/{version}/Lean.min.js                  (older web SDK bundle)
 * Matched on the path, whatever the host, so a self-hosted copy or a local stand-in counts.
 */
import type { LoaderRegion } from './types';

/** The loader's path on any host; the fixture adapters route the same requests. */
export const LOADER_PATH = /\/link\/(?:loader\/[^?#]*\/lean-link-loader|sdk\/web\/[^?#]*\/Lean)(?:\.min)?\.js(?:[?#]|$)/i;
const REGION = /\/link\/loader\/[^/?#]+\/(ae|sa)\//i;
export interface LoaderUrl {
  /** `loader`: the regional loader; `web-bundle`: the older `link/sdk/web/…/Lean.min.js`. */
  sdk: 'loader' | 'web-bundle';
  region: LoaderRegion | null;
  /** The web bundle's version folder (`latest`, `v1.5.3`…), null for the loader. */
  version: string | null;
}

export interface WebBundle {
  /** `sa` for the KSA build (`/sa/link/sdk/web/…`), else null. */
  region: LoaderRegion | null;
  version: string;
}

const BUNDLE_DIR = '/link/sdk/web/';

/**
 * The older web SDK bundle's region and version, or null for any other URL. String scanning
 * only (no regular expression): the validator asks it of every loader a page inserts.
 */
export function webBundleOf(src: string): WebBundle | null {
  const path = src.split(/[?#]/, 1)[0] ?? '';
  const lower = path.toLowerCase();
  const at = lower.lastIndexOf(BUNDLE_DIR);
  if (at < 0) return null;
  const rest = path.slice(at + BUNDLE_DIR.length).split('/');
  const file = rest[rest.length - 1]?.toLowerCase();
  if (rest.length < 2 || (file !== 'lean.min.js' && file !== 'lean.js')) return null;
  return { region: lower.slice(0, at).endsWith('/sa') ? 'sa' : null, version: rest.slice(0, -1).join('/') };
}

export function parseLoaderUrl(src: string): LoaderUrl | null {
  if (!LOADER_PATH.test(src)) return null;
  const bundle = webBundleOf(src);
  if (bundle) return { sdk: 'web-bundle', region: bundle.region, version: bundle.version };
  const region = REGION.exec(src)?.[1]?.toLowerCase();
  return { sdk: 'loader', region: region === 'ae' || region === 'sa' ? region : null, version: null };
}
