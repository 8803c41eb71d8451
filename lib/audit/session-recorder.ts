/**
 * The audit's background: the extension's relay handler and session store, fed by the
 * page's relay and the navigation responses' headers, so a target's session — its events,
 * findings and CSP audit — is built by the same code as a tab's in the extension.
 */
import type { PanelHub } from '../background/panel-hub';
import { becomesDocument, policiesFromHeaders, type ResponseHeader } from '../csp/headers';
import { handleDocumentHeaders, handleRelayMessage, type RelayHandlerDeps } from '../background/relay-handler';
import type { TabSession } from '../protocol';
import { type KeyValueArea, SessionStore } from '../background/store';
import type { RelayEnvelope } from './page-channel';

/** The one "tab" of a target. */
const TAB_ID = 1;

/** `storage.session` for one process: values are kept as given (the store writes fresh objects). */
class MapArea implements KeyValueArea {
  private readonly items = new Map<string, unknown>();

  async get(keys: string[] | null): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys ?? this.items.keys()) if (this.items.has(key)) out[key] = this.items.get(key);
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.items.set(key, value);
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}

/** No panel listens during an audit. */
const NO_PANELS = { broadcast: () => undefined } as unknown as PanelHub;

export class SessionRecorder {
  private readonly store = new SessionStore(new MapArea());
  private readonly deps: RelayHandlerDeps;
  /** Messages are applied one after another, in the order they arrived (as the extension's worker does). */
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  /** When the last relay message arrived (epoch ms), for waiting until the page is quiet. */
  lastMessageAt = 0;

  constructor(private readonly clock: () => number = Date.now) {
    let ids = 0;
    this.deps = { store: this.store, hub: NO_PANELS, clock, randomId: () => String(++ids) };
  }

  /**
   * A message the relay sent through its binding (a JSON `RelayEnvelope`). What the handler
   * stamps (a navigation's time) is the time the relay sent it: Node may handle it later.
   */
  relayMessage(payload: string): void {
    this.lastMessageAt = this.clock();
    const { sentAt, message } = JSON.parse(payload) as RelayEnvelope;
    this.enqueue(() => handleRelayMessage(TAB_ID, message, { ...this.deps, clock: () => sentAt }));
  }

  /**
   * A top-level response arrived. `headers` resolves later (Playwright reads them
   * asynchronously); its place in the queue is taken now, before the document's own messages.
   */
  documentResponse(url: string, status: number, headers: Promise<ResponseHeader[]>): void {
    this.enqueue(async () => {
      const list = await headers;
      if (becomesDocument(status, list)) await handleDocumentHeaders(TAB_ID, url, policiesFromHeaders(list), this.deps);
    });
  }

  /** The session as it stands once every message received so far is applied. */
  async session(): Promise<TabSession> {
    await this.queue;
    if (this.failure) throw this.failure;
    return this.store.session(TAB_ID);
  }

  private enqueue(apply: () => Promise<void>): void {
    this.queue = this.queue.then(apply).catch((error: unknown) => {
      this.failure ??= error;
    });
  }
}
