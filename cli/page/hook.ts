/** The audit's MAIN-world script: the extension's hook, unchanged (`entrypoints/hook.content.ts`). */
import { startHook } from '../../lib/hook/start';

try {
  startHook(window, document);
} catch {
  // Never break the page.
}
