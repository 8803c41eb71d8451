import { describe, expect, it } from 'vitest';
import { FIRST_SNAPSHOT_EVENTS, PanelHub, SNAPSHOT_PART_EVENTS, type PanelPort } from '../../../lib/background/panel-hub';
import type { PanelUpdate } from '../../../lib/protocol';
import { SessionStore } from '../../../lib/background/store';
import { MemoryArea } from '../support/memory-area';
import { call } from '../support/events';

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

  it('sends a long session newest events first, then, when the panel asks for the rest, whole in parts', async () => {
    const store = new SessionStore(new MemoryArea());
    const events = Array.from({ length: 2 * SNAPSHOT_PART_EVENTS + 10 }, () => call());
    await store.append(1, events);
    const { received, send } = subscribedPort(new PanelHub(store), 1);
    await settle();
    expect(received).toHaveLength(1);
    send({ kind: 'rest' });
    await settle();
    const first = received[0]!;
    const parts = received.slice(1);
    expect(first.kind === 'snapshot' && [first.whole, first.session.events.length, first.session.earlierEvents]).toEqual([
      false,
      FIRST_SNAPSHOT_EVENTS,
      events.length - FIRST_SNAPSHOT_EVENTS,
    ]);
    expect(first.kind === 'snapshot' && first.session.events.at(-1)!.id).toBe(events.at(-1)!.id);
    expect(parts.map((u) => u.kind === 'snapshot-part' && [u.events.length, u.session !== null])).toEqual([
      [SNAPSHOT_PART_EVENTS, false],
      [SNAPSHOT_PART_EVENTS, false],
      [10, true],
    ]);
    expect(parts.flatMap((u) => (u.kind === 'snapshot-part' ? u.events.map((e) => e.id) : []))).toEqual(events.map((e) => e.id));
    const last = parts.at(-1)!;
    expect(last.kind === 'snapshot-part' && last.session).toMatchObject({ tabId: 1, droppedEvents: 0 });
  });

  it('follows a first snapshot read from storage with the whole session, however short', async () => {
    const area = new MemoryArea();
    await new SessionStore(area).append(1, [call()]);
    const { received, send } = subscribedPort(new PanelHub(new SessionStore(area)), 1);
    await settle();
    send({ kind: 'rest' });
    await settle();
    expect(received.map((u) => (u.kind === 'snapshot' ? u.whole : u.kind === 'snapshot-part' && [u.events.length, u.session !== null]))).toEqual([
      false,
      [1, true],
    ]);
  });

  it('loads a tab read from storage while the panel paints its first rows, so the rest comes from memory', async () => {
    const area = new MemoryArea();
    await new SessionStore(area).append(1, Array.from({ length: 3 * FIRST_SNAPSHOT_EVENTS }, () => call()));
    let reads = 0;
    const get = area.get.bind(area);
    area.get = (keys) => {
      reads++;
      return get(keys);
    };
    const { send } = subscribedPort(new PanelHub(new SessionStore(area)), 1);
    await settle();
    await settle();
    const before = reads;
    send({ kind: 'rest' });
    await settle();
    expect(reads).toBe(before);
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
    expect(last.kind === 'snapshot-part' && last.events.at(-1)!.id).toBe(late.id);
  });

  it('tells which tabs a panel is showing, until the panel goes away', () => {
    const hub = new PanelHub(new SessionStore(new MemoryArea()));
    let onMessage: (message: unknown) => void = () => {};
    let onDisconnect: () => void = () => {};
    hub.attach({
      postMessage: () => {},
      onMessage: { addListener: (fn) => (onMessage = fn) },
      onDisconnect: { addListener: (fn) => (onDisconnect = fn) },
    });
    onMessage({ kind: 'subscribe', tabId: 7 });
    expect([hub.hasPanel(7), hub.hasPanel(8)]).toEqual([true, false]);
    onDisconnect();
    expect(hub.hasPanel(7)).toBe(false);
  });

  it('says which tab a panel was attached to, so that tab records', () => {
    const attached: number[] = [];
    subscribedPort(new PanelHub(new SessionStore(new MemoryArea()), (tabId) => attached.push(tabId)), 4);
    expect(attached).toEqual([4]);
  });
});
