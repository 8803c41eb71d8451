import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, MAX_BYTES_PER_TAB, MAX_EVENTS_PER_TAB, SessionStore, chunkKey, decodeTab, encodeTab } from '../../../lib/background/store';
import { MemoryArea } from '../support/memory-area';
import { call, navigation } from '../support/events';

describe('SessionStore', () => {
  it('keeps events of a tab in arrival order', async () => {
    const store = new SessionStore(new MemoryArea());
    const a = call();
    const b = call();
    await store.append(1, [a]);
    await store.append(1, [b]);
    expect((await store.session(1)).events.map((e) => e.id)).toEqual([a.id, b.id]);
  });

  it('keeps each tab to its own events', async () => {
    const store = new SessionStore(new MemoryArea());
    await store.append(1, [call()]);
    await store.append(2, [call(), call()]);
    expect((await store.session(1)).events).toHaveLength(1);
    expect((await store.session(2)).events).toHaveLength(2);
  });

  it('survives a restart of the background by reading the storage area back', async () => {
    const area = new MemoryArea();
    const events = Array.from({ length: CHUNK_SIZE + 7 }, () => call());
    await new SessionStore(area).append(5, events, { meta: { url: 'https://shop.example/', title: 'Shop' } });
    const restarted = await new SessionStore(area).session(5);
    expect(restarted.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(restarted.url).toBe('https://shop.example/');
  });

  it('ignores an event whose id it already holds', async () => {
    const store = new SessionStore(new MemoryArea());
    const a = call();
    await store.append(1, [a]);
    const result = await store.append(1, [a]);
    expect(result.added).toEqual([]);
    expect((await store.session(1)).events).toHaveLength(1);
  });

  it('drops the oldest chunk past the per-tab cap and counts every dropped event', async () => {
    const area = new MemoryArea();
    const store = new SessionStore(area);
    const events = Array.from({ length: MAX_EVENTS_PER_TAB + 1 }, () => call());
    await store.append(1, events);
    const session = await store.session(1);
    expect(session.events).toHaveLength(MAX_EVENTS_PER_TAB + 1 - CHUNK_SIZE);
    expect(session.droppedEvents).toBe(CHUNK_SIZE);
    expect(session.events[0]!.id).toBe(events[CHUNK_SIZE]!.id);
    const reread = await new SessionStore(area).session(1);
    expect(reread.events.map((e) => e.id)).toEqual(session.events.map((e) => e.id));
  });

  it('adds the drops and refusals reported by the relay', async () => {
    const store = new SessionStore(new MemoryArea());
    await store.append(1, [], { dropped: 3, refused: 2 });
    await store.append(1, [], { dropped: 4 });
    const session = await store.session(1);
    expect(session.droppedEvents).toBe(7);
    expect(session.refusedMessages).toBe(2);
  });

  it('lets prepare see every earlier event of the tab', async () => {
    const store = new SessionStore(new MemoryArea());
    await store.append(1, [navigation('https://a.example/')]);
    const seen: number[] = [];
    await store.append(1, [call(), call()], {}, (event, previous) => {
      seen.push(previous.length);
      return event;
    });
    expect(seen).toEqual([1, 2]);
  });

  it('clears the events but keeps the tab URL', async () => {
    const area = new MemoryArea();
    const store = new SessionStore(area);
    await store.append(1, [call(), call()], { dropped: 1, meta: { url: 'https://a.example/' } });
    await store.clear(1);
    const session = await store.session(1);
    expect(session.events).toEqual([]);
    expect(session.droppedEvents).toBe(0);
    expect(session.url).toBe('https://a.example/');
    expect((await new SessionStore(area).session(1)).events).toEqual([]);
  });

  it('forgets a removed tab entirely', async () => {
    const area = new MemoryArea();
    const store = new SessionStore(area);
    await store.append(9, [call()]);
    await store.remove(9);
    expect(area.data.size).toBe(0);
  });
});

describe('SessionStore within the storage quota', () => {
  /** A storage area that refuses writes beyond a total size, like `storage.session`. */
  class SmallArea extends MemoryArea {
    constructor(public quota: number) {
      super();
    }
    used(data: Map<string, string> = this.data): number {
      let total = 0;
      for (const [key, value] of data) total += key.length + value.length;
      return total;
    }
    override async set(items: Record<string, unknown>): Promise<void> {
      const next = new Map(this.data);
      for (const [key, value] of Object.entries(items)) next.set(key, JSON.stringify(value));
      if (this.used(next) > this.quota) throw new Error('QUOTA_BYTES quota exceeded');
      await super.set(items);
    }
  }

  it('drops its oldest chunks, counted, when the area is full, and keeps storing new events', async () => {
    const store = new SessionStore(new SmallArea(200_000));
    const events = Array.from({ length: 3_000 }, () => call());
    for (let i = 0; i < events.length; i += 100) await store.append(1, events.slice(i, i + 100));
    const session = await store.session(1);
    expect(session.events.at(-1)!.id).toBe(events.at(-1)!.id);
    expect(session.events.length + session.droppedEvents).toBe(events.length);
    expect(session.droppedEvents).toBeGreaterThan(0);
  });

  it('caps a tab by size as well as by count', async () => {
    const store = new SessionStore(new MemoryArea());
    const big = Array.from({ length: 2 * CHUNK_SIZE + 1 }, () => call({ config: { blob: 'x'.repeat(12_000) } }));
    await store.append(1, big);
    const session = await store.session(1);
    expect(session.events.length).toBeLessThan(big.length);
    expect(session.events.length + session.droppedEvents).toBe(big.length);
  });

  it('caps a tab by size with fewer events than one chunk, counting what it drops', async () => {
    const area = new MemoryArea();
    const store = new SessionStore(area);
    const big = Array.from({ length: 120 }, () => call({ config: { blob: 'x'.repeat(64 * 1024 - 300) } }));
    for (let i = 0; i < big.length; i += 30) await store.append(1, big.slice(i, i + 30));
    const session = await store.session(1);
    expect(session.droppedEvents).toBeGreaterThan(0);
    expect(session.events.length + session.droppedEvents).toBe(big.length);
    expect(session.events.at(-1)!.id).toBe(big.at(-1)!.id);
    const stored = [...area.data].filter(([key]) => key.startsWith('tab:1:')).reduce((n, [, value]) => n + (JSON.parse(value) as string).length, 0);
    expect(stored).toBeLessThanOrEqual(MAX_BYTES_PER_TAB);
  });

  describe('when the area shared by every tab is full', () => {
    const blob = 'x'.repeat(800);
    const calls = (count: number) => Array.from({ length: count }, () => call({ config: { blob } }));
    const navigations = (count: number) => Array.from({ length: count }, (_, i) => navigation(`https://no-lean.example/${i}/${blob}`));

    /**
     * Tabs 1, 2, 3 (in that order of use) fill the area but for a little room; then tab 4
     * writes one chunk's worth of events, about as much as one of them holds.
     */
    async function scenario(options: { watched?: number[]; withoutLean?: number[] } = {}) {
      let now = 0;
      const area = new SmallArea(Number.POSITIVE_INFINITY);
      const store = new SessionStore(area, { watched: (id) => options.watched?.includes(id) ?? false, clock: () => ++now });
      for (const id of [1, 2, 3]) await store.append(id, options.withoutLean?.includes(id) ? navigations(CHUNK_SIZE) : calls(CHUNK_SIZE));
      area.quota = area.used() + 20_000;
      const flood = calls(CHUNK_SIZE);
      for (let i = 0; i < flood.length; i += 50) await store.append(4, flood.slice(i, i + 50));
      const sessions = new Map(await Promise.all([1, 2, 3, 4].map(async (id) => [id, await store.session(id)] as const)));
      return { dropped: [1, 2, 3, 4].map((id) => sessions.get(id)!.droppedEvents), sessions, flood };
    }

    it('a page filling it takes room from the least recently used other tab, counted in that tab', async () => {
      const { dropped, sessions } = await scenario();
      expect(dropped).toEqual([CHUNK_SIZE, 0, 0, 0]);
      expect(sessions.get(1)!.events).toEqual([]);
    });

    it('takes room first from a tab that never saw Lean', async () => {
      expect((await scenario({ withoutLean: [2] })).dropped).toEqual([0, CHUNK_SIZE, 0, 0]);
    });

    it('never takes room from a tab a panel is showing', async () => {
      expect((await scenario({ watched: [1] })).dropped).toEqual([0, CHUNK_SIZE, 0, 0]);
    });

    it('keeps every new event of the writing tab while other tabs have room to give', async () => {
      const { sessions, flood } = await scenario();
      expect(sessions.get(4)!.events.map((e) => e.id)).toEqual(flood.map((e) => e.id));
    });
  });

  it('stores each chunk as one JSON string', async () => {
    const area = new MemoryArea();
    const events = [call(), call()];
    await new SessionStore(area).append(1, events);
    const stored = (await area.get([chunkKey(1, 0)]))[chunkKey(1, 0)];
    expect(typeof stored).toBe('string');
    expect(JSON.parse(stored as string)).toEqual(events);
  });

  it('reads back a tab written in its storage layout by encodeTab', async () => {
    const area = new MemoryArea();
    const events = Array.from({ length: 2 * CHUNK_SIZE + 3 }, () => call());
    await area.set(encodeTab(4, { url: 'https://shop.example/' }, events));
    const session = await new SessionStore(area).session(4);
    expect(session.events).toEqual(events);
    expect(decodeTab(4, await area.get(null)).events).toEqual(events);
  });

  it('gives the newest events of a tab in memory, counting the earlier ones it leaves out', async () => {
    const store = new SessionStore(new MemoryArea());
    const events = Array.from({ length: 700 }, () => call());
    await store.append(1, events);
    const { session, exact } = await store.recent(1, 100);
    expect(exact).toBe(true);
    expect(session.events.map((e) => e.id)).toEqual(events.slice(600).map((e) => e.id));
    expect(session.earlierEvents).toBe(600);
  });

  it('gives the whole session, with no earlier count, when it is no longer than asked', async () => {
    const store = new SessionStore(new MemoryArea());
    await store.append(1, [call(), call()]);
    const { session } = await store.recent(1, 100);
    expect(session.events).toHaveLength(2);
    expect(session).not.toHaveProperty('earlierEvents');
  });

  it('reads only the newest chunks for the newest events of a tab not in memory', async () => {
    const area = new MemoryArea();
    const events = Array.from({ length: 10 * CHUNK_SIZE + 5 }, () => call());
    await new SessionStore(area).append(1, events);
    const asked: string[] = [];
    const get = area.get.bind(area);
    area.get = async (keys) => {
      asked.push(...(keys ?? ['(all)']));
      return get(keys);
    };
    const { session, exact } = await new SessionStore(area).recent(1, CHUNK_SIZE);
    expect(exact).toBe(false);
    expect(asked).toEqual(['tab:1', chunkKey(1, 9), chunkKey(1, 10)]);
    expect(session.events.map((e) => e.id)).toEqual(events.slice(-CHUNK_SIZE).map((e) => e.id));
    expect(session.earlierEvents).toBe(events.length - CHUNK_SIZE);
  });
});
