import { defineContentScript } from 'wxt/utils/define-content-script';
import { startHook } from '../lib/hook/start';

// MAIN world, before any page script, in every frame. No extension API may be imported
// here (the MAIN world has none); `globalName: false` leaves no global behind.
export default defineContentScript({
  matches: ['<all_urls>'],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  globalName: false,
  main() {
    try {
      startHook(window, document, undefined, true);
    } catch {
      // Never break the page.
    }
  },
});
