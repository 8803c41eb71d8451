/**
 * The relay's wiring, apart from the extension API it sends through: listens for the
 * hook's batches and the DOM watch, stamps ids and the frame URL, forwards to the
 * background. It runs only in a frame that has to do with Lean: the background injects it
 * when the frame's sentinel (`./sentinel.ts`) wakes, and it starts from what the sentinel
 * held. When the extension is reloaded the orphaned relay goes quiet, and so does the hook:
 * the relay cancels each page batch it receives, and a batch nobody cancels tells the hook
 * there is no one left to listen.
 *
 * Delivery: messages leave one at a time, in order, each numbered (`RelayDelivery`). A
 * message the background never answered because its service worker (or Firefox's event
 * page) was stopped meanwhile is sent again; the background applies each number once, so
 * nothing is lost and nothing is counted twice. While one message is in flight, event
 * batches queued behind it travel together. A prerendered document holds its messages until
 * it is activated (it may never be shown, and is not the tab's page until then), and a
 * document restored from the back/forward cache is marked with a navigation again.
 */
import type { RelayMessage } from '../protocol';
import { PAGE_CHANNEL } from '../protocol';
import type { SessionEvent } from '../model/types';
import { redactStringBounded, redactUrl } from '../privacy/redact';
import { acceptPageMessage, EVENT_BURST, EVENTS_PER_SECOND } from './accept';
import { RateLimiter } from './rate-limit';
import { violationEvent, watchDom, type DomWatchSink } from './dom-watch';
import type { Handover } from './sentinel';

export interface RelayDeps {
  /** Sends to the background; throws or rejects once the extension context is gone. */
  send(message: RelayMessage): Promise<unknown>;
  clock(): number;
  /** A fresh random token, unique per document. */
  randomId(): string;
  /** Runs `fn` after `ms` (tests); `setTimeout` by default. */
  setTimer?(fn: () => void, ms: number): unknown;
  /** What the frame's sentinel held until the relay came (none: a frame the sentinel missed). */
  handover?: Handover | null;
}

/** Waits before each new attempt at a message the background never answered (about 13 s in all). */
const RETRY_MS = [50, 100, 200, 400, 800, 1500, 2500, 3500, 3500];
const NO_ANSWER = new Error('The message port closed before a response was received.');
/** Events waiting in the relay at most, while the background cannot keep up (the tab keeps 10,000). */
export const MAX_WAITING_EVENTS = 10_000;

