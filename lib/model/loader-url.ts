/**
 * Recognises the Lean loader by its URL (SDK reference §1 "Loader"):
 *   https://cdn.leantech.me/link/loader/prod/{ae|sa}/latest/lean-link-loader.min.js
 *   https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js   (older pages)
 * Matched on the path, whatever the host, so a self-hosted copy or a local stand-in counts.
 */
import type { LoaderRegion } from './types';

/** The loader's path on any host; the fixture adapters route the same requests. */
export const LOADER_PATH = /\/link\/(?:loader\/[^?#]*\/lean-link-loader|sdk\/web\/[^?#]*\/Lean)(?:\.min)?\.js(?:[?#]|$)/i;
const REGION = /\/link\/loader\/[^/?#]+\/(ae|sa)\//i;

export interface LoaderUrl {
  region: LoaderRegion | null;
}

export function parseLoaderUrl(src: string): LoaderUrl | null {
  if (!LOADER_PATH.test(src)) return null;
  const region = REGION.exec(src)?.[1]?.toLowerCase();
  return { region: region === 'ae' || region === 'sa' ? region : null };
}
