/**
 * Spec: findings about the whole session rather than one call — the redirect page that
 * never captures (SDK reference §1, redirect handshake), loader placement (§1 loader, §3),
 * and sandbox / region inconsistencies.
 */
import { describe, expect, it } from 'vitest';
import { sessionFindings } from '../../../lib/rules';
import type { CallEvent, Finding, LoaderEvent, NavigationEvent, SessionEvent, Snapshot } from '../../../lib/model/types';

const T0 = Date.parse('2026-11-23T18:00:00.000Z');
const SHOP = 'https://shop.example/checkout';
const RETURN = 'https://shop.example/lean/success?consent_attempt_id=ca-1&granular_status_code=OK';
let seq = 0;

const nav = (time: number, url: string): NavigationEvent => ({ id: `e${seq++}`, type: 'navigation', time, frameUrl: url, url });
const call = (time: number, method: string, config: { [k: string]: Snapshot } = {}, frameUrl = SHOP): CallEvent => ({
  id: `e${seq++}`,
  type: 'call',
  time,
  frameUrl,
  method,
  config,
  findings: [],
  callsite: null,
});
const loader = (time: number, patch: Partial<LoaderEvent> = {}): LoaderEvent => ({
  id: `e${seq++}`,
  type: 'loader',
  time,
  frameUrl: SHOP,
  src: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js',
  region: 'ae',
  insertedAt: time,
  afterInteraction: false,
  ...patch,
});

const summary = (findings: Finding[]) => findings.map(({ code, severity, field }) => ({ code, severity, field }));

describe('redirect-without-capture', () => {
  it('is silent when the redirect page calls captureRedirect within 5 s', () => {
    const events = [nav(T0, RETURN), call(T0 + 2000, 'captureRedirect', {}, RETURN)];
    expect(sessionFindings(events, T0 + 60_000)).toEqual([]);
  });

  it('warns when a redirect page has not called captureRedirect 5 s after its navigation', () => {
    const findings = sessionFindings([nav(T0, RETURN)], T0 + 5000);
    expect(summary(findings)).toEqual([{ code: 'redirect-without-capture', severity: 'warning', field: null }]);
    expect(findings[0]?.message).toContain('https://shop.example/lean/success');
    expect(findings[0]?.message).toContain('consent_attempt_id');
    expect(findings[0]?.message).not.toContain('ca-1');
  });

  it('does not judge before 5 s have passed', () => {
    expect(sessionFindings([nav(T0, RETURN)], T0 + 4999)).toEqual([]);
  });

  it('says when captureRedirect came, but too late', () => {
    const findings = sessionFindings([nav(T0, RETURN), call(T0 + 7000, 'captureRedirect', {}, RETURN)], T0 + 8000);
    expect(findings[0]?.message).toContain('only after 7 s');
  });

  it('does not count a captureRedirect from an earlier document', () => {
    const events = [call(T0 - 1000, 'captureRedirect'), nav(T0, RETURN)];
    expect(summary(sessionFindings(events, T0 + 10_000)).map((f) => f.code)).toEqual(['redirect-without-capture']);
  });

  it('judges a session that started on the redirect page from its first event', () => {
    const events = [loader(T0, { frameUrl: RETURN })];
    expect(sessionFindings(events, T0 + 4000)).toEqual([]);
    expect(summary(sessionFindings(events, T0 + 6000)).map((f) => f.code)).toEqual(['redirect-without-capture']);
  });

  it('ignores pages without the handshake parameters', () => {
    expect(sessionFindings([nav(T0, 'https://shop.example/lean/success?order=7')], T0 + 60_000)).toEqual([]);
  });

  it('recognises handshake parameters whose names arrive percent-encoded', () => {
    const encoded = 'https://shop.example/lean/success?consent%5Fattempt%5Fid=ca-1';
    expect(summary(sessionFindings([nav(T0, encoded)], T0 + 6000)).map((f) => f.code)).toEqual(['redirect-without-capture']);
  });
});

describe('loader-late', () => {
  it('warns when the loader was inserted after user interaction', () => {
    const findings = sessionFindings([loader(T0, { afterInteraction: true })], T0);
    expect(summary(findings)).toEqual([{ code: 'loader-late', severity: 'warning', field: null }]);
    expect(findings[0]?.fix).toContain('page load');
  });

  it('is silent for a loader inserted at page load', () => {
    expect(sessionFindings([loader(T0)], T0)).toEqual([]);
  });
});

