import { describe, expect, it } from 'vitest';
import { asBackgroundRequest, asPanelRequest, asPanelUpdate } from '../../lib/protocol';

describe('message parsers', () => {
  it('take a background request by its kind, with an integer tab id where one is needed', () => {
    expect(asBackgroundRequest({ kind: 'meta-csp', policies: [] })).toEqual({ kind: 'meta-csp', policies: [] });
    expect(asBackgroundRequest({ kind: 'tab-summary', tabId: 1 })).toEqual({ kind: 'tab-summary', tabId: 1 });
    expect(asBackgroundRequest({ kind: 'tab-summary', tabId: 1.5 })).toBeNull();
    expect(asBackgroundRequest({ kind: 'subscribe', tabId: 1 })).toBeNull();
    expect(asBackgroundRequest(undefined)).toBeNull();
  });

  it('take a panel request only as subscribe (with an integer tab id) or clear', () => {
    expect(asPanelRequest({ kind: 'subscribe', tabId: 2 })).toEqual({ kind: 'subscribe', tabId: 2 });
    expect(asPanelRequest({ kind: 'subscribe', tabId: '2' })).toBeNull();
    expect(asPanelRequest({ kind: 'clear', extra: 1 })).toEqual({ kind: 'clear' });
    expect(asPanelRequest({ kind: 'tab-summary', tabId: 2 })).toBeNull();
  });

  it('take a panel update only as a snapshot or an append', () => {
    expect(asPanelUpdate({ kind: 'append', events: [] })).toEqual({ kind: 'append', events: [] });
    expect(asPanelUpdate({ kind: 'subscribe', tabId: 2 })).toBeNull();
    expect(asPanelUpdate([])).toBeNull();
  });
});