export function startRelay(win: Window, doc: Document, deps: RelayDeps): () => void {
  const isTop = win === win.top;
  const frameUrl = redactUrl(win.location.href);
  const idPrefix = deps.randomId() + ':';
  const handover = deps.handover ?? null;
  const startedAt = handover?.startedAt ?? deps.clock();
  const limiter = new RateLimiter(EVENTS_PER_SECOND, EVENT_BURST, deps.clock);
  let ownEvents = 0;
  let stopWatch = (): void => undefined;
  let alive = true;

  /** Oldest first; while `inFlight`, `outbox[0]` is the message on its way. */
  const outbox: RelayMessage[] = [];
  let inFlight = false;
  let attempts = 0;
  let seq = 0;
  let eventsQueued = 0;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  // Not yet the tab's page: a prerendered document sends nothing until it is activated.
  let held = (doc as Document & { prerendering?: boolean }).prerendering === true;

  const stamp = (message: RelayMessage): RelayMessage => {
    message.delivery ??= { from: idPrefix, seq: ++seq };
    return message;
  };

  const settled = (message: RelayMessage): void => {
    outbox.shift();
    if (message.kind === 'events') eventsQueued -= message.events.length;
    attempts = 0;
  };

  const pump = (): void => {
    if (!alive || held || inFlight || outbox.length === 0) return;
    const message = stamp(outbox[0]!);
    inFlight = true;
    let sent: Promise<unknown>;
    try {
      sent = deps.send(message);
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      (answer) => {
        inFlight = false;
        // The background answers `true` once the message is stored. No answer: Chrome's "message
        // port closed before a response was received" (the worker stopped while handling it),
        // which the promise API reports as a plain `undefined`.
        if (answer !== true) {
          retryOrGiveUp(message, NO_ANSWER);
          return;
        }
        settled(message);
        pump();
      },
      (error: unknown) => {
        inFlight = false;
        retryOrGiveUp(message, error);
      },
    );
  };

  const retryOrGiveUp = (message: RelayMessage, error: unknown): void => {
    // Only a lost extension context ends the relay.
    if (isContextGone(error)) {
      stop();
      return;
    }
    if (isUndelivered(error) && attempts < RETRY_MS.length) {
      setTimer(pump, RETRY_MS[attempts++]!);
      return;
    }
    // The background refused this message (or never answered, however often asked): it is
    // lost, not the rest of the document's events, and its events are counted as dropped.
    settled(message);
    if (message.kind === 'events' && message.events.length) {
      enqueue({ kind: 'events', events: [], dropped: message.events.length, refused: 0 });
    }
    pump();
  };

  const enqueue = (message: RelayMessage): void => {
    if (!alive) return;
    const last = outbox[outbox.length - 1];
    const lastWaiting = last !== undefined && !(inFlight && outbox.length === 1);
    if (message.kind === 'events') {
      // Bounded while the background cannot keep up: the oldest waiting events give way, counted.
      let overflow = eventsQueued + message.events.length - MAX_WAITING_EVENTS;
      for (let i = inFlight ? 1 : 0; overflow > 0 && i < outbox.length; i++) {
        const waiting = outbox[i]!;
        if (waiting.kind !== 'events' || waiting.delivery) continue;
        const cut = Math.min(overflow, waiting.events.length);
        waiting.events.splice(0, cut);
        waiting.dropped += cut;
        eventsQueued -= cut;
        overflow -= cut;
      }
      eventsQueued += message.events.length;
      if (lastWaiting && last.kind === 'events' && !last.delivery) {
        last.events.push(...message.events);
        last.dropped += message.dropped;
        last.refused += message.refused;
        return;
      }
    }
    outbox.push(message.kind === 'events' ? { ...message, events: message.events.slice() } : { ...message });
    pump();
  };

  /** The document is going away for good: whatever waits leaves now, without waiting for answers. */
  const sendAllNow = (): void => {
    if (!alive || held) return;
    for (let i = inFlight ? 1 : 0; i < outbox.length; i++) {
      try {
        deps.send(stamp(outbox[i]!)).catch(() => undefined);
      } catch {
        // The context is gone: nothing more can leave.
      }
    }
  };

  const send = enqueue;

  const acceptBatch = (detail: unknown): void => {
    const accepted = acceptPageMessage(detail, { idPrefix, frameUrl, limiter });
    if (accepted.events.length || accepted.dropped || accepted.refused) send({ kind: 'events', ...accepted });
  };

  const onPageMessage = (event: Event): void => {
    // Tells the hook its batch was received (see `RecorderDeps.post`).
    event.preventDefault();
    acceptBatch((event as CustomEvent).detail);
  };

  const onReady = (): void => {
    // Redacted before it is cut, so a token across the cut is still recognised.
    if (isTop) send({ kind: 'document-title', title: redactStringBounded(doc.title, 512) });
  };

  const onPageHide = (event: PageTransitionEvent): void => {
    if (!event.persisted) sendAllNow();
  };

  const onPageShow = (event: PageTransitionEvent): void => {
    // Back from the back/forward cache: the tab shows this document again.
    if (!event.persisted || !isTop) return;
    send({ kind: 'document-start', url: redactUrl(win.location.href), time: deps.clock() });
    onReady();
  };

  const onActivated = (): void => {
    held = false;
    pump();
  };

  function stop(): void {
    if (!alive) return;
    alive = false;
    outbox.length = 0;
    doc.removeEventListener(PAGE_CHANNEL, onPageMessage);
    doc.removeEventListener('DOMContentLoaded', onReady);
    doc.removeEventListener('prerenderingchange', onActivated);
    win.removeEventListener('pagehide', onPageHide);
    win.removeEventListener('pageshow', onPageShow);
    stopWatch();
  }

  const sink: DomWatchSink = {
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
    refused() {
      send({ kind: 'events', events: [], dropped: 0, refused: 1 });
    },
  };

  if (isTop) send({ kind: 'document-start', url: frameUrl, time: startedAt });
  // The loader <script>s and <meta> policies already in the document first (the page's Lean came
  // from them), then what the page did before the relay came, in the order it happened.
  stopWatch = watchDom(win, doc, sink, deps.clock, { firstInteractionAt: handover ? handover.firstInteractionAt : null });
  if (handover) {
    if (handover.lost) send({ kind: 'events', events: [], dropped: handover.lost, refused: 0 });
    for (const item of handover.held) {
      if (item.kind === 'batch') {
        acceptBatch(item.detail);
        continue;
      }
      const violation = violationEvent(item.event, item.time);
      if (violation) sink.event(violation);
      else sink.refused();
    }
  }
  doc.addEventListener(PAGE_CHANNEL, onPageMessage);
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', onReady);
  else onReady();
  if (held) doc.addEventListener('prerenderingchange', onActivated, { once: true });
  win.addEventListener('pagehide', onPageHide);
  win.addEventListener('pageshow', onPageShow);
  return stop;
}

/**
 * The extension was reloaded, updated or removed under this content script: Chrome says
 * "Extension context invalidated.", Firefox that the context or the object is dead.
 */
/**
 * The message never reached a listener that answered: the service worker (event page) was
 * stopped or was starting, or the document was moved into the back/forward cache. Chrome and
 * Firefox word it so; an error the background's handler threw carries its own message.
 */
function isUndelivered(error: unknown): boolean {
  try {
    const message = error instanceof Error ? error.message : String(error);
    return /message port closed|message channel (is )?closed|receiving end does not exist|could not establish connection|went out of scope|back\/forward cache|before a response was received/i.test(
      message,
    );
  } catch {
    return false;
  }
}

function isContextGone(error: unknown): boolean {
  try {
    const message = error instanceof Error ? error.message : String(error);
    return /context invalidated|context is invalidated|dead object|extension context/i.test(message);
  } catch {
    // Not even readable: the safest reading is that the context is gone.
    return true;
  }
}
