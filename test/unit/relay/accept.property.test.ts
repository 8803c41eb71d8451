/**
 * Properties of the relay's trust boundary, `acceptPageMessage` (lib/relay/accept.ts), over
 * generated page messages (fast-check): whatever a page dispatches, it never throws, every
 * event is accounted for (accepted, refused or dropped), and what it accepts is a valid
 * session event carrying the relay's frame URL and id prefix. Run counts are set per property;
 * together 6,000 generated inputs per `vitest run`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptPageMessage } from '../../../lib/relay/accept';
import { RateLimiter } from '../../../lib/relay/rate-limit';
import { MAX_NAME, MAX_TEXT, sessionEventSchema } from '../../../lib/files/schema';
import { MAX_PAGE_ID } from '../../../lib/relay/page-schema';

const PREFIX = 'relay01:';
const FRAME_URL = 'https://shop.example/checkout';
const context = (burst = 1_000_000) => ({ idPrefix: PREFIX, frameUrl: FRAME_URL, limiter: new RateLimiter(0, burst, () => 0) });

const json = fc.jsonValue({ maxDepth: 3 });
const id = fc.string({ minLength: 1, maxLength: MAX_PAGE_ID });
const time = fc.double({ noNaN: true, noDefaultInfinity: true });
const finding = fc.record({
  code: fc.string({ maxLength: MAX_NAME }),
  severity: fc.constantFrom('error', 'warning', 'info'),
  field: fc.option(fc.string({ maxLength: 64 }), { nil: null }),
  message: fc.string({ maxLength: 200 }),
});

/** Events the hook may post: valid by construction. */
const validEvent = fc.oneof(
  fc.record({
    type: fc.constant('call'),
    id,
    time,
    method: fc.string({ maxLength: MAX_NAME }),
    config: json,
    findings: fc.array(finding, { maxLength: 3 }),
    callsite: fc.option(fc.webUrl(), { nil: null }),
  }),
  fc.record({ type: fc.constant('callback'), id, time, callId: id, data: json, durationMs: time }),
  fc.record({ type: fc.constant('call-error'), id, time, callId: id, message: fc.string({ maxLength: 300 }) }),
  fc.record({ type: fc.constant('sdk'), id, time, state: fc.constantFrom('hooked', 'not-hookable'), detail: fc.string({ maxLength: 300 }) }),
);

/** Events a page may post that the schema must refuse, each broken in one known way. */
const invalidEvent = fc.oneof(
  validEvent.map((e) => ({ ...e, id: '' })),
  validEvent.map((e) => ({ ...e, id: 'x'.repeat(MAX_PAGE_ID + 1) })),
  validEvent.map((e) => ({ ...e, id: 7 })),
  validEvent.map((e) => ({ ...e, time: 'now' })),
  validEvent.map(({ type: _type, ...rest }) => rest),
  fc.tuple(validEvent, fc.constantFrom('navigation', 'loader', 'csp-violation', 'CALL', '')).map(([e, type]) => ({ ...e, type })),
  fc.record({ type: fc.constant('call'), id, time, method: fc.constant('m'.repeat(MAX_NAME + 1)), config: json, findings: fc.constant([]), callsite: fc.constant(null) }),
  fc.record({ type: fc.constant('call-error'), id, time, callId: id, message: fc.constant('e'.repeat(MAX_TEXT + 1)) }),
  fc.record({ type: fc.constant('sdk'), id, time, state: fc.constant('owned'), detail: fc.string() }),
  fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(json, { maxLength: 3 })),
);

type Tagged = { valid: boolean; event: unknown };
const taggedEvents = fc.array(
  fc.oneof(validEvent.map((event): Tagged => ({ valid: true, event })), invalidEvent.map((event): Tagged => ({ valid: false, event }))),
  { maxLength: 40 },
);

describe('acceptPageMessage over generated input', () => {
  it('never throws and refuses as a whole anything that is not a bounded JSON batch (2,000 inputs)', () => {
    const anything = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true }),
      fc.string({ unit: 'grapheme' }),
      json.map((value) => JSON.stringify(value)),
      fc.record({ v: fc.oneof(fc.integer(), fc.string()), dropped: fc.oneof(fc.double(), fc.string()), events: json }).map((b) => JSON.stringify(b)),
    );
    fc.assert(
      fc.property(anything, (detail) => {
        const result = acceptPageMessage(detail, context());
        if (typeof detail !== 'string') expect(result).toEqual({ events: [], dropped: 0, refused: 1 });
        // Either a batch was read (events each accounted for), or the message was refused whole.
        if (result.refused === 1 && result.events.length === 0 && result.dropped === 0) return;
        expect(result.dropped).toBeGreaterThanOrEqual(0);
        for (const event of result.events) expect(sessionEventSchema.safeParse(event).success).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accounts for every event of a batch: accepted + refused + dropped by the rate limit = posted, the hook’s own drops added (2,000 batches)', () => {
    fc.assert(
      fc.property(taggedEvents, fc.nat({ max: 1_000 }), fc.nat({ max: 50 }), (events, hookDropped, burst) => {
        const detail = JSON.stringify({ v: 1, dropped: hookDropped, events: events.map((e) => e.event) });
        const result = acceptPageMessage(detail, context(burst));
        const valid = events.filter((e) => e.valid).length;
        const invalid = events.length - valid;
        const rateDropped = Math.max(0, valid - burst);
        expect(result.refused).toBe(invalid);
        expect(result.events).toHaveLength(valid - rateDropped);
        expect(result.dropped).toBe(hookDropped + rateDropped);
        expect(result.events.length + result.refused + (result.dropped - hookDropped)).toBe(events.length);
        // The first valid events pass, in the page's order.
        const expectedIds = events.filter((e) => e.valid).slice(0, valid - rateDropped).map((e) => PREFIX + (e.event as { id: string }).id);
        expect(result.events.map((e) => e.id)).toEqual(expectedIds);
      }),
      { numRuns: 2_000 },
    );
  });

  it('stamps every accepted event with the relay’s frame URL and id prefix, and keeps none of the page’s findings (2,000 batches)', () => {
    const claimed = fc.record({ frameUrl: fc.webUrl(), extra: json });
    fc.assert(
      fc.property(fc.array(fc.tuple(validEvent, claimed), { maxLength: 20 }), (pairs) => {
        const posted = pairs.map(([event, claim]) => ({ ...event, frameUrl: claim.frameUrl }));
        const result = acceptPageMessage(JSON.stringify({ v: 1, dropped: 0, events: posted }), context());
        expect(result.events).toHaveLength(posted.length);
        result.events.forEach((event, i) => {
          const original = posted[i]!;
          expect(sessionEventSchema.safeParse(event).success).toBe(true);
          expect(event.frameUrl).toBe(FRAME_URL);
          expect(event.id).toBe(PREFIX + original.id);
          if ('callId' in event) expect(event.callId).toBe(PREFIX + (original as { callId: string }).callId);
          if (event.type === 'call') expect(event.findings).toEqual([]);
        });
      }),
      { numRuns: 2_000 },
    );
  });
});
