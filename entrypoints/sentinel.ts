import type { browser as extensionApi } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startSentinel } from '../lib/relay/sentinel';
import { SENTINEL_GLOBAL, type SentinelWake } from '../lib/protocol';
import { installE2eProbe } from '../lib/relay/e2e-probe';

// The isolated-world script of every frame (added to the manifest in wxt.config.ts, not a WXT
// content script: WXT's content-script context and the webextension polyfill would be compiled
// in every frame). It reaches the extension API through the browser's own global.
export default defineUnlistedScript(() => {
  type Api = typeof extensionApi;
  // Read only when needed: Chrome builds the `chrome.runtime` bindings of a world on first use.
  const api = (): Api => ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!;
  const sentinel = startSentinel(window, document, {
    requestRelay: () => api().runtime.sendMessage({ kind: 'wake' } satisfies SentinelWake).then((answer) => answer === true),
    clock: Date.now,
  });
  // The relay, injected later into this frame's isolated world, takes over from here; the
  // background's record request (lib/background/inject.ts) finds the sentinel here too.
  (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL] = sentinel;
  if (import.meta.env.MODE === 'e2e') installE2eProbe(document, (request) => api().runtime.sendMessage(request));
});
