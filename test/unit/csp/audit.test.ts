import { describe, expect, it } from 'vitest';
import { auditCsp, vendorPolicy } from '../../../lib/csp';
import { sessionFileSchema } from '../../../lib/files/schema';
import { SESSION_FORMAT } from '../../../lib/model/types';
import type { CspPolicy } from '../../../lib/model/types';

const PAGE = 'https://shop.example/checkout';
const header = (text: string, disposition: CspPolicy['disposition'] = 'enforce'): CspPolicy => ({ source: 'header', disposition, text });
const meta = (text: string): CspPolicy => ({ source: 'meta', disposition: 'enforce', text });
const row = (audit: ReturnType<typeof auditCsp>, directive: string, source: string) =>
  audit.matrix.find((r) => r.directive === directive && r.source === source)!;

describe('the audit result (session format CspAudit)', () => {
  it('has policies, blocked and suggestedPolicy as the session format defines them', () => {
    const audit = auditCsp({ policies: [header("connect-src 'self'")], pageUrl: PAGE });
    expect(audit.policies).toEqual([header("connect-src 'self'")]);
    expect(audit.blocked).toContainEqual(expect.objectContaining({ directive: 'connect-src', url: 'https://link.sandbox.leantech.me', policyIndex: 0 }));
    expect(typeof audit.suggestedPolicy).toBe('string');
  });

  it('is accepted as the csp field of a session file', () => {
    const csp = auditCsp({ policies: [header("default-src 'self', img-src 'none'"), meta("connect-src 'self'")], pageUrl: PAGE });
    const file = {
      format: SESSION_FORMAT,
      version: 1,
      exportedAt: '2026-11-23T18:00:00.000Z',
      extension: { version: '0.1.0', browser: 'chrome' },
      tab: { url: PAGE, title: 'Checkout' },
      events: [],
      droppedEvents: 0,
      csp: JSON.parse(JSON.stringify(csp)) as unknown,
    };
    expect(sessionFileSchema.safeParse(file).success).toBe(true);
  });

  it('a page without any policy: nothing blocked, nothing to suggest, and a note saying so', () => {
    const audit = auditCsp({ policies: [], pageUrl: PAGE });
    expect(audit).toMatchObject({ blocked: [], suggestedPolicy: '', suggestions: [] });
    expect(audit.matrix.every((r) => r.status === 'allowed' && r.decidedBy === null)).toBe(true);
    expect(audit.notes).toContain('The page has no Content-Security-Policy: nothing blocks the SDK.');
  });

  it("the vendor's strict list blocks nothing", () => {
    const audit = auditCsp({ policies: [header(vendorPolicy('strict'))], pageUrl: PAGE });
    expect(audit.blocked).toEqual([]);
    expect(audit.suggestions[0]!.strict).toBe(audit.suggestions[0]!.before);
  });

  it("the vendor's relaxed list blocks nothing", () => {
    expect(auditCsp({ policies: [header(vendorPolicy('relaxed'))], pageUrl: PAGE }).blocked).toEqual([]);
  });

  it('splits a comma-joined header into policies, and policyIndex points into that list', () => {
    const audit = auditCsp({ policies: [header("img-src 'self', connect-src 'self'")], pageUrl: PAGE });
    expect(audit.policies.map((p) => p.text)).toEqual(["img-src 'self'", "connect-src 'self'"]);
    expect(new Set(audit.blocked.map((b) => `${b.policyIndex} ${b.directive}`))).toEqual(new Set(['0 img-src', '1 connect-src']));
  });
});

describe('blocked', () => {
  it('lists a host once per enforced policy that blocks it', () => {
    const audit = auditCsp({ policies: [header("connect-src 'self'"), header("connect-src 'none'")], pageUrl: PAGE });
    expect(audit.blocked.filter((b) => b.url === 'https://api.segment.io').map((b) => b.policyIndex)).toEqual([0, 1]);
  });

  it("files a script under script-src-elem, the directive a <script src> request uses, and says which directive blocked it", () => {
    const audit = auditCsp({ policies: [header("default-src 'self'")], pageUrl: PAGE });
    expect(audit.blocked).toContainEqual({
      directive: 'script-src-elem',
      url: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js',
      policyIndex: 0,
      source: 'https://cdn.leantech.me',
      governedBy: 'default-src',
    });
  });

  it('counts data: and blob: as SDK sources', () => {
    const audit = auditCsp({ policies: [header("img-src 'self'; frame-src 'self'; connect-src 'self'")], pageUrl: PAGE });
    const sources = audit.blocked.map((b) => `${b.directive} ${b.source}`);
    expect(sources).toEqual(expect.arrayContaining(['img-src data:', 'frame-src data:', 'frame-src blob:', 'connect-src blob:']));
  });

  it("never lists 'self': the vendor lists it for the page's own files, the SDK needs no request to it", () => {
    const audit = auditCsp({ policies: [header("default-src https://cdn.leantech.me")], pageUrl: PAGE });
    expect(audit.blocked.some((b) => b.source === "'self'")).toBe(false);
    expect(row(audit, 'img-src', "'self'")).toMatchObject({ status: 'blocked', sdkNeeds: false });
  });

  it('never lists what a report-only policy objects to', () => {
    const audit = auditCsp({ policies: [header("default-src 'self'", 'report')], pageUrl: PAGE });
    expect(audit.blocked).toEqual([]);
    expect(audit.suggestedPolicy).toBe('');
  });
});

