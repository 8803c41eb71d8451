/**
 * The relay's wiring, apart from the extension API it sends through: listens for the
 * hook's batches and the DOM watch, stamps ids and the frame URL, forwards to the
 * background. When the extension is reloaded the orphaned relay goes quiet, and so does the
 * hook: the relay cancels each page batch it receives, and a batch nobody cancels tells
 * the hook there is no one left to listen.
 */
import type { RelayMessage } from '../protocol';
import { PAGE_CHANNEL } from '../protocol';
import type { SessionEvent } from '../session/types';
import { redactStringBounded, redactUrl } from '../hook/redact';
import { acceptPageMessage, EVENT_BURST, EVENTS_PER_SECOND } from './accept';
import { RateLimiter } from './rate-limit';
import { watchDom } from './dom-watch';

export interface RelayDeps {
  /** Sends to the background; throws or rejects once the extension context is gone. */
  send(message: RelayMessage): Promise<unknown>;
  clock(): number;
  /** A fresh random token, unique per document. */
  randomId(): string;
}

export function startRelay(win: Window, doc: Document, deps: RelayDeps): () => void {
  const isTop = win === win.top;
  const frameUrl = redactUrl(win.location.href);
  const idPrefix = deps.randomId() + ':';
  const limiter = new RateLimiter(EVENTS_PER_SECOND, EVENT_BURST, deps.clock);
  let ownEvents = 0;
  let stopWatch = (): void => undefined;
  let alive = true;

  /**
   * Only a lost extension context ends the relay. Any other failure (the background
   * refusing one message) loses that message, not the rest of the document's events.
   */
  const onSendError = (error: unknown): void => {
    if (isContextGone(error)) stop();
  };

  const send = (message: RelayMessage): void => {
    if (!alive) return;
    try {
      deps.send(message).catch(onSendError);
    } catch (error) {
      onSendError(error);
    }
  };

  const onPageMessage = (event: Event): void => {
    // Tells the hook its batch was received (see `RecorderDeps.post`).
    event.preventDefault();
    const accepted = acceptPageMessage((event as CustomEvent).detail, { idPrefix, frameUrl, limiter });
    if (accepted.events.length || accepted.dropped || accepted.refused) send({ kind: 'events', ...accepted });
  };

  const onReady = (): void => {
    // Redacted before it is cut, so a token across the cut is still recognised.
    if (isTop) send({ kind: 'document-title', title: redactStringBounded(doc.title, 512) });
  };

  function stop(): void {
    if (!alive) return;
    alive = false;
    doc.removeEventListener(PAGE_CHANNEL, onPageMessage);
    doc.removeEventListener('DOMContentLoaded', onReady);
    stopWatch();
  }

  if (isTop) send({ kind: 'document-start', url: frameUrl });
  doc.addEventListener(PAGE_CHANNEL, onPageMessage);
  doc.addEventListener('DOMContentLoaded', onReady);
  stopWatch = watchDom(
    win,
    doc,
    {
      event(partial) {
        if (!limiter.take()) {
          send({ kind: 'events', events: [], dropped: 1, refused: 0 });
          return;
        }
        const event = { ...partial, id: idPrefix + 'r' + ++ownEvents, frameUrl } as SessionEvent;
        send({ kind: 'events', events: [event], dropped: 0, refused: 0 });
      },
      metaPolicies(policies) {
        if (isTop) send({ kind: 'meta-csp', policies });
      },
    },
    deps.clock,
  );
  return stop;
}

/**
 * The extension was reloaded, updated or removed under this content script: Chrome says
 * "Extension context invalidated.", Firefox that the context or the object is dead.
 */
function isContextGone(error: unknown): boolean {
  try {
    const message = error instanceof Error ? error.message : String(error);
    return /context invalidated|context is invalidated|dead object|extension context/i.test(message);
  } catch {
    // Not even readable: the safest reading is that the context is gone.
    return true;
  }
}
