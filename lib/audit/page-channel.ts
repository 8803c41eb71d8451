/**
 * How the audit's page scripts reach Node. The relay runs in an isolated world of its own
 * (as the extension's content script does), so the page can neither see nor call the binding
 * it reports through.
 */
import type { RelayMessage } from '../protocol';

export const RELAY_WORLD = 'lean-devtools-relay';
export const RELAY_BINDING = '__leanDevtoolsRelay';

/** What the relay sends through the binding: a message and when it was sent (epoch ms). */
export interface RelayEnvelope {
  sentAt: number;
  message: RelayMessage;
}
