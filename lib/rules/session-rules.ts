/**
 * Rules over the whole session rather than one call: loader placement, redirect pages
 * that never capture, and environment or region flip-flops.
 */
import type { CallEvent, Finding, LoaderEvent, NavigationEvent, SessionEvent } from '../model/types';
import { webBundleOf } from '../model/loader-url';
import { finding } from './finding';
import { redirectParams } from './redirect';
import { isObject, truthy } from './values';

/** How long a redirect page has to call captureRedirect after it loads. */
export const CAPTURE_GRACE_MS = 5000;

export interface SessionDocument {
  /** The navigation that opened it; null for the document the session started in. */
  navigation: NavigationEvent | null;
  /** Its other events, oldest first. */
  events: SessionEvent[];
}

/** Split the session at navigation events: one entry per document the tab showed. */
export function documents(events: readonly SessionEvent[]): SessionDocument[] {
  const docs: SessionDocument[] = [{ navigation: null, events: [] }];
  for (const event of events) {
    if (event.type === 'navigation') docs.push({ navigation: event, events: [] });
    else docs[docs.length - 1]?.events.push(event);
  }
  return docs.filter((doc) => doc.navigation !== null || doc.events.length > 0);
}

export type SessionRule = (events: readonly SessionEvent[], now: number) => Finding[];

const isLoader = (e: SessionEvent): e is LoaderEvent => e.type === 'loader';
const isCall = (e: SessionEvent): e is CallEvent => e.type === 'call';

function pageName(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return 'the page';
  }
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export const loaderLate: SessionRule = (events) => {
  const late = events.filter(isLoader).filter((l) => l.afterInteraction);
  if (late.length === 0) return [];
  return [
    finding(
      'loader-late',
      'warning',
      null,
      late.length === 1
        ? 'The Lean loader was inserted only after the user interacted with the page.'
        : `The Lean loader was inserted after user interaction ${late.length} times.`,
      'LOADER-LATE',
      'Add the loader <script> at page load (app start), not when the user starts a flow.',
    ),
  ];
};

export const loaderDuplicate: SessionRule = (events) =>
  documents(events).flatMap((doc) => {
    const byOrigin = new Map<string, LoaderEvent[]>();
    for (const loader of doc.events.filter(isLoader)) {
      const key = origin(loader.frameUrl);
      byOrigin.set(key, [...(byOrigin.get(key) ?? []), loader]);
    }
    return [...byOrigin.values()]
      .filter((loaders) => loaders.length > 1)
      .map((loaders) =>
        finding(
          'loader-duplicate',
          'warning',
          null,
          `The Lean loader was inserted ${loaders.length} times in one document (${pageName(loaders[0]?.frameUrl ?? '')}).`,
          'LOADER-DUPLICATE',
          'Insert the loader once per page, e.g. guard on an existing <script> or on window.Lean.',
        ),
      );
  });

export const regionEnvMismatch: SessionRule = (events) => {
  const findings: Finding[] = [];
  const calls = events.filter(isCall).filter((c) => isObject(c.config));
  const sandboxed = calls.filter((c) => isObject(c.config) && truthy(c.config['sandbox'])).length;
  const production = calls.length - sandboxed;
  if (sandboxed > 0 && production > 0) {
    findings.push(
      finding(
        'region-env-mismatch',
        'warning',
        'sandbox',
        `Calls ran both in sandbox (${sandboxed}) and in production (${production}) in this session.`,
        'ENV-MIXED',
        'Set sandbox from one environment setting so every call agrees.',
      ),
    );
  }
  const regions = [...new Set(events.filter(isLoader).flatMap((l) => (l.region ? [l.region] : [])))].sort();
  if (regions.length > 1) {
    findings.push(
      finding(
        'region-env-mismatch',
        'warning',
        null,
        `Loaders for more than one region were inserted (${regions.join(', ')}).`,
        'REGION-MIXED',
        'Load one regional loader: ae for UAE customers, sa for KSA.',
      ),
    );
  }
  return findings;
};

export const redirectWithoutCapture: SessionRule = (events, now) =>
  documents(events).flatMap((doc) => {
    let start: number | null = null;
    let url = '';
    if (doc.navigation && redirectParams(doc.navigation.url)) {
      start = doc.navigation.time;
      url = doc.navigation.url;
    } else {
      const first = doc.events.find((e) => redirectParams(e.frameUrl) !== null);
      if (first) {
        start = first.time;
        url = first.frameUrl;
      }
    }
    if (start === null || now - start < CAPTURE_GRACE_MS) return [];
    const from = start;
    const captures = doc.events.filter(isCall).filter((c) => c.method === 'captureRedirect' && c.time >= from);
    if (captures.some((c) => c.time - from <= CAPTURE_GRACE_MS)) return [];
    const params = Object.keys(redirectParams(url) ?? {}).join(', ');
    const late = captures[0];
    return [
      finding(
        'redirect-without-capture',
        'warning',
        null,
        late
          ? `The redirect page ${pageName(url)} (with ${params}) called Lean.captureRedirect only after ${Math.round(
              (late.time - from) / 1000,
            )} s.`
          : `The redirect page ${pageName(url)} (with ${params}) never called Lean.captureRedirect within 5 s.`,
        'REDIRECT-CAPTURE',
        'On the success/fail redirect page, load the SDK and call Lean.captureRedirect with the query parameters.',
      ),
    ];
  });

/** Methods Lean's own wrapper called on the older bundle (reference §1, RN v0.1.6). */
const WEB_BUNDLE_METHODS = ['link', 'connect', 'reconnect', 'createPaymentSource', 'pay', 'updatePaymentSource'];

/**
 * The page runs the older web SDK bundle, not the regional loader: say which SDK, and which
 * rules apply to it (once per session, naming the versions seen).
 */
export const legacySdkBundle: SessionRule = (events) => {
  const versions = new Set<string>();
  for (const loader of events.filter(isLoader)) {
    const bundle = webBundleOf(loader.src);
    if (bundle) versions.add(`${bundle.version}${bundle.region === 'sa' ? ' (KSA build)' : ''}`);
  }
  if (versions.size === 0) return [];
  const called = [...new Set(events.filter(isCall).map((c) => c.method))].filter((m) => !WEB_BUNDLE_METHODS.includes(m)).sort();
  return [
    finding(
      'legacy-sdk-bundle',
      'info',
      null,
      `This page runs Lean's older web SDK bundle, link/sdk/web/…/Lean.min.js (version ${[...versions].sort().join(', ')}), not the regional loader. ` +
        `Lean's own wrapper used it for ${WEB_BUNDLE_METHODS.join(', ')}; their config rules (required fields, permissions) apply as shown. ` +
        `The Open Finance flow (checkout, authorizeConsent, captureRedirect) is documented for the regional loader only` +
        (called.length > 0 ? `; this page also calls ${called.join(', ')}.` : '.'),
      'LEGACY-BUNDLE',
      'Load https://cdn.leantech.me/link/loader/prod/{ae|sa}/latest/lean-link-loader.min.js and call Lean.connect instead of Lean.link.',
    ),
  ];
};

/** Every session rule. */
export const SESSION_RULES: readonly SessionRule[] = [
  legacySdkBundle,
  loaderLate,
  loaderDuplicate,
  regionEnvMismatch,
  redirectWithoutCapture,
];
