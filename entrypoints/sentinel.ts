import type { browser as extensionApi } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startSentinel } from '../lib/relay/sentinel';
import { SENTINEL_GLOBAL, type RecordRequest, type SentinelWake } from '../lib/protocol';
import { installE2eProbe } from '../lib/relay/e2e-probe';

// The isolated-world script of every frame (added to the manifest in wxt.config.ts, not a WXT
// content script: WXT's content-script context and the webextension polyfill would be compiled
// in every frame). It reaches the extension API through the browser's own global.
export default defineUnlistedScript(() => {
  type Api = typeof extensionApi;
  const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!;
  const sentinel = startSentinel(window, document, {
    requestRelay: () => void api.runtime.sendMessage({ kind: 'wake' } satisfies SentinelWake).catch(() => undefined),
    clock: Date.now,
  });
  // The relay, injected later into this frame's isolated world, takes over from here.
  (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL] = sentinel;
  if (window === window.top) {
    api.runtime.onMessage.addListener((message: unknown, _sender: unknown, respond: (answer: unknown) => void) => {
      if ((message as RecordRequest | null)?.kind !== 'record') return undefined;
      sentinel.wake();
      respond({ startedAt: sentinel.startedAt });
      return undefined;
    });
  }
  if (import.meta.env.MODE === 'e2e') installE2eProbe(document, (request) => api.runtime.sendMessage(request));
});
