/**
 * The isolated-world script of every frame: it only listens, and holds what the page did,
 * until the frame has to do with Lean. Then it asks the background for the relay
 * (`lib/relay/start.ts`, injected into this frame with `scripting.executeScript`) and hands it
 * what it held. It imports no validation, no polyfill and no framework, and watches no DOM
 * mutation (a MutationObserver over the parser's insertions cost a frame more than the rest of
 * the sentinel together: docs/benchmarks.md), so a frame without Lean pays a few listeners.
 *
 * Wakes on: the hook speaking (a batch on `PAGE_CHANNEL`: Lean was assigned, whichever way it
 * came), a Lean loader the browser blocked (a CSP violation of its URL) or failed to load (its
 * `error` event). The background also injects the relay into a top frame it wants recorded (a
 * panel, or a subframe's Lean), reading `startedAt` here first (lib/background/inject.ts). The relay finds the loader `<script>`s in the document when it starts (`dom-watch.ts`).
 * Holds meanwhile, bounded and counted: the hook's batches (each cancelled at once, so the
 * hook knows someone listens), the browser's CSP violations, and when the user first
 * interacted. A prerendered document wakes only once it is activated.
 */
import { HOOK_ASK, HOOK_HELLO, PAGE_CHANNEL } from '../protocol';
import { LOADER_PATH } from '../model/loader-url';

/** Hook batches and violations a sentinel holds at most; beyond, counted as lost. */
const MAX_HELD = 1000;
/** Characters of hook batches held at most (the relay reads 1,000,000 per batch). */
const MAX_HELD_CHARS = 8_000_000;
/** Requests for the relay per document: one not granted (a stopped worker, a refused site) is asked again at the next wake. */
const MAX_REQUESTS = 3;
/** CSP violations held at most: a page without Lean can report one per image. */
export const MAX_HELD_VIOLATIONS = 100;

export type Held = { kind: 'batch'; detail: string } | { kind: 'violation'; event: SecurityPolicyViolationEvent; time: number };

/** What the relay takes over from the sentinel of its frame. */
export interface Handover {
  startedAt: number;
  /** When the user first pressed, typed or touched in the frame (null: not yet). */
  firstInteractionAt: number | null;
  held: Held[];
  /** Held items given up to the caps: counted as dropped events in the session. */
  lost: number;
  /** The hook's private node (`HOOK_HELLO`), where the relay sends overrides; null: no hook spoke. */
  hookNode: EventTarget | null;
}

export interface Sentinel {
  /** Stops listening and returns what was held; null after the first call (one relay per document). */
  handOver(): Handover | null;
  readonly startedAt: number;
  /** Whether `handOver` was called: a relay runs in this document. */
  readonly relayed: boolean;
}

export interface SentinelDeps {
  /** Asks the background to bring up the relay in this frame; resolves true once it did. */
  requestRelay(): Promise<boolean>;
  clock(): number;
}

const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart'];
const CAPTURE = { capture: true, passive: true };

export function startSentinel(win: Window, doc: Document, deps: SentinelDeps): Sentinel {
  const startedAt = deps.clock();
  let held: Held[] = [];
  let heldChars = 0;
  let lost = 0;
  let violations = 0;
  let firstInteractionAt: number | null = null;
  let woken = false;
  let requested = false;
  let requests = 0;
  let handedOver = false;
  let hookNode: EventTarget | null = null;

  const hold = (item: Held, chars: number): void => {
    if (held.length >= MAX_HELD || heldChars + chars > MAX_HELD_CHARS) {
      lost++;
      return;
    }
    heldChars += chars;
    held.push(item);
  };

  const request = (): void => {
    if (requested || handedOver || requests >= MAX_REQUESTS || (doc as Document & { prerendering?: boolean }).prerendering === true) return;
    requested = true;
    requests++;
    const again = (): void => {
      requested = false;
    };
    try {
      deps.requestRelay().then((granted) => {
        if (!granted) again();
      }, again);
    } catch {
      // The extension is gone (reloaded or removed): stop listening, so the hook's next batch
      // finds no one and the hook goes quiet too.
      stopListening();
      held = [];
    }
  };

  const wake = (): void => {
    woken = true;
    request();
  };

  const onBatch = (event: Event): void => {
    // Tells the hook its batch was received (see `RecorderDeps.post`).
    event.preventDefault();
    const detail: unknown = (event as CustomEvent).detail;
    hold({ kind: 'batch', detail: typeof detail === 'string' ? detail : '' }, typeof detail === 'string' ? detail.length : 0);
    wake();
  };

  const onViolation = (event: SecurityPolicyViolationEvent): void => {
    if (++violations > MAX_HELD_VIOLATIONS) lost++;
    else hold({ kind: 'violation', event, time: deps.clock() }, 0);
    if (event.isTrusted && LOADER_PATH.test(String(event.blockedURI))) wake();
  };

  const onError = (event: Event): void => {
    const target = event.target as HTMLScriptElement | null;
    if (event.isTrusted && target?.localName === 'script' && LOADER_PATH.test(target.src)) wake();
  };

  const stopInteractions = (): void => {
    for (const type of INTERACTIONS) win.removeEventListener(type, onInteraction, CAPTURE);
  };

  function onInteraction(event: Event): void {
    if (!event.isTrusted) return;
    firstInteractionAt = deps.clock();
    stopInteractions();
  }

  // The hook's hello, at document_start: only the first one, before any page script could say it.
  const onHello = (event: Event): void => {
    doc.removeEventListener(HOOK_HELLO, onHello);
    const node = (event as MouseEvent).relatedTarget;
    if (node && typeof (node as EventTarget).dispatchEvent === 'function') {
      hookNode = node;
      event.preventDefault();
    }
  };

  const onActivated = (): void => {
    if (woken) request();
  };

  function stopListening(): void {
    doc.removeEventListener(PAGE_CHANNEL, onBatch);
    doc.removeEventListener('securitypolicyviolation', onViolation, true);
    doc.removeEventListener('error', onError, true);
    doc.removeEventListener('prerenderingchange', onActivated);
    doc.removeEventListener(HOOK_HELLO, onHello);
    stopInteractions();
  }

  doc.addEventListener(PAGE_CHANNEL, onBatch);
  doc.addEventListener('securitypolicyviolation', onViolation, true);
  doc.addEventListener('error', onError, true);
  doc.addEventListener('prerenderingchange', onActivated);
  for (const type of INTERACTIONS) win.addEventListener(type, onInteraction, CAPTURE);
  // A hook that ran first says hello again when asked; one that runs later says it by itself.
  doc.addEventListener(HOOK_HELLO, onHello);
  doc.dispatchEvent(new Event(HOOK_ASK));
  // The hook's hello comes in this task (the browser runs a frame's document_start scripts one
  // after the other); a later one could be a page's: none is taken after it.
  setTimeout(() => doc.removeEventListener(HOOK_HELLO, onHello), 0);

  return {
    startedAt,
    get relayed() {
      return handedOver;
    },
    handOver(): Handover | null {
      if (handedOver) return null;
      handedOver = true;
      stopListening();
      const handover = { startedAt, firstInteractionAt, held, lost, hookNode };
      held = [];
      return handover;
    },
  };
}
