import { describe, expect, it } from 'vitest';
import { affectsCspScope, auditSessionCsp } from '../../../lib/csp/session-audit';
import { buildCspViewModel, cspInputFromFile } from '../../../lib/panel/csp/model';
import type { CspViewInput } from '../../../lib/panel/csp/model';
import type { CspPolicy, CspViolationEvent, SessionEvent, Snapshot } from '../../../lib/model/types';
import { call, navigation } from '../support/events';

const PAGE = 'https://shop.example/checkout';
const header = (text: string, disposition: CspPolicy['disposition'] = 'enforce'): CspPolicy => ({ source: 'header', disposition, text });
const meta = (text: string): CspPolicy => ({ source: 'meta', disposition: 'enforce', text });

let n = 0;
function loader(region: 'ae' | 'sa' | null = 'ae'): SessionEvent {
  return {
    type: 'loader',
    id: `l${++n}`,
    time: 1,
    frameUrl: PAGE,
    src: `https://cdn.leantech.me/link/loader/prod/${region ?? 'ae'}/latest/lean-link-loader.min.js`,
    region,
    insertedAt: 1,
    afterInteraction: false,
  };
}

function violation(overrides: Partial<CspViolationEvent> = {}): CspViolationEvent {
  return {
    type: 'csp-violation',
    id: `v${++n}`,
    time: 5,
    frameUrl: PAGE,
    blockedURI: 'https://link.sandbox.leantech.me/x',
    effectiveDirective: 'connect-src',
    disposition: 'enforce',
    sourceFile: 'https://shop.example/app.js',
    lineNumber: 12,
    ...overrides,
  };
}

const sandboxCall = (sandbox: Snapshot | undefined) =>
  call({ config: sandbox === undefined ? { app_token: '[redacted app_token …abcd]' } : { app_token: '[redacted app_token …abcd]', sandbox } });

function input(policies: CspPolicy[], events: SessionEvent[] = [loader(), sandboxCall(true)]): CspViewInput {
  return { url: PAGE, events, csp: policies.length ? auditSessionCsp(policies, PAGE, events) : null };
}

const POLICY = "default-src 'self'; script-src 'self' https://cdn.leantech.me; connect-src 'self' https://link.sandbox.leantech.me";

describe('auditSessionCsp: the scope the session supports', () => {
  const scopeOf = (events: SessionEvent[]) => auditSessionCsp([header(POLICY)], PAGE, events).scope;

  it('UAE loader + sandbox: true → UAE sandbox', () => {
    expect(scopeOf([loader('ae'), sandboxCall(true)])).toEqual({ region: 'ae', env: 'sandbox' });
  });

  it('reads sandbox as the SDK does: the string "false" is truthy (sandbox), an absent flag is production', () => {
    expect(scopeOf([loader('ae'), sandboxCall('false')]).env).toBe('sandbox');
    expect(scopeOf([loader('ae'), sandboxCall(undefined)]).env).toBe('production');
    // The snapshot's marker for an explicit `sandbox: undefined`.
    expect(scopeOf([loader('ae'), sandboxCall('[undefined]')]).env).toBe('production');
  });

  it('a snapshot marker in place of the value, or a config that is not an object, says nothing', () => {
    expect(scopeOf([loader('ae'), sandboxCall('[function sandbox]')]).env).toBeNull();
    expect(scopeOf([loader('ae'), call({ config: '[undefined]' })]).env).toBeNull();
  });

  it('uses the Lean hosts CSP violations name', () => {
    expect(scopeOf([violation({ blockedURI: 'https://link.sandbox.sa.leantech.me/v1' })])).toEqual({ region: 'sa', env: 'sandbox' });
    // …and a disagreement with the loader keeps every host.
    expect(scopeOf([loader('ae'), violation({ blockedURI: 'https://link.sa.leantech.me/v1' })]).region).toBeNull();
  });

  it('a violation changes the scope, so the background redoes the audit for it', () => {
    expect(affectsCspScope(violation())).toBe(true);
    expect(affectsCspScope(navigation(PAGE))).toBe(false);
  });
});

