/**
 * The audit's isolated-world script: the extension's sentinel and relay (`entrypoints/sentinel.ts`,
 * `entrypoints/relay.ts`): quiet until the page has to do with Lean, then the relay with what the
 * sentinel held, sending through a CDP binding instead of `runtime.sendMessage`. Node receives every
 * message at once, so each is acknowledged as stored. Each message carries the time it was
 * sent (`RelayEnvelope`): what Node stamps from it (a navigation's time) does not depend on how
 * long CDP and Node took to handle it.
 */
import { RELAY_BINDING, type RelayEnvelope } from '../../lib/audit/page-channel';
import type { RelayMessage } from '../../lib/protocol';
import { randomId } from '../../lib/relay/random-id';
import { startRelay } from '../../lib/relay/start';
import { startSentinel } from '../../lib/relay/sentinel';

const binding = (globalThis as unknown as Record<string, (payload: string) => void>)[RELAY_BINDING];
if (binding) {
  const sentinel = startSentinel(window, document, {
    // Where the extension's background would inject the relay: here, in the same world.
    requestRelay: () => {
      queueMicrotask(() =>
        startRelay(window, document, {
          send: (message: RelayMessage) => {
            const envelope: RelayEnvelope = { sentAt: Date.now(), message };
            binding(JSON.stringify(envelope));
            return Promise.resolve(true);
          },
          clock: Date.now,
          randomId,
          handover: sentinel.handOver(),
        }),
      );
      return Promise.resolve(true);
    },
    clock: Date.now,
  });
}
