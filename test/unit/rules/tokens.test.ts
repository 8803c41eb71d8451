import { describe, expect, it } from 'vitest';
import { validateCall } from '../../../lib/rules';
import type { CallEvent, SessionEvent } from '../../../lib/model/types';

const TOKEN = '[redacted app_token …abcd]';
let n = 0;
const call = (sandbox: boolean): CallEvent => ({
  type: 'call',
  id: `t${++n}`,
  time: n,
  frameUrl: 'https://shop.example/',
  method: 'manageConsents',
  config: { app_token: TOKEN, customer_id: 'c', sandbox, callback: '[function]' },
  findings: [],
  callsite: null,
});
const mixed = (c: CallEvent, previous: readonly SessionEvent[]) =>
  validateCall(c, { previous }).some((f) => f.code === 'app-token-mixed-env');

describe('app token environment across a growing session', () => {
  it('sees a call appended to the same array after an earlier check', () => {
    const events: SessionEvent[] = [call(true)];
    expect(mixed(call(true), events)).toBe(false);
    events.push(call(false));
    expect(mixed(call(true), events)).toBe(true);
  });

  it('re-reads the session when its oldest events were dropped from the same array', () => {
    const events: SessionEvent[] = [call(false), call(true)];
    expect(mixed(call(true), events)).toBe(true);
    events.splice(0, 1);
    events.push(call(true));
    expect(mixed(call(true), events)).toBe(false);
  });

});
