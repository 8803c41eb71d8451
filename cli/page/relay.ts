/**
 * The audit's isolated-world script: the extension's relay (`entrypoints/relay.content.ts`),
 * sending through a CDP binding instead of `runtime.sendMessage`. Node receives every
 * message at once, so each is acknowledged as stored.
 */
import { RELAY_BINDING } from '../../lib/audit/page-channel';
import type { RelayMessage } from '../../lib/protocol';
import { randomId } from '../../lib/relay/random-id';
import { startRelay } from '../../lib/relay/start';

const binding = (globalThis as unknown as Record<string, (payload: string) => void>)[RELAY_BINDING];
if (binding) {
  startRelay(window, document, {
    send: (message: RelayMessage) => {
      binding(JSON.stringify(message));
      return Promise.resolve(true);
    },
    clock: Date.now,
    randomId,
  });
}
