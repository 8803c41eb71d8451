/**
 * One session per tab, kept in a key-value area (`storage.session` in the extension) so
 * that a service-worker restart loses nothing.
 *
 * Layout: `tab:<id>` holds the metadata, `tab:<id>:<n>` chunk n of the events as one JSON
 * string, so an append rewrites only the last chunk. Strings rather than objects: the
 * browser's storage then counts about 2.6× fewer quota bytes and reads a full tab back about
 * 4× faster (measured in Chromium, docs/benchmarks.md). The per-tab cap drops whole chunks,
 * oldest first, and counts what it dropped in `droppedEvents`: a flood costs bounded memory
 * and the newest activity, which the developer is looking at, is kept.
 *
 * The storage area is shared by every tab, and any page can fill its tab: when a write does
 * not fit, room is taken across tabs (those that never saw Lean first, then the least
 * recently used), never from a tab a panel is showing, each drop counted in its own tab.
 */
import type { TabSession } from '../protocol';
import type { CspAudit, SessionEvent } from '../model/types';

export interface KeyValueArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export const CHUNK_SIZE = 250;
/** Documented in docs/architecture.md ("Limits"): the most events one tab keeps… */
export const MAX_EVENTS_PER_TAB = 10_000;
/**
 * …and the most serialised bytes, at any number of events. `storage.session` holds 10 MB for
 * the whole extension, so one tab keeps at most 6 MB; when the area is full all the same
 * (several busy tabs), other tabs give up their oldest chunks (see `SessionStore`), and the
 * tab being written its own last.
 */
export const MAX_BYTES_PER_TAB = 6_000_000;
const MAX_QUOTA_RETRIES = 40;
/** Chunk keys asked for in one read; a tab never holds more (the event cap, in chunks, plus one). */
const CHUNKS_PER_READ = MAX_EVENTS_PER_TAB / CHUNK_SIZE + 1;

export interface TabMeta {
  url: string;
  title: string;
  droppedEvents: number;
  refusedMessages: number;
  csp: CspAudit | null;
  /** Number of the oldest chunk still stored, and how many are stored from it. */
  firstChunk: number;
  chunkCount: number;
  /** The last relay message applied, by sending document (`RelayDelivery`); the newest few. */
  delivered?: Record<string, number>;
  /** When events last arrived (epoch ms), and whether any came from Lean: for eviction across tabs. */
  usedAt?: number;
  lean?: boolean;
}

/** Event types that only a page with Lean (or its loader) produces. */
const LEAN_TYPES: ReadonlySet<SessionEvent['type']> = new Set(['call', 'callback', 'call-error', 'sdk', 'loader']);

export interface SessionStoreOptions {
  /** Whether a panel is showing the tab: its events are never given up for another tab's. */
  watched?(tabId: number): boolean;
  clock?(): number;
}

/** Documents whose last delivered message a tab remembers (a relay only ever re-sends its latest). */
const MAX_DELIVERY_SOURCES = 64;

interface LoadedTab {
  meta: TabMeta;
  /** Every stored event, oldest first; chunk `firstChunk + k` is `events[k*CHUNK_SIZE…]`. */
  events: SessionEvent[];
  /** Serialised size of each chunk (its JSON string, as stored), and their sum. */
  chunkBytes: number[];
  bytes: number;
  ids: Set<string>;
}

export interface AppendResult {
  /** The events actually stored (duplicates of known ids are not). */
  added: SessionEvent[];
  droppedEvents: number;
  refusedMessages: number;
  csp: CspAudit | null;
}

/** Computes a tab's CSP audit from the current one, the tab's URL and its events. */
export type CspUpdate = (current: CspAudit | null, url: string, events: readonly SessionEvent[]) => CspAudit | null;

export const metaKey = (tabId: number) => `tab:${tabId}`;
export const chunkKey = (tabId: number, n: number) => `tab:${tabId}:${n}`;

/**
 * A tab in the storage layout above: for the store itself, and for tools that seed or read
 * the storage area directly (benchmarks, browser tests).
 */
export function encodeTab(tabId: number, meta: Partial<TabMeta>, events: readonly SessionEvent[]): Record<string, unknown> {
  const full: TabMeta = { ...emptyMeta(), ...meta, chunkCount: Math.ceil(events.length / CHUNK_SIZE) };
  const items: Record<string, unknown> = { [metaKey(tabId)]: full };
  for (let k = 0; k < full.chunkCount; k++) {
    items[chunkKey(tabId, full.firstChunk + k)] = JSON.stringify(events.slice(k * CHUNK_SIZE, (k + 1) * CHUNK_SIZE));
  }
  return items;
}

