import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startRelay } from '../lib/relay/start';
import { installE2eProbe } from '../lib/relay/e2e-probe';
import type { RecordRequest } from '../lib/protocol';
import { randomId } from '../lib/relay/random-id';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  noScriptStartedPostMessage: true,
  main() {
    startRelay(window, document, {
      send: (message) => browser.runtime.sendMessage(message),
      clock: Date.now,
      randomId,
      onRecordRequest(answer) {
        browser.runtime.onMessage.addListener((message) =>
          (message as RecordRequest | null)?.kind === 'record' ? Promise.resolve(answer()) : undefined,
        );
      },
    });
    if (import.meta.env.MODE === 'e2e') installE2eProbe(document, (request) => browser.runtime.sendMessage(request));
  },
});
