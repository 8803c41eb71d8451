/**
 * The domain words every context uses, in one place so the panel, the report, HAR import and
 * the CSP audit cannot drift apart: Lean's hosts (SDK reference §1 loader, §5 CSP host table),
 * region names and CSP policy labels.
 */
import type { CspPolicy, LoaderRegion } from './types';

/** Every Lean host is this domain or one of its subdomains (SDK reference §5). */
export const LEAN_DOMAIN = 'leantech.me';

/** SDK regions: `ae` (UAE) and `sa` (KSA), as in the loader URL (SDK reference §1). */
export type Region = LoaderRegion;

/** The SDK's environments: `sandbox: true` in a call config, or production (SDK reference §3). */
export type Environment = 'sandbox' | 'production';

export const REGION_NAME: Readonly<Record<Region, string>> = { ae: 'UAE', sa: 'KSA' };

/** A URL, or null for text that is not one (page data often is not). */
export function tryUrl(text: string, base?: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

/** `leantech.me` or a subdomain of it: `evil-leantech.me` and `leantech.me.evil.example` are not. */
export function isLeanHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === LEAN_DOMAIN || host.endsWith(`.${LEAN_DOMAIN}`);
}

export function isLeanUrl(url: string): boolean {
  const parsed = tryUrl(url);
  return parsed !== null && isLeanHost(parsed.hostname);
}

/** `Policy 2 (report-only header)`: how the panel, the audit notes and the report name a policy. */
export function policyLabel(policy: Pick<CspPolicy, 'source' | 'disposition'>, index: number): string {
  const how = policy.source === 'meta' ? '<meta>' : policy.disposition === 'report' ? 'report-only header' : 'header';
  return `Policy ${index + 1} (${how})`;
}
