import { describe, expect, it } from 'vitest';
import { FIRST_SNAPSHOT_EVENTS, PanelHub, type PanelPort } from '../../lib/background/panel-hub';
import type { PanelUpdate } from '../../lib/protocol';
import { SessionStore } from '../../lib/session/store';
import { MemoryArea } from './memory-area';
import { call } from './events';

/** A port whose panel subscribed to `tabId`; `received` fills as the hub posts. */
function subscribedPort(hub: PanelHub, tabId: number): { received: PanelUpdate[] } {
  const received: PanelUpdate[] = [];
  let onMessage: (message: unknown) => void = () => {};
  const port: PanelPort = {
    postMessage: (update) => received.push(update),
    onMessage: { addListener: (fn) => (onMessage = fn) },
    onDisconnect: { addListener: () => {} },
  };
  hub.attach(port);
  onMessage({ kind: 'subscribe', tabId });
  return { received };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PanelHub', () => {
  it('sends a short session whole, in one snapshot', async () => {
    const store = new SessionStore(new MemoryArea());
    await store.append(1, [call(), call()]);
    const { received } = subscribedPort(new PanelHub(store), 1);
    await settle();
    expect(received.map((u) => u.kind === 'snapshot' && [u.whole, u.session.events.length])).toEqual([[true, 2]]);
  });

  it('sends a long session newest events first, then whole', async () => {
    const store = new SessionStore(new MemoryArea());
    const events = Array.from({ length: 3 * FIRST_SNAPSHOT_EVENTS }, () => call());
    await store.append(1, events);
    const { received } = subscribedPort(new PanelHub(store), 1);
    await settle();
    const snapshots = received.flatMap((u) => (u.kind === 'snapshot' ? [u] : []));
    expect(snapshots.map((u) => [u.whole, u.session.events.length, u.session.earlierEvents])).toEqual([
      [false, FIRST_SNAPSHOT_EVENTS, 2 * FIRST_SNAPSHOT_EVENTS],
      [true, events.length, undefined],
    ]);
    expect(snapshots[0]!.session.events.at(-1)!.id).toBe(events.at(-1)!.id);
  });

  it('follows a first snapshot read from storage with the whole session, however short', async () => {
    const area = new MemoryArea();
    await new SessionStore(area).append(1, [call()]);
    const { received } = subscribedPort(new PanelHub(new SessionStore(area)), 1);
    await settle();
    expect(received.map((u) => u.kind === 'snapshot' && u.whole)).toEqual([false, true]);
  });

  it('says which tab a panel was attached to, so that tab records', () => {
    const attached: number[] = [];
    subscribedPort(new PanelHub(new SessionStore(new MemoryArea()), (tabId) => attached.push(tabId)), 4);
    expect(attached).toEqual([4]);
  });
});