describe('the matrix', () => {
  it('has a row per directive and source of the table', () => {
    expect(auditCsp({ policies: [], pageUrl: PAGE }).matrix).toHaveLength(4 + 4 + 4 + 13 + 10 + 2 + 4);
  });

  it('says which policy and which directive decided, after fallback', () => {
    const audit = auditCsp({ policies: [header("img-src data:"), header("default-src 'self' https:")], pageUrl: PAGE });
    expect(row(audit, 'font-src', 'https://fonts.gstatic.com')).toMatchObject({ status: 'allowed', decidedBy: { policyIndex: 1, directive: 'default-src' } });
    expect(row(audit, 'img-src', 'https://images.leantech.me')).toMatchObject({ status: 'blocked', decidedBy: { policyIndex: 0, directive: 'img-src' } });
  });

  it('marks what only a report-only policy objects to as report-only-violation', () => {
    const audit = auditCsp({ policies: [header("connect-src 'self'", 'report')], pageUrl: PAGE });
    expect(row(audit, 'connect-src', 'https://link.leantech.me')).toMatchObject({
      status: 'report-only-violation',
      decidedBy: { policyIndex: 0, directive: 'connect-src' },
    });
  });

  it("under 'strict-dynamic', the parser-inserted loader is blocked and the scripts the SDK inserts are allowed", () => {
    const audit = auditCsp({ policies: [header("script-src 'nonce-r4nd0m' 'strict-dynamic' https://cdn.leantech.me")], pageUrl: PAGE });
    expect(row(audit, 'script-src', 'https://cdn.leantech.me').perPolicy[0]!.reason).toBe('strict-dynamic-parser-inserted');
    expect(row(audit, 'script-src', 'https://cdn.segment.com')).toMatchObject({ status: 'allowed' });
    expect(row(audit, 'script-src', 'http://cdn.mxpnl.com')).toMatchObject({ status: 'allowed' });
  });

  it("under 'strict-dynamic', a loader tag known to carry the nonce is allowed", () => {
    const audit = auditCsp({
      policies: [header("script-src 'nonce-r4nd0m' 'strict-dynamic'")],
      pageUrl: PAGE,
      loader: { nonce: 'r4nd0m' },
    });
    expect(row(audit, 'script-src', 'https://cdn.leantech.me')).toMatchObject({ status: 'allowed' });
  });
});

describe('notes', () => {
  const notesOf = (policies: CspPolicy[], loader?: { nonce?: string }) => auditCsp({ policies, pageUrl: PAGE, ...(loader ? { loader } : {}) }).notes;

  it("explains 'strict-dynamic' in plain words: host sources ignored, the loader needs the nonce, what it loads is allowed", () => {
    const note = notesOf([header("script-src 'nonce-r4nd0m' 'strict-dynamic' https://cdn.leantech.me")]).find((n) => n.includes('strict-dynamic'))!;
    expect(note).toContain('ignore host sources');
    expect(note).toContain('nonce');
    expect(note).toContain('scripts it inserts itself');
  });

  it('explains that with a nonce and no strict-dynamic, the SDK-inserted scripts need their hosts listed', () => {
    const note = notesOf([header("script-src 'nonce-r4nd0m' 'unsafe-inline'")]).find((n) => n.includes('nonce'))!;
    expect(note).toContain('must be listed');
    expect(note).toContain("'unsafe-inline' is ignored");
  });

  it('reports ignored duplicate directives', () => {
    expect(notesOf([header("img-src 'self'; img-src *")]).some((n) => n.includes('img-src appears more than once'))).toBe(true);
  });

  it('reports directives a <meta> policy ignores', () => {
    expect(notesOf([meta("img-src 'self'; frame-ancestors 'none'")]).some((n) => n.includes('frame-ancestors has no effect in a <meta> policy'))).toBe(true);
  });

  it("reports 'none' next to other sources, and 'none' that shuts out the SDK", () => {
    const notes = notesOf([header("img-src 'none' https://a.test; connect-src 'none'")]);
    expect(notes.some((n) => n.includes("img-src lists 'none' next to other sources"))).toBe(true);
    expect(notes.some((n) => n.includes("connect-src is 'none'"))).toBe(true);
  });

  it('reports unknown directives (typos) as ignored', () => {
    expect(notesOf([header("img-scr 'self'")]).some((n) => n.includes('"img-scr" is not a CSP directive'))).toBe(true);
  });

  it('says a report-only policy never blocks, and what it would report', () => {
    const note = notesOf([header("connect-src 'self'", 'report')]).find((n) => n.includes('never blocks'))!;
    expect(note).toContain('https://link.leantech.me');
  });

  it('says each of several enforced policies needs the sources', () => {
    expect(notesOf([header("img-src 'self'"), meta("connect-src 'self'")]).some((n) => n.startsWith('2 enforced policies'))).toBe(true);
  });
});
