import { describe, expect, it } from 'vitest';
import { FIRST_SNAPSHOT_EVENTS, PanelHub, type PanelPort } from '../../lib/background/panel-hub';
import type { PanelUpdate } from '../../lib/protocol';
import { SessionStore } from '../../lib/session/store';
import { MemoryArea } from './memory-area';
import { call } from './events';

/** A port whose panel subscribed to `tabId`; `received` fills as the hub posts; `send` is the panel speaking. */
function subscribedPort(hub: PanelHub, tabId: number): { received: PanelUpdate[]; send(message: unknown): void } {
  const received: PanelUpdate[] = [];
  let onMessage: (message: unknown) => void = () => {};
  const port: PanelPort = {
    postMessage: (update) => received.push(update),
    onMessage: { addListener: (fn) => (onMessage = fn) },
    onDisconnect: { addListener: () => {} },
  };
  hub.attach(port);
  onMessage({ kind: 'subscribe', tabId });
  return { received, send: (message) => onMessage(message) };
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

  it('sends a long session newest events first, then whole when the panel asks for the rest', async () => {
    const store = new SessionStore(new MemoryArea());
    const events = Array.from({ length: 3 * FIRST_SNAPSHOT_EVENTS }, () => call());
    await store.append(1, events);
    const { received, send } = subscribedPort(new PanelHub(store), 1);
    await settle();
    expect(received.map((u) => u.kind === 'snapshot' && u.whole)).toEqual([false]);
    send({ kind: 'rest' });
    await settle();
    const snapshots = received.flatMap((u) => (u.kind === 'snapshot' ? [u] : []));
    expect(snapshots.map((u) => [u.whole, u.session.events.length, u.session.earlierEvents])).toEqual([
      [false, FIRST_SNAPSHOT_EVENTS, 2 * FIRST_SNAPSHOT_EVENTS],
      [true, events.length, undefined],
    ]);
    expect(snapshots[0]!.session.events.at(-1)!.id).toBe(events.at(-1)!.id);
  });

  it('follows a first snapshot read from storage with the whole session, however short, when asked', async () => {
    const area = new MemoryArea();
    await new SessionStore(area).append(1, [call()]);
    const { received, send } = subscribedPort(new PanelHub(new SessionStore(area)), 1);
    await settle();
    send({ kind: 'rest' });
    await settle();
    expect(received.map((u) => u.kind === 'snapshot' && u.whole)).toEqual([false, true]);
  });

  it('loads a tab read from storage while the panel paints its first rows, so the rest comes from memory', async () => {
    const area = new MemoryArea();
    const events = Array.from({ length: 3 * FIRST_SNAPSHOT_EVENTS }, () => call());
    await new SessionStore(area).append(1, events);
    const reads: (string[] | null)[] = [];
    const get = area.get.bind(area);
    area.get = (keys) => {
      reads.push(keys);
      return get(keys);
    };
    const { received, send } = subscribedPort(new PanelHub(new SessionStore(area)), 1);
    await settle();
    await settle();
    const before = reads.length;
    send({ kind: 'rest' });
    await settle();
    expect(reads.length).toBe(before);
    expect(received.map((u) => u.kind === 'snapshot' && [u.whole, u.session.events.length])).toEqual([
      [false, FIRST_SNAPSHOT_EVENTS],
      [true, events.length],
    ]);
  });

  it('gives the rest with the events appended since the first snapshot', async () => {
    const store = new SessionStore(new MemoryArea());
    await store.append(1, Array.from({ length: 2 * FIRST_SNAPSHOT_EVENTS }, () => call()));
    const { received, send } = subscribedPort(new PanelHub(store), 1);
    await settle();
    const late = call();
    await store.append(1, [late]);
    send({ kind: 'rest' });
    await settle();
    const last = received.at(-1)!;
    expect(last.kind === 'snapshot' && last.session.events.at(-1)!.id).toBe(late.id);
  });
});
