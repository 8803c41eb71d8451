import type { CallEvent, CallbackEvent, SessionEvent } from '../../../lib/model/types';

let n = 0;

export function call(overrides: Partial<CallEvent> = {}): CallEvent {
  return {
    type: 'call',
    id: `c${++n}`,
    time: 1_000 + n,
    frameUrl: 'https://shop.example/checkout',
    method: 'connect',
    config: { customer_id: 'cust-1', callback: '[function callback]' },
    findings: [],
    callsite: 'https://shop.example/app.js:10:5',
    ...overrides,
  };
}

export function callback(callId: string, data: CallbackEvent['data'], overrides: Partial<CallbackEvent> = {}): CallbackEvent {
  return { type: 'callback', id: `cb${++n}`, time: 2_000 + n, frameUrl: 'https://shop.example/checkout', callId, data, durationMs: 250, ...overrides };
}

export function navigation(url: string): SessionEvent {
  return { type: 'navigation', id: `n${++n}`, time: 3_000 + n, frameUrl: url, url };
}
