/**
 * The hook's wiring: a recorder that posts to the relay over a DOM event, the
 * instrumenter, the global trap and the checkpoints at which the page may have taken
 * the global over. Every browser built-in used here was captured at document_start.
 */
import { PAGE_CHANNEL } from '../protocol';
import { Recorder } from './recorder';
import { createInstrumenter } from './instrument';
import { installGlobalTrap } from './trap';
import { addEventListener, CustomEventCtor, dateNow, dispatchEvent, setTimeoutFn } from './intrinsics';

export function startHook(win: Window, doc: Document): void {
  const CustomEvent = CustomEventCtor;
  const dispatch = dispatchEvent;
  const setTimer = setTimeoutFn;
  const listen = addEventListener;
  if (!CustomEvent || !dispatch || !setTimer || !listen) return;
  const recorder = new Recorder({
    post: (json) => dispatch(doc, new CustomEvent(PAGE_CHANNEL, { detail: json })),
    schedule: (flush) => setTimer(flush, 0),
    clock: dateNow,
  });
  const trap = installGlobalTrap(win, createInstrumenter(recorder));
  const check = (): void => trap.check();
  // Script `load` events do not bubble, but capture on the document sees every one.
  listen(doc, 'load', check, true);
  listen(doc, 'DOMContentLoaded', check, false);
  listen(win, 'load', check, false);
}