/** The metadata and events of a tab from storage items holding its keys (see `encodeTab`). */
export function decodeTab(tabId: number, items: Record<string, unknown>): { meta: TabMeta; events: SessionEvent[] } {
  const meta = (items[metaKey(tabId)] as TabMeta | undefined) ?? emptyMeta();
  const events: SessionEvent[] = [];
  for (let n = meta.firstChunk; typeof items[chunkKey(tabId, n)] === 'string'; n++) {
    events.push(...(JSON.parse(items[chunkKey(tabId, n)] as string) as SessionEvent[]));
  }
  return { meta, events };
}

export function emptyMeta(): TabMeta {
  return { url: '', title: '', droppedEvents: 0, refusedMessages: 0, csp: null, firstChunk: 0, chunkCount: 0 };
}

export class SessionStore {
  private readonly tabs = new Map<number, Promise<LoadedTab>>();
  /** Per-tab queue: operations on one tab run one after another. */
  private readonly queues = new Map<number, Promise<unknown>>();
  /** Operations queued or running per tab: a tab with none can be asked for room at once. */
  private readonly pending = new Map<number, number>();
  private readonly watched: (tabId: number) => boolean;
  private readonly clock: () => number;

  constructor(
    private readonly area: KeyValueArea,
    options: SessionStoreOptions = {},
  ) {
    this.watched = options.watched ?? (() => false);
    this.clock = options.clock ?? Date.now;
  }

  /** Whether the area holds a session for the tab (reads storage; loading it does not make one). */
  async has(tabId: number): Promise<boolean> {
    return metaKey(tabId) in (await this.area.get([metaKey(tabId)]));
  }

  session(tabId: number): Promise<TabSession> {
    return this.run(tabId, (tab) => toSession(tabId, tab, tab.events.length));
  }

  /**
   * The newest events of a tab (at least `count` when it has them), fast: when the tab is not
   * in memory (the service worker restarted) they come from its newest chunks only, without
   * waiting for the whole tab to load. `exact` is false when the copy was read that way: it
   * may then miss an append in flight, so only `session()` is authoritative.
   */
  async recent(tabId: number, count: number): Promise<{ session: TabSession; exact: boolean }> {
    if (this.tabs.has(tabId)) return { session: await this.run(tabId, (tab) => toSession(tabId, tab, count)), exact: true };
    const meta = ((await this.area.get([metaKey(tabId)]))[metaKey(tabId)] as TabMeta | undefined) ?? emptyMeta();
    const wanted = Math.min(meta.chunkCount, Math.ceil(count / CHUNK_SIZE) + 1);
    const from = meta.firstChunk + meta.chunkCount - wanted;
    const keys = Array.from({ length: wanted }, (_, k) => chunkKey(tabId, from + k));
    const { events } = decodeTab(tabId, { ...(await this.area.get(keys)), [metaKey(tabId)]: { ...meta, firstChunk: from } });
    const older = (meta.chunkCount - wanted) * CHUNK_SIZE;
    return { session: toSession(tabId, { meta, events }, count, older), exact: false };
  }

  /**
   * Stores events for a tab. `prepare` sees each new event with every event before it,
   * so derived data (findings) is computed once, on the way in.
   *
   * Nothing goes silently: an event whose id the tab already holds (only a page imitating
   * the hook can make one: the relay prefixes every id with its document's own token) is
   * counted as refused. A relay message delivered again (`delivery` already applied) changes
   * nothing: it was stored the first time.
   */
  append(
    tabId: number,
    events: readonly SessionEvent[],
    counts: {
      dropped?: number;
      refused?: number;
      meta?: Partial<Pick<TabMeta, 'url' | 'title'>>;
      delivery?: { from: string; seq: number };
    } = {},
    prepare: (event: SessionEvent, previous: readonly SessionEvent[]) => SessionEvent = (e) => e,
  ): Promise<AppendResult> {
    return this.run(tabId, async (tab) => {
      const delivery = counts.delivery;
      if (delivery && (tab.meta.delivered?.[delivery.from] ?? -Infinity) >= delivery.seq) {
        return { added: [], droppedEvents: tab.meta.droppedEvents, refusedMessages: tab.meta.refusedMessages, csp: tab.meta.csp };
      }
      if (delivery) rememberDelivery(tab.meta, delivery);
      if (counts.meta) Object.assign(tab.meta, counts.meta);
      const before = tab.events.length;
      const added: SessionEvent[] = [];
      let duplicates = 0;
      for (const event of events) {
        if (tab.ids.has(event.id)) {
          duplicates++;
          continue;
        }
        const prepared = prepare(event, tab.events);
        tab.ids.add(prepared.id);
        tab.events.push(prepared);
        added.push(prepared);
      }
      tab.meta.droppedEvents += counts.dropped ?? 0;
      tab.meta.refusedMessages += (counts.refused ?? 0) + duplicates;
      if (added.length) tab.meta.usedAt = this.clock();
      if (!tab.meta.lean && added.some((event) => LEAN_TYPES.has(event.type))) tab.meta.lean = true;
      await this.persist(tabId, tab, serialiseFrom(tab, before));
      return { added, droppedEvents: tab.meta.droppedEvents, refusedMessages: tab.meta.refusedMessages, csp: tab.meta.csp };
    });
  }