describe('the CSP view model', () => {
  it('says plainly when the page has no policy', () => {
    const model = buildCspViewModel({ url: PAGE, events: [loader()], csp: null });
    expect(model.verdict).toBe('no-csp');
    expect(model.headline).toBe('This page has no Content-Security-Policy: nothing blocks the SDK.');
    expect(model.groups).toEqual([]);
  });

  it('report-only policies only: nothing blocks, and it says how many SDK sources get reported', () => {
    const model = buildCspViewModel(input([header("default-src 'self'", 'report')]));
    expect(model.verdict).toBe('no-enforced');
    expect(model.headline).toMatch(/^No enforced policy: nothing blocks the SDK\. The report-only policy reports \d+ SDK sources as violations\.$/);
  });

  it('the scope in words: UAE sandbox needs 15 of the 21 hosts', () => {
    expect(buildCspViewModel(input([header(POLICY)])).scope.summary).toBe('UAE sandbox — 15 hosts of 21 needed');
    expect(buildCspViewModel(input([header(POLICY)], [])).scope.summary).toBe(
      'Region and environment not known — all 21 hosts of the vendor list are needed',
    );
    expect(buildCspViewModel(input([header(POLICY)], [loader('sa')])).scope.summary).toMatch(/^KSA, any environment — \d+ hosts of 21 needed$/);
  });

  it('rows carry the deciding policy and directive after fallback', () => {
    const model = buildCspViewModel(input([header(POLICY)]));
    const rows = model.groups.flatMap((g) => g.rows);
    const font = rows.find((r) => r.key === 'font-src https://fonts.gstatic.com')!;
    expect(font).toMatchObject({ decidedBy: 'Policy 1 (header) · default-src', fallback: true, reason: 'not listed' });
    expect(font.row.status).toBe('blocked');
    const link = rows.find((r) => r.key === 'connect-src https://link.sandbox.leantech.me')!;
    expect(link).toMatchObject({ decidedBy: 'Policy 1 (header) · connect-src', fallback: false, reason: 'listed' });
  });

  it('with several policies, each one’s verdict is spelled out', () => {
    const model = buildCspViewModel(input([header("connect-src *"), meta("connect-src 'self'")]));
    const row = model.groups.flatMap((g) => g.rows).find((r) => r.key === 'connect-src https://api.segment.io')!;
    expect(row.decidedBy).toBe('Policy 2 (<meta>) · connect-src');
    expect(row.perPolicy).toEqual(['Policy 1 (header) allows (connect-src: listed)', 'Policy 2 (<meta>) blocks (connect-src: not listed)']);
  });

  it('maps each collected policy to the policies it became (a comma-joined header gives two, <meta> report-only none)', () => {
    // The background stores the applied (split) policies; a hand-made file may hold them as sent.
    const policies = [header("default-src 'self', img-src 'none'"), { source: 'meta' as const, disposition: 'report' as const, text: "connect-src 'self'" }];
    const model = buildCspViewModel({ url: PAGE, events: [], csp: { policies, blocked: [], suggestedPolicy: '' } });
    expect(model.collected.map((p) => p.applied)).toEqual([['Policy 1 (header)', 'Policy 2 (header)'], []]);
    expect(model.applied.map((p) => p.text)).toEqual(["default-src 'self'", "img-src 'none'"]);
  });

  describe('violations', () => {
    const linkOf = (events: SessionEvent[], policies = [header(POLICY.replace(' https://link.sandbox.leantech.me', ''))]) =>
      buildCspViewModel(input(policies, [loader(), sandboxCall(true), ...events]));

    it('link to the row of the same request directive and host, which is then confirmed', () => {
      const model = linkOf([violation()]);
      expect(model.violations).toMatchObject([{ rowKey: 'connect-src https://link.sandbox.leantech.me', context: 'current', source: 'app.js:12' }]);
      const row = model.groups.flatMap((g) => g.rows).find((r) => r.key === 'connect-src https://link.sandbox.leantech.me')!;
      expect(row).toMatchObject({ confirmed: true, contradicted: false, violations: [model.violations[0]!.event.id] });
    });

    it('a <script src> reported under script-src (older browsers) is the script-src-elem row', () => {
      const model = linkOf([
        violation({ blockedURI: 'https://cdn.segment.com/analytics.js/v1/x/analytics.min.js', effectiveDirective: 'script-src' }),
      ]);
      expect(model.violations[0]!.rowKey).toBe('script-src https://cdn.segment.com');
    });

    it('data: and blob: reports (the browser sends only the scheme) link to the data: / blob: rows', () => {
      const model = linkOf([violation({ blockedURI: 'data', effectiveDirective: 'img-src' })]);
      expect(model.violations[0]!.rowKey).toBe('img-src data:');
    });

    it('a violation the audit did not expect marks the row as contradicted, not confirmed', () => {
      const model = linkOf([violation()], [header(POLICY)]);
      const row = model.groups.flatMap((g) => g.rows).find((r) => r.key === 'connect-src https://link.sandbox.leantech.me')!;
      expect(row).toMatchObject({ confirmed: false, contradicted: true });
    });

    it('hosts outside the vendor table, other frames and earlier documents stay unlinked, with the reason', () => {
      const model = buildCspViewModel(
        input([header(POLICY)], [
          violation({ blockedURI: 'https://old.example/x' }),
          navigation(PAGE),
          loader(),
          sandboxCall(true),
          violation({ blockedURI: 'https://tracker.example/t' }),
          violation({ frameUrl: 'https://cdn.leantech.me/link/frame.html' }),
          violation({ blockedURI: 'inline', effectiveDirective: 'script-src-elem' }),
        ]),
      );
      expect(model.violations.map((v) => [v.context, v.rowKey])).toEqual([
        ['earlier-document', null],
        ['current', null],
        ['other-frame', null],
        ['current', null],
      ]);
      expect(model.violations[1]!.unlinkedReason).toContain("not one of the SDK's requests");
      expect(model.violations[2]!.unlinkedReason).toContain('which its own policy governs');
      expect(model.violations[3]!.unlinkedReason).toContain('not a request for a URL');
    });

    it('identical reports are shown once, counted (Chromium reports a report-only fetch twice)', () => {
      const model = linkOf([violation({ id: 'a', disposition: 'report' }), violation({ id: 'b', disposition: 'report' })]);
      expect(model.violations).toHaveLength(1);
      expect(model.violations[0]!.count).toBe(2);
    });
  });

  it("notices that the loader ran, for 'strict-dynamic' rows the audit cannot see the nonce of", () => {
    const events = [loader(), sandboxCall(true)];
    expect(buildCspViewModel(input([header("script-src 'nonce-abc' 'strict-dynamic'")], events)).loaderRan).toBe(true);
    expect(buildCspViewModel(input([header("script-src 'nonce-abc' 'strict-dynamic'")], [loader()])).loaderRan).toBe(false);
  });

  it('suggestions: unchanged when nothing can be added, with the count of what sources cannot fix', () => {
    const model = buildCspViewModel(input([header("script-src 'nonce-abc' 'strict-dynamic'")]));
    expect(model.suggestions).toMatchObject([{ unchanged: true, unfixable: 1 }]);
  });

  it('an imported file gives the same model as the live session', () => {
    const live = input([header(POLICY), meta("img-src 'self'")], [loader(), sandboxCall(true), violation()]);
    const file = JSON.parse(
      JSON.stringify({ tab: { url: live.url, title: 'Checkout' }, events: live.events, csp: { ...live.csp, matrix: undefined } }),
    ) as Parameters<typeof cspInputFromFile>[0];
    expect(buildCspViewModel(cspInputFromFile(file))).toEqual(buildCspViewModel(live));
  });
});
