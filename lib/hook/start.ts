/**
 * The hook's wiring: a recorder that posts to the relay over a DOM event, the
 * instrumenter, the global trap and the checkpoints at which the page may have taken
 * the global over. Every browser built-in used here was captured at document_start.
 *
 * Checkpoints: while the document is parsed, a MutationObserver (its callback runs before
 * each parser-inserted script executes); script `load` events (capture on the document);
 * DOMContentLoaded; load. The batch is cancelable: the relay cancels it to say it received
 * it, so when nobody does (the extension was reloaded or removed) the hook goes quiet.
 */
import { PAGE_CHANNEL } from '../protocol';
import { Recorder } from './recorder';
import { createInstrumenter } from './instrument';
import { OverrideTable } from './override';
import { offerOverrideChannel } from './override-channel';
import { installGlobalTrap } from './trap';
import {
  addEventListener,
  CustomEventCtor,
  dateNow,
  dispatchEvent,
  MutationObserverCtor,
  mutationObserverDisconnect,
  mutationObserverObserve,
  removeEventListener,
  setTimeoutFn,
} from '../model/intrinsics';

/**
 * `overrides`: outcome overrides from whoever injected the hook (the audit, at init;
 * docs/overrides.md), never from the page. `fromRelay` (the extension's hook): none at first;
 * the relay may send some later over the private channel (`./override-channel.ts`).
 */
export function startHook(win: Window, doc: Document, overrides?: OverrideTable, fromRelay = false): void {
  const CustomEvent = CustomEventCtor;
  const dispatch = dispatchEvent;
  const setTimer = setTimeoutFn;
  const listen = addEventListener;
  if (!CustomEvent || !dispatch || !setTimer || !listen) return;
  const recorder = new Recorder({
    // dispatchEvent returns false when a listener (the relay) called preventDefault.
    post: (json) => !dispatch(doc, new CustomEvent(PAGE_CHANNEL, { detail: json, cancelable: true })),
    schedule: (flush) => setTimer(flush, 0),
    clock: dateNow,
  });
  const instrumenter = createInstrumenter(
    recorder,
    overrides === undefined ? undefined : { table: overrides, setTimer: (fn, ms) => setTimer(fn, ms) },
  );
  if (fromRelay) {
    offerOverrideChannel(doc, setTimer, (list) => {
      // No override: back to the usual path, one comparison per call.
      instrumenter.useOverrides(list.length ? { table: new OverrideTable(list), setTimer: (fn, ms) => setTimer(fn, ms) } : undefined);
    });
  }
  const trap = installGlobalTrap(win, instrumenter);
  const check = (): void => trap.check();
  // Script `load` events do not bubble, but capture on the document sees every one.
  listen(doc, 'load', check, true);
  listen(doc, 'DOMContentLoaded', check, false);
  listen(win, 'load', check, false);
  // A document going away (a redirect to the bank, a reload) sends what is still queued.
  listen(win, 'pagehide', () => recorder.flush(), true);
  watchParsing(doc, check);
}

/**
 * Until DOMContentLoaded: the HTML parser performs a microtask checkpoint before it runs
 * each `<script>`, so the observer's callback sees what the previous inline script did
 * (`Object.defineProperty(window, 'Lean', …)`) before the next one calls it.
 */
function watchParsing(doc: Document, check: () => void): void {
  const Observer = MutationObserverCtor;
  const observe = mutationObserverObserve;
  const disconnect = mutationObserverDisconnect;
  const listen = addEventListener;
  const unlisten = removeEventListener;
  if (!Observer || !observe || !disconnect || !listen || !unlisten) return;
  if (doc.readyState !== 'loading') return;
  const observer = new Observer(check);
  observe(observer, doc, { childList: true, subtree: true });
  const stop = (): void => {
    disconnect(observer);
    unlisten(doc, 'DOMContentLoaded', stop, true);
  };
  listen(doc, 'DOMContentLoaded', stop, true);
}
