/**
 * The SDK status strip: did the page load Lean's loader (where from, which region, when,
 * after a user action?), could the hook wrap `Lean`, which environment the calls use, and
 * counts of calls, failures and findings. Loader and hook describe the current document
 * (what the developer is looking at); counts describe the rows in scope.
 */
import type { LoaderEvent, SdkEvent, SessionEvent, Severity } from '../model/types';
import { truthy } from '../rules/values';
import { field } from '../model/pairing';
import type { PanelRow } from './rows';

export interface LoaderStatus {
  src: string;
  region: 'ae' | 'sa' | null;
  insertedAt: number;
  afterInteraction: boolean;
  /** Loaders inserted in the current document (more than one is a mistake). */
  count: number;
  legacy: boolean;
}

export type HookState = 'hooked' | 'not-hookable' | 'not-seen';

export type Environment = 'sandbox' | 'production' | 'mixed' | null;

export interface SdkStatus {
  loader: LoaderStatus | null;
  hook: { state: HookState; detail: string };
  environment: Environment;
  calls: number;
  /** Calls whose callback reported ERROR (or an unknown status), or whose method threw. */
  failed: number;
  findings: Record<Severity, number>;
  /** Nothing Lean-related happened in the current document. */
  noSdk: boolean;
}


/** Events of the current document: from the last navigation on. */
export function currentDocumentEvents(events: readonly SessionEvent[]): readonly SessionEvent[] {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === 'navigation') return events.slice(i);
  return events;
}

export function sdkStatus(events: readonly SessionEvent[], scope: readonly PanelRow[]): SdkStatus {
  const current = currentDocumentEvents(events);
  const loaders: LoaderEvent[] = [];
  let sdk: SdkEvent | null = null;
  let callsHere = 0;
  for (const e of current) {
    if (e.type === 'loader') loaders.push(e);
    else if (e.type === 'sdk' && (sdk === null || sdk.state !== 'hooked' || e.state === 'hooked')) sdk = e;
    else if (e.type === 'call') callsHere++;
  }
  const first = loaders[0];
  const loader: LoaderStatus | null = first
    ? {
        src: first.src,
        region: first.region,
        insertedAt: first.insertedAt,
        afterInteraction: loaders.some((l) => l.afterInteraction),
        count: loaders.length,
        legacy: /\/sdk\/web\//i.test(first.src),
      }
    : null;

  let calls = 0;
  let failed = 0;
  let sandbox = 0;
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const row of scope) {
    if (row.kind !== 'call') continue;
    calls++;
    if (row.outcome === 'error' || row.outcome === 'threw') failed++;
    if (truthy(field(row.row.call.config, 'sandbox'))) sandbox++;
    for (const f of row.row.call.findings ?? []) findings[f.severity]++;
  }
  const environment: Environment = calls === 0 ? null : sandbox === calls ? 'sandbox' : sandbox === 0 ? 'production' : 'mixed';

  return {
    loader,
    hook: sdk ? { state: sdk.state, detail: sdk.detail } : { state: 'not-seen', detail: '' },
    environment,
    calls,
    failed,
    findings,
    noSdk: loader === null && sdk === null && callsHere === 0,
  };
}

/** Short name of a script URL for a dense strip: its file name. */
export function fileName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return path.slice(path.lastIndexOf('/') + 1) || url;
  } catch {
    return url;
  }
}

/** What to check when a page shows no sign of the SDK. */
export const NO_SDK_CHECKS: readonly string[] = [
  'The page includes Lean’s loader: <script src="https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js"> (sa for KSA), or the older …/link/sdk/web/latest/Lean.min.js.',
  'The loader was not blocked: look for a failed request in the Network panel, or a Content-Security-Policy error in the Console.',
  'The page was reloaded since the extension was installed or updated: the hook must run before the page’s own scripts.',
  'If the page loads the SDK only when the user starts a flow, start one: it appears here as soon as it loads.',
];
