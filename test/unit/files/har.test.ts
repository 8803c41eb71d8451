import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harToSession, hostEnvironment, isLeanRequest } from '../../../lib/files/har';
import { importText } from '../../../lib/files/import';
import { buildRows } from '../../../lib/model/pairing';
import type { CallRow } from '../../../lib/model/pairing';
import { sessionFindings } from '../../../lib/rules';
import { buildSupportReport } from '../../../lib/report/build';
import type { CallEvent, LoaderEvent, NavigationEvent } from '../../../lib/model/types';

const HAR_TEXT = readFileSync(path.resolve('test/fixtures/har/lean-flow.har'), 'utf8');
const HAR = JSON.parse(HAR_TEXT);
/** Raw secrets planted in lean-flow.har. */
const HAR_SECRETS = [
  'Har5ignatureSecretPart0123456789abcdefXYZ',
  'har-bearer-credential-5e8a91d0c3',
  'har-cookie-value-77aa66bb55',
  'har-body-access-token-0f9e8d7c6b',
];

function convert() {
  const result = harToSession(HAR, 'lean-flow.har');
  if (!result.ok) throw new Error(result.error);
  return result.conversion;
}

describe('HAR → timeline', () => {
  it('keeps only the Lean requests (*.leantech.me and the loader), oldest first', () => {
    const { file, entries, requests, creator } = convert();
    expect(entries).toBe(8);
    expect(requests).toBe(5);
    expect(creator).toBe('WebInspector 537.36');
    const calls = file.events.filter((e): e is CallEvent => e.type === 'call');
    expect(calls.map((c) => c.method)).toEqual([
      'GET cdn.leantech.me',
      'POST link.sandbox.leantech.me',
      'GET images.sandbox.leantech.me',
      'POST link.sandbox.leantech.me',
      'POST apm.ae01.leantech.me',
    ]);
    expect(JSON.stringify(file)).not.toContain('google-analytics');
    expect(JSON.stringify(file)).not.toContain('app.js');
    const times = file.events.map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('maps each request to a call answered by a callback: outcome, duration, HTTP status, correlation ID', () => {
    const rows = buildRows(convert().file.events).filter((r): r is CallRow => r.kind === 'call');
    expect(rows.map((r) => r.outcome)).toEqual(['success', 'success', 'success', 'error', 'error']);
    const [loader, session, , payment, apm] = rows;
    expect(loader!.callbacks[0]!.durationMs).toBe(85);
    expect(session!.correlationId).toBe('0c4f6a1e-2b3d-4e5f-8a9b-1c2d3e4f5a6b');
    expect(payment!.correlationId).toBe('7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a');
    expect(payment!.callbacks[0]!.data).toMatchObject({ status: 'ERROR', http_status: 401, message: 'HTTP 401' });
    expect(payment!.call.findings).toEqual([
      expect.objectContaining({ code: 'har-request-failed', severity: 'error', message: 'POST https://link.sandbox.leantech.me/v1/payments answered HTTP 401.' }),
    ]);
    expect(apm!.call.config).toMatchObject({ status: 0, error: 'net::ERR_BLOCKED_BY_CSP' });
    expect(apm!.call.findings[0]!.message).toContain('got no response (net::ERR_BLOCKED_BY_CSP)');
    expect(session!.call.callsite).toBe('https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js:1');
    expect(session!.call.config).toMatchObject({ sandbox: true, resource_type: 'xhr', method: 'POST', status: 200 });
  });

  it('adds a navigation per page and a loader event for the loader request', () => {
    const { file } = convert();
    const nav = file.events.find((e): e is NavigationEvent => e.type === 'navigation');
    expect(nav).toMatchObject({ url: 'https://shop.example/checkout', time: Date.parse('2026-11-23T18:00:00.000Z') });
    const loader = file.events.find((e): e is LoaderEvent => e.type === 'loader');
    expect(loader).toMatchObject({ region: 'ae', src: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js', afterInteraction: false });
    expect(file.tab.url).toBe('https://shop.example/checkout');
  });

  it('audits the CSP the document was served with', () => {
    const { file } = convert();
    expect(file.csp?.policies).toEqual([{ source: 'header', disposition: 'enforce', text: "default-src 'self'; script-src 'self' https://cdn.leantech.me" }]);
    expect(file.csp?.blocked.some((b) => b.directive === 'connect-src' && b.url.startsWith('https://link.sandbox.leantech.me'))).toBe(true);
  });

  it('redacts tokens in URLs and headers, drops request bodies, keeps failed responses’ bodies redacted', () => {
    const { file } = convert();
    const text = JSON.stringify(file);
    for (const secret of HAR_SECRETS) expect(text).not.toContain(secret);
    const calls = file.events.filter((e): e is CallEvent => e.type === 'call');
    const session = calls[1]!.config as Record<string, Record<string, string>>;
    expect(session.url).toMatch(/\?access_token=\[redacted access_token jwt …fXYZ\]$/);
    expect(session.request_headers!.authorization).toBe('[redacted authorization …d0c3]');
    expect(session.request_headers!.cookie).toMatch(/^\[redacted cookie/);
    expect(session.response_headers!['set-cookie']).toMatch(/^\[redacted set-cookie/);
    expect(session.request_body).toMatch(/^\[request body left out: \d+ characters of application\/json\]$/);
    // A successful response's body (personal data) is not kept.
    expect(text).not.toContain('Layla');
    const payment = calls[3]!.config as Record<string, string>;
    expect(payment.response_body).toContain('INVALID_TOKEN');
    expect(payment.response_body).toContain('"access_token": "[redacted access_token …7c6b]"');
  });

  it('makes no session finding the HAR cannot support (no SDK calls were recorded)', () => {
    const { file } = convert();
    expect(sessionFindings(file.events, Date.parse('2026-11-23T19:00:00Z'))).toEqual([]);
  });

  it('gives a support report with the failing request and no secret', () => {
    const { file, creator } = convert();
    const report = buildSupportReport(
      {
        session: { url: file.tab.url, title: file.tab.title, events: file.events, droppedEvents: 0, csp: file.csp },
        recordedWith: { extensionVersion: '—', browser: creator ?? 'unknown' },
        source: { kind: 'har', fileName: 'lean-flow.har', creator },
        callId: null,
        now: Date.parse('2026-11-23T19:00:00Z'),
        generator: 'Lean DevTools 0.1.0',
      },
      { includePersonalData: false },
    );
    for (const secret of HAR_SECRETS) expect(report).not.toContain(secret);
    expect(report).toContain('`7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a`');
    expect(report).toContain('the browser’s Network panel (`WebInspector 537.36`), not Lean DevTools');
  });

  it('refuses a HAR without Lean requests, and survives malformed entries', () => {
    const none = harToSession({ log: { entries: [HAR.log.entries[2], HAR.log.entries[7]] } }, 'other.har');
    expect(none.ok).toBe(false);
    expect(!none.ok && none.error).toBe('“other.har” holds 2 requests, none of them to *.leantech.me or a Lean loader. Save the HAR from the Network panel while the Lean flow runs (with “Preserve log” on).');
    const messy = harToSession({ log: { entries: [null, 7, { request: {} }, { request: { url: 'https://link.leantech.me/x' }, startedDateTime: 'nope' }, HAR.log.entries[4]] } }, 'messy.har');
    expect(messy.ok && messy.conversion.skipped).toBe(4);
    expect(messy.ok && messy.conversion.requests).toBe(1);
  });

  it('recognises Lean hosts and their environment', () => {
    expect(isLeanRequest('https://link.sandbox.leantech.me/x')).toBe(true);
    expect(isLeanRequest('https://leantech.me.evil.example/x')).toBe(false);
    expect(isLeanRequest('https://merchant.example/static/link/loader/prod/sa/latest/lean-link-loader.min.js')).toBe(true);
    expect(isLeanRequest('data:text/plain,leantech.me')).toBe(false);
    expect(hostEnvironment('https://link.sandbox.sa.leantech.me/')).toBe(true);
    expect(hostEnvironment('https://link.leantech.me/')).toBe(false);
    expect(hostEnvironment('https://cdn.leantech.me/')).toBeNull();
  });

  it('gives no environment to a host that only ends in "leantech.me" without the dot', () => {
    expect(hostEnvironment('https://link.sandbox.notleantech.me/')).toBeNull();
    expect(hostEnvironment('https://link.evilleantech.me/')).toBeNull();
  });

  it('is what the import reads for a HAR file', () => {
    const result = importText(HAR_TEXT, 'lean-flow.har');
    expect(result.ok && result.session.kind).toBe('har');
    expect(result.ok && result.session.har).toMatchObject({ requests: 5, entries: 8, creator: 'WebInspector 537.36' });
  });
});
