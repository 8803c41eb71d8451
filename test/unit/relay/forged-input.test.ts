// @vitest-environment happy-dom
/**
 * Issue 14.3: a page cannot forge CSP violations, and whatever the relay forwards (the hook's
 * events it accepted, the violations and loaders it saw itself) is a valid session file.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { violationEvent, watchDom } from '../../../lib/relay/dom-watch';
import { acceptPageMessage } from '../../../lib/relay/accept';
import { RateLimiter } from '../../../lib/relay/rate-limit';
import { MAX_URL_LENGTH } from '../../../lib/privacy/redact';
import { importText } from '../../../lib/files/import';
import { CAPTURE_LIMITS } from '../../../lib/model/capture-limits';
import { SESSION_FORMAT, type SessionEvent } from '../../../lib/model/types';

const violation = (fields: Partial<Parameters<typeof violationEvent>[0]> = {}) => ({
  isTrusted: true,
  blockedURI: 'https://cdn.leantech.me/link/loader.js',
  effectiveDirective: 'script-src-elem',
  disposition: 'enforce' as const,
  sourceFile: 'https://shop.example/app.js',
  lineNumber: 12,
  ...fields,
});

describe('CSP violations the relay records', () => {
  let stop = (): void => undefined;
  afterEach(() => stop());

  it('a securitypolicyviolation event the page dispatches itself is not recorded, and is counted as refused', () => {
    const recorded: unknown[] = [];
    let refused = 0;
    stop = watchDom(window, document, { event: (e) => recorded.push(e), metaPolicies: () => undefined, refused: () => refused++ }, () => 0);
    const { isTrusted: _trusted, ...fields } = violation();
    const forged = Object.assign(new Event('securitypolicyviolation'), fields);
    // Browsers mark every event a script dispatches `isTrusted: false` (happy-dom leaves it out).
    document.dispatchEvent(forged);
    expect(recorded).toEqual([]);
    expect(refused).toBe(1);
  });

  it('a violation the browser reported is recorded', () => {
    expect(violationEvent(violation(), 5)).toEqual({ type: 'csp-violation', time: 5, ...violation(), isTrusted: undefined });
  });

  it.each([
    ['made-up-src', 'made-up-src'],
    ['SCRIPT-SRC', 'SCRIPT-SRC'],
    ['empty', ''],
    ['script-src with a space', 'script-src '],
    ['of 10,000 characters', 'x'.repeat(10_000)],
  ])('a violation naming a directive %s is refused', (_, name) => {
    expect(violationEvent(violation({ effectiveDirective: name }), 0)).toBeNull();
  });

  it('redacts token-like parameters in its URLs and caps them', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const event = violationEvent(violation({ blockedURI: `https://x.example/?access_token=${token}&pad=${'p'.repeat(50_000)}`, sourceFile: `https://x.example/${token}.js` }), 0)!;
    expect(JSON.stringify(event)).not.toContain(token);
    expect(event.blockedURI.length).toBeLessThanOrEqual(MAX_URL_LENGTH + 64);
  });

  it.each([-1, 1.5, Number.NaN, 1e20])('keeps line number %d as 0, unknown', (lineNumber) => {
    expect(violationEvent(violation({ lineNumber }), 0)!.lineNumber).toBe(0);
  });
});

describe('what the relay forwards re-imports as a session file', () => {
  const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 20_000 }), fc.webUrl({ withQueryParameters: true }));
  const page = fc.record({
    isTrusted: fc.constant(true),
    blockedURI: anyText,
    effectiveDirective: fc.oneof(fc.constantFrom('script-src', 'connect-src', 'frame-src', 'img-src'), fc.string()),
    disposition: fc.constantFrom('enforce' as const, 'report' as const),
    sourceFile: anyText,
    lineNumber: fc.oneof(fc.integer(), fc.double()),
  });
  const config = fc.jsonValue({ maxDepth: CAPTURE_LIMITS.maxDepth - 1 });
  const hookEvent = fc.oneof(
    fc.record({ type: fc.constant('call'), id: fc.string({ minLength: 1, maxLength: 80 }), time: fc.double({ noNaN: true, noDefaultInfinity: true }), method: fc.string({ maxLength: 200 }), config, findings: fc.constant([]), callsite: fc.constant(null) }),
    fc.record({ type: fc.constant('callback'), id: fc.string({ minLength: 1, maxLength: 80 }), time: fc.nat(), callId: fc.string({ minLength: 1, maxLength: 80 }), data: config, durationMs: fc.nat() }),
    fc.record({ type: fc.constant('call-error'), id: fc.string({ minLength: 1, maxLength: 80 }), time: fc.nat(), callId: fc.string({ minLength: 1, maxLength: 80 }), message: fc.string({ maxLength: 5_000 }) }),
  );

  it('violations, loaders and the hook’s events, however the page shaped them (300 sessions)', () => {
    fc.assert(
      fc.property(fc.array(page, { maxLength: 5 }), fc.array(hookEvent, { maxLength: 10 }), fc.nat(), (violations, posted, claimedDrops) => {
        const frameUrl = 'https://shop.example/checkout';
        const prefix = '0123abcd:';
        const accepted = acceptPageMessage(JSON.stringify({ v: 1, dropped: claimedDrops, events: posted }), {
          idPrefix: prefix,
          frameUrl,
          limiter: new RateLimiter(0, 1_000, () => 0),
        });
        const own = violations.flatMap((v, i) => {
          const event = violationEvent(v, i);
          return event ? [{ ...event, id: `${prefix}r${i}`, frameUrl } as SessionEvent] : [];
        });
        const events = [...own, ...accepted.events.filter((e, i, all) => all.findIndex((o) => o.id === e.id) === i)];
        const file = {
          format: SESSION_FORMAT,
          version: 1,
          exportedAt: '2026-12-05T00:00:00.000Z',
          extension: { version: '1', browser: 'chrome' },
          tab: { url: frameUrl, title: '' },
          events,
          droppedEvents: accepted.dropped,
          csp: null,
        };
        const result = importText(JSON.stringify(file), 'relay.json');
        expect(result.ok ? 'ok' : result.error).toBe('ok');
      }),
      { numRuns: 300 },
    );
  });
});
