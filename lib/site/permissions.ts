/**
 * Changes which sites the extension runs on, through the browser's `permissions` API.
 * `request` needs a user gesture, and Firefox loses it at the first `await`: call
 * `enableSite` and `runOnEverySite` straight from the click handler.
 */
import { ALL_SITES, siteAccess, type SiteAccess } from './access';

export interface PermissionsApi {
  getAll(): Promise<{ origins?: string[] }>;
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * `browser-setting`: the browser refused to drop the access (Chrome never lets an extension
 * remove a host permission of its manifest, measured on Chromium 156: "You cannot remove
 * required permissions"); the user makes that choice in the browser's own Site access setting.
 */
export type RemoveOutcome = 'removed' | 'browser-setting';

export async function readSiteAccess(api: PermissionsApi): Promise<SiteAccess> {
  return siteAccess((await api.getAll()).origins ?? []);
}

export function runOnEverySite(api: PermissionsApi): Promise<boolean> {
  return api.request({ origins: [ALL_SITES] });
}

export function runOnChosenSites(api: PermissionsApi): Promise<RemoveOutcome> {
  return removeOrigins(api, [ALL_SITES]);
}

export function enableSite(api: PermissionsApi, pattern: string): Promise<boolean> {
  return api.request({ origins: [pattern] });
}

export function disableSite(api: PermissionsApi, pattern: string): Promise<RemoveOutcome> {
  return removeOrigins(api, [pattern]);
}

async function removeOrigins(api: PermissionsApi, origins: string[]): Promise<RemoveOutcome> {
  try {
    return (await api.remove({ origins })) ? 'removed' : 'browser-setting';
  } catch {
    return 'browser-setting';
  }
}
