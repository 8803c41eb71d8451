/**
 * The audit's background: the extension's relay handler and session store, fed by the
 * page's relay and the navigation responses' headers, so a target's session — its events,
 * findings and CSP audit — is built by the same code as a tab's in the extension.
 *
 * Unlike a tab's, a target's session never gives up a Lean call or callback to make room:
 * the store drops the oldest events past its caps, so the page's events of other kinds (CSP
 * violations, the SDK's and loader's) are capped here first, the newest refused and counted.
 * Whatever was lost on the way is counted by cause (`SessionLosses`) for the run to report.
 */
import type { PanelHub } from '../background/panel-hub';
import { becomesDocument, policiesFromHeaders, type ResponseHeader } from '../csp/headers';
import { handleDocumentHeaders, handleRelayMessage, type RelayHandlerDeps } from '../background/relay-handler';
import type { RelayMessage, TabSession } from '../protocol';
import type { SessionEvent } from '../model/types';
import { type KeyValueArea, MAX_BYTES_PER_TAB, MAX_EVENTS_PER_TAB, SessionStore } from '../background/store';
import type { RelayEnvelope } from './page-channel';

/** Events of other kinds than Lean calls and callbacks one target keeps at most (the rest of the store's room is Lean's). */
export const MAX_OTHER_EVENTS = MAX_EVENTS_PER_TAB / 5;
/** …and their serialised characters at most. */
export const MAX_OTHER_CHARS = MAX_BYTES_PER_TAB / 5;

/** The events the page's own integration produces: the findings are theirs. */
const PROTECTED: ReadonlySet<SessionEvent['type']> = new Set(['call', 'callback', 'call-error']);

/** What a target's session lost, by cause. */
export interface SessionLosses {
  /** Events the page's hook or relay could not pass on (their queues and rate limit), as they reported. */
  droppedInPage: number;
  /** Events of other kinds past `MAX_OTHER_EVENTS` / `MAX_OTHER_CHARS`. */
  droppedOtherKinds: number;
  /** Events the session's own caps (`MAX_EVENTS_PER_TAB`, `MAX_BYTES_PER_TAB`) gave up. */
  droppedBySession: number;
  /** Page messages refused: malformed, oversized, or imitating the hook with ids already used. */
  refusedMessages: number;
  /** Messages received that were not yet applied when the session was read by its deadline. */
  unappliedMessages: number;
}

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
  private pending = 0;
  /** Messages not applied when the session was last read (by its deadline). */
  private unapplied = 0;
  private droppedInPage = 0;
  private droppedOtherKinds = 0;
  private otherEvents = 0;
  private otherChars = 0;
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
    const admitted = message.kind === 'events' ? this.admit(message) : message;
    this.enqueue(() => handleRelayMessage(TAB_ID, admitted, { ...this.deps, clock: () => sentAt }));
  }

  /**
   * A top-level response arrived, with the headers it was received with (known at once: a
   * response served from a Speculation Rules prefetch never gets the raw headers Playwright
   * would wait for). Its place in the queue comes before the document's own messages.
   */
  documentResponse(url: string, status: number, headers: ResponseHeader[]): void {
    this.enqueue(async () => {
      if (becomesDocument(status, headers)) await handleDocumentHeaders(TAB_ID, url, policiesFromHeaders(headers), this.deps);
    });
  }

  /**
   * The session once every message received so far is applied, or by `deadline` (epoch ms)
   * as it stands then, the messages still waiting counted in `losses()`.
   */
  async session(deadline = Infinity): Promise<TabSession> {
    const applied = await new Promise<boolean>((resolve) => {
      const timer = Number.isFinite(deadline) ? setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())) : undefined;
      void this.queue.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    this.unapplied = applied ? 0 : this.pending;
    if (applied && this.failure) throw this.failure;
    return this.store.session(TAB_ID);
  }

  /** What the session lost, by cause, given the session as last read. */
  losses(session: Pick<TabSession, 'droppedEvents' | 'refusedMessages'>): SessionLosses {
    return {
      droppedInPage: this.droppedInPage,
      droppedOtherKinds: this.droppedOtherKinds,
      droppedBySession: Math.max(0, session.droppedEvents - this.droppedInPage - this.droppedOtherKinds),
      refusedMessages: session.refusedMessages,
      unappliedMessages: this.unapplied,
    };
  }

  /** The message with the events of other kinds past their cap taken out, and counted as dropped. */
  private admit(message: Extract<RelayMessage, { kind: 'events' }>): RelayMessage {
    this.droppedInPage += message.dropped;
    const events: SessionEvent[] = [];
    let cut = 0;
    for (const event of message.events) {
      if (PROTECTED.has(event.type)) {
        events.push(event);
        continue;
      }
      const chars = JSON.stringify(event).length;
      if (this.otherEvents + 1 > MAX_OTHER_EVENTS || this.otherChars + chars > MAX_OTHER_CHARS) {
        cut++;
        continue;
      }
      this.otherEvents++;
      this.otherChars += chars;
      events.push(event);
    }
    if (cut === 0) return message;
    this.droppedOtherKinds += cut;
    return { ...message, events, dropped: message.dropped + cut };
  }

  private enqueue(apply: () => Promise<void>): void {
    this.pending++;
    this.queue = this.queue
      .then(apply)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending--);
  }
}