  /** Replaces the tab's CSP audit with what `compute` makes of it; returns the new one. */
  updateCsp(tabId: number, compute: CspUpdate): Promise<CspAudit | null> {
    return this.run(tabId, async (tab) => {
      tab.meta.csp = compute(tab.meta.csp, tab.meta.url, tab.events);
      await this.area.set({ [metaKey(tabId)]: tab.meta });
      return tab.meta.csp;
    });
  }

  update(tabId: number, patch: Partial<Pick<TabMeta, 'url' | 'title'>>): Promise<void> {
    return this.run(tabId, async (tab) => {
      Object.assign(tab.meta, patch);
      await this.area.set({ [metaKey(tabId)]: tab.meta });
    });
  }

  clear(tabId: number): Promise<void> {
    return this.run(tabId, async (tab) => {
      const keys = this.chunkKeys(tabId, tab);
      tab.events = [];
      tab.chunkBytes = [];
      tab.bytes = 0;
      tab.ids.clear();
      // What was delivered stays delivered: a message sent again after a clear is not re-added.
      tab.meta = { ...emptyMeta(), url: tab.meta.url, title: tab.meta.title, csp: tab.meta.csp, delivered: tab.meta.delivered };
      await this.area.remove(keys);
      await this.area.set({ [metaKey(tabId)]: tab.meta });
    });
  }

  /**
   * The browser replaced a tab by another (Chrome discards a tab under a new id): the
   * session moves to the new id, before whatever the new id already holds.
   */
  async move(fromTabId: number, toTabId: number): Promise<void> {
    if (fromTabId === toTabId) return;
    const moved = await this.run(fromTabId, async (tab) => {
      await this.area.remove([metaKey(fromTabId), ...this.chunkKeys(fromTabId, tab)]);
      this.tabs.delete(fromTabId);
      return tab;
    });
    await this.run(toTabId, async (tab) => {
      const staleKeys = this.chunkKeys(toTabId, tab);
      const ids = new Set(moved.events.map((e) => e.id));
      const later = tab.events.filter((e) => !ids.has(e.id));
      tab.events = [...moved.events, ...later];
      tab.chunkBytes = [];
      tab.bytes = 0;
      tab.ids = new Set(tab.events.map((e) => e.id));
      const current = tab.meta;
      tab.meta = {
        url: current.url || moved.meta.url,
        title: current.title || moved.meta.title,
        droppedEvents: moved.meta.droppedEvents + current.droppedEvents,
        refusedMessages: moved.meta.refusedMessages + current.refusedMessages,
        csp: current.csp ?? moved.meta.csp,
        firstChunk: 0,
        chunkCount: 0,
        delivered: { ...moved.meta.delivered, ...current.delivered },
      };
      await this.area.remove(staleKeys);
      await this.persist(toTabId, tab, serialiseFrom(tab, 0));
    });
  }

  remove(tabId: number): Promise<void> {
    return this.run(tabId, async (tab) => {
      await this.area.remove([metaKey(tabId), ...this.chunkKeys(tabId, tab)]);
      this.tabs.delete(tabId);
    });
  }

