import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startRelay } from '../lib/relay/start';
import { randomId } from '../lib/relay/random-id';
import { SENTINEL_GLOBAL } from '../lib/protocol';
import type { Sentinel } from '../lib/relay/sentinel';
import { overrideForwarder } from '../lib/relay/override-forward';

// Injected by the background (`scripting.executeScript`) into a frame whose sentinel woke: it
// takes over what the sentinel held. Injected twice (a wake and a record request at once), the
// second finds the sentinel handed over already and does nothing.
export default defineUnlistedScript(() => {
  const sentinel = (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL] as Sentinel | undefined;
  const handover = sentinel ? sentinel.handOver() : null;
  if (sentinel && !handover) return;
  startRelay(window, document, {
    send: (message) => browser.runtime.sendMessage(message),
    clock: Date.now,
    randomId,
    handover,
  });
  // Outcome overrides, from the background only, to the hook's private node.
  browser.runtime.onMessage.addListener(overrideForwarder(handover?.hookNode ?? null, browser.runtime.id));
});
