/**
 * One session per tab, kept in a key-value area (`storage.session` in the extension) so
 * that a service-worker restart loses nothing.
 *
 * Layout: `tab:<id>` holds the metadata, `tab:<id>:<n>` chunk n of the events, so an
 * append rewrites only the last chunk. The per-tab cap drops whole chunks, oldest first,
 * and counts what it dropped in `droppedEvents`: a flood costs bounded memory and the
 * newest activity, which the developer is looking at, is kept.
 */
import type { TabSession } from '../protocol';
import type { CspAudit, SessionEvent } from './types';

export interface KeyValueArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export const CHUNK_SIZE = 250;
/** Documented in the README: the most events one tab keeps… */
export const MAX_EVENTS_PER_TAB = 10_000;
/**
 * …and the most serialised bytes. `storage.session` holds 10 MB for the whole extension,
 * so one tab keeps at most 6 MB; when the area is full all the same (several busy tabs),
 * the tab being written gives up its oldest chunks until the write fits.
 */
export const MAX_BYTES_PER_TAB = 6_000_000;
const MAX_QUOTA_RETRIES = 40;

interface TabMeta {
  url: string;
  title: string;
  droppedEvents: number;
  refusedMessages: number;
  csp: CspAudit | null;
  /** Number of the oldest chunk still stored. */
  firstChunk: number;
  /** The last relay message applied, by sending document (`RelayDelivery`); the newest few. */
  delivered?: Record<string, number>;
}

/** Documents whose last delivered message a tab remembers (a relay only ever re-sends its latest). */
const MAX_DELIVERY_SOURCES = 64;

interface LoadedTab {
  meta: TabMeta;
  /** Every stored event, oldest first; chunk `firstChunk + k` is `events[k*CHUNK_SIZE…]`. */
  events: SessionEvent[];
  /** Serialised size of each event, parallel to `events`, and their sum. */
  sizes: number[];
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

const metaKey = (tabId: number) => `tab:${tabId}`;
const chunkKey = (tabId: number, n: number) => `tab:${tabId}:${n}`;

function emptyMeta(): TabMeta {
  return { url: '', title: '', droppedEvents: 0, refusedMessages: 0, csp: null, firstChunk: 0 };
}

export class SessionStore {
  private readonly tabs = new Map<number, Promise<LoadedTab>>();
  /** Per-tab queue: operations on one tab run one after another. */
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(private readonly area: KeyValueArea) {}

  session(tabId: number): Promise<TabSession> {
    return this.run(tabId, (tab) => toSession(tabId, tab));
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
        const size = JSON.stringify(prepared).length;
        tab.ids.add(prepared.id);
        tab.events.push(prepared);
        tab.sizes.push(size);
        tab.bytes += size;
        added.push(prepared);
      }
      tab.meta.droppedEvents += counts.dropped ?? 0;
      tab.meta.refusedMessages += (counts.refused ?? 0) + duplicates;
      await this.persist(tabId, tab, before, this.enforceCap(tab));
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
      tab.sizes = [];
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
      tab.sizes = tab.events.map((e) => JSON.stringify(e).length);
      tab.bytes = tab.sizes.reduce((a, b) => a + b, 0);
      tab.ids = new Set(tab.events.map((e) => e.id));
      const current = tab.meta;
      tab.meta = {
        url: current.url || moved.meta.url,
        title: current.title || moved.meta.title,
        droppedEvents: moved.meta.droppedEvents + current.droppedEvents,
        refusedMessages: moved.meta.refusedMessages + current.refusedMessages,
        csp: current.csp ?? moved.meta.csp,
        firstChunk: 0,
        delivered: { ...moved.meta.delivered, ...current.delivered },
      };
      await this.area.remove(staleKeys);
      await this.persist(toTabId, tab, 0, this.enforceCap(tab));
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
    // A failed operation must not wedge the queue for the next one.
    this.queues.set(
      tabId,
      next.catch(() => undefined),
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
    const stored = await this.area.get([metaKey(tabId)]);
    const meta = (stored[metaKey(tabId)] as TabMeta | undefined) ?? emptyMeta();
    const events: SessionEvent[] = [];
    for (let n = meta.firstChunk; ; n++) {
      const chunk = (await this.area.get([chunkKey(tabId, n)]))[chunkKey(tabId, n)] as SessionEvent[] | undefined;
      if (!chunk) break;
      events.push(...chunk);
    }
    const sizes = events.map((e) => JSON.stringify(e).length);
    return { meta, events, sizes, bytes: sizes.reduce((a, b) => a + b, 0), ids: new Set(events.map((e) => e.id)) };
  }

  private enforceCap(tab: LoadedTab): number {
    let removed = 0;
    while (tab.events.length > MAX_EVENTS_PER_TAB || (tab.bytes > MAX_BYTES_PER_TAB && tab.events.length > CHUNK_SIZE)) {
      this.dropOldestChunk(tab);
      removed++;
    }
    return removed;
  }

  private dropOldestChunk(tab: LoadedTab): void {
    const chunk = tab.events.splice(0, CHUNK_SIZE);
    for (const size of tab.sizes.splice(0, CHUNK_SIZE)) tab.bytes -= size;
    for (const event of chunk) tab.ids.delete(event.id);
    tab.meta.droppedEvents += chunk.length;
    tab.meta.firstChunk++;
  }

  private async persist(tabId: number, tab: LoadedTab, before: number, removedChunks: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.writeFrom(tabId, tab, before, removedChunks);
        break;
      } catch (error) {
        // Out of quota: give up the oldest events (counted) rather than every new one.
        if (attempt >= MAX_QUOTA_RETRIES || tab.events.length === 0) throw error;
        this.dropOldestChunk(tab);
        removedChunks++;
      }
    }
  }

  private async writeFrom(tabId: number, tab: LoadedTab, before: number, removedChunks: number): Promise<void> {
    // Stale chunks go first, so a retry after a quota error has their room.
    if (removedChunks > 0) {
      const stale: string[] = [];
      for (let n = tab.meta.firstChunk - removedChunks; n < tab.meta.firstChunk; n++) stale.push(chunkKey(tabId, n));
      await this.area.remove(stale);
    }
    const items: Record<string, unknown> = { [metaKey(tabId)]: tab.meta };
    // Chunks are rewritten from the one the first new event landed in.
    const firstDirty = Math.max(0, Math.floor(before / CHUNK_SIZE) - removedChunks);
    for (let k = firstDirty; k * CHUNK_SIZE < tab.events.length; k++) {
      items[chunkKey(tabId, tab.meta.firstChunk + k)] = tab.events.slice(k * CHUNK_SIZE, (k + 1) * CHUNK_SIZE);
    }
    await this.area.set(items);
  }

  private chunkKeys(tabId: number, tab: LoadedTab): string[] {
    const keys: string[] = [];
    const chunks = Math.ceil(tab.events.length / CHUNK_SIZE);
    for (let k = 0; k < chunks; k++) keys.push(chunkKey(tabId, tab.meta.firstChunk + k));
    return keys;
  }
}

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

function toSession(tabId: number, tab: LoadedTab): TabSession {
  return {
    tabId,
    url: tab.meta.url,
    title: tab.meta.title,
    events: tab.events.slice(),
    droppedEvents: tab.meta.droppedEvents,
    refusedMessages: tab.meta.refusedMessages,
    csp: tab.meta.csp,
  };
}
