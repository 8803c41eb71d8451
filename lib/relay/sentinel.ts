/**
 * The isolated-world script of every frame: it only watches, and holds what the page did,
 * until the frame has to do with Lean. Then it asks the background for the relay
 * (`lib/relay/start.ts`, injected into this frame with `scripting.executeScript`) and hands it
 * what it held. It imports no validation, no polyfill and no framework, so a frame without
 * Lean compiles a few kilobytes of it and nothing more (docs/benchmarks.md).
 *
 * Wakes on: the hook speaking (a batch on `PAGE_CHANNEL`), a Lean loader `<script>` in the
 * document, or the background asking the top frame to record (a panel, or a subframe's Lean).
 * Holds meanwhile, bounded and counted: the hook's batches (each cancelled at once, so the
 * hook knows someone listens), the browser's CSP violations, the loader scripts seen with
 * their time and whether the user had interacted by then. A prerendered document wakes only
 * once it is activated.
 */
import { PAGE_CHANNEL } from '../protocol';
import { LOADER_PATH } from '../model/loader-url';

/** Hook batches, violations and loaders a sentinel holds at most; beyond, counted as lost. */
export const MAX_HELD = 1000;
/** CSP violations held at most: a page without Lean can report one per image. */
export const MAX_HELD_VIOLATIONS = 100;
/** Characters of hook batches held at most (the relay reads 1,000,000 per batch). */
export const MAX_HELD_CHARS = 8_000_000;

export type Held =
  | { kind: 'batch'; detail: string }
  | { kind: 'violation'; event: SecurityPolicyViolationEvent; time: number }
  | { kind: 'loader'; script: HTMLScriptElement; time: number; afterInteraction: boolean };

/** What the relay takes over from the sentinel of its frame. */
export interface Handover {
  startedAt: number;
  interacted: boolean;
  held: Held[];
  /** Held items given up to the caps: counted as dropped events in the session. */
  lost: number;
}

export interface Sentinel {
  /** Stops watching and returns what was held; null after the first call (one relay per document). */
  handOver(): Handover | null;
  /** Asks for the relay (idempotent); what a `record` request from the background does. */
  wake(): void;
  readonly startedAt: number;
}

export interface SentinelDeps {
  /** Asks the background to bring up the relay in this frame. */
  requestRelay(): void;
  clock(): number;
}

const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart'];

export function startSentinel(win: Window, doc: Document, deps: SentinelDeps): Sentinel {
  const startedAt = deps.clock();
  let held: Held[] = [];
  let heldChars = 0;
  let lost = 0;
  let violations = 0;
  let interacted = false;
  let woken = false;
  let requested = false;
  let handedOver = false;
  const seen = new WeakSet<Element>();
  const scripts = doc.getElementsByTagName('script');

  const hold = (item: Held, chars: number): void => {
    if (held.length >= MAX_HELD || heldChars + chars > MAX_HELD_CHARS) {
      lost++;
      return;
    }
    heldChars += chars;
    held.push(item);
  };

  const request = (): void => {
    if (requested || handedOver || (doc as Document & { prerendering?: boolean }).prerendering === true) return;
    requested = true;
    try {
      deps.requestRelay();
    } catch {
      // The extension is gone: nothing to wake.
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
  };

  const onInteraction = (event: Event): void => {
    if (event.isTrusted) interacted = true;
  };

  const scan = (): void => {
    for (const script of scripts) {
      if (seen.has(script)) continue;
      seen.add(script);
      if (script.src && LOADER_PATH.test(script.src)) {
        hold({ kind: 'loader', script, time: deps.clock(), afterInteraction: interacted }, 0);
        wake();
      }
    }
  };

  const onActivated = (): void => {
    if (woken) request();
  };

  const observer = new MutationObserver(scan);
  observer.observe(doc, { childList: true, subtree: true });
  doc.addEventListener(PAGE_CHANNEL, onBatch);
  doc.addEventListener('securitypolicyviolation', onViolation, true);
  doc.addEventListener('prerenderingchange', onActivated);
  for (const type of INTERACTIONS) win.addEventListener(type, onInteraction, { capture: true, passive: true });
  scan();

  return {
    startedAt,
    wake,
    handOver(): Handover | null {
      if (handedOver) return null;
      handedOver = true;
      observer.disconnect();
      // Whatever the last mutations added, seen before the relay's own watch starts.
      scan();
      doc.removeEventListener(PAGE_CHANNEL, onBatch);
      doc.removeEventListener('securitypolicyviolation', onViolation, true);
      doc.removeEventListener('prerenderingchange', onActivated);
      for (const type of INTERACTIONS) win.removeEventListener(type, onInteraction, { capture: true });
      const handover = { startedAt, interacted, held, lost };
      held = [];
      return handover;
    },
  };
}
