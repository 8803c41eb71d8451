/**
 * Keeps every open panel of a tab up to date: a snapshot when it subscribes (backfill),
 * then each append as it happens. Ports sit behind a small interface so this runs in
 * unit tests without a browser.
 *
 * A long session goes in two snapshots: its newest events first, then the whole of it.
 * Extension messaging costs about 50 ns per byte (a 10,000-event session is ~4 MB and
 * ~150 ms to post), so a panel paints the rows it shows first and loads the rest after.
 * The panel parses each message on its main thread as it arrives, so it asks for the rest
 * (`rest`) once the first rows are painted, and the rest comes in parts: the worker
 * serialises one while the panel parses the one before. A tab read from storage is loaded
 * while the panel paints.
 */
import type { ActiveOverride, PanelUpdate } from '../protocol';
import { asPanelRequest } from '../protocol';
import type { SessionStore } from './store';

export interface PanelPort {
  postMessage(message: PanelUpdate): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** What the hub asks of the tab's outcome overrides (`./overrides.ts`). */
export interface HubOverrides {
  active(tabId: number): ActiveOverride[];
  /** A panel subscribed to the tab. */
  attached(tabId: number): void;
  /** A panel of the tab set (`spec`) or cleared (null) the override of `method`. */
  set(tabId: number, method: string, spec: string | null, once: boolean): void;
  /** The tab's last panel disconnected. */
  end(tabId: number): void;
}

/** Events in a panel's first snapshot: a screenful many times over. */
export const FIRST_SNAPSHOT_EVENTS = 250;
/** Events per part of a whole snapshot: ~400 KB, a few ms to parse. */
export const SNAPSHOT_PART_EVENTS = 1000;

export class PanelHub {
  private readonly subscribers = new Map<number, Set<PanelPort>>();
  /** Re-points a port's subscription when its tab gets a new id. */
  private readonly tabOfPort = new Map<PanelPort, (tabId: number) => void>();

  /** `subscribed`: a panel was attached to the tab (it then records: `RecordingTabs`). */
  constructor(
    private readonly store: SessionStore,
    private readonly subscribed: (tabId: number) => void = () => undefined,
    private readonly overrides?: HubOverrides,
  ) {}

  attach(port: PanelPort): void {
    let tabId: number | null = null;
    this.tabOfPort.set(port, (id) => {
      tabId = id;
    });
    port.onMessage.addListener((message) => {
      const request = asPanelRequest(message);
      if (request?.kind === 'subscribe') {
        tabId = request.tabId;
        this.portsOf(tabId).add(port);
        this.subscribed(tabId);
        void this.sendSnapshot(tabId, [port]);
        if (this.overrides) {
          this.overrides.attached(tabId);
          safePost(port, { kind: 'overrides', active: this.overrides.active(tabId) });
        }
      } else if (request?.kind === 'override' && tabId !== null && this.portsOf(tabId).has(port)) {
        this.overrides?.set(tabId, request.method, request.spec, request.once);
      } else if (request?.kind === 'rest' && tabId !== null) {
        void this.sendWhole(tabId, port);
      } else if (request?.kind === 'clear' && tabId !== null) {
        const id = tabId;
        void this.store.clear(id).then(() => this.sendSnapshot(id, [...this.portsOf(id)]));
      }
    });
    port.onDisconnect.addListener(() => {
      if (tabId !== null) {
        this.portsOf(tabId).delete(port);
        if (!this.hasPanel(tabId)) this.overrides?.end(tabId);
      }
      this.tabOfPort.delete(port);
    });
  }

  /** The tab got a new id (see `SessionStore.move`): its panels follow it, with a fresh snapshot. */
  move(fromTabId: number, toTabId: number): void {
    const ports = this.subscribers.get(fromTabId);
    this.subscribers.delete(fromTabId);
    if (!ports?.size) return;
    for (const port of ports) {
      this.portsOf(toTabId).add(port);
      this.tabOfPort.get(port)?.(toTabId);
    }
    void this.sendSnapshot(toTabId, [...ports]);
  }

  /** Whether a panel is showing the tab (the store never gives up its events for another tab's). */
  hasPanel(tabId: number): boolean {
    return (this.subscribers.get(tabId)?.size ?? 0) > 0;
  }

  broadcast(tabId: number, update: PanelUpdate): void {
    for (const port of this.portsOf(tabId)) safePost(port, update);
  }

  private async sendSnapshot(tabId: number, ports: PanelPort[]): Promise<void> {
    const recent = await this.store.recent(tabId, FIRST_SNAPSHOT_EVENTS);
    const whole = recent.exact && !recent.session.earlierEvents;
    for (const port of ports) safePost(port, { kind: 'snapshot', session: recent.session, whole });
    // Loads a tab read from storage while the panel paints; `rest` then finds it in memory.
    if (!whole) void this.store.session(tabId).catch(() => undefined);
  }

  private async sendWhole(tabId: number, port: PanelPort): Promise<void> {
    const { events, ...rest } = await this.store.session(tabId);
    // Posted in one go: an append posted after them is newer than the session they hold.
    for (let from = 0; from < events.length || from === 0; from += SNAPSHOT_PART_EVENTS) {
      const to = from + SNAPSHOT_PART_EVENTS;
      safePost(port, { kind: 'snapshot-part', events: events.slice(from, to), session: to >= events.length ? rest : null });
    }
  }

  private portsOf(tabId: number): Set<PanelPort> {
    let ports = this.subscribers.get(tabId);
    if (!ports) {
      ports = new Set();
      this.subscribers.set(tabId, ports);
    }
    return ports;
  }
}

function safePost(port: PanelPort, update: PanelUpdate): void {
  try {
    port.postMessage(update);
  } catch {
    // The panel went away between two messages; its disconnect handler cleans up.
  }
}
