import { describe, expect, it } from 'vitest';
import { acceptPageMessage } from '../../../lib/relay/accept';
import { CAPTURE_LIMITS } from '../../../lib/model/capture-limits';
import { RateLimiter } from '../../../lib/relay/rate-limit';

const context = () => ({ idPrefix: 'doc1:', frameUrl: 'https://shop.example/', limiter: new RateLimiter(1000, 1000, () => 0) });
const batch = (events: unknown[]) => JSON.stringify({ v: 1, dropped: 0, events });
const callback = (override: unknown) => ({ type: 'callback', id: '2', time: 2, callId: '1', data: { status: 'SUCCESS' }, durationMs: 3, override });

describe('relay: an overridden callback’s mark', () => {
  it('is kept as the hook posts it', () => {
    const mark = { outcome: 'ERROR:INVALID_CREDENTIALS', delivered: { status: 'ERROR' }, fromSdk: true };
    expect(acceptPageMessage(batch([callback(mark)]), context()).events[0]).toMatchObject({ override: mark });
  });

  it('refuses a mark of the wrong shape, or one beyond what the hook captures', () => {
    const huge = { outcome: 'CANCELLED', delivered: { message: 'x'.repeat(CAPTURE_LIMITS.maxString * 2) }, fromSdk: true };
    for (const bad of [{ outcome: 1, delivered: null, fromSdk: true }, { outcome: 'none', delivered: null }, huge]) {
      expect(acceptPageMessage(batch([callback(bad)]), context()).refused).toBe(1);
    }
  });
});
