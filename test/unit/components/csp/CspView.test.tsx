// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { CspView } from '../../../../components/csp/CspView';
import { signal } from '@preact/signals';
import { CspTab } from '../../../../components/csp/CspTab';
import { auditSessionCsp } from '../../../../lib/csp/session-audit';
import { cspInputFromFile } from '../../../../lib/panel/csp/model';
import type { CspViewInput } from '../../../../lib/panel/csp/model';
import type { CspPolicy, CspViolationEvent, SessionEvent } from '../../../../lib/model/types';
import { call } from '../../support/events';

const PAGE = 'https://shop.example/checkout';
const POLICY = "default-src 'self'; script-src 'self' https://cdn.leantech.me; connect-src 'self'";
const header = (text: string, disposition: CspPolicy['disposition'] = 'enforce'): CspPolicy => ({ source: 'header', disposition, text });

const LOADER: SessionEvent = {
  type: 'loader',
  id: 'loader-1',
  time: 1,
  frameUrl: PAGE,
  src: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js',
  region: 'ae',
  insertedAt: 1,
  afterInteraction: false,
};
const CALL = call({ id: 'call-1', config: { app_token: '[redacted app_token …abcd]', sandbox: true } });
const VIOLATION: CspViolationEvent = {
  type: 'csp-violation',
  id: 'violation-1',
  time: 5,
  frameUrl: PAGE,
  blockedURI: 'https://link.sandbox.leantech.me/x',
  effectiveDirective: 'connect-src',
  disposition: 'enforce',
  sourceFile: 'https://shop.example/app.js',
  lineNumber: 42,
};

/** A session as the background holds it: `csp` is the background's own audit. */
function session(policies: CspPolicy[], events: SessionEvent[] = [LOADER, CALL]): CspViewInput {
  return { url: PAGE, events, csp: policies.length ? auditSessionCsp(policies, PAGE, events) : null };
}

const rowOf = (container: Element, key: string) => container.querySelector<HTMLTableRowElement>(`tr[data-key="${key}"]`);

afterEach(cleanup);