  private run<T>(tabId: number, op: (tab: LoadedTab) => Promise<T> | T): Promise<T> {
    const previous = this.queues.get(tabId) ?? Promise.resolve();
    const next = previous.then(async () => op(await this.load(tabId)));
    this.pending.set(tabId, (this.pending.get(tabId) ?? 0) + 1);
    // A failed operation must not wedge the queue for the next one.
    this.queues.set(
      tabId,
      next
        .catch(() => undefined)
        .then(() => {
          const left = (this.pending.get(tabId) ?? 1) - 1;
          if (left > 0) this.pending.set(tabId, left);
          else this.pending.delete(tabId);
        }),
    );
    return next;
  }

  private load(tabId: number): Promise<LoadedTab> {
    let tab = this.tabs.get(tabId);
    if (!tab) {
      tab = this.read(tabId);
      this.tabs.set(tabId, tab);
      tab.catch(() => this.tabs.delete(tabId));
    }
    return tab;
  }

  private async read(tabId: number): Promise<LoadedTab> {
    const meta = ((await this.area.get([metaKey(tabId)]))[metaKey(tabId)] as TabMeta | undefined) ?? emptyMeta();
    // One read for every chunk: each storage call is a round trip to the browser.
    const items: Record<string, unknown> = {};
    for (let from = meta.firstChunk; ; from += CHUNKS_PER_READ) {
      const keys = Array.from({ length: CHUNKS_PER_READ }, (_, k) => chunkKey(tabId, from + k));
      const got = await this.area.get(keys);
      Object.assign(items, got);
      if (!(keys[keys.length - 1]! in got)) break;
    }
    const chunkBytes: number[] = [];
    for (let n = meta.firstChunk; typeof items[chunkKey(tabId, n)] === 'string'; n++) chunkBytes.push((items[chunkKey(tabId, n)] as string).length);
    const { events } = decodeTab(tabId, { ...items, [metaKey(tabId)]: meta });
    return { meta, events, chunkBytes, bytes: sum(chunkBytes), ids: new Set(events.map((e) => e.id)) };
  }

  /**
   * The only chunk is over the byte cap (few but large events): its oldest events go,
   * counted, until the rest fits, and the chunk is written again.
   */
  private dropOldestEventsOfOnlyChunk(tab: LoadedTab, dirty: Map<number, string>): void {
    let bytes = tab.bytes;
    let cut = 0;
    while (cut < tab.events.length - 1 && bytes > MAX_BYTES_PER_TAB) bytes -= JSON.stringify(tab.events[cut++]).length + 1;
    const gone = tab.events.splice(0, cut);
    for (const event of gone) tab.ids.delete(event.id);
    tab.meta.droppedEvents += gone.length;
    tab.chunkBytes = [];
    tab.bytes = 0;
    for (const [n, json] of serialiseFrom(tab, 0)) dirty.set(n, json);
  }

  private dropOldestChunk(tab: LoadedTab, dirty: Map<number, string>): void {
    const chunk = tab.events.splice(0, CHUNK_SIZE);
    tab.bytes -= tab.chunkBytes.shift() ?? 0;
    for (const event of chunk) tab.ids.delete(event.id);
    dirty.delete(tab.meta.firstChunk);
    tab.meta.droppedEvents += chunk.length;
    tab.meta.firstChunk++;
  }

