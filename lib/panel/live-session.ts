/**
 * The panel's side of the port: subscribes to a tab, keeps the session current from the
 * snapshot and the appends, and reconnects by itself when the background's service
 * worker restarts (its ports then disconnect).
 */
import type { PanelRequest, PanelUpdate, TabSession } from '../protocol';

export interface PanelPortLike {
  postMessage(message: PanelRequest): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface LiveSession {
  clear(): void;
  close(): void;
}

export interface LiveSessionOptions {
  tabId: number;
  connect(): PanelPortLike;
  onSession(session: TabSession): void;
  /** Connection state for the status strip. */
  onConnected?(connected: boolean): void;
  setTimer?(fn: () => void, ms: number): unknown;
}

const RETRY_MS = [50, 200, 500, 1000, 2000];

export function connectLiveSession(options: LiveSessionOptions): LiveSession {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  let session: TabSession | null = null;
  let ids = new Set<string>();
  let port: PanelPortLike | null = null;
  let closed = false;
  let attempt = 0;

  // The tab this panel follows: the background moves a session when the browser gives the
  // tab a new id (a discarded tab restored), and the panel subscribes under the new one after.
  let tabId = options.tabId;

  const apply = (update: PanelUpdate): void => {
    if (update.kind === 'snapshot') {
      session = update.session;
      if (Number.isInteger(session.tabId)) tabId = session.tabId;
      ids = new Set(session.events.map((e) => e.id));
    } else {
      if (!session) return;
      const fresh = update.events.filter((e) => !ids.has(e.id));
      for (const e of fresh) ids.add(e.id);
      session = {
        ...session,
        events: fresh.length ? session.events.concat(fresh) : session.events,
        droppedEvents: update.droppedEvents,
        refusedMessages: update.refusedMessages,
        csp: update.csp,
      };
    }
    options.onSession(session);
  };

  const open = (): void => {
    if (closed) return;
    try {
      port = options.connect();
    } catch {
      retry();
      return;
    }
    port.onMessage.addListener((message) => {
      attempt = 0;
      apply(message as PanelUpdate);
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
    close: () => {
      closed = true;
      port?.disconnect();
    },
  };
}