describe('CspView', () => {
  it('says plainly that nothing blocks the SDK when the page has no CSP', () => {
    const { container } = render(<CspView session={{ url: PAGE, events: [LOADER, CALL], csp: null }} />);
    expect(container.querySelector('#csp-headline')!.textContent).toBe('This page has no Content-Security-Policy: nothing blocks the SDK.');
    expect(container.querySelector('#csp-matrix')).toBeNull();
    expect(container.querySelector('#csp-suggestions')).toBeNull();
  });

  it('proposes the header policy and the <meta> policy apart, each where it is delivered', () => {
    const meta: CspPolicy = { source: 'meta', disposition: 'enforce', text: "img-src 'self'; sandbox" };
    const { container } = render(<CspView session={session([header(POLICY), meta])} />);
    const proposals = [...container.querySelectorAll<HTMLElement>('#csp-proposals .csp-proposal')];
    expect(proposals.map((p) => [p.dataset.delivery, p.querySelector('h3')!.textContent])).toEqual([
      ['header', 'Content-Security-Policy response header'],
      ['meta', '<meta http-equiv="Content-Security-Policy"> tag'],
    ]);
    const metaText = proposals[1]!.querySelector('pre')!.textContent!;
    expect(metaText.startsWith("img-src 'self' ")).toBe(true);
    expect(metaText).not.toContain('; sandbox');
    expect(proposals.map((p) => p.querySelector<HTMLElement>('.csp-strength-delta')!.dataset.added)).toEqual(['0', '0']);
  });

  it('shows csp_evaluator’s findings for each policy the page applies', () => {
    const { container } = render(<CspView session={session([header(`${POLICY}; object-src data:`)])} />);
    const findings = [...container.querySelectorAll<HTMLElement>('#csp-strength .csp-finding')];
    expect(findings.map((f) => [f.dataset.type, f.dataset.severity])).toContainEqual(['PLAIN_URL_SCHEMES', 'high']);
  });

  it('waits for the session while connecting', () => {
    const { container } = render(<CspView session={null} />);
    expect(container.textContent).toContain('Connecting');
  });

  it('shows each row’s status and the deciding policy and directive after fallback', () => {
    const { container } = render(<CspView session={session([header(POLICY)])} />);
    const loader = rowOf(container, 'script-src https://cdn.leantech.me')!;
    expect(loader.dataset.status).toBe('allowed');
    expect(loader.querySelector('.csp-status')!.textContent).toBe('allowed');
    expect(loader.querySelector('.csp-decided-cell')!.textContent).toBe('Policy 1 (header) · script-src (fallback for script-src-elem)');

    const link = rowOf(container, 'connect-src https://link.sandbox.leantech.me')!;
    expect(link.dataset.status).toBe('blocked');
    expect(link.querySelector('.csp-status')!.textContent).toBe('blocked');
    expect(link.querySelector('.csp-decided-cell')!.textContent).toBe('Policy 1 (header) · connect-src');

    const font = rowOf(container, 'font-src https://fonts.gstatic.com')!;
    expect(font.querySelector('.csp-decided-cell')!.textContent).toBe('Policy 1 (header) · default-src (fallback for font-src)');
  });

  it('shows report-only violations as such, with nothing blocked', () => {
    const { container } = render(<CspView session={session([header("default-src 'self'", 'report')])} />);
    expect(container.querySelector('#csp-headline')!.textContent).toContain('No enforced policy: nothing blocks the SDK.');
    const row = rowOf(container, 'connect-src https://link.sandbox.leantech.me')!;
    expect(row.dataset.status).toBe('report-only-violation');
    expect(row.querySelector('.csp-status')!.textContent).toBe('report-only violation');
    expect(row.querySelector('.csp-decided-cell')!.textContent).toBe('Policy 1 (report-only header) · default-src (fallback for connect-src)');
  });

  it('shows only the hosts the page needs, and the full vendor list on request', () => {
    const { container } = render(<CspView session={session([header(POLICY)])} />);
    expect(container.querySelector('.csp-scope-summary')!.textContent).toBe('UAE sandbox — 15 hosts of 21 needed');
    expect(rowOf(container, 'connect-src https://link.sa.leantech.me')).toBeNull();
    fireEvent.click(container.querySelector('#csp-show-all')!);
    const ksa = rowOf(container, 'connect-src https://link.sa.leantech.me')!;
    expect(ksa.dataset.inScope).toBe('false');
    expect(ksa.textContent).toContain('not needed on this page');
  });

  it('links a violation to the row it confirms, marks the row, and shows it on click', async () => {
    const { container } = render(<CspView session={session([header(POLICY)], [LOADER, CALL, VIOLATION])} />);
    const item = container.querySelector<HTMLLIElement>('li.csp-violation')!;
    expect(item.dataset.rowKey).toBe('connect-src https://link.sandbox.leantech.me');
    expect(item.textContent).toContain('blocked');
    expect(item.textContent).toContain('https://link.sandbox.leantech.me/x');
    expect(item.textContent).toContain('connect-src');
    expect(item.textContent).toContain('from app.js:42');

    const row = rowOf(container, 'connect-src https://link.sandbox.leantech.me')!;
    expect(row.dataset.confirmed).toBe('true');
    expect(row.textContent).toContain('confirmed by a violation');
    expect(rowOf(container, 'connect-src https://apm.ae01.leantech.me')!.dataset.confirmed).toBe('false');

    fireEvent.click(item.querySelector('button.csp-row-link')!);
    await waitFor(() => expect(rowOf(container, 'connect-src https://link.sandbox.leantech.me')!.classList).toContain('focused'));
  });

  it('a violation naming a KSA production host unsettles a UAE sandbox scope: every host is shown, its row linked', async () => {
    const ksa: CspViolationEvent = { ...VIOLATION, id: 'violation-ksa', blockedURI: 'https://images.sa.leantech.me/logo.png', effectiveDirective: 'img-src' };
    const { container } = render(<CspView session={session([header(POLICY)], [LOADER, CALL, ksa])} />);
    expect(container.querySelector('.csp-scope-summary')!.textContent).toBe('Region and environment not known — all 21 hosts of the vendor list are needed');
    const item = container.querySelector<HTMLLIElement>('li.csp-violation')!;
    expect(item.dataset.rowKey).toBe('img-src https://images.sa.leantech.me');
    fireEvent.click(item.querySelector('button.csp-row-link')!);
    await waitFor(() => expect(rowOf(container, 'img-src https://images.sa.leantech.me')!.classList).toContain('focused'));
  });

  it('says why a violation is not linked', () => {
    const other: CspViolationEvent = { ...VIOLATION, id: 'violation-2', blockedURI: 'https://tracker.example/t' };
    const { container } = render(<CspView session={session([header(POLICY)], [LOADER, CALL, other])} />);
    const item = container.querySelector<HTMLLIElement>('li.csp-violation')!;
    expect(item.dataset.rowKey).toBe('');
    expect(item.querySelector('button')).toBeNull();
    expect(item.textContent).toContain("not one of the SDK's requests the vendor's table lists (connect-src tracker.example)");
  });

  it('lists the policies as collected and the notes', () => {
    const policies = [header(POLICY), { source: 'meta' as const, disposition: 'enforce' as const, text: "img-src 'self'; frame-ancestors 'none'" }];
    const { container } = render(<CspView session={session(policies)} />);
    const items = [...container.querySelectorAll<HTMLLIElement>('#csp-policies li.csp-policy')];
    expect(items.map((li) => [li.dataset.source, li.dataset.disposition, li.querySelector('code')!.textContent])).toEqual([
      ['header', 'enforce', POLICY],
      ['meta', 'enforce', "img-src 'self'; frame-ancestors 'none'"],
    ]);
    expect(container.querySelector('#csp-notes')!.textContent).toContain('frame-ancestors has no effect in a <meta> policy');
    expect(container.querySelector('#csp-notes')!.textContent).toContain('2 enforced policies');
  });

  it('copies the strict and the relaxed suggestion exactly', async () => {
    const copy = vi.fn(async (_text: string) => true);
    const s = session([header(POLICY)]);
    const suggestion = auditSessionCsp(s.csp!.policies, PAGE, s.events).suggestions[0]!;
    const { container } = render(<CspView session={s} copy={copy} />);
    const strict = container.querySelector<HTMLButtonElement>('.csp-variant[data-variant="strict"] button.csp-copy')!;
    const relaxed = container.querySelector<HTMLButtonElement>('.csp-variant[data-variant="relaxed"] button.csp-copy')!;
    expect(container.querySelector('.csp-variant[data-variant="strict"] pre')!.textContent).toBe(suggestion.strict);

    fireEvent.click(strict);
    expect(copy).toHaveBeenLastCalledWith(suggestion.strict);
    await waitFor(() => expect(strict.textContent).toBe('Copied ✓'));
    fireEvent.click(relaxed);
    expect(copy).toHaveBeenLastCalledWith(suggestion.relaxed);
    expect(suggestion.relaxed).toContain('https://*.leantech.me');
    // The exported file's suggestedPolicy is the strict form.
    expect(s.csp!.suggestedPolicy).toBe(suggestion.strict);
  });

  it('says so when copying fails', async () => {
    const { container } = render(<CspView session={session([header(POLICY)])} copy={async () => false} />);
    const button = container.querySelector<HTMLButtonElement>('button.csp-copy')!;
    fireEvent.click(button);
    await waitFor(() => expect(button.textContent).toBe('Copy failed'));
  });

  it('highlights, per directive, the sources a suggestion adds', () => {
    const { container } = render(<CspView session={session([header(POLICY)])} />);
    const strict = container.querySelector('.csp-diff[data-variant="strict"]')!;
    const connect = strict.querySelector('.csp-diff-line[data-directive="connect-src"]')!;
    expect(connect.classList).toContain('changed');
    expect([...connect.querySelectorAll('ins.csp-added')].map((e) => e.textContent)).toContain('https://link.sandbox.leantech.me');
    expect([...connect.querySelectorAll('span.csp-source')].map((e) => e.textContent)).toEqual(["'self'"]);
    // No font-src in the page's policy: the suggestion creates it.
    const font = strict.querySelector('.csp-diff-line[data-directive="font-src"]')!;
    expect(font.classList).toContain('created');
    expect(font.textContent).toContain('new directive');
    expect([...font.querySelectorAll('ins.csp-added')].map((e) => e.textContent)).toContain('https://fonts.gstatic.com');
    const relaxed = container.querySelector('.csp-diff[data-variant="relaxed"] .csp-diff-line[data-directive="connect-src"]')!;
    expect([...relaxed.querySelectorAll('ins.csp-added')].map((e) => e.textContent)).toContain('https://*.leantech.me');
    expect([...relaxed.querySelectorAll('ins.csp-added')].map((e) => e.textContent)).not.toContain('https://link.sandbox.leantech.me');
  });

  it("'strict-dynamic': no suggestion can fix the loader, and the view says the loader did run", () => {
    const { container } = render(<CspView session={session([header("script-src 'nonce-abc' 'strict-dynamic'")])} />);
    const loader = rowOf(container, 'script-src https://cdn.leantech.me')!;
    expect(loader.dataset.status).toBe('blocked');
    expect(loader.textContent).toContain("the loader tag needs the policy's nonce or hash");
    expect(loader.textContent).toContain('the loader did run on this page');
    expect(container.querySelector('.csp-suggestion')!.textContent).toContain('Adding sources cannot fix');
    expect(container.querySelector('.csp-variant')).toBeNull();
  });

  it('renders page data as text, never as markup', () => {
    const hostile = "default-src 'self' <img src=x onerror=alert(1)>";
    const violation: CspViolationEvent = { ...VIOLATION, blockedURI: '<b>bold</b>', sourceFile: '<i>x</i>' };
    const { container } = render(<CspView session={session([header(hostile)], [LOADER, CALL, violation])} />);
    expect(container.querySelector('img, b, i')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('<b>bold</b>');
  });

  it('shows an imported session file exactly as the live session', () => {
    const live = session([header(POLICY)], [LOADER, CALL, VIOLATION]);
    const file = JSON.parse(JSON.stringify({ tab: { url: PAGE, title: 'Checkout' }, events: live.events, csp: live.csp }));
    // Import validation keeps only the format's fields of `csp`.
    file.csp = { policies: file.csp.policies, blocked: file.csp.blocked, suggestedPolicy: file.csp.suggestedPolicy };
    const a = render(<CspView session={live} />).container.innerHTML;
    cleanup();
    const b = render(<CspView session={cspInputFromFile(file)} />).container.innerHTML;
    expect(b).toBe(a);
  });
});

describe('CspTab (the panel mount)', () => {
  it('switches between the calls and the CSP view', () => {
    const { container } = render(<CspTab session={session([header(POLICY)])} active={signal(false)} />);
    expect(container.querySelector('#csp-view')).toBeNull();
    expect(container.querySelector('#tab-csp')!.textContent).toMatch(/^CSP \(\d+ blocked\)$/);
    fireEvent.click(container.querySelector('#tab-csp')!);
    expect(container.querySelector('#csp-view')).not.toBeNull();
    fireEvent.click(container.querySelector('#tab-calls')!);
    expect(container.querySelector('#csp-view')).toBeNull();
  });

  it('keeps its view per panel: switching one panel to CSP leaves another on calls', () => {
    const first = render(<CspTab session={session([header(POLICY)])} active={signal(false)} />);
    const second = render(<CspTab session={session([header(POLICY)])} active={signal(false)} />);
    fireEvent.click(first.container.querySelector('#tab-csp')!);
    expect(first.container.querySelector('#csp-view')).not.toBeNull();
    expect(second.container.querySelector('#csp-view')).toBeNull();
  });
});