  /**
   * Writes the changed chunks (`dirty`, by chunk number) after applying the per-tab caps.
   * Out of quota, room is made in other tabs first (`evictionOrder`), then the tab gives up
   * its own oldest events (counted) rather than every new one.
   */
  private async persist(tabId: number, tab: LoadedTab, dirty: Map<number, string>): Promise<void> {
    const firstBefore = tab.meta.firstChunk;
    while (tab.events.length > MAX_EVENTS_PER_TAB || tab.bytes > MAX_BYTES_PER_TAB) {
      if (tab.chunkBytes.length > 1) this.dropOldestChunk(tab, dirty);
      else {
        this.dropOldestEventsOfOnlyChunk(tab, dirty);
        break;
      }
    }
    let others: number[] | null = null;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.write(tabId, tab, dirty, firstBefore);
        break;
      } catch (error) {
        if (attempt >= MAX_QUOTA_RETRIES) throw error;
        others ??= await this.evictionOrder(tabId);
        while (others.length && !(await this.giveUpOldestChunk(others[0]!))) others.shift();
        if (others.length) continue;
        if (tab.events.length === 0) throw error;
        this.dropOldestChunk(tab, dirty);
      }
    }
  }

  /**
   * Tabs that may give up events for `tabId`'s write, first to last: those that never saw
   * Lean, then the least recently used. Never a tab a panel is showing, nor one with an
   * operation under way (it may be waiting for this very write; it is asked next time).
   */
  private async evictionOrder(tabId: number): Promise<number[]> {
    const stored = await this.area.get(null);
    const candidates: { id: number; meta: TabMeta }[] = [];
    for (const [key, value] of Object.entries(stored)) {
      const match = /^tab:(\d+)$/.exec(key);
      const id = match ? Number(match[1]) : Number.NaN;
      if (!Number.isSafeInteger(id) || id === tabId || this.watched(id) || this.pending.has(id)) continue;
      candidates.push({ id, meta: value as TabMeta });
    }
    candidates.sort((a, b) => Number(!!a.meta.lean) - Number(!!b.meta.lean) || (a.meta.usedAt ?? 0) - (b.meta.usedAt ?? 0));
    return candidates.map((c) => c.id);
  }

  /** Drops another tab's oldest chunk, counted in its session; false when it has none left to give. */
  private giveUpOldestChunk(tabId: number): Promise<boolean> {
    if (this.pending.has(tabId) || this.watched(tabId)) return Promise.resolve(false);
    return this.run(tabId, async (tab) => {
      if (tab.events.length === 0) return false;
      const firstBefore = tab.meta.firstChunk;
      const dirty = new Map<number, string>();
      this.dropOldestChunk(tab, dirty);
      await this.write(tabId, tab, dirty, firstBefore);
      return true;
    });
  }

  private async write(tabId: number, tab: LoadedTab, dirty: Map<number, string>, firstBefore: number): Promise<void> {
    // Dropped chunks go first, so a retry after a quota error has their room.
    if (tab.meta.firstChunk > firstBefore) {
      const stale: string[] = [];
      for (let n = firstBefore; n < tab.meta.firstChunk; n++) stale.push(chunkKey(tabId, n));
      await this.area.remove(stale);
    }
    tab.meta.chunkCount = tab.chunkBytes.length;
    const items: Record<string, unknown> = { [metaKey(tabId)]: tab.meta };
    for (const [n, json] of dirty) items[chunkKey(tabId, n)] = json;
    await this.area.set(items);
  }

  private chunkKeys(tabId: number, tab: LoadedTab): string[] {
    const keys: string[] = [];
    const chunks = Math.ceil(tab.events.length / CHUNK_SIZE);
    for (let k = 0; k < chunks; k++) keys.push(chunkKey(tabId, tab.meta.firstChunk + k));
    return keys;
  }
}

/**
 * Serialises the chunks from the one event `from` landed in to the end (an append rewrites
 * only those), records their sizes, and returns them by chunk number.
 */
function serialiseFrom(tab: LoadedTab, from: number): Map<number, string> {
  const dirty = new Map<number, string>();
  for (let k = Math.floor(from / CHUNK_SIZE); k * CHUNK_SIZE < tab.events.length; k++) {
    const json = JSON.stringify(tab.events.slice(k * CHUNK_SIZE, (k + 1) * CHUNK_SIZE));
    tab.bytes += json.length - (tab.chunkBytes[k] ?? 0);
    tab.chunkBytes[k] = json.length;
    dirty.set(tab.meta.firstChunk + k, json);
  }
  return dirty;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function rememberDelivery(meta: TabMeta, delivery: { from: string; seq: number }): void {
  const delivered = { ...meta.delivered };
  // Re-inserted, so the key order is the order of last use (the ids are never integer-like:
  // each ends with ':').
  delete delivered[delivery.from];
  delivered[delivery.from] = delivery.seq;
  const sources = Object.keys(delivered);
  for (let i = 0; i < sources.length - MAX_DELIVERY_SOURCES; i++) delete delivered[sources[i]!];
  meta.delivered = delivered;
}

/** The tab as a panel sees it, with its newest `count` events; `older`: stored events not loaded. */
function toSession(tabId: number, tab: Pick<LoadedTab, 'meta' | 'events'>, count: number, older = 0): TabSession {
  const events = tab.events.slice(Math.max(0, tab.events.length - count));
  const earlier = older + tab.events.length - events.length;
  return {
    tabId,
    url: tab.meta.url,
    title: tab.meta.title,
    events,
    droppedEvents: tab.meta.droppedEvents,
    refusedMessages: tab.meta.refusedMessages,
    csp: tab.meta.csp,
    ...(earlier > 0 ? { earlierEvents: earlier } : {}),
  };
}