describe('loader-duplicate', () => {
  it('warns when one document inserts the loader twice', () => {
    const findings = sessionFindings([loader(T0), loader(T0 + 100)], T0 + 200);
    expect(summary(findings)).toEqual([{ code: 'loader-duplicate', severity: 'warning', field: null }]);
    expect(findings[0]?.message).toContain('2 times');
  });

  it('counts SPA route changes (same origin, same document) as one document', () => {
    const events = [loader(T0), loader(T0 + 100, { frameUrl: 'https://shop.example/other-route' })];
    expect(summary(sessionFindings(events, T0)).map((f) => f.code)).toEqual(['loader-duplicate']);
  });

  it('is silent for one loader per document across navigations', () => {
    expect(sessionFindings([loader(T0), nav(T0 + 1000, SHOP), loader(T0 + 1100)], T0 + 2000)).toEqual([]);
  });
});

describe('region-env-mismatch', () => {
  it('warns when calls ran both in sandbox and in production', () => {
    const findings = sessionFindings([call(T0, 'connect', { sandbox: true }), call(T0 + 1, 'pay', {})], T0 + 2);
    expect(summary(findings)).toEqual([{ code: 'region-env-mismatch', severity: 'warning', field: 'sandbox' }]);
    expect(findings[0]?.message).toContain('sandbox (1) and in production (1)');
  });

  it('treats sandbox: "false" as sandbox, as the SDK does', () => {
    const events = [call(T0, 'connect', { sandbox: 'false' }), call(T0 + 1, 'pay', { sandbox: false })];
    expect(summary(sessionFindings(events, T0)).map((f) => f.code)).toEqual(['region-env-mismatch']);
  });

  it('is silent when every call uses the same environment', () => {
    expect(sessionFindings([call(T0, 'connect', { sandbox: true }), call(T0 + 1, 'pay', { sandbox: true })], T0)).toEqual([]);
  });

  it('warns when loaders for different regions were inserted', () => {
    const events = [loader(T0), nav(T0 + 1, SHOP), loader(T0 + 2, { region: 'sa' })];
    const findings = sessionFindings(events, T0 + 3);
    expect(summary(findings)).toEqual([{ code: 'region-env-mismatch', severity: 'warning', field: null }]);
    expect(findings[0]?.message).toContain('ae, sa');
  });

  it('is silent when every loader has the same region', () => {
    expect(sessionFindings([loader(T0), nav(T0 + 1, SHOP), loader(T0 + 2)], T0 + 3)).toEqual([]);
  });
});

describe('legacy-sdk-bundle', () => {
  const bundle = (src: string) => loader(T0, { src, region: null });

  it('is one info naming the older bundle, its version and the methods its rules cover', () => {
    const findings = sessionFindings([bundle('https://cdn.leantech.me/link/sdk/web/v1.5.3/Lean.min.js'), call(T0 + 5, 'link')], T0 + 10);
    expect(summary(findings)).toEqual([{ code: 'legacy-sdk-bundle', severity: 'info', field: null }]);
    expect(findings[0]?.message).toContain('link/sdk/web/…/Lean.min.js (version v1.5.3)');
    expect(findings[0]?.message).toContain('link, connect, reconnect, createPaymentSource, pay, updatePaymentSource');
    expect(findings[0]?.source).toBe('LEGACY-BUNDLE');
  });

  it('names the KSA build and the calls outside the bundle’s methods', () => {
    const findings = sessionFindings([bundle('https://cdn.leantech.me/sa/link/sdk/web/latest/Lean.min.js'), call(T0 + 5, 'checkout')], T0 + 10);
    expect(findings[0]?.message).toContain('version latest (KSA build)');
    expect(findings[0]?.message).toContain('this page also calls checkout');
  });

  it('is not raised for the regional loader', () => {
    expect(sessionFindings([loader(T0)], T0 + 10)).toEqual([]);
  });
});

describe('session findings as a whole', () => {
  const messy: SessionEvent[] = [
    loader(T0, { afterInteraction: true }),
    loader(T0 + 10),
    call(T0 + 20, 'connect', { sandbox: true }),
    call(T0 + 30, 'pay', {}),
    nav(T0 + 40, RETURN),
    loader(T0 + 50, { frameUrl: RETURN, region: 'sa' }),
  ];

  it('are sorted by field, then code', () => {
    expect(summary(sessionFindings(messy, T0 + 60_000)).map((f) => `${f.field ?? ''}:${f.code}`)).toEqual([
      ':loader-duplicate',
      ':loader-late',
      ':redirect-without-capture',
      ':region-env-mismatch',
      'sandbox:region-env-mismatch',
    ]);
  });

  it('are deterministic', () => {
    expect(sessionFindings(messy, T0 + 60_000)).toEqual(sessionFindings([...messy], T0 + 60_000));
  });

  it('are empty for an empty session', () => {
    expect(sessionFindings([], T0)).toEqual([]);
  });
});
