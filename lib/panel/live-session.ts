/**
 * The panel's side of the port: subscribes to a tab, keeps the session current from the
 * snapshot and the appends, and reconnects by itself when the background's service
 * worker restarts (its ports then disconnect).
 */
import type { ActiveOverride, PanelRequest, PanelUpdate, TabSession } from '../protocol';
import type { SessionEvent } from '../model/types';
import { asPanelUpdate } from '../protocol';

export interface PanelPortLike {
  postMessage(message: PanelRequest): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface LiveSession {
  clear(): void;
  /** Sets (`spec`) or clears (null) the tab's outcome override of `method`. */
  override(method: string, spec: string | null, once: boolean): void;
  close(): void;
}

export interface LiveSessionOptions {
  tabId: number;
  connect(): PanelPortLike;
  /** `replaced`: a snapshot took the place of what the panel held (else: events were appended). */
  onSession(session: TabSession, replaced: boolean): void;
  /** The tab's outcome overrides as the background holds them. */
  onOverrides?(active: ActiveOverride[]): void;
  /** Connection state for the status strip. */
  onConnected?(connected: boolean): void;
  setTimer?(fn: () => void, ms: number): unknown;
  /** Runs `fn` after the next frame is painted. */
  afterPaint?(fn: () => void): void;
}

const RETRY_MS = [50, 200, 500, 1000, 2000];

/** What the panel applies: a whole snapshot's parts are joined into one snapshot first. */
type Update = Exclude<PanelUpdate, { kind: 'snapshot-part' | 'overrides' }>;

export function connectLiveSession(options: LiveSessionOptions): LiveSession {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const afterPaint = options.afterPaint ?? ((fn) => requestAnimationFrame(() => setTimer(fn, 0)));
  let session: TabSession | null = null;
  /** Ids of the session's events, built when the first append needs them. */
  let ids: Set<string> | null = null;
  let port: PanelPortLike | null = null;
  let closed = false;
  let attempt = 0;

  // The tab this panel follows: the background moves a session when the browser gives the
  // tab a new id (a discarded tab restored), and the panel subscribes under the new one after.
  let tabId = options.tabId;

  const apply = (update: Update): void => {
    if (update.kind === 'snapshot') {
      session = update.session;
      if (Number.isInteger(session.tabId)) tabId = session.tabId;
      ids = null;
    } else {
      if (!session) return;
      ids ??= new Set(session.events.map((e) => e.id));
      const known = ids;
      const fresh = update.events.filter((e) => !known.has(e.id));
      for (const e of fresh) known.add(e.id);
      session = {
        ...session,
        events: fresh.length ? session.events.concat(fresh) : session.events,
        droppedEvents: update.droppedEvents,
        refusedMessages: update.refusedMessages,
        csp: update.csp,
      };
    }
    options.onSession(session, update.kind === 'snapshot');
  };

  // Updates apply in arrival order; after a partial snapshot (the newest events of a long
  // session) the rest waits until those rows are painted, and only then is it asked for.
  const inbox: Update[] = [];
  let awaitingPaint = false;
  /** The parts of a whole snapshot received so far. */
  let parts: SessionEvent[][] = [];
  const drain = (): void => {
    while (inbox.length > 0) {
      const update = inbox.shift()!;
      apply(update);
      if (update.kind === 'snapshot' && !update.whole) {
        awaitingPaint = true;
        const from = port;
        afterPaint(() => {
          awaitingPaint = false;
          // A port replaced since (a reconnection) gets its own snapshot when it subscribes.
          if (from && port === from) {
            try {
              from.postMessage({ kind: 'rest' });
            } catch {
              // Disconnected: the reconnection subscribes again.
            }
          }
          drain();
        });
        return;
      }
    }
  };
  const receive = (message: PanelUpdate): void => {
    let update: Update;
    if (message.kind === 'overrides') {
      options.onOverrides?.(message.active);
      return;
    }
    if (message.kind === 'snapshot-part') {
      parts.push(message.events);
      if (!message.session) return;
      const events = parts.length === 1 ? parts[0]! : parts.flat();
      parts = [];
      update = { kind: 'snapshot', session: { ...message.session, events }, whole: true };
    } else {
      update = message;
    }
    inbox.push(update);
    if (!awaitingPaint) drain();
  };

  const open = (): void => {
    if (closed) return;
    parts = [];
    try {
      port = options.connect();
    } catch {
      retry();
      return;
    }
    port.onMessage.addListener((message) => {
      attempt = 0;
      const update = asPanelUpdate(message);
      if (update) receive(update);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      options.onConnected?.(false);
      retry();
    });
    port.postMessage({ kind: 'subscribe', tabId });
    options.onConnected?.(true);
  };

  const retry = (): void => {
    if (closed) return;
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
    attempt++;
    setTimer(open, delay);
  };

  open();
  return {
    clear: () => port?.postMessage({ kind: 'clear' }),
    override: (method, spec, once) => port?.postMessage({ kind: 'override', method, spec, once }),
    close: () => {
      closed = true;
      port?.disconnect();
    },
  };
}
