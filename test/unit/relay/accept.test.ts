import { describe, expect, it } from 'vitest';
import { acceptPageMessage, MAX_PAGE_MESSAGE_CHARS } from '../../../lib/relay/accept';
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

describe('RateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 2, () => now);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, false]);
    now = 100;
    expect([limiter.take(), limiter.take()]).toEqual([true, false]);
  });
});
