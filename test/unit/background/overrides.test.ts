/**
 * The background's outcome overrides (lib/background/overrides.ts) and the panel hub's part
 * in them: set only by a subscribed panel, sent to the tab's relays, ended when the last panel
 * leaves or the tab moves to another origin, used up by the call they were for.
 */
import { describe, expect, it } from 'vitest';
import { OverrideKeeper } from '../../../lib/background/overrides';
import { PanelHub, type PanelPort } from '../../../lib/background/panel-hub';
import { SessionStore } from '../../../lib/background/store';
import type { ActiveOverride, PanelUpdate } from '../../../lib/protocol';
import { MemoryArea } from '../support/memory-area';

const URL_A = 'https://shop.example/checkout';

function keeper() {
  const sent: Array<{ tabId: number; active: ActiveOverride[]; frameId?: number }> = [];
  const told: Array<{ tabId: number; active: ActiveOverride[] }> = [];
  const overrides = new OverrideKeeper({
    send: (tabId, active, frameId) => sent.push(frameId === undefined ? { tabId, active } : { tabId, active, frameId }),
    notify: (tabId, active) => told.push({ tabId, active }),
  });
  return { overrides, sent, told };
}

describe('OverrideKeeper', () => {
  it('sends a set override to the tab’s relays and tells its panels', () => {
    const { overrides, sent, told } = keeper();
    overrides.set(1, URL_A, 'pay', 'pay=ERROR:INVALID_CREDENTIALS', true);
    const active = [{ spec: 'pay=ERROR:INVALID_CREDENTIALS', once: true }];
    expect(sent).toEqual([{ tabId: 1, active }]);
    expect(told).toEqual([{ tabId: 1, active }]);
  });

  it('ignores a spec that does not parse or names another method, and a tab without a web origin', () => {
    const { overrides, sent } = keeper();
    overrides.set(1, URL_A, 'pay', 'pay=MAYBE', true);
    overrides.set(1, URL_A, 'pay', 'connect=CANCELLED', true);
    overrides.set(1, 'about:blank', 'pay', 'pay=CANCELLED', true);
    overrides.set(1, URL_A, 'pay', null, true);
    expect(sent).toEqual([]);
  });

  it('uses up a one-call override at the next call of its method, and keeps one until cleared', () => {
    const { overrides, sent } = keeper();
    overrides.set(1, URL_A, 'pay', 'pay=CANCELLED', true);
    overrides.set(1, URL_A, 'connect', 'connect=none', false);
    overrides.called(1, 'connect');
    overrides.called(1, 'pay');
    expect(overrides.active(1)).toEqual([{ spec: 'connect=none', once: false }]);
    expect(sent.at(-1)).toEqual({ tabId: 1, active: [{ spec: 'connect=none', once: false }] });
    overrides.set(1, URL_A, 'connect', null, false);
    expect(overrides.active(1)).toEqual([]);
    expect(sent.at(-1)).toEqual({ tabId: 1, active: [] });
  });

  it('ends the tab’s overrides when its top document moves to another origin, not within the origin', () => {
    const { overrides, sent, told } = keeper();
    overrides.set(1, URL_A, 'pay', 'pay=CANCELLED', false);
    overrides.navigated(1, 'https://shop.example/return?x=1');
    expect(overrides.active(1)).toHaveLength(1);
    overrides.navigated(1, 'https://bank.example/');
    expect(overrides.active(1)).toEqual([]);
    expect(sent.at(-1)).toEqual({ tabId: 1, active: [] });
    expect(told.at(-1)).toEqual({ tabId: 1, active: [] });
  });

  it('gives a new relay the set only on the same origin, and only where a panel set one', () => {
    const { overrides, sent } = keeper();
    overrides.relayStarted(2, 0, URL_A);
    expect(sent).toEqual([]);
    overrides.set(1, URL_A, 'pay', 'pay=CANCELLED', false);
    overrides.relayStarted(1, 3, URL_A);
    expect(sent.at(-1)).toEqual({ tabId: 1, active: [{ spec: 'pay=CANCELLED', once: false }], frameId: 3 });
    overrides.relayStarted(1, 0, 'https://other.example/');
    expect(sent.at(-1)).toEqual({ tabId: 1, active: [] });
  });

  it('tells the relays of a tab a panel attaches to that it has none, when it has none (a restarted background)', () => {
    const { overrides, sent, told } = keeper();
    overrides.panelAttached(1);
    expect(sent).toEqual([{ tabId: 1, active: [] }]);
    overrides.set(1, URL_A, 'pay', 'pay=CANCELLED', false);
    overrides.panelAttached(1);
    expect(sent).toHaveLength(2);
    expect(told).toHaveLength(1);
  });

  it('sends nothing to end a tab that had none', () => {
    const { overrides, sent, told } = keeper();
    overrides.end(1);
    expect([sent, told]).toEqual([[], []]);
  });
});

function port(hub: PanelHub) {
  const received: PanelUpdate[] = [];
  let onMessage: (message: unknown) => void = () => {};
  let onDisconnect: () => void = () => {};
  const p: PanelPort = {
    postMessage: (update) => received.push(update),
    onMessage: { addListener: (fn) => (onMessage = fn) },
    onDisconnect: { addListener: (fn) => (onDisconnect = fn) },
  };
  hub.attach(p);
  return { received, send: (m: unknown) => onMessage(m), disconnect: () => onDisconnect() };
}

describe('PanelHub and overrides', () => {
  function hubWith() {
    const calls: unknown[][] = [];
    const hub = new PanelHub(new SessionStore(new MemoryArea()), undefined, {
      active: () => [{ spec: 'pay=CANCELLED', once: true }],
      attached: (tabId) => calls.push(['attached', tabId]),
      set: (...args) => calls.push(['set', ...args]),
      end: (tabId) => calls.push(['end', tabId]),
    });
    return { hub, calls };
  }

  it('gives a subscribing panel the tab’s overrides, and passes its requests on', () => {
    const { hub, calls } = hubWith();
    const panel = port(hub);
    panel.send({ kind: 'subscribe', tabId: 4 });
    expect(panel.received).toContainEqual({ kind: 'overrides', active: [{ spec: 'pay=CANCELLED', once: true }] });
    panel.send({ kind: 'override', method: 'pay', spec: 'pay=none', once: false });
    panel.send({ kind: 'override', method: 'pay', spec: 7, once: false });
    expect(calls).toEqual([
      ['attached', 4],
      ['set', 4, 'pay', 'pay=none', false],
    ]);
  });

  it('refuses an override from a port that never subscribed', () => {
    const { hub, calls } = hubWith();
    port(hub).send({ kind: 'override', method: 'pay', spec: 'pay=none', once: false });
    expect(calls).toEqual([]);
  });

  it('ends the tab’s overrides when its last panel disconnects', () => {
    const { hub, calls } = hubWith();
    const first = port(hub);
    const second = port(hub);
    first.send({ kind: 'subscribe', tabId: 4 });
    second.send({ kind: 'subscribe', tabId: 4 });
    first.disconnect();
    expect(calls).toEqual([
      ['attached', 4],
      ['attached', 4],
    ]);
    second.disconnect();
    expect(calls.at(-1)).toEqual(['end', 4]);
    expect(calls).toHaveLength(3);
  });
});
