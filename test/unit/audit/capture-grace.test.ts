import { describe, expect, it } from 'vitest';
import { captureGraceEnds } from '../../../lib/audit/capture-grace';
import { CAPTURE_GRACE_MS } from '../../../lib/rules/session-rules';
import type { SessionEvent } from '../../../lib/model/types';
import { call } from '../support/events';

const RETURN = 'https://shop.example/lean/success?consent_attempt_id=ca-1&granular_status_code=ACCEPTED_BY_BANK';
const nav = (time: number, url: string): SessionEvent => ({ type: 'navigation', id: `n${time}`, time, frameUrl: url, url });

describe('audit waits out the captureRedirect grace', () => {
  it('until the grace ends on a redirect page that has not captured yet', () => {
    expect(captureGraceEnds([nav(1000, RETURN)])).toBe(1000 + CAPTURE_GRACE_MS);
  });

  it('not at all once the redirect page has called captureRedirect', () => {
    expect(captureGraceEnds([nav(1000, RETURN), call({ method: 'captureRedirect', time: 1500, frameUrl: RETURN })])).toBeNull();
  });

  it('not at all on pages that are not redirect pages', () => {
    expect(captureGraceEnds([nav(1000, 'https://shop.example/checkout'), call({ time: 1200 })])).toBeNull();
  });

  it('for a session that started on the redirect page, from its first event there', () => {
    expect(captureGraceEnds([call({ method: 'connect', time: 2000, frameUrl: RETURN })])).toBe(2000 + CAPTURE_GRACE_MS);
  });
});
