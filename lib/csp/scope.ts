/**
 * Which part of the SDK host table a page needs. Reference (`docs/lean-sdk-reference.md`, CSP
 * section): hosts split by region (`sa`/`sa01` = KSA, others UAE) and environment (`sandbox`
 * hosts vs production hosts); "a page that only runs UAE sandbox needs fewer hosts than the full
 * list". A `null` field means unknown, and unknown keeps every host.
 */
import { SDK_CSP } from './sdk-hosts';
import type { Env, Region, SdkDirective, SdkSource } from './sdk-hosts';
import { isLeanHost, REGION_NAME } from '../model/vocabulary';

export interface Scope {
  region: Region | null;
  env: Env | null;
}

/** Nothing known: every host of the table is needed. */
export const FULL_SCOPE: Scope = { region: null, env: null };

/** Does a page with this scope need this source? Sources without a region/env are needed by all. */
export function inScope(entry: Pick<SdkSource, 'region' | 'env'>, scope: Scope = FULL_SCOPE): boolean {
  const regionOk = entry.region === null || scope.region === null || entry.region === scope.region;
  const envOk = entry.env === null || scope.env === null || entry.env === scope.env;
  return regionOk && envOk;
}

export function sdkSourcesInScope(directive: SdkDirective, scope: Scope = FULL_SCOPE): SdkSource[] {
  return SDK_CSP[directive].filter((entry) => inScope(entry, scope));
}

/**
 * Region and environment markers of any `*.leantech.me` host, by its labels: `sa`/`sa01` → KSA,
 * `ae01` → UAE, `sandbox` → sandbox. Hosts that are not Lean's give nulls. A Lean host without a
 * region marker is UAE and one without `sandbox` is production — except hosts listed in the table
 * as shared (cdn, images), whose table entry wins.
 */
export function classifyLeanHost(host: string): Scope {
  if (!isLeanHost(host)) return { region: null, env: null };
  const lower = host.toLowerCase().replace(/\.$/, '');
  const known = Object.values(SDK_CSP)
    .flat()
    .find((entry) => entry.kind === 'lean' && entry.source === `https://${lower}`);
  if (known) return { region: known.region, env: known.env };
  const labels = lower.split('.').slice(0, -2);
  const region: Region = labels.includes('sa') || labels.includes('sa01') ? 'sa' : 'ae';
  const env: Env = labels.includes('sandbox') ? 'sandbox' : 'production';
  return { region, env };
}

export interface Observations {
  /** Regions of the loader scripts seen (`loader` events' `region`). */
  loaderRegions?: ReadonlyArray<Region | null>;
  /** The `sandbox` field of each SDK call config, as the page passed it (boolean, string, absent…). */
  sandboxValues?: readonly unknown[];
  /** URLs or hosts the SDK was seen contacting (e.g. blocked URIs of CSP violations). */
  urls?: readonly string[];
}

function agree<T>(values: readonly T[]): T | null {
  if (values.length === 0) return null;
  const first = values[0]!;
  return values.every((v) => v === first) ? first : null;
}

function hostOf(urlOrHost: string): string | null {
  try {
    return new URL(urlOrHost).hostname;
  } catch {
    return /^[a-z0-9.-]+$/i.test(urlOrHost) ? urlOrHost : null;
  }
}

/**
 * The scope a page's observations support. Region: the loaders' region, or the region of the
 * region-specific Lean hosts seen, when they all agree. Environment: `sandbox` is on when the call
 * config's value is truthy — as the SDK reads it, so the string `"false"` means sandbox (reference
 * §3) — and off (production) when absent or falsy; it must agree across calls and with the hosts
 * seen. Any disagreement or no evidence gives null (keep every host).
 */
export function scopeFromObservations(observations: Observations): Scope {
  const hostScopes = (observations.urls ?? [])
    .map(hostOf)
    .filter((h): h is string => h !== null)
    .map(classifyLeanHost);
  const regions = [
    ...(observations.loaderRegions ?? []).filter((r): r is Region => r !== null),
    ...hostScopes.map((s) => s.region).filter((r): r is Region => r !== null),
  ];
  const envs: Env[] = [
    ...(observations.sandboxValues ?? []).map((v): Env => (v ? 'sandbox' : 'production')),
    ...hostScopes.map((s) => s.env).filter((e): e is Env => e !== null),
  ];
  return { region: agree(regions), env: agree(envs) };
}

export function describeScope(scope: Scope): string {
  const region = scope.region ? REGION_NAME[scope.region] : 'any region';
  const env = scope.env ?? 'any environment';
  return `${region}, ${env}`;
}
