import { describe, expect, it } from 'vitest';
import { acceptPageMessage, MAX_CLAIMED_DROPPED, MAX_PAGE_MESSAGE_CHARS } from '../../../lib/relay/accept';
import { CAPTURE_LIMITS, MAX_EVENT_CHARS } from '../../../lib/model/capture-limits';
import { RateLimiter } from '../../../lib/relay/rate-limit';

const context = (limiter = new RateLimiter(1000, 1000, () => 0)) => ({
  idPrefix: 'doc1:',
  frameUrl: 'https://shop.example/',
  limiter,
});

const hookCall = (id = '1') => ({
  type: 'call',
  id,
  time: 1,
  method: 'connect',
  config: { customer_id: 'c' },
  findings: [],
  callsite: null,
});

const batch = (events: unknown[], dropped = 0) => JSON.stringify({ v: 1, dropped, events });

describe('relay: accepting what the page posts', () => {
  it('accepts a well-formed batch and stamps the relay id prefix and frame URL', () => {
    const result = acceptPageMessage(batch([hookCall()]), context());
    expect(result.refused).toBe(0);
    expect(result.events).toEqual([{ ...hookCall(), id: 'doc1:1', frameUrl: 'https://shop.example/' }]);
  });

  it('prefixes the call id a callback refers to', () => {
    const cb = { type: 'callback', id: '2', time: 2, callId: '1', data: { status: 'SUCCESS' }, durationMs: 3 };
    expect(acceptPageMessage(batch([cb]), context()).events[0]).toMatchObject({ id: 'doc1:2', callId: 'doc1:1' });
  });

  it('ignores a frame URL claimed by the page', () => {
    const spoof = { ...hookCall(), frameUrl: 'https://bank.example/' };
    expect(acceptPageMessage(batch([spoof]), context()).events[0]!.frameUrl).toBe('https://shop.example/');
  });

  it('discards findings claimed by the page', () => {
    const spoof = { ...hookCall(), findings: [{ code: 'x', severity: 'error', field: null, message: 'fake' }] };
    expect(acceptPageMessage(batch([spoof]), context()).events[0]).toMatchObject({ findings: [] });
  });

  it.each([
    ['a non-string', { v: 1 }],
    ['malformed JSON', '{"v":1,'],
    ['the wrong protocol version', JSON.stringify({ v: 2, dropped: 0, events: [] })],
    ['an oversized message', 'x'.repeat(MAX_PAGE_MESSAGE_CHARS + 1)],
  ])('refuses %s as a whole', (_, detail) => {
    expect(acceptPageMessage(detail, context())).toEqual({ events: [], dropped: 0, refused: 1 });
  });

  it('refuses a malformed event and keeps the valid ones', () => {
    const result = acceptPageMessage(batch([hookCall('1'), { type: 'call', id: 5 }, { type: 'navigation', id: '3', time: 1, url: 'x' }]), context());
    expect(result.events.map((e) => e.id)).toEqual(['doc1:1']);
    expect(result.refused).toBe(2);
  });

  it('counts events beyond the rate limit as dropped, with the hook’s own drops', () => {
    const result = acceptPageMessage(batch([hookCall('1'), hookCall('2'), hookCall('3')], 7), context(new RateLimiter(0, 2, () => 0)));
    expect(result.events).toHaveLength(2);
    expect(result.dropped).toBe(8);
  });
});

describe('relay: each event held to the hook’s own caps', () => {
  const withConfig = (config: unknown) => ({ ...hookCall(), config });
  const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

  it('refuses (counted) a forged call whose theme_color is a 40,000-digit rgb(', () => {
    const forged = withConfig({ customization: { theme_color: 'rgb(' + '1'.repeat(40_000) } });
    expect(acceptPageMessage(batch([forged, hookCall('2')]), context())).toMatchObject({ events: [{ id: 'doc1:2' }], refused: 1 });
  });

  it('accepts a string as long as the hook keeps, with its truncation marker', () => {
    const kept = 'a'.repeat(CAPTURE_LIMITS.maxString) + '…[truncated 38000 chars]';
    expect(acceptPageMessage(batch([withConfig({ note: kept })]), context()).events).toHaveLength(1);
  });

  it.each([
    ['a key longer than the hook keeps', { ['k'.repeat(CAPTURE_LIMITS.maxString + 100)]: 1 }],
    ['more keys than the hook copies', Object.fromEntries(Array.from({ length: CAPTURE_LIMITS.maxKeys + 2 }, (_, i) => [`k${i}`, i]))],
    ['more items than the hook copies', { list: Array.from({ length: CAPTURE_LIMITS.maxItems + 2 }, (_, i) => i) }],
    ['deeper nesting than the hook copies', nested(CAPTURE_LIMITS.maxDepth + 2)],
  ])('refuses (counted) a config with %s', (_, config) => {
    expect(acceptPageMessage(batch([withConfig(config)]), context())).toMatchObject({ events: [], refused: 1 });
  });

  it('refuses (counted) an event larger than 64 KiB serialised, even when each field is within its cap', () => {
    const strings = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(CAPTURE_LIMITS.maxString)]));
    expect(JSON.stringify(strings).length).toBeGreaterThan(MAX_EVENT_CHARS);
    expect(acceptPageMessage(batch([withConfig(strings)]), context())).toMatchObject({ events: [], refused: 1 });
  });

  it('cuts a claimed count of dropped calls to the most one message may claim', () => {
    expect(acceptPageMessage(batch([], Number.MAX_SAFE_INTEGER), context()).dropped).toBe(MAX_CLAIMED_DROPPED);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 2, () => now);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, false]);
    now = 100;
    expect([limiter.take(), limiter.take()]).toEqual([true, false]);
  });
});
